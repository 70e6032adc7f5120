"""The review sheet: candidate statements in fixed columns, as CSV or JSON, and its actors sheet.

The columns are fixed: ``document, line, subject, relation, family, object, stance,
attributed_to, date, excerpt, note, score, decision, reason``. In CSV ``attributed_to`` is
``|``-separated; in JSON it is a list. Unknown actors (``?`` + surface text) go into an
actors sheet beside the review sheet (``REVIEW.actors.csv``) with the columns of
:data:`ACTOR_COLUMNS`, for the curator to fill in.

>>> row = to_row(Candidate("d.txt", 3, "iran", "supports", "supports", "syria",
...                        attributed_to=("sohr", "?x")))
>>> row["attributed_to"], row["decision"]
('sohr|?x', '')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import UsageError
from .candidate import Candidate

__all__ = [
    "COLUMNS",
    "ACTOR_COLUMNS",
    "to_row",
    "render_csv",
    "render_json",
    "read_sheet",
    "sheet_columns",
    "write_sheet",
    "actors_sheet_path",
    "write_actors_sheet",
]

COLUMNS = (
    "document",
    "line",
    "subject",
    "relation",
    "family",
    "object",
    "stance",
    "attributed_to",
    "date",
    "excerpt",
    "note",
    "score",
    "decision",
    "reason",
)
ACTOR_COLUMNS = ("surface", "id", "class", "label_en", "label_ar", "aliases", "wikidata", "comment")


def to_row(candidate: Candidate) -> dict[str, str]:
    """``candidate`` as a CSV row: every cell text, ``attributed_to`` joined by ``|``."""
    row = {name: getattr(candidate, name) for name in COLUMNS}
    row["attributed_to"] = "|".join(candidate.attributed_to)
    return {name: str(value) for name, value in row.items()}


def render_csv(rows: Iterable[dict[str, str]], columns: Sequence[str] = COLUMNS) -> str:
    """``rows`` as CSV text with a header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def render_json(rows: Iterable[dict[str, str]]) -> str:
    """``rows`` as a JSON list; ``attributed_to`` a list, ``line`` and ``score`` numbers."""
    items = []
    for row in rows:
        item: dict[str, object] = dict(row)
        item["attributed_to"] = [a for a in row["attributed_to"].split("|") if a]
        item["line"] = int(row["line"])
        item["score"] = float(row["score"])
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2)


def read_sheet(
    path: Path, columns: Sequence[str] = COLUMNS, optional: Sequence[str] | None = None
) -> list[dict[str, str]]:
    """The rows of a CSV sheet with these ``columns``. Other columns are left out, unless
    ``optional`` is given: then those of its columns the header has are read too, and any
    other column is refused (a :class:`~actorgraph.errors.SheetError` naming the nearest)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                raise UsageError(
                    f"{path}:1:1: missing column(s) {', '.join(missing)}; "
                    f"the header must be: {','.join(columns)}"
                )
            if optional is not None:
                _refuse_unknown(path, header, [*columns, *optional])
            wanted = [*columns, *(c for c in optional or () if c in header)]
            return [{c: (row.get(c) or "").strip() for c in wanted} for row in reader]
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None


def _refuse_unknown(path: Path, header: Sequence[str], known: Sequence[str]) -> None:
    from ..errors import SheetError, SheetProblem
    from .resolve import nearest

    problems = []
    for name in header:
        if name not in known:
            close = nearest(name, known, 1)
            hint = f"did you mean {close[0]!r}?" if close else f"use {', '.join(known)}"
            problems.append(SheetProblem(str(path), 1, name, f"unknown column {name!r}", hint))
    if problems:
        raise SheetError(problems, "in the review sheet; nothing was written")


def sheet_columns(rows: Sequence[dict[str, str]], columns: Sequence[str] = COLUMNS) -> list[str]:
    """The columns to write ``rows`` back with: ``columns``, then any others they hold."""
    extra = [c for c in rows[0] if c not in columns] if rows else []
    return [*columns, *extra]


def write_sheet(path: Path, rows: Iterable[dict[str, str]], columns: Sequence[str] = COLUMNS):
    """Write ``rows`` to ``path`` as CSV."""
    path.write_text(render_csv(rows, columns), encoding="utf-8")


def actors_sheet_path(review: Path) -> Path:
    """``REVIEW.actors.csv`` beside ``REVIEW.csv``.

    >>> actors_sheet_path(Path("new/review.csv")).as_posix()
    'new/review.actors.csv'
    """
    return review.with_name(review.stem + ".actors.csv")


def write_actors_sheet(path: Path, unknown: Iterable[str]) -> int:
    """Write one row per unknown actor (``?`` + surface), keeping rows already filled in."""
    kept = {row["surface"]: row for row in read_sheet(path, ACTOR_COLUMNS)} if path.exists() else {}
    for surface in sorted(set(unknown)):
        kept.setdefault(surface, {c: "" for c in ACTOR_COLUMNS} | {"surface": surface})
    write_sheet(path, kept.values(), ACTOR_COLUMNS)
    return len(kept)
