"""Sheets in and out (graph/curation/): the seeds' round trip, every kind of sheet error,
formula escaping, workbooks and the XML bomb.

The fixtures under tests/fixtures/sheets/ are fictional (Northland, Southland ...), and so is
their corpus document; the round trip uses the shipped seeds.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.curation.cells import escape, join, split, unescape
from actorgraph.curation.checks import check_data
from actorgraph.curation.codecs import single_value
from actorgraph.curation.sheets import read_sheet_quads
from actorgraph.curation.tables import read_tables, write_delimited
from actorgraph.curation.write import curated_quads, write_sheets, write_xlsx
from actorgraph.errors import DataSyntaxError, SheetError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.validation.validate import _rdflib_graph
from hypothesis import given
from hypothesis import strategies as st
from rdflib.compare import graph_diff, to_isomorphic
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures" / "sheets"
BASE = FIXTURES / "base"
CORPUS = FIXTURES / "corpus"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def seeds():
    return open_graph(None, ())


def _differences(a, b) -> int:
    left = to_isomorphic(_rdflib_graph(curated_quads(a)))
    right = to_isomorphic(_rdflib_graph(curated_quads(b)))
    _, only_left, only_right = graph_diff(left, right)
    return len(only_left) + len(only_right)


# --- round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_the_seeds_as_sheets_load_back_as_the_same_graph(seeds, tmp_path, delimiter):
    write_sheets(list(seeds.quads()), tmp_path / "sheets", delimiter)
    again = open_graph(None, [tmp_path / "sheets"], seeds=False)
    assert _differences(seeds.quads(), again.quads()) == 0


def test_the_seeds_as_a_workbook_load_back_as_the_same_graph(seeds, tmp_path):
    book = tmp_path / "seeds.xlsx"
    with book.open("wb") as out:
        write_xlsx(list(seeds.quads()), out)
    again = open_graph(None, [book], seeds=False)
    assert _differences(seeds.quads(), again.quads()) == 0


def test_every_seed_triple_has_a_column(seeds, tmp_path):
    """Nothing of the seeds needs the catch-all other.csv."""
    write_sheets(list(seeds.quads()), tmp_path)
    assert (tmp_path / "other.csv").read_text().strip() == "subject,predicate,object"


def test_a_triple_no_column_holds_goes_to_other_and_back(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        "@prefix actor: <https://w3id.org/actorgraph/actor/> .\n"
        'actor:iran <http://example.org/motto> "x"@fr .\n'
    )
    graph = open_graph(None, [extra])
    write_sheets(list(graph.quads()), tmp_path / "sheets")
    assert "example.org/motto" in (tmp_path / "sheets" / "other.csv").read_text()
    again = open_graph(None, [tmp_path / "sheets"], seeds=False)
    assert _differences(graph.quads(), again.quads()) == 0


def test_cli_export_edit_a_row_and_load_it_back(tmp_path):
    out = tmp_path / "sheets"
    result = run("export", "--format", "sheet", "-o", out)
    assert result.exit_code == 0, result.output
    result = run("stats", "--data", out, "--format", "json")
    assert result.exit_code == 0, result.output  # the same statements as the seeds: merged
    path = out / "statements.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[0]["note"] = "An edited note."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    graph = open_graph(None, [out], seeds=False)
    notes = {q.object.value for q in graph.quads() if q.predicate.value.endswith("#note")}
    assert "An edited note." in notes


def test_cli_export_xlsx_and_sheet_need_the_right_target(tmp_path):
    assert run("export", "--format", "sheet").exit_code == 2
    result = run("export", "--format", "xlsx", "-o", tmp_path / "g.xlsx")
    assert result.exit_code == 0 and (tmp_path / "g.xlsx").stat().st_size > 0


# --- the fictional sample ------------------------------------------------------------------------


def test_the_sample_sheets_are_valid_with_their_corpus():
    report = check_data([BASE], corpus=CORPUS)
    assert not report.failed, [str(p) for p in [*report.problems, *report.violations]]
    assert report.corpus == CORPUS


def test_actor_cells_resolve_by_id_label_arabic_label_and_alias(tmp_path):
    quads = read_sheet_quads(BASE, open_graph(None, (), seeds=False).quads())
    subjects = {
        q.object.value.rsplit("/", 1)[-1] for q in quads if q.predicate.value.endswith("#subject")
    }
    assert subjects == {"northland", "southland", "ana-example"}
    statements = tmp_path / "x.statements.csv"
    text = (BASE / "statements.csv").read_text(encoding="utf-8")
    statements.write_text(
        text.replace("Northland,politicalSupport", "نورثلاند,politicalSupport")
        .replace(",accuses,Northland,", ",accuses,the northern state,")
        .replace("sample-00", "alias-00"),
        "utf-8",
    )
    report = check_data([BASE, statements], corpus=CORPUS)
    assert not report.failed, [str(v) for v in report.violations]
    quads = read_sheet_quads(statements, list(open_graph(None, [BASE]).quads()))
    objects = {
        q.object.value.rsplit("/", 1)[-1] for q in quads if q.predicate.value.endswith("#object")
    }
    assert "northland" in objects


def test_several_rows_with_one_id_add_sources(tmp_path):
    statements = tmp_path / "more.statements.csv"
    text = (BASE / "statements.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    extra = dict.fromkeys(header, "")
    extra.update(id="sample-001", document="sample-report.txt", line="4")
    statements.write_text(
        "\n".join([text[0], text[1], ",".join(extra[c] for c in header)]), "utf-8"
    )
    quads = read_sheet_quads(statements, [*open_graph(None, [BASE]).quads()])
    assert sum(q.predicate.value.endswith("#source") for q in quads) == 2


# --- errors: each kind, with its fixture ----------------------------------------------------------

ERRORS = {
    "unknown_actor": ("subject", "unknown actor 'Northlnd'", "Northland"),
    "unknown_relation": ("relation", "unknown relation 'suports'", "supports"),
    "unknown_stance": ("stance", "unknown stance", "asserted"),
    "unknown_attribution": ("attributed_to", "unknown attribution", None),
    "bad_date": ("date", "is not a date", "YYYY-MM-DD"),
    "end_before_start": ("valid_until", "before the start date", None),
    "bad_line": ("line", "not a whole number", None),
    "line_beyond_end": ("line", "beyond the end of sample-report.txt", None),
    "not_own_line": ("line", "not the document's own", None),
    "excerpt_not_verbatim": ("excerpt", "not verbatim in line 2", "it supports the River Front"),
    "source_without_line": ("line", "a source needs a line", None),
    "missing_value": ("note", "has no note", None),
    "bad_boolean": ("before_document", "not true or false", None),
    "fatalities_order": ("fatalities_best", "is above", None),
    "bad_geo_precision": ("geo_precision", "at most 3", None),
    "unknown_modality": ("modality", "unknown modality", "planned"),
    "unknown_place": ("place", "unknown place", "eastford"),
    "unknown_document": ("document", "unknown document", "sample-report.txt"),
    "unknown_event": ("event", "unknown event", "sample-talks"),
    "formula": ("note", "would run as a formula", "apostrophe"),
    "conflicting_duplicate": ("object", "duplicate id 'bad-dup' with a conflicting object", None),
    "missing_column": ("stance", "missing column 'stance'", None),
    "unknown_column": ("colour", "unknown column 'colour'", None),
    "extra_cells": (None, "cells but the header has", None),
    "duplicate_column": ("label_en", "appears twice", None),
    "no_arabic_label": ("label_ar", "new actor without an Arabic label", None),
    "arabic_label_not_arabic": ("label_ar", "not in Arabic script", None),
    "unknown_class": ("class", "unknown actor class 'Country'", None),
    "duplicate_id": ("id", "duplicate id 'westland'", None),
    "bad_wikidata": ("wikidata", "not a Wikidata id", "Q858"),
    "bad_id": ("id", "is not an id", None),
    "bad_not_own_lines": ("not_own_lines", "not a line range", None),
    "unknown_genre": ("genre", "unknown source type 'blog'", "newsReport"),
    "bad_other": (None, "not an N-Triples triple", None),
}


def _fixture(name: str) -> Path:
    (path,) = (FIXTURES / "bad").glob(f"{name}.*.csv")
    return path


def test_there_is_a_fixture_for_each_kind_of_error():
    assert len(ERRORS) >= 20
    assert {p.name.split(".")[0] for p in (FIXTURES / "bad").iterdir()} == set(ERRORS)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_each_kind_of_error_is_reported_at_its_row_and_column(name):
    column, message, hint = ERRORS[name]
    path = _fixture(name)
    report = check_data([BASE, path], corpus=CORPUS)
    assert report.failed
    found = [p for p in report.problems if message in p.message]
    assert found, [str(p) for p in report.problems]
    problem = found[0]
    assert problem.file == str(path) and problem.column == column and problem.row in (1, 2, 3)
    if hint:
        assert hint in (problem.hint or "")
    assert str(problem).startswith(f"{path}:{problem.row}")


def test_a_sheet_with_an_error_never_half_loads(tmp_path):
    with pytest.raises(SheetError) as caught:
        open_graph(None, [BASE, _fixture("unknown_relation")])
    assert "nothing was loaded" in str(caught.value)
    result = run(
        "load", "--store", tmp_path / "db", "--data", BASE, "--data", _fixture("unknown_actor")
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    assert not (tmp_path / "db" / "CURRENT").exists()


def test_cli_validate_prints_file_row_column_message_and_hint():
    path = _fixture("unknown_relation")
    result = run("validate", BASE, path, "--corpus", CORPUS)
    assert result.exit_code == 1
    assert f"{path}:2:relation: unknown relation 'suports' (did you mean supports?)" in (
        result.stdout
    )


def test_cli_validate_json_gives_row_and_column():
    result = run("validate", BASE, _fixture("bad_date"), "--corpus", CORPUS, "--format", "json")
    assert result.exit_code == 1
    import json

    [problem] = json.loads(result.stdout)
    assert (problem["line"], problem["column"]) == (2, "date")


# --- escaping and cells (hypothesis) --------------------------------------------------------------


@given(st.text())
def test_escape_is_reversed_exactly(text):
    assert unescape(escape(text)) == text
    assert not escape(text).startswith(("=", "+", "-", "@"))


@given(st.lists(st.text().filter(single_value), min_size=1))
def test_several_values_in_a_cell_split_back(values):
    assert split(join(values)) == values


@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs"])).filter(
                lambda t: t == t.strip() and "\r" not in t
            ),
            min_size=2,
            max_size=2,
        ),
        max_size=5,
    )
)
def test_csv_cells_survive_writing_and_reading(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "other.csv"
    buffer = io.StringIO()
    write_delimited(buffer, ["subject", "predicate"], rows, ",")
    path.write_text(buffer.getvalue(), encoding="utf-8")
    (table,) = read_tables(path)
    read = {n: [unescape(c) for c in cells] for n, cells in table.rows}
    expected = {n: row for n, row in enumerate(rows, start=2) if any(row)}
    assert read == expected


# --- workbooks ------------------------------------------------------------------------------------


def test_a_workbook_with_an_xml_entity_bomb_is_refused(seeds, tmp_path):
    good = tmp_path / "good.xlsx"
    with good.open("wb") as out:
        write_xlsx(list(open_graph(None, [BASE], seeds=False).quads()), out)
    bomb = tmp_path / "bomb.xlsx"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = laughs.encode() + data.split(b"?>", 1)[-1].replace(b"<t>", b"<t>&lol3;", 1)
            target.writestr(info, data)
    with pytest.raises(DataSyntaxError, match="entities or a DTD"):
        open_graph(None, [bomb], seeds=False)
    result = run("validate", bomb)
    assert result.exit_code == 1 and "XML bomb" in result.stderr


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_text("id,class\n")
    with pytest.raises(DataSyntaxError, match="not an .xlsx workbook"):
        open_graph(None, [fake])
