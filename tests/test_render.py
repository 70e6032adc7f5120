"""Tests for actorgraph.commands.render: one formatter for table, JSON and CSV output."""

from __future__ import annotations

import csv
import io
import json

import pytest
from actorgraph.commands.render import OutputFormat, cell_text, csv_safe, hop_rows, render

ROWS = [
    {
        "id": "test-alpha",
        "label": "[bold]Alpha[/bold]",
        "label_ar": "ألفا",
        "type": "ArmedGroup",
        "aliases": ["A1", "A2", "A3", "A4", "A5"],
        "sources": [{"document": "doc.txt", "line": 18, "excerpt": "..."}],
    },
    {
        "id": "test-beta",
        "label": '=HYPERLINK("http://x")',
        "label_ar": "بيتا",
        "type": "Person",
        "aliases": [],
        "sources": [{"file": "b.ttl", "line": 3}, {"file": "b.ttl", "line": 7}],
    },
]


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_json_is_the_rows_exactly_with_arabic_unescaped():
    out = render(ROWS, OutputFormat.json, columns=["id"])
    assert json.loads(out) == ROWS
    assert "ألفا" in out


def test_json_of_a_single_record_keeps_its_shape():
    record = {"actors": 2, "by_family": {"supports": 1}}
    assert json.loads(render(record, OutputFormat.json)) == record


def test_csv_has_header_and_flattened_cells():
    parsed = _csv_rows(render(ROWS, OutputFormat.csv))
    assert parsed[0] == ["id", "label", "label_ar", "type", "aliases", "sources"]
    assert parsed[1][4] == "A1; A2; A3; A4; A5"  # CSV never shortens lists
    assert parsed[1][5] == "doc.txt:18"
    assert parsed[2][5] == "b.ttl:3; b.ttl:7"
    assert parsed[2][2] == "بيتا"


def test_csv_guards_formula_cells():
    parsed = _csv_rows(render(ROWS, OutputFormat.csv))
    assert parsed[2][:2] == ["test-beta", '\'=HYPERLINK("http://x")']


def test_csv_ignores_table_columns_and_carries_every_field():
    parsed = _csv_rows(render(ROWS, OutputFormat.csv, columns=["label"]))
    assert parsed[0] == ["id", "label", "label_ar", "type", "aliases", "sources"]
    assert render([], OutputFormat.csv, columns=["a"]) == ""


def test_table_columns_pick_order_and_name_the_columns():
    out = render(ROWS, OutputFormat.table, columns={"type": "Kind", "id": "Id"})
    header = out.splitlines()[0].split()
    assert header == ["Kind", "Id"]
    assert "test-alpha" in out and "Alpha" not in out


def test_table_shows_markup_literally_and_arabic_as_is():
    out = render(ROWS, OutputFormat.table, columns=["id", "label", "label_ar"], title="[red]T")
    assert "[bold]Alpha[/bold]" in out
    assert "[red]T" in out
    assert "ألفا" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_table_shortens_long_lists_and_names_columns_readably():
    out = render(ROWS, OutputFormat.table, columns=["id", "label_ar", "aliases"])
    assert "A1; A2; A3; (+2 more)" in out
    assert "label ar" in out
    assert "A5" not in out


def test_table_has_no_trailing_spaces():
    out = render(ROWS, OutputFormat.table)
    assert all(line == line.rstrip() for line in out.splitlines())


def test_single_record_becomes_field_value_rows():
    record = {"actors": 2, "by_family": {"supports": 1, "opposes": 0}}
    parsed = _csv_rows(render(record, OutputFormat.csv))
    assert parsed == [
        ["field", "value"],
        ["actors", "2"],
        ["by_family.supports", "1"],
        ["by_family.opposes", "0"],
    ]
    table = render(record, OutputFormat.table)
    assert "by_family.opposes" in table


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "yes"),
        (3, "3"),
        ({"id": "iran", "label": "Iran"}, "Iran"),
        ({"id": "iran"}, "iran"),
        ({"document": "d.txt", "line": 4}, "d.txt:4"),
        (["a", {"label": "B"}], "a; B"),
        (OutputFormat.csv, "csv"),
    ],
)
def test_cell_text(value, expected):
    assert cell_text(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+x", "'+x"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-5", "-5"),
        ("Iran", "Iran"),
        ("", ""),
    ],
)
def test_csv_safe(text, expected):
    assert csv_safe(text) == expected


def test_hop_rows_read_in_the_direction_of_the_path():
    link = {"statement": "s1", "relation": "supports", "family": "supports", "sources": ["d:1"]}
    paths = [
        {
            "length": 2,
            "actors": ["a", "b", "c"],
            "hops": [
                {"from": "a", "to": "b", "links": [{**link, "direction": "forward"}]},
                {
                    "from": "b",
                    "to": "c",
                    "links": [
                        {**link, "statement": "s2", "relation": "attacks", "direction": "backward"}
                    ],
                },
            ],
        }
    ]
    rows = hop_rows(paths)
    assert [(r["path"], r["step"], r["from"], r["relation"], r["to"]) for r in rows] == [
        (1, 1, "a", "supports ->", "b"),
        (1, 2, "b", "<- attacks", "c"),
    ]
    assert rows[1]["statement"] == "s2" and rows[0]["sources"] == [{"document": "d", "line": 1}]
