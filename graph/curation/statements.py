"""Statement rows to statement nodes: several rows with one id are one statement.

The first row of an id carries the statement's fields; every row adds one source (document,
line, excerpt). A later row may leave the fields empty, or repeat them exactly; a different
value is a conflict. Besides what each cell's codec checks, a statement needs a subject,
relation, object, stance and note, its source cells must go together, its end date may not
come before its start date, and its fatalities must be in order (low, best, high).
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import BlankNode, Literal, NamedNode

from ..errors import SheetProblem
from ..namespaces import AG
from .cells import split
from .codecs import CellProblem
from .resolve import Resolver
from .rows import Row
from .schema import SOURCE_COLUMNS, SOURCE_LINK, STATEMENTS, TYPE

__all__ = ["statement_quads", "REQUIRED_VALUES"]

#: The cells a statement's first row must fill.
REQUIRED_VALUES = ("subject", "relation", "object", "stance", "note")
_FIELDS = [c for c in STATEMENTS.columns[1:] if c.name not in SOURCE_COLUMNS]


def statement_quads(rows: Sequence[Row], resolver: Resolver, problems: list) -> list:
    """The triples of the statement ``rows``; problems are added to ``problems``."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        ident = row.cells.get("id", "")
        if not ident:
            problems.append(row.problem("id", "the row has no id", "give every statement an id"))
            continue
        groups.setdefault(ident, []).append(row)
    triples = []
    for ident, group in groups.items():
        triples += _statement(ident, group, resolver, problems)
    return triples


def _statement(ident: str, group: list[Row], resolver: Resolver, problems: list) -> list:
    first = group[0]
    try:
        node = STATEMENTS.columns[0].codec.from_cell(ident, resolver)
    except CellProblem as problem:
        problems.append(first.problem("id", problem.message, problem.hint))
        return []
    for row in group[1:]:
        problems += _conflicts(first, row)
    problems += [
        first.problem(name, f"statement {ident!r} has no {name}", f"fill in its {name}")
        for name in REQUIRED_VALUES
        if not first.cells.get(name)
    ]
    triples = [(node, NamedNode(TYPE), NamedNode(AG + "Statement"))]
    values: dict[str, object] = {}
    for column in _FIELDS:
        text = first.cells.get(column.name, "")
        for value in split(text) if column.multi else [text] if text else []:
            try:
                term = _read(column, value, resolver, values)
            except CellProblem as problem:
                problems.append(first.problem(column.name, problem.message, problem.hint))
                continue
            values[column.name] = term
            triples.append((node, NamedNode(column.predicate), term))
    problems += _order_checks(first, values)
    for row in group:
        triples += _source(node, row, resolver, problems)
    return triples


def _read(column, value: str, resolver: Resolver, values: dict):
    """The term of one statement cell; the object of ``controls`` is looked up as a place
    first."""
    if column.name == "object" and values.get("relation") == NamedNode(AG + "controls"):
        return resolver.resolve(("place", "actor"), value)
    return column.codec.from_cell(value, resolver)


def _conflicts(first: Row, row: Row) -> list[SheetProblem]:
    """The fields of a later row of a statement that differ from its first row."""
    found = []
    for column in _FIELDS:
        text = row.cells.get(column.name, "")
        mine = first.cells.get(column.name, "")
        same = sorted(split(text)) == sorted(split(mine)) if column.multi else text == mine
        if text and not same:
            found.append(
                row.problem(
                    column.name,
                    f"duplicate id {first.cells['id']!r} with a conflicting {column.name}: "
                    f"{text!r} here, {mine!r} on row {first.number}",
                    "leave the statement's fields empty on its later rows (they add sources only)",
                )
            )
    return found


def _order_checks(row: Row, values: dict) -> list[SheetProblem]:
    """End before start, and fatalities out of order."""
    found = []
    start, end = values.get("valid_from"), values.get("valid_until")
    ordered = isinstance(start, Literal) and isinstance(end, Literal)
    if ordered and start.datatype == end.datatype and end.value < start.value:
        found.append(
            row.problem(
                "valid_until",
                f"the end date {end.value} is before the start date {start.value}",
                "swap them or fix one",
            )
        )
    counts = [(n, values.get(f"fatalities_{n}")) for n in ("low", "best", "high")]
    given = [(n, int(v.value)) for n, v in counts if isinstance(v, Literal)]
    for (lower, a), (upper, b) in zip(given, given[1:], strict=False):
        if a > b:
            found.append(
                row.problem(
                    f"fatalities_{upper}",
                    f"fatalities_{lower} ({a}) is above fatalities_{upper} ({b})",
                    "keep low <= best <= high",
                )
            )
    return found


def _source(node, row: Row, resolver: Resolver, problems: list) -> list:
    """The source reference of one row (document, line, excerpt), if it has one."""
    cells = {name: row.cells.get(name, "") for name in SOURCE_COLUMNS}
    if not any(cells.values()):
        return []
    missing = [name for name in ("document", "line") if not cells[name]]
    if missing:
        problems.append(
            row.problem(
                missing[0],
                f"a source needs a {missing[0]}",
                "fill in document and line (the excerpt is optional)",
            )
        )
        return []
    blank = BlankNode()
    triples = [(node, NamedNode(SOURCE_LINK), blank)]
    for name, text in cells.items():
        if not text:
            continue
        column = STATEMENTS.column(name)
        try:
            term = column.codec.from_cell(text, resolver)
        except CellProblem as problem:
            problems.append(row.problem(name, problem.message, problem.hint))
            continue
        triples.append((blank, NamedNode(AG + name), term))
    return triples
