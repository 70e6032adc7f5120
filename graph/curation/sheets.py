"""Sheets as data: :func:`read_sheet_quads` turns a sheet set into quads, or refuses it whole.

The rows of ``actors``, ``places``, ``sources``, ``events`` and ``documents`` become their
nodes; ``other`` holds N-Triples terms; ``statements`` rows become statements
(:mod:`actorgraph.curation.statements`). Names in cells resolve against the ``context``
quads (ontology, seeds, earlier data files) and the sheet set's own rows
(:mod:`actorgraph.curation.resolve`). Every problem in every sheet is collected; if there is
any, :class:`~actorgraph.errors.SheetError` lists them all and nothing is returned, so a
sheet never half-loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from ..errors import SheetError, SheetProblem
from ..namespaces import GRAPH_CURATED, RDFS
from .cells import split
from .codecs import CellProblem
from .resolve import Resolver
from .rows import Row, checked_rows
from .schema import SHEET, TYPE, Sheet
from .statements import statement_quads
from .tables import Table, read_tables

__all__ = ["read_sheet_quads", "sheet_quads"]

_ENTITY_SHEETS = ("actors", "places", "sources", "events", "documents")


def read_sheet_quads(path: Path, context: Sequence[Quad] = ()) -> list[Quad]:
    """The quads (in the curated graph) of the sheet set at ``path``.

    Raises :class:`SheetError` listing every problem, and
    :class:`~actorgraph.errors.DataSyntaxError` for a file that cannot be read at all.
    """
    return sheet_quads(read_tables(path), context)


def sheet_quads(tables: Sequence[Table], context: Sequence[Quad] = ()) -> list[Quad]:
    """As :func:`read_sheet_quads`, from tables already read."""
    context = list(context)
    problems: list[SheetProblem] = []
    rows = {t.name: checked_rows(t, problems) for t in tables}
    vocabulary = Resolver(context)
    triples: list[tuple] = []
    for name in _ENTITY_SHEETS:
        triples += _entities(SHEET[name], rows.get(name, []), vocabulary, context, problems)
    triples += _other(tables, rows.get("other", []), problems)
    resolver = Resolver([*context, *(Quad(s, p, o) for s, p, o in triples)])
    triples += statement_quads(rows.get("statements", []), resolver, problems)
    if problems:
        raise SheetError(problems)
    graph = NamedNode(GRAPH_CURATED)
    return [Quad(s, p, o, graph) for s, p, o in triples]


def _entities(sheet: Sheet, rows: list[Row], resolver: Resolver, context, problems) -> list:
    """The triples of the rows of one entity sheet (actors, places ...)."""
    known = {q.subject.value: q for q in context if q.predicate.value == RDFS + "label"}
    by_id: dict[str, Row] = {}
    triples = []
    for row in rows:
        node = _node(sheet, row, resolver, problems)
        if node is None:
            continue
        if node.value in by_id:
            if by_id[node.value].cells != row.cells:
                problems.append(
                    row.problem(
                        "id",
                        f"duplicate id {row.cells.get('id')!r} with "
                        f"other values than row {by_id[node.value].number}",
                        "merge the two rows into one",
                    )
                )
            continue
        by_id[node.value] = row
        if sheet.type is not None:
            triples.append((node, NamedNode(TYPE), NamedNode(sheet.type)))
        triples += _cells(sheet, row, node, resolver, problems)
        if node.value not in known:
            problems += _new_node_checks(sheet, row)
    return triples


def _node(sheet: Sheet, row: Row, resolver: Resolver, problems) -> NamedNode | None:
    """The node a row describes, from its id (a document's file name if it has none)."""
    text = row.cells.get("id") or (row.cells.get("file_name") if sheet.name == "documents" else "")
    if not text:
        problems.append(row.problem("id", "the row has no id", "give every row an id"))
        return None
    try:
        return sheet.columns[0].codec.from_cell(text, resolver)
    except CellProblem as problem:
        problems.append(row.problem("id", problem.message, problem.hint))
        return None


def _cells(sheet: Sheet, row: Row, node, resolver: Resolver, problems) -> list:
    """The triples of one row's cells (all but its id)."""
    triples = []
    for column in sheet.columns[1:]:
        text = row.cells.get(column.name, "")
        for value in split(text) if column.multi else [text] if text else []:
            try:
                term = column.codec.from_cell(value, resolver)
            except CellProblem as problem:
                problems.append(row.problem(column.name, problem.message, problem.hint))
                continue
            triples.append((node, NamedNode(column.predicate), term))
    return triples


def _new_node_checks(sheet: Sheet, row: Row) -> list[SheetProblem]:
    """The problems of a new actor, place or source: both labels are needed (and a class)."""
    found = []
    if sheet.name in ("actors", "places", "sources"):
        for column, language in (("label_en", "English"), ("label_ar", "Arabic")):
            if not row.cells.get(column):
                found.append(
                    row.problem(
                        column,
                        f"new {sheet.name[:-1]} without an {language} label",
                        f"write its {language} name in {column}",
                    )
                )
    if sheet.name == "actors" and not row.cells.get("class"):
        found.append(
            row.problem(
                "class",
                "new actor without a class",
                "write one of State, Government, ArmedGroup, Person ...",
            )
        )
    if sheet.name == "documents":
        found += _line_ranges(row)
    return found


def _line_ranges(row: Row) -> list[SheetProblem]:
    """A problem if ``not_own_lines`` is not a list of line ranges such as ``1,23-26``."""
    text = row.cells.get("not_own_lines", "")
    for part in filter(None, (p.strip() for p in text.split(","))):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()) or int(high or low) < int(low):
            return [
                row.problem(
                    "not_own_lines",
                    f"{part!r} is not a line range",
                    "write 1-based ranges separated by commas, e.g. 1,23-26,36",
                )
            ]
    return []


def _other(tables: Sequence[Table], rows: list[Row], problems) -> list:
    """The triples of ``other``: one N-Triples statement per row (blank nodes shared)."""
    if not rows:
        return []
    text = "".join(
        f"{r.cells.get('subject', '')} {r.cells.get('predicate', '')} "
        f"{r.cells.get('object', '')} .\n"
        for r in rows
    )
    try:
        quads = list(parse(text.encode("utf-8"), RdfFormat.N_TRIPLES, rename_blank_nodes=True))
    except SyntaxError as error:
        row = rows[(error.lineno or 1) - 1]
        problems.append(
            row.problem(
                None,
                f"not an N-Triples triple: {error.msg}",
                "write each term as <iri>, _:name or a literal",
            )
        )
        return []
    return [(q.subject, q.predicate, q.object) for q in quads]
