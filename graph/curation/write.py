"""A graph's curated data as sheets: :func:`graph_tables`, written by :func:`write_sheets`.

Everything but the graphs actorgraph builds itself (ontology, derived, inferred) goes into
the sheets of :mod:`actorgraph.curation.schema`: one row per actor, place, unnamed source,
event and document, and one row per source of each statement (the statement's own fields
on its first row only). Every cell is checked to read back as the term it came from; a
triple that no column can hold that way goes to ``other.csv``, so loading the sheets gives
the same graph again.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import BlankNode, NamedNode, Quad, Triple

from ..files import write_atomically
from ..namespaces import AG, GRAPH_DERIVED, GRAPH_INFERRED, GRAPH_ONTOLOGY
from .cells import join
from .codecs import CellProblem
from .resolve import Resolver
from .schema import OTHER, SHEETS, SOURCE_LINK, STATEMENTS, TYPE, Column, Sheet
from .tables import write_delimited, write_workbook

__all__ = ["Tables", "graph_tables", "write_sheets", "write_xlsx", "curated_quads"]

Tables = list[tuple[str, list[str], list[list[str]]]]
_BUILT = {GRAPH_ONTOLOGY, GRAPH_DERIVED, GRAPH_INFERRED}
_SOURCE_PARTS = {AG + "document": "document", AG + "line": "line", AG + "excerpt": "excerpt"}


def curated_quads(quads: Iterable[Quad]) -> list[Quad]:
    """``quads`` without those of the graphs actorgraph builds itself."""
    return [q for q in quads if q.graph_name.value not in _BUILT]


def graph_tables(quads: Sequence[Quad]) -> Tables:
    """The sheets (name, header, rows) of a graph's ``quads`` (all graphs, ontology too)."""
    resolver = Resolver(quads)
    data = curated_quads(quads)
    triples = sorted({Triple(q.subject, q.predicate, q.object) for q in data}, key=str)
    by_subject: defaultdict = defaultdict(list)
    for t in triples:
        by_subject[t.subject].append(t)
    writer = _Writer(resolver, by_subject)
    for subject, found in by_subject.items():
        if not isinstance(subject, BlankNode):
            writer.add(subject, found)
    writer.other.extend(t for s in writer.loose_blanks() for t in by_subject[s])
    return writer.tables()


def write_sheets(quads: Sequence[Quad], directory: Path, delimiter: str = ",") -> list[Path]:
    """Write the sheets of ``quads`` into ``directory`` (created), one file per sheet."""
    directory.mkdir(parents=True, exist_ok=True)
    suffix = ".tsv" if delimiter == "\t" else ".csv"
    written = []
    for name, header, rows in graph_tables(quads):
        text = io.StringIO()
        write_delimited(text, header, rows, delimiter)
        target = directory / f"{name}{suffix}"
        write_atomically(target, lambda out, t=text: out.write(t.getvalue().encode("utf-8")))
        written.append(target)
    return written


def write_xlsx(quads: Sequence[Quad], out: BinaryIO) -> None:
    """Write the sheets of ``quads`` as one workbook, one worksheet per sheet."""
    write_workbook(out, graph_tables(quads))


