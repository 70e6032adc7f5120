"""actorgraph review: accepted rows become a valid seeds file; refusals name row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.curation.review import read_rejected
from actorgraph.curation.reviewsheet import ACTOR_COLUMNS, COLUMNS, write_sheet
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import resolve_actor
from actorgraph.query.relations import relations
from typer.testing import CliRunner

runner = CliRunner()
# A clearly fictional document and actor: nothing here claims a corpus fact.
LINE = "The Freedonia Army attacks Iran."


def _row(**cells: str) -> dict[str, str]:
    base = dict.fromkeys(COLUMNS, "")
    base.update(document="fictional.txt", line="1", subject="?Freedonia Army",
                relation="attacks", family="opposes", object="iran", stance="asserted",
                date="2030-01-02", excerpt="Freedonia Army attacks Iran", score="0.9")  # fmt: skip
    base.update(cells)
    return base


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "review.csv"
    write_sheet(path, [
        _row(decision="accept", note="A fictional sample army attacks Iran."),
        _row(subject="iran", relation="attacks", object="?Freedonia Army", decision="reject",
             note="Wrong direction."),
        _row(relation="threatens", score="0.5"),
    ])  # fmt: skip
    actor = dict.fromkeys(ACTOR_COLUMNS, "") | {
        "surface": "?Freedonia Army", "id": "freedonia-army", "class": "ArmedForces",
        "label_en": "Freedonia Army", "label_ar": "جيش فريدونيا",
    }  # fmt: skip
    write_sheet(tmp_path / "review.actors.csv", [actor], ACTOR_COLUMNS)
    return path


def test_accepted_rows_compile_to_valid_stable_turtle(sheet, tmp_path):
    out = tmp_path / "seeds" / "new.ttl"
    result = runner.invoke(app, ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "stmt:new-001-freedonia-army-attacks-iran a ag:Statement" in text
    assert "actor:freedonia-army a ag:ArmedForces" in text
    again = runner.invoke(app, ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"])
    assert again.exit_code == 0 and out.read_text(encoding="utf-8") == text
    graph = open_graph(None, [out])
    found = relations(graph, resolve_actor(graph, "freedonia-army"))
    assert found


def test_rejected_rows_are_recorded_with_their_reason(sheet, tmp_path):
    out = tmp_path / "seeds" / "new.ttl"
    assert (
        runner.invoke(
            app, ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"]
        ).exit_code
        == 0
    )
    rejected = out.parent / "rejected.csv"
    rows = list(csv.DictReader(rejected.open(encoding="utf-8")))
    assert rows[0]["reason"] == "Wrong direction."
    assert ("fictional.txt", 1, "iran", "attacks", "?Freedonia Army") in read_rejected(rejected)


def test_an_accepted_row_without_a_note_is_refused_with_row_and_column(sheet, tmp_path):
    write_sheet(sheet, [_row(decision="accept")])
    out = tmp_path / "new.ttl"
    result = runner.invoke(app, ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"])
    assert result.exit_code == 1
    assert f"{sheet}:2:{COLUMNS.index('note') + 1}:" in result.output
    assert "needs a note" in result.output
    assert not out.exists()


def test_an_undefined_unknown_actor_is_refused(sheet, tmp_path):
    write_sheet(sheet, [_row(object="?Nowhere Militia", decision="accept", note="Fictional.")])
    result = runner.invoke(app, ["review", str(sheet), "-o", str(tmp_path / "new.ttl")])
    assert result.exit_code == 1
    assert f"{sheet}:2:{COLUMNS.index('object') + 1}:" in result.output
    assert "review.actors.csv" in result.output


def test_bulk_accept_shows_the_count_and_needs_confirmation(sheet):
    args = ["review", str(sheet), "--accept", "relation=threatens", "--min-score", "0.4"]
    declined = runner.invoke(app, args, input="n\n")
    assert "1 undecided row(s)" in declined.output
    assert "threatens" in sheet.read_text(encoding="utf-8")
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert rows[2]["decision"] == ""
    applied = runner.invoke(app, [*args, "--yes"])
    assert applied.exit_code == 0, applied.output
    rows = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert rows[2]["decision"] == "accept"


def test_bulk_accept_without_a_filter_is_refused(sheet):
    result = runner.invoke(app, ["review", str(sheet), "--accept", "family"])
    assert result.exit_code == 2


def test_no_seeds_compiles_against_the_given_data_only(sheet, tmp_path):
    out = tmp_path / "new.ttl"
    args = ["review", str(sheet), "-o", str(out), "--published", "2030-01-03", "--no-seeds"]
    alone = runner.invoke(app, args)
    # Iran is a seed actor: without the seeds the accepted row names an unknown actor.
    assert alone.exit_code != 0 and "iran" in alone.output.lower(), alone.output
    assert not out.exists()
    iran = tmp_path / "iran.ttl"
    iran.write_text(
        "@prefix ag: <https://w3id.org/actorgraph/ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/actorgraph/actor/iran> a ag:State ;\n"
        '    rdfs:label "Iran"@en , "إيران"@ar .\n',
        encoding="utf-8",
    )
    given = runner.invoke(app, [*args, "--data", str(iran)])
    assert given.exit_code == 0, given.output
    assert "actor:iran" in out.read_text(encoding="utf-8")


def test_an_edited_actor_cell_resolves_by_name_and_a_typo_is_refused(tmp_path):
    path = tmp_path / "review.csv"
    note = "A fictional sample state attacks Iran."
    write_sheet(path, [_row(subject="Israel", decision="edit", note=note)])
    out = tmp_path / "new.ttl"
    args = ["review", str(path), "-o", str(out), "--published", "2030-01-03"]
    named = runner.invoke(app, args)
    assert named.exit_code == 0, named.output
    assert "ag:subject actor:israel" in out.read_text(encoding="utf-8")
    write_sheet(path, [_row(subject="irna", decision="edit", note=note)])
    out.unlink()
    typo = runner.invoke(app, args)
    assert typo.exit_code != 0
    column = COLUMNS.index("subject") + 1
    assert f"review.csv:2:{column}" in typo.output and "iran" in typo.output.lower()
    assert not out.exists()


# -- the optional qualifier columns of statements.csv (issue 15) ------------------------

QUALIFIED = [*COLUMNS, "modality", "place"]


def _qualified(sheet: Path, **cells: str) -> None:
    row = _row(decision="edit", note="A fictional army plans to attack Iran near Aleppo.")
    write_sheet(sheet, [row | {"modality": "planned", "place": "aleppo"} | cells], QUALIFIED)


def test_an_edited_row_with_qualifier_columns_compiles_them(sheet, tmp_path):
    _qualified(sheet)
    out = tmp_path / "new.ttl"
    result = runner.invoke(app, ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "ag:modality ag:planned ;" in text and "ag:place place:aleppo ;" in text
    graph = open_graph(None, [out])
    assert graph.ask("ASK { ?s a ag:Statement ; ag:modality ag:planned ; ag:place place:aleppo }")


def test_a_bad_qualifier_value_is_refused_with_row_and_column(sheet, tmp_path):
    _qualified(sheet, modality="perhaps", place="Atlantis")
    out = tmp_path / "new.ttl"
    result = runner.invoke(app, ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"])
    assert result.exit_code == 1
    assert f"{sheet}:2:modality: unknown modality 'perhaps'" in result.output
    assert f"{sheet}:2:place: unknown place 'Atlantis'" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_an_unknown_column_is_refused_with_the_nearest(sheet, tmp_path):
    row = _row(decision="accept", note="Fictional.") | {"modalty": "planned"}
    write_sheet(sheet, [row], [*COLUMNS, "modalty"])
    result = runner.invoke(app, ["review", str(sheet), "-o", str(tmp_path / "new.ttl")])
    assert result.exit_code == 1
    assert f"{sheet}:1:modalty: unknown column 'modalty'" in result.output
    assert "modality" in result.output


def test_bulk_accept_keeps_the_qualifier_columns(sheet):
    _qualified(sheet, decision="", relation="threatens")
    args = ["review", str(sheet), "--accept", "relation=threatens", "--yes"]
    assert runner.invoke(app, args).exit_code == 0
    (row,) = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert row["decision"] == "accept" and row["modality"] == "planned"


# -- place cells resolve like actor cells: id, English or Arabic label, alias ---------------

PLACES = Path(__file__).parent / "fixtures" / "review_places.ttl"


@pytest.mark.parametrize(
    "cell",
    ["test-harbour", "place:test-harbour", "Test Harbour Town", "مدينة الميناء التجريبية",
     "old port", "الميناء القديم"],
)  # fmt: skip
def test_a_place_cell_resolves_by_id_label_or_alias(sheet, tmp_path, cell):
    _qualified(sheet, place=cell)
    out = tmp_path / "new.ttl"
    args = ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"]
    result = runner.invoke(app, [*args, "--data", str(PLACES)])
    assert result.exit_code == 0, result.output
    assert "ag:place place:test-harbour ;" in out.read_text(encoding="utf-8")


def test_an_unknown_place_is_refused_with_the_nearest_names(sheet, tmp_path):
    _qualified(sheet, place="Old Prt")
    out = tmp_path / "new.ttl"
    args = ["review", str(sheet), "-o", str(out), "--published", "2030-01-03"]
    result = runner.invoke(app, [*args, "--data", str(PLACES)])
    assert result.exit_code == 1
    assert f"{sheet}:2:place: unknown place 'Old Prt' (nearest: Old Port" in result.output
    assert "Traceback" not in result.output and not out.exists()
