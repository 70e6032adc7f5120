"""Reading and writing the tables of a sheet set: CSV, TSV, or one ``.xlsx`` workbook.

A sheet set is a directory of ``<sheet>.csv`` (or ``.tsv``) files, one ``.xlsx`` workbook
with one worksheet per sheet, or a single ``.csv``/``.tsv`` file whose name ends with a
sheet's name (``statements.csv``, ``new-statements.csv``). Cells are text: the writer
escapes them against formula injection (:func:`actorgraph.curation.cells.escape`), the
reader strips them and checks them (:mod:`actorgraph.curation.sheets`).

Workbooks are read with openpyxl only when it parses XML through defusedxml, so a
workbook with an XML entity bomb (or any DTD) is refused; the zip's unpacked size is
capped too.

>>> sheet_kind(Path("more-statements.csv")), sheet_kind(Path("x/actors.tsv"))
('statements', 'actors')
>>> import io
>>> buffer = io.StringIO()
>>> write_delimited(buffer, ["id", "note"], [["s-1", "=SUM(A1)"]], ",")
>>> buffer.getvalue()
"id,note\\r\\ns-1,'=SUM(A1)\\r\\n"
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import DataSyntaxError, UsageError
from .cells import escape
from .schema import SHEET, SHEETS

__all__ = [
    "Table",
    "SHEET_EXTENSIONS",
    "is_sheet_path",
    "is_sheet_set",
    "sheet_kind",
    "read_tables",
    "write_delimited",
    "write_workbook",
]

SHEET_EXTENSIONS = (".csv", ".tsv", ".xlsx")
_MAX_UNPACKED = 200 * 1024 * 1024  # bytes a workbook may unpack to
_BOM = "\ufeff"


@dataclass
class Table:
    """One sheet as read: where it came from, its header and its rows (row number, cells)."""

    name: str  # the sheet's name: actors, statements ...
    file: str  # how problems name it: the file, or workbook[sheet]
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def sheet_kind(path: Path) -> str | None:
    """The sheet a ``.csv``/``.tsv`` file holds, from the end of its name; None if none."""
    stem = path.stem.lower()
    for sheet in SHEETS:
        if stem == sheet.name or stem.endswith(
            ("-" + sheet.name, "_" + sheet.name, "." + sheet.name)
        ):
            return sheet.name
    return None


def is_sheet_set(path: Path) -> bool:
    """Whether the directory ``path`` holds a sheet set (actors, statements or documents)."""
    return path.is_dir() and any(
        (path / f"{name}{ext}").is_file()
        for name in ("actors", "statements", "documents")
        for ext in (".csv", ".tsv")
    )


def is_sheet_path(path: Path) -> bool:
    """Whether ``path`` is read as sheets: a sheet set directory, a workbook, a CSV or TSV."""
    return is_sheet_set(path) or (path.is_file() and path.suffix.lower() in SHEET_EXTENSIONS)


def read_tables(path: Path) -> list[Table]:
    """The tables of the sheet set at ``path``, in the order of :data:`SHEETS`."""
    if path.is_dir():
        tables = [
            _read_delimited(file, sheet.name)
            for sheet in SHEETS
            for file in (path / f"{sheet.name}.csv", path / f"{sheet.name}.tsv")
            if file.is_file()
        ]
    elif path.suffix.lower() == ".xlsx":
        tables = _read_workbook(path)
    else:
        kind = sheet_kind(path)
        if kind is None:
            names = ", ".join(s.name for s in SHEETS)
            raise UsageError(
                f"{path}: cannot tell which sheet this is; name the file after one of: "
                f"{names} (e.g. statements.csv or new-statements.csv)"
            )
        tables = [_read_delimited(path, kind)]
    order = [s.name for s in SHEETS]
    return sorted(tables, key=lambda t: order.index(t.name))


def _read_delimited(path: Path, name: str) -> Table:
    """A CSV (``,``) or TSV (tab) file as a table; it must be UTF-8."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise DataSyntaxError(
            str(path), None, None, f"not UTF-8 ({error.reason}); save the sheet as CSV UTF-8"
        ) from None
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text.removeprefix(_BOM), newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise DataSyntaxError(str(path), reader.line_num, None, str(error)) from None
    return _table(name, str(path), rows)


def _table(name: str, file: str, rows: Sequence[Sequence[str]]) -> Table:
    """A table from its rows of cells: the first is the header; blank rows are skipped."""
    header = [cell.strip() for cell in rows[0]] if rows else []
    table = Table(name, file, header)
    for number, cells in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in cells):
            table.rows.append((number, [cell.strip() for cell in cells]))
    return table


def _read_workbook(path: Path) -> list[Table]:
    """Each worksheet named after a sheet, as a table (others are refused)."""
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise UsageError("reading .xlsx needs defusedxml (pip install defusedxml)")
    _check_zip(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl and defusedxml raise many kinds
        raise DataSyntaxError(str(path), None, None, _workbook_error(error)) from None
    try:
        tables = []
        for sheet in book.worksheets:
            if sheet.title not in SHEET:
                names = ", ".join(s.name for s in SHEETS)
                raise DataSyntaxError(
                    str(path),
                    None,
                    None,
                    f"unknown worksheet {sheet.title!r}; name each worksheet after one of: {names}",
                )
            rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            tables.append(_table(sheet.title, f"{path}[{sheet.title}]", rows))
        return tables
    except DataSyntaxError:
        raise
    except Exception as error:
        raise DataSyntaxError(str(path), None, None, _workbook_error(error)) from None
    finally:
        book.close()


def _check_zip(path: Path) -> None:
    """Refuse a file that is not a zip, or unpacks to more than :data:`_MAX_UNPACKED`."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise DataSyntaxError(str(path), None, None, f"not an .xlsx workbook ({error})") from None
    if size > _MAX_UNPACKED:
        raise DataSyntaxError(
            str(path),
            None,
            None,
            f"the workbook unpacks to more than {_MAX_UNPACKED // 2**20} MB; split it or use CSV",
        )


def _workbook_error(error: Exception) -> str:
    """A short message for a workbook openpyxl could not read."""
    cause: BaseException | None = error
    while cause is not None:  # openpyxl wraps defusedxml's refusal in its own errors
        if "Forbidden" in type(cause).__name__:
            return "the workbook's XML declares entities or a DTD, which is refused (XML bomb)"
        cause = cause.__cause__ or cause.__context__
    first = str(error).splitlines()[0] if str(error) else ""
    return f"cannot read the workbook: {type(error).__name__}: {first}"


def _cell_text(value) -> str:
    """A workbook cell's value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_delimited(out, header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str):
    """Write a header and rows as CSV or TSV to the text stream ``out``, escaping cells."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([escape(cell) for cell in row])


def write_workbook(out, tables: Sequence[tuple[str, Sequence[str], list[list[str]]]]) -> None:
    """Write ``(name, header, rows)`` tables as the worksheets of one workbook to ``out``.

    Every cell is written as text (escaped like CSV), never as a formula or a number.
    """
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for name, header, rows in tables:
        sheet = book.create_sheet(name)
        sheet.append(list(header))
        for row in rows:
            sheet.append([escape(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    out.write(buffer.getvalue())
