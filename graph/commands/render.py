"""Turn result rows into a table, JSON or CSV: the one place output is formatted.

Every command hands its rows (the library's ``to_dict()`` values) to :func:`render`, so
the three formats stay consistent across commands:

- ``json`` is the rows exactly as given: the library's JSON contract, nothing added.
- ``csv`` is a header and one line per row, every field; lists are joined with ``"; "``,
  a source mapping becomes ``file:line``, and every cell passes the CSV formula-injection
  guard.
- ``table`` is a rich table for people, with the columns the command chooses: lists are
  shortened, text from the data is shown literally (``[bold]`` in a label stays
  ``[bold]``), colour only on a terminal.

Text from the data never reaches a terminal raw: control characters (ESC, and with it
OSC 52 clipboard writes, OSC 8 hyperlinks, title and CSI sequences; C1 controls such as
U+009B; CR, BS, BEL ...) are written as ``\\uXXXX`` in tables and CSV
(:func:`terminal_safe`), JSON escapes them as JSON does (``\\u001b``, ``\\u009b``), and
:class:`TerminalSafeWriter` does the same for the serialisations written to stdout. Only
tab and newline pass. Files written with ``-o`` keep the data verbatim.

A single mapping (such as the ``stats`` summary) is shown as ``field``/``value`` rows in
a table or CSV, with nested mappings flattened to dotted fields.

>>> print(render([{"id": "iran", "aliases": ["Tehran", "IR"]}], OutputFormat.csv))
id,aliases
iran,Tehran; IR
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum, StrEnum
from typing import Any

__all__ = [
    "OutputFormat",
    "render",
    "hop_rows",
    "who_rows",
    "cell_text",
    "csv_safe",
    "no_color",
    "terminal_safe",
    "TerminalSafeWriter",
]

_TABLE_LIST_LIMIT = 3  # list items shown in a table cell before "(+N more)"
_PLAIN_WIDTH = 160  # table width when stdout is not a terminal and $COLUMNS is unset
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls but tab and newline, DEL and the C1 controls: what a terminal may act on.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# The same, but a CR before LF passes (SPARQL CSV and TSV end their lines with CRLF).
_STREAM_CONTROLS = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What JSON leaves raw of those (it escapes C0 itself).
_JSON_CONTROLS = re.compile("[\x7f-\x9f]")


class OutputFormat(StrEnum):
    """How a listing is printed."""

    table = "table"
    json = "json"
    csv = "csv"


Rows = Sequence[Mapping[str, Any]]
Columns = Sequence[str] | Mapping[str, str]


def render(
    rows: Rows | Mapping[str, Any],
    fmt: OutputFormat,
    columns: Columns | None = None,
    *,
    title: str | None = None,
    verbatim: bool = False,
) -> str:
    """Format ``rows`` as ``fmt``; the result has no trailing newline.

    JSON and CSV carry every field; a CSV header is the keys in order of first appearance.
    ``columns`` picks and orders a table's columns: a list of keys (the header is the key
    with ``_`` as a space) or a mapping from key to header; by default every key. ``title``
    is shown above a table. Control characters in CSV cells are escaped
    (:func:`terminal_safe`) unless ``verbatim`` (for a file, not a terminal).
    """
    if fmt is OutputFormat.json:
        return _json_escaped(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
    if isinstance(rows, Mapping):
        rows = _field_rows(rows)
    if fmt is OutputFormat.csv:
        return _csv(rows, _keys(rows), (lambda text: text) if verbatim else terminal_safe)
    keys = _keys(rows) if columns is None else columns
    headers = keys if isinstance(keys, Mapping) else {key: key.replace("_", " ") for key in keys}
    return _table(rows, headers, title)


def hop_rows(paths: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flatten path dicts (``actorgraph.query.paths.Path.to_dict()``) into one row per linking
    statement.

    The relation reads in the direction of the path: ``supports ->`` when the hop's first
    actor is the subject, ``<- attacks`` when it is the object.
    """
    return [
        {
            "path": number,
            "step": step,
            "from": hop["from"],
            "relation": _arrow(link),
            "to": hop["to"],
            "statement": link["statement"],
            "sources": [_source_ref(text) for text in link["sources"]],
        }
        for number, path in enumerate(paths, start=1)
        for step, hop in enumerate(path["hops"], start=1)
        for link in hop["links"]
    ]


