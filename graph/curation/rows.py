"""The checks every sheet gets before its rows are read: header, row width, formula cells.

:func:`checked_rows` turns a :class:`~actorgraph.curation.tables.Table` into rows of
``column -> text`` (unescaped), and reports the problems of its header and cells.

>>> from .tables import Table
>>> problems = []
>>> table = Table("places", "places.csv", ["id", "label_en", "colour"],
...               [(2, ["p-1", "=1+1", "red"])])
>>> rows = checked_rows(table, problems)
>>> for p in problems: print(p.row, p.column, p.message)
1 colour unknown column 'colour'
2 label_en the cell '=1+1' would run as a formula in a spreadsheet
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SheetProblem
from .cells import looks_like_formula, unescape
from .resolve import nearest
from .schema import SHEET
from .tables import Table

__all__ = ["Row", "checked_rows"]


@dataclass
class Row:
    """One row of a sheet: where it is, and its cells by column name (unescaped, stripped)."""

    file: str
    number: int
    cells: dict[str, str]

    def problem(self, column: str | None, message: str, hint: str | None = None) -> SheetProblem:
        """A problem at this row (and ``column``)."""
        return SheetProblem(self.file, self.number, column, message, hint)


def checked_rows(table: Table, problems: list[SheetProblem]) -> list[Row]:
    """The rows of ``table``; header and cell problems are added to ``problems``."""
    sheet = SHEET[table.name]
    known = sheet.names
    seen: set[str] = set()
    for name in table.header:
        where = SheetProblem(table.file, 1, name or "(empty)", "")
        if not name:
            problems.append(_at(where, "a column has no name", "name it or delete it"))
        elif name in seen:
            problems.append(_at(where, f"column {name!r} appears twice", "keep one of them"))
        elif name not in known:
            close = nearest(name, known, 1)
            hint = f"did you mean {close[0]!r}?" if close else None
            hint = hint or f"the columns of {sheet.name}.csv are: {', '.join(known)}"
            problems.append(_at(where, f"unknown column {name!r}", hint))
        seen.add(name)
    for column in sheet.columns:
        if column.required and column.name not in table.header:
            problems.append(
                SheetProblem(
                    table.file,
                    1,
                    column.name,
                    f"missing column {column.name!r}",
                    f"add a column {column.name!r} to the header",
                )
            )
    return [_row(table, number, cells, problems) for number, cells in table.rows]


def _row(table: Table, number: int, cells: list[str], problems: list[SheetProblem]) -> Row:
    row = Row(table.file, number, {})
    if len(cells) > len(table.header) and any(cells[len(table.header) :]):
        problems.append(
            row.problem(
                None,
                f"the row has {len(cells)} cells but the header has {len(table.header)} columns",
                "remove the extra cells",
            )
        )
    for name, cell in zip(table.header, cells, strict=False):
        if not name or not cell:
            continue
        if looks_like_formula(cell):
            problems.append(
                row.problem(
                    name,
                    f"the cell {cell!r} would run as a formula in a spreadsheet",
                    f'start it with an apostrophe, "\'{cell}"; the loader removes it',
                )
            )
            continue
        row.cells[name] = unescape(cell)
    return row


def _at(where: SheetProblem, message: str, hint: str | None) -> SheetProblem:
    return SheetProblem(where.file, where.row, where.column, message, hint)
