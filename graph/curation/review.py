"""Review: accepted rows of a review sheet compiled into a seeds file; rejected rows recorded.

:func:`compile_review` reads ``REVIEW.csv`` (and ``REVIEW.actors.csv`` for the ``?`` actors)
and writes the rows whose ``decision`` is ``accept`` or ``edit`` as ``ag:Statement`` nodes in
readable Turtle (:mod:`.reviewturtle`), sorted by document, line, subject, relation and object,
with ids that a rerun gives again.
It refuses, before writing anything, a row it cannot compile completely: an accepted row
without a note, an unknown relation, decision or stance, or a ``?`` actor that the actors
sheet does not define, each reported as ``file:row:column: message`` with a fix hint. The
file is validated with the project's SHACL shapes (:mod:`actorgraph.validation`) before it
replaces ``out``. Rejected rows go into ``rejected.csv`` beside ``out`` with their reason
(the row's note, else the machine's reason), and :func:`read_rejected` gives ``suggest``
their keys so that they are never proposed again.

:func:`bulk_accept` marks undecided rows as accepted through an explicit filter only.

>>> sorted(DECISIONS)
['', 'accept', 'edit', 'reject']
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from ..errors import DataSyntaxError, SheetError, SheetProblem, UsageError, ValidationError
from ..families import relation_families
from ..namespaces import DOCUMENT
from ..resources import query_text
from .cells import split
from .codecs import CellProblem
from .mentions import lexicon
from .reviewsheet import (
    ACTOR_COLUMNS,
    COLUMNS,
    actors_sheet_path,
    read_sheet,
    sheet_columns,
    write_sheet,
)
from .reviewturtle import slug, turtle, turtle_term
from .schema import SHEET, Column

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "ReviewResult",
    "compile_review",
    "bulk_accept",
    "read_rejected",
    "REJECTED_COLUMNS",
    "QUALIFIERS",
]

ACCEPTED = frozenset({"accept", "edit"})
DECISIONS = ACCEPTED | {"", "reject"}
STANCES = frozenset({"asserted", "claimed", "denied"})
REJECTED_COLUMNS = ("document", "line", "subject", "relation", "object", "excerpt", "reason")
#: The columns of ``statements.csv`` a review sheet may add to its fixed ones (modality,
#: place, valid_from ...): read with the sheet loader's own codecs (:mod:`.schema`).
QUALIFIERS: tuple[Column, ...] = tuple(
    c for c in SHEET["statements"].columns if c.name not in COLUMNS and c.name != "id"
)
_OPTIONAL = tuple(c.name for c in QUALIFIERS)


@dataclass(frozen=True)
class ReviewResult:
    """What :func:`compile_review` did."""

    statements: int
    actors: int
    rejected: int
    out: Path
    rejected_file: Path


def _fail(path: Path, row: int, column: str, message: str) -> DataSyntaxError:
    return DataSyntaxError(str(path), row, COLUMNS.index(column) + 1, message)


def read_rejected(path: Path) -> set[tuple[str, int, str, str, str]]:
    """The keys (document, line, subject, relation, object) recorded in ``rejected.csv``."""
    if not path.exists():
        return set()
    return {
        (r["document"], int(r["line"]), r["subject"], r["relation"], r["object"])
        for r in read_sheet(path, REJECTED_COLUMNS)
    }


def compile_review(
    gs: GraphStore,
    review: Path,
    out: Path,
    *,
    prefix: str | None = None,
    published: str | None = None,
) -> ReviewResult:
    """Compile the accepted rows of ``review`` into ``out``; record its rejected rows."""
    rows = read_sheet(review, COLUMNS, _OPTIONAL)
    actors = _actor_rows(actors_sheet_path(review))
    lex = lexicon(gs)
    accepted = []
    for number, row in enumerate(rows, 2):  # row 1 is the header
        _check_row(review, number, row, actors)
        if row["decision"] in ACCEPTED:
            _resolve_ends(gs, review, number, row, lex.kinds)
            accepted.append(row)
    _read_qualifiers(gs, review, rows)
    accepted.sort(
        key=lambda r: (r["document"], int(r["line"]), r["subject"], r["relation"], r["object"])
    )
    used = sorted({a for r in accepted for a in _ends(r) if a.startswith("?")})
    text = turtle(accepted, [actors[a] for a in used], lex.kinds, prefix or slug(out.stem))
    text += "".join(_document(gs, r, published) for r in _first_rows_by_document(accepted))
    _validate_and_write(gs, text, out)
    rejected_file = out.parent / "rejected.csv"
    rejected = [r for r in rows if r["decision"] == "reject"]
    _record_rejected(rejected_file, rejected)
    return ReviewResult(len(accepted), len(used), len(rejected), out, rejected_file)


def _first_rows_by_document(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return list({row["document"]: row for row in reversed(rows)}.values())[::-1]


def _document(gs: GraphStore, row: dict[str, str], published: str | None) -> str:
    """A minimal ``ag:Document`` description for a document the graph does not describe."""
    name = row["document"]
    if gs.select(query_text("curation-document.rq"), {"file": Literal(name)}):
        return ""
    if published is None:
        raise UsageError(
            f"the graph does not describe the document {name!r}; give its publication date "
            "with --published YYYY-MM-DD, or describe it in a seeds file (docs/curation.md)"
        )
    language = "ar" if re.search("[\u0600-\u06ff]", row["excerpt"]) else "en"
    return (
        f"\n{NamedNode(DOCUMENT + name)} a ag:Document ;\n"
        f"    ag:fileName {Literal(name)} ;\n"
        f'    ag:published "{published}"^^xsd:date ;\n'
        f'    dcterms:language "{language}" ;\n'
        f"    rdfs:label {Literal(name, language='en')} .\n"
    )


def _ends(row: Mapping[str, str]) -> list[str]:
    return [row["subject"], row["object"], *[a for a in row["attributed_to"].split("|") if a]]


def _actor_rows(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    rows = {}
    for number, row in enumerate(read_sheet(path, ACTOR_COLUMNS), 2):
        if row["surface"] and row["id"]:
            for column in ("class", "label_en", "label_ar"):
                if not row[column]:
                    where = f"{path}:{number}:{ACTOR_COLUMNS.index(column) + 1}"
                    raise UsageError(
                        f"{where}: the actor {row['id']!r} has no {column}; "
                        "fill in id, class, label_en and label_ar for each actor you use"
                    )
            rows[row["surface"]] = row
    return rows


def _check_row(path: Path, number: int, row: dict[str, str], actors: Mapping) -> None:
    decision = row["decision"].casefold()
    if decision not in DECISIONS:
        raise _fail(
            path,
            number,
            "decision",
            f"unknown decision {row['decision']!r}; use accept, edit, reject or leave it empty",
        )
    row["decision"] = decision
    if decision not in ACCEPTED:
        return
    if not row["note"]:
        raise _fail(
            path,
            number,
            "note",
            "an accepted row needs a note; write one short "
            "sentence in your own words in the note column",
        )
    if row["relation"] not in relation_families():
        raise _fail(
            path,
            number,
            "relation",
            f"unknown relation {row['relation']!r}; "
            "use a relation of docs/data-model.md, e.g. supports, attacks, phoneCall",
        )
    if row["stance"] not in STANCES:
        raise _fail(
            path,
            number,
            "stance",
            f"unknown stance {row['stance']!r}; use asserted, claimed or denied",
        )
    for column in ("subject", "object", "attributed_to"):
        for name in row[column].split("|") if column == "attributed_to" else [row[column]]:
            if name.startswith("?") and name not in actors:
                raise _fail(
                    path,
                    number,
                    column,
                    f"{name!r} is not a known actor and no "
                    f"actors sheet row defines it; add its id, class and labels to "
                    f"{actors_sheet_path(path).name}, or replace it by an actor id",
                )


def _resolve_ends(
    gs: GraphStore, path: Path, number: int, row: dict[str, str], kinds: Mapping[str, str]
) -> None:
    """Each actor cell of an accepted row as an id the graph knows: ids stay, names and
    aliases become ids ("Iran", "إيران"), and anything else is refused with its row and
    column and the nearest names."""
    from ..errors import AmbiguousActorError, UnknownActorError
    from ..query.actors import resolve_actor

    for column in ("subject", "object", "attributed_to"):
        names = row[column].split("|") if column == "attributed_to" else [row[column]]
        known = []
        for name in (n for n in names if n):
            if name.startswith("?") or name in kinds:
                known.append(name)
                continue
            try:
                known.append(resolve_actor(gs, name).id)
            except (UnknownActorError, AmbiguousActorError) as error:
                raise _fail(path, number, column, str(error)) from None
        row[column] = "|".join(known)


def _read_qualifiers(gs: GraphStore, path: Path, rows: list[dict[str, str]]) -> None:
    """Read the qualifier cells of the accepted rows with the sheet loader's codecs, into
    each row's ``_qualifiers`` (Turtle lines); every bad cell is reported at once, as
    ``file:row:column: message (hint)``, and nothing is written."""
    numbered = [(n, r) for n, r in enumerate(rows, 2) if r["decision"] in ACCEPTED]
    if not any(r.get(c.name) for _n, r in numbered for c in QUALIFIERS):
        return
    from .resolve import Resolver

    resolver = Resolver(list(gs.quads()))
    problems: list[SheetProblem] = []
    for number, row in numbered:
        lines = []
        for column in QUALIFIERS:
            text = row.get(column.name, "")
            for value in split(text) if column.multi else [text] if text else []:
                try:
                    term = column.codec.from_cell(value, resolver)
                except CellProblem as problem:
                    problems.append(
                        SheetProblem(str(path), number, column.name, problem.message, problem.hint)
                    )
                    continue
                lines.append(f"    {turtle_term(column.predicate)} {turtle_term(term)} ;")
        row["_qualifiers"] = "\n".join(lines)
    if problems:
        raise SheetError(problems, "in the review sheet; nothing was written")


def _validate_and_write(gs: GraphStore, text: str, out: Path) -> None:
    """Check ``text`` with the SHACL shapes against the graph it was compiled with (the
    seeds or not, the ``--data`` files, a store), so a place or actor that only a data file
    describes is known; then write it to ``out`` atomically."""
    from pyoxigraph import RdfFormat

    from ..ingest.read import parse_data
    from ..namespaces import GRAPH_CURATED, GRAPH_DERIVED, GRAPH_INFERRED
    from ..validation.validate import validate_quads

    quads = parse_data(str(out), text.encode("utf-8"), RdfFormat.TURTLE, GRAPH_CURATED)
    built = {NamedNode(GRAPH_DERIVED), NamedNode(GRAPH_INFERRED)}
    context = [q for q in gs.quads() if q.graph_name not in built]
    violations = validate_quads({str(out): quads}, {"the graph": context})
    if violations:
        raise ValidationError(violations)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".ttl", dir=out.parent, delete=False
    ) as handle:
        handle.write(text)
    temporary = Path(handle.name)
    try:
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)


def _record_rejected(path: Path, rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    kept = read_sheet(path, REJECTED_COLUMNS) if path.exists() else []
    seen = {tuple(r[c] for c in REJECTED_COLUMNS[:5]) for r in kept}
    for row in rows:
        key = tuple(row[c] for c in REJECTED_COLUMNS[:5])
        if key not in seen:
            seen.add(key)
            kept.append(
                {c: row.get(c, "") for c in REJECTED_COLUMNS[:6]}
                | {"reason": row["note"] or row["reason"]}
            )
    write_sheet(path, kept, REJECTED_COLUMNS)


def bulk_accept(review: Path, filters: Mapping[str, str], min_score: float, *, apply: bool) -> int:
    """How many undecided rows match every ``filters`` column and ``min_score``; with
    ``apply``, mark them ``accept`` in the sheet. Refuses an empty filter."""
    if not filters and min_score <= 0:
        raise UsageError("--accept needs a filter, e.g. --accept family=talksTo --min-score 0.9")
    unknown = [c for c in filters if c not in COLUMNS]
    if unknown:
        raise UsageError(
            f"unknown column(s) {', '.join(unknown)} in --accept; use {', '.join(COLUMNS)}"
        )
    wanted = {c: ("talksTo" if v == "talks-to" else v) for c, v in filters.items()}
    rows = read_sheet(review, COLUMNS, _OPTIONAL)
    chosen = [
        r
        for r in rows
        if not r["decision"]
        and float(r["score"] or 0) >= min_score
        and all(r[c] == v for c, v in wanted.items())
    ]
    if apply and chosen:
        for row in chosen:
            row["decision"] = "accept"
        write_sheet(review, rows, sheet_columns(rows))
    return len(chosen)