def who_rows(found: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Summarise ``who`` results (``actorgraph.query.relations.WhoRow.to_dict()``) for a table.

    One row per actor: how it relates (each relation with its count), how firmly (each
    stance with its count, roll-ups counted apart) and the source lines behind it.

    >>> row = who_rows([{"id": "iran", "label": "Iran", "statements": [
    ...     {"relation": "supports", "stance": "asserted", "derived": False,
    ...      "sources": [{"document": "a.txt", "line": 9}]},
    ...     {"relation": "supports", "stance": "claimed", "derived": True,
    ...      "sources": [{"document": "a.txt", "line": 4}]}]}])[0]
    >>> row["relations"], row["stances"], row["sources"]
    ('supports ×2', 'asserted; claimed; 1 roll-up', 'a.txt:4, 9')
    """
    return [
        {
            "id": actor["id"],
            "label": actor["label"],
            "relations": _counted(s["relation"] for s in actor["statements"]),
            "stances": "; ".join(
                filter(
                    None,
                    [
                        _counted(s["stance"] for s in actor["statements"]),
                        _rollups(sum(1 for s in actor["statements"] if s["derived"])),
                    ],
                )
            ),
            "sources": _lines_by_document(src for s in actor["statements"] for src in s["sources"]),
        }
        for actor in found
    ]


def _counted(names: Iterable[str]) -> str:
    """``a ×2; b``: each distinct name once, in first-seen order, with its count if > 1."""
    counts = Counter(names)
    return "; ".join(f"{name} ×{n}" if n > 1 else name for name, n in counts.items())


def _source_ref(text: str) -> dict[str, Any]:
    """``"a.txt:3"`` as ``{"document": "a.txt", "line": 3}``."""
    document, _, line = text.rpartition(":")
    return {"document": document, "line": int(line)}


def _lines_by_document(sources: Iterable[Mapping[str, Any]]) -> str:
    """Source references grouped by document: ``a.txt:4, 9; b.txt:2``."""
    lines: dict[str, set[int]] = {}
    for source in sources:
        lines.setdefault(source["document"], set()).add(int(source["line"]))
    return "; ".join(
        f"{document}:{', '.join(map(str, sorted(numbers)))}"
        for document, numbers in sorted(lines.items())
    )


def _rollups(n: int) -> str:
    return "" if n == 0 else f"{n} roll-up" + ("s" if n > 1 else "")


def cell_text(value: Any, *, limit: int | None = None) -> str:
    """One value as cell text; ``limit`` shortens lists to that many items.

    >>> cell_text([{"document": "a.txt", "line": 3}, {"file": "b.ttl", "line": 9}])
    'a.txt:3; b.ttl:9'
    >>> cell_text(["a", "b", "c", "d"], limit=2)
    'a; b; (+2 more)'
    >>> cell_text({"id": "iran", "label": "Iran"})
    'Iran'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return _mapping_text(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [cell_text(item) for item in value]
        if limit is not None and len(items) > limit:
            items = [*items[:limit], f"(+{len(items) - limit} more)"]
        return "; ".join(items)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def terminal_safe(text: str) -> str:
    """``text`` with every control character a terminal could act on written as ``\\uXXXX``
    (tab and newline kept): OSC, DCS and CSI sequences become harmless text.

    >>> print(terminal_safe("a\\x1b]52;c;cHduZWQ=\\x07b \\x9b31m\\tc"))
    a\\u001B]52;c;cHduZWQ=\\u0007b \\u009B31m	c
    """
    return _CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04X}"


def _json_escaped(text: str) -> str:
    """JSON text with DEL and the C1 controls escaped too (the same string once parsed).

    >>> _json_escaped(json.dumps("\\x1b\\x9b", ensure_ascii=False))
    '"\\\\u001b\\\\u009b"'
    """
    return _JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalSafeWriter:
    """A binary stream (stdout) that gets UTF-8 text with its control characters escaped
    as ``\\uXXXX``, as :func:`terminal_safe` (CRLF line ends kept). In JSON, Turtle,
    TriG, N-Triples and N-Quads that escape is only another spelling of the same string,
    so the data reads back unchanged; in CSV and TSV the control characters become text."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self._held = ""  # a CR at the end of a chunk, until the next shows if LF follows

    def write(self, data: bytes) -> int:
        self._emit(self._decoder.decode(bytes(data)))
        return len(data)

    def _emit(self, text: str, final: bool = False) -> None:
        text = self._held + text
        self._held = ""
        if text.endswith("\r") and not final:
            text, self._held = text[:-1], "\r"
        if text:
            safe = _STREAM_CONTROLS.sub(_escaped, text)
            self.raw.write(safe.encode("utf-8", "surrogateescape"))

    def flush(self) -> None:
        self._emit(self._decoder.decode(b"", final=True), final=True)
        self.raw.flush()


def no_color() -> bool:
    """Whether the user asked for plain output: ``NO_COLOR`` is set and not empty."""
    return bool(os.environ.get("NO_COLOR"))


def _on_terminal() -> bool:
    """Whether stdout is a terminal (tables get styles only there)."""
    return sys.stdout.isatty()


def csv_safe(text: str) -> str:
    """Guard a CSV cell against formula injection: a leading ``= + - @`` gets a quote.

    Numbers are left alone so ``-5`` stays a number.

    >>> csv_safe("=HYPERLINK(1)"), csv_safe("-5"), csv_safe("Iran")
    ("'=HYPERLINK(1)", '-5', 'Iran')
    """
    if text.startswith(_FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _mapping_text(value: Mapping[str, Any]) -> str:
    """A nested mapping in one cell: a source as ``file:line``, an actor by its label."""
    where = value.get("file") or value.get("document")
    if where is not None and value.get("line") is not None:
        return f"{where}:{value['line']}"
    for key in ("label", "id", "name", "statement"):
        if value.get(key):
            return cell_text(value[key])
    return ", ".join(f"{key}={cell_text(item)}" for key, item in value.items())


def _arrow(link: Mapping[str, Any]) -> str:
    return f"{link['relation']} ->" if link["direction"] == "forward" else f"<- {link['relation']}"


def _keys(rows: Rows) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _field_rows(record: Mapping[str, Any], prefix: str = "") -> list[dict[str, Any]]:
    """Flatten one record into ``field``/``value`` rows; nested mappings get dotted fields."""
    rows: list[dict[str, Any]] = []
    for key, value in record.items():
        field = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows.extend(_field_rows(value, prefix=f"{field}."))
        else:
            rows.append({"field": field, "value": value})
    return rows


def _csv(rows: Rows, keys: Sequence[str], safe: Callable[[str], str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_safe(safe(key)) for key in keys])
    for row in rows:
        writer.writerow([csv_safe(safe(cell_text(row.get(key)))) for key in keys])
    return buffer.getvalue().rstrip("\n")


def _table_text(value: Any) -> str:
    """A table cell: source references grouped by document, long lists shortened.

    >>> _table_text([{"document": "a.txt", "line": 3}, {"document": "a.txt", "line": 9}])
    'a.txt:3, 9'
    """
    if (
        isinstance(value, list | tuple)
        and value
        and all(isinstance(v, Mapping) and {"document", "line"} <= v.keys() for v in value)
    ):
        return _lines_by_document(value)
    return cell_text(value, limit=_TABLE_LIST_LIMIT)


def _shown(row: Mapping[str, Any], key: str) -> Any:
    """A row's value as a table shows it: a statement's relation says when the statement is
    an ending or not actual, which JSON and CSV carry in fields of their own.

    >>> _shown({"relation": "leaderOf", "ending": True}, "relation")
    'leaderOf (ended)'
    >>> _shown({"relation": "attacks", "modality": "planned"}, "relation")
    'attacks (planned)'
    """
    value = row.get(key)
    if key != "relation" or not value:
        return value
    if row.get("ending") is True:
        return f"{value} (ended)"
    modality = row.get("modality")
    if modality and modality != "actual":
        return f"{value} ({modality})"
    return value


def _table(rows: Rows, headers: Mapping[str, str], title: str | None) -> str:
    # rich is imported here, when a table is drawn: importing it takes about 20 ms, which
    # JSON and CSV output (and every command's start-up) would otherwise pay.
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=Text(terminal_safe(title)) if title else None,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        header_style="bold",
        title_justify="left",
    )
    cells = [[terminal_safe(_table_text(_shown(row, key))) for key in headers] for row in rows]
    shown = [i for i in range(len(headers)) if any(line[i] for line in cells)]  # no empty column
    names = list(headers.values())
    for i in shown:
        table.add_column(Text(terminal_safe(names[i])), overflow="fold")
    for line in cells:
        table.add_row(*(Text(line[i]) for i in shown))
    buffer = io.StringIO()
    tty = _on_terminal()
    console = Console(
        file=buffer,
        width=shutil.get_terminal_size((_PLAIN_WIDTH, 24)).columns,
        force_terminal=tty,
        # NO_COLOR (no-color.org) removes every style, bold included: rich's own no_color
        # only drops colours, while no colour system writes no escape codes at all.
        color_system="auto" if tty and not no_color() else None,
        no_color=no_color(),
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())