class _Writer:
    """Collects rows per sheet and the triples left for ``other.csv``."""

    def __init__(self, resolver: Resolver, by_subject):
        self.resolver, self.by_subject = resolver, by_subject
        self.rows: dict[str, list[list[str]]] = {s.name: [] for s in SHEETS}
        self.other: list[Triple] = []
        self.used_blanks: set = set()
        self.classes = resolver.actor_classes()

    def add(self, subject: NamedNode, triples: list[Triple]) -> None:
        """Put ``subject`` on its sheet, or its triples on ``other``."""
        types = {t.object.value for t in triples if t.predicate.value == TYPE}
        sheet = _sheet_for(types, self.classes)
        id_cell = self._cell(sheet.columns[0], subject) if sheet else None
        if sheet is None or id_cell is None:
            self.other.extend(triples)
            return
        cells: dict[str, list[str]] = defaultdict(list)
        cells[sheet.columns[0].name].append(id_cell)
        sources = []
        for t in triples:
            if (
                sheet.type is not None
                and t.predicate.value == TYPE
                and t.object.value == sheet.type
            ):
                continue
            if sheet is STATEMENTS and t.predicate.value == SOURCE_LINK:
                source = self._source(t.object)
                if source is not None:
                    sources.append(source)
                    continue
            if not self._place(sheet, cells, t):
                self.other.append(t)
        self._rows(sheet, cells, sources)

    def _place(self, sheet: Sheet, cells: dict[str, list[str]], t: Triple) -> bool:
        """Put ``t``'s object into a column of ``sheet`` that can hold it; False if none."""
        for column in sheet.columns[1:]:
            if column.predicate != t.predicate.value or (cells[column.name] and not column.multi):
                continue
            if column.name == "class" and t.object.value not in self.classes:
                continue
            cell = self._cell(column, t.object)
            if cell is not None:
                cells[column.name].append(cell)
                return True
        return False

    def _cell(self, column: Column, term) -> str | None:
        """The cell text for ``term`` that reads back as ``term``, or None."""
        candidates = [column.codec.to_cell(term)]
        if isinstance(term, NamedNode):
            candidates.append(f"<{term.value}>")
        for cell in candidates:
            if cell is None:
                continue
            try:
                if column.codec.from_cell(cell, self.resolver) == term:
                    return cell
            except CellProblem:
                continue
        return None

    def _source(self, node) -> dict[str, str] | None:
        """The cells of a source reference, if its blank node fits the source columns."""
        if not isinstance(node, BlankNode) or node in self.used_blanks:
            return None
        parts = self.by_subject.get(node, [])
        cells: dict[str, str] = {}
        for t in parts:
            name = _SOURCE_PARTS.get(t.predicate.value)
            cell = self._cell(STATEMENTS.column(name), t.object) if name else None
            if cell is None or name in cells:
                return None
            cells[name] = cell
        if "document" not in cells or "line" not in cells:
            return None
        self.used_blanks.add(node)
        return cells

    def _rows(self, sheet: Sheet, cells: dict[str, list[str]], sources: list[dict]) -> None:
        """Add the row(s) of one node: one per source for a statement."""
        first = [
            join(sorted(cells[c.name])) if c.multi else "".join(cells[c.name])
            for c in sheet.columns
        ]
        if sheet is not STATEMENTS:
            self.rows[sheet.name].append(first)
            return
        sources.sort(key=lambda s: (s["document"], int(s["line"]), s.get("excerpt", "")))
        index = {name: sheet.names.index(name) for name in ("document", "line", "excerpt")}
        for n, source in enumerate(sources or [{}]):
            row = first if n == 0 else [first[0]] + [""] * (len(first) - 1)
            for name, position in index.items():
                row[position] = source.get(name, "")
            self.rows[sheet.name].append(row)

    def loose_blanks(self) -> list:
        """Blank nodes not written as a source reference: their triples go to ``other``."""
        return [
            s for s in self.by_subject if isinstance(s, BlankNode) and s not in self.used_blanks
        ]

    def tables(self) -> Tables:
        """The sheets with their rows (``other`` as N-Triples terms), in order."""
        self.rows[OTHER.name] = [
            [str(t.subject), str(t.predicate), str(t.object)] for t in self.other
        ]
        return [(s.name, s.names, self.rows[s.name]) for s in SHEETS]


def _sheet_for(types: set[str], classes: frozenset[str]) -> Sheet | None:
    """The sheet for a node of these rdf:types: statement, actor, place ... or None."""
    for sheet in SHEETS:
        if sheet.name == "actors" and types & classes:
            return sheet
        if sheet.type is not None and sheet.type in types:
            return sheet
    return None
