"""``actorgraph validate`` for any data: sheet checks, SHACL, and citations against the corpus.

:func:`check_data` reads the data files (sheets and RDF alike) with the seeds as context.
A sheet with problems is reported row by row (``file:row:column: message (hint)``) and
nothing else is checked; otherwise the SHACL shapes run, and every citation of the data is
checked against the corpus documents (:mod:`actorgraph.curation.corpus`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SheetError, SheetProblem, Violation
from .corpus import check_citations, citations, corpus_dir

__all__ = ["DataReport", "check_data"]


@dataclass
class DataReport:
    """What :func:`check_data` found: failures, and warnings that do not fail."""

    problems: list[SheetProblem] = field(default_factory=list)  # sheet and citation errors
    violations: list[Violation] = field(default_factory=list)  # SHACL
    warnings: list[SheetProblem] = field(default_factory=list)
    corpus: Path | None = None  # the corpus the citations were checked against
    corpus_missing: bool = False  # the corpus was not found: citations not checked

    @property
    def failed(self) -> bool:
        """Whether anything fails the data."""
        return bool(self.problems or self.violations)


def check_data(paths: Sequence[Path], *, corpus: Path | None = None) -> DataReport:
    """Check the data ``paths`` (sheets or RDF) with the seeds as context; see the module."""
    from ..ingest.read import read_inputs
    from ..validation.validate import check_quads

    try:
        inputs = read_inputs(paths)
    except SheetError as error:
        return DataReport(problems=list(error.problems))
    findings = check_quads(inputs.data, inputs.seeds | inputs.ontology)
    report = DataReport(violations=findings.violations)
    directory = corpus_dir(corpus)
    if not directory.is_dir():
        report.corpus_missing = True
        return report
    report.corpus = directory
    described = [q for part in (inputs.seeds, inputs.data) for qs in part.values() for q in qs]
    rows = {k: v for p in paths for k, v in _sheet_rows(p).items()}
    errors, warnings = check_citations(citations(inputs.data), described, directory, rows)
    report.problems += errors
    report.warnings += warnings
    return report


def _sheet_rows(path: Path) -> dict[tuple[str, int], tuple[str, int]]:
    """For a sheet set: (statement IRI, line) -> (file, row) of each statement row."""
    from .cells import unescape
    from .codecs import CellProblem
    from .schema import STATEMENTS
    from .tables import is_sheet_path, read_tables

    if not is_sheet_path(path):
        return {}
    found = {}
    for table in read_tables(path):
        if table.name != "statements" or "id" not in table.header:
            continue
        ident, line = table.header.index("id"), _index(table.header, "line")
        for number, cells in table.rows:
            if line is None or line >= len(cells) or not cells[line].isdigit():
                continue
            try:
                iri = STATEMENTS.columns[0].codec.from_cell(unescape(cells[ident]), None).value
            except CellProblem:
                continue
            found[(iri, int(cells[line]))] = (table.file, number)
    return found


def _index(header: list[str], name: str) -> int | None:
    return header.index(name) if name in header else None
