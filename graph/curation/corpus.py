"""Citations checked against the corpus: the line exists, is the document's own, and holds
the excerpt verbatim.

The corpus is a directory of documents, one paragraph per line (``--corpus DIR``, else
``$ACTORGRAPH_CORPUS``, else ``../shared/corpus``). A document is found by its
``ag:fileName``; the lines it marks as not its own (``ag:notOwnLines``, ``1,23-26``) may not
be cited. A citation in a sheet is reported at its row; one in an RDF file at its
statement.

>>> sorted(line_ranges("1,23-25"))
[1, 23, 24, 25]
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Quad

from ..errors import SheetProblem
from ..namespaces import AG, compact

__all__ = ["Citation", "corpus_dir", "line_ranges", "citations", "check_citations"]

_DEFAULT = Path("..") / "shared" / "corpus"


@dataclass(frozen=True)
class Citation:
    """One source of one statement: the document's IRI, the line, the excerpt (or None)."""

    file: str
    statement: str
    document: str
    line: int
    excerpt: str | None


def corpus_dir(given: Path | None = None) -> Path:
    """The corpus directory: ``given``, else ``$ACTORGRAPH_CORPUS``, else ``../shared/corpus``."""
    if given is not None:
        return given
    return Path(os.environ.get("ACTORGRAPH_CORPUS") or _DEFAULT)


def line_ranges(text: str) -> set[int]:
    """The lines of a range list such as ``1,23-26`` (malformed parts are skipped)."""
    lines: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        low, _, high = part.partition("-")
        if low.isdigit() and (not high or high.isdigit()):
            lines.update(range(int(low), int(high or low) + 1))
    return lines


def citations(files: Mapping[str, Sequence[Quad]]) -> list[Citation]:
    """Every source reference of every statement in ``files`` (name -> quads)."""
    found = []
    for name, quads in files.items():
        links = [(q.subject.value, q.object) for q in quads if q.predicate.value == AG + "source"]
        parts: defaultdict = defaultdict(dict)
        for q in quads:
            if q.predicate.value in (AG + "document", AG + "line", AG + "excerpt"):
                parts[q.subject][q.predicate.value[len(AG) :]] = q.object.value
        for statement, node in links:
            part = parts.get(node, {})
            if "document" in part and part.get("line", "").isdigit():
                found.append(
                    Citation(
                        name, statement, part["document"], int(part["line"]), part.get("excerpt")
                    )
                )
    return sorted(found, key=lambda c: (c.file, c.statement, c.document, c.line))


def check_citations(
    cited: Sequence[Citation],
    described: Sequence[Quad],
    corpus: Path,
    rows: Mapping[tuple[str, int], tuple[str, int]] | None = None,
) -> tuple[list[SheetProblem], list[SheetProblem]]:
    """The errors and the warnings of ``cited`` against the ``corpus`` documents
    ``described`` (quads).

    Errors: a line beyond the document's end, a line it marks as not its own, an excerpt
    not verbatim in its line. Warnings (nothing to check against): a document that is not
    described, or not in the corpus. ``rows`` maps (statement IRI, line) to the sheet
    file and row that cite it, for sheets; other citations are reported at their statement.
    """
    documents = _documents(described)
    texts: dict[str, list[str] | None] = {}
    problems: list[SheetProblem] = []
    warnings: list[SheetProblem] = []
    for c in cited:
        file, row = (rows or {}).get((c.statement, c.line), (c.file, None))
        column = "line" if row is not None else None

        node = None if row is not None else compact(c.statement)

        def problem(message, hint, column=column, file=file, row=row, node=node):
            return SheetProblem(file, row, column, message, hint, node)

        name, not_own = documents.get(c.document, (None, set()))
        if name is None:
            warnings.append(
                problem(
                    f"{compact(c.document)} is not described",
                    "add it to documents.csv (or as an ag:Document) with its file name",
                )
            )
            continue
        if name not in texts:
            path = corpus / name
            texts[name] = path.read_text("utf-8").splitlines() if path.is_file() else None
        lines = texts[name]
        if lines is None:
            warnings.append(
                problem(
                    f"{name} is not in the corpus {corpus}",
                    "put the document there, or name the corpus with --corpus DIR",
                )
            )
        elif c.line > len(lines):
            problems.append(
                problem(
                    f"line {c.line} is beyond the end of {name} ({len(lines)} lines)",
                    "cite a line of the document",
                )
            )
        elif c.line in not_own:
            problems.append(
                problem(
                    f"line {c.line} of {name} is not the document's own statement (ag:notOwnLines)",
                    "cite the document's own text",
                )
            )
        elif c.excerpt and c.excerpt not in lines[c.line - 1]:
            problems.append(
                SheetProblem(
                    file,
                    row,
                    "excerpt" if row is not None else None,
                    f"the excerpt is not verbatim in line {c.line} of {name}",
                    f"copy it exactly from the line: {lines[c.line - 1]!r}",
                    node,
                )
            )
    return problems, warnings


def _documents(quads: Sequence[Quad]) -> dict[str, tuple[str | None, set[int]]]:
    """Each document's file name and the lines it marks as not its own."""
    names: dict[str, str] = {}
    not_own: defaultdict[str, set[int]] = defaultdict(set)
    for q in quads:
        if q.predicate.value == AG + "fileName":
            names[q.subject.value] = q.object.value
        elif q.predicate.value == AG + "notOwnLines":
            not_own[q.subject.value] |= line_ranges(q.object.value)
    return {iri: (name, not_own[iri]) for iri, name in names.items()}
