"""Tests for graph/commands/analysis.py: analyze, explain, timeline, diff, infer, and
``query --no-inferred``.

The commands run in-process through typer's CliRunner, over an on-disk store of the seeds
plus ``tests/fixtures/analysis_graph.ttl`` (whose actors cannot clash with the seeds).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.ingest.pipeline import load_store
from actorgraph.namespaces import GRAPH_INFERRED
from pyoxigraph import NamedNode, RdfFormat, parse
from typer.testing import CliRunner

DATA = Path(__file__).resolve().parent / "fixtures" / "analysis_graph.ttl"
#: The fixture's actors (red-state, blue-rebels ...): no seed actor's id starts so.
FIXTURE_ACTORS = ("red-", "blue-", "green-", "grey-", "hermit-")
runner = CliRunner()


def run(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def ok(*args: str | Path) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("analysis") / "db"
    ok("load", "--store", directory, "--data", DATA)
    return directory


@pytest.mark.parametrize(
    "command",
    [
        ["analyze", "centrality"],
        ["analyze", "camps"],
        ["analyze", "balance"],
        ["explain"],
        ["timeline"],
        ["diff"],
        ["infer"],
    ],
)
def test_help_ends_with_an_example(command: list[str]) -> None:
    assert "Examples:" in ok(*command, "--help")


def test_analyze_without_a_command_shows_its_commands() -> None:
    result = run("analyze")
    assert "centrality" in result.output and "camps" in result.output


def test_centrality_json_table_and_csv(store: Path) -> None:
    rows = json.loads(ok("analyze", "centrality", "--store", store, "-f", "json"))
    assert set(rows[0]) == {"id", "label", "in_support", "out_support", "pagerank", "betweenness"}
    assert rows[0]["pagerank"] == max(row["pagerank"] for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert by_id["red-army"]["in_support"] == 15.0
    table = ok("analyze", "centrality", "--store", store, "--sort", "betweenness")
    assert "in support" in table.splitlines()[0]
    reader = csv.DictReader(io.StringIO(ok("analyze", "centrality", "--store", store, "-f", "csv")))
    assert next(reader)["id"] == rows[0]["id"]


def test_centrality_rejects_an_unknown_measure(store: Path) -> None:
    result = run("analyze", "centrality", "--store", store, "--sort", "fame")
    assert result.exit_code == 2
    assert "pagerank" in result.output


def test_camps_json_and_table(store: Path) -> None:
    report = json.loads(ok("analyze", "camps", "--store", store, "-f", "json"))
    first = {member["id"] for member in report["camps"][0]["members"]}
    assert {"syrian-government", "iran", "russia", "hezbollah"} <= first
    red = next(c for c in report["camps"] if "red-army" in {m["id"] for m in c["members"]})
    assert red["binds"] == ["a-001", "a-002"]
    table = ok("analyze", "camps", "--store", store)
    assert table.splitlines()[0].startswith(f"{len(report['camps'])} camps")
    assert "strongest ally" in table and "unaligned" in table
    assert "aleppo-010" in table  # what binds the United States and the SDF


def _fixture_triads(triads: list[dict]) -> list[dict]:
    """The triads among the fixture's actors (the seeds have unbalanced triads of their own)."""
    return [t for t in triads if all(a.startswith(FIXTURE_ACTORS) for a in t["actors"])]


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory) -> Path:
    """A store of the fixture alone: all its signed statements are dated (a-006, undated,
    is an event known from its document's date)."""
    directory = tmp_path_factory.mktemp("analysis-fixture") / "db"
    load_store(directory, [DATA], seeds=False)
    return directory


def test_camps_before_any_statement_says_so(fixture_store: Path) -> None:
    # Not on the seeds: their undated states (Iran backs the government, aleppo-145 ...)
    # held from before their documents, so they hold on any day, even in 1900.
    result = run("analyze", "camps", "--store", fixture_store, "--at", "1900-01-01")
    assert result.exit_code == 0 and result.stdout == ""
    assert "No camps" in result.stderr


def test_camps_table_lists_the_members_of_each_camp(store: Path) -> None:
    table = ok("analyze", "camps", "--store", store)
    first = next(line for line in table.splitlines() if line.strip().startswith("camp 1 "))
    assert "Bashar al-Assad" in first


def test_camps_csv_has_one_row_per_actor(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("analyze", "camps", "--store", store, "-f", "csv"))))
    assert {"camp", "id", "label", "reason", "binds", "separates"} <= set(rows[0])
    militia = next(row for row in rows if row["id"] == "red-militia")
    assert (militia["binds"], militia["separates"]) == ("a-002", "a-014")


def test_balance_json_and_table(store: Path) -> None:
    report = json.loads(ok("analyze", "balance", "--store", store, "-f", "json"))
    assert 0 <= report["index"] <= 1
    (triad,) = _fixture_triads(report["unbalanced"])
    assert triad["actors"] == ["blue-rebels", "blue-state", "red-militia"]
    table = ok("analyze", "balance", "--store", store)
    assert table.startswith("Balance index")
    assert "a-013" in table and "politicalSupport" in table


def test_balance_without_derived_or_before_a_day(store: Path) -> None:
    early = ok("analyze", "balance", "--store", store, "--at", "2024-11-27", "--no-derived")
    assert early.startswith("Balance index")
    assert "a-013" not in early  # claimed on 28 November
    report = json.loads(
        ok(
            *("analyze", "balance", "--store", store, "--at", "2024-11-27", "--no-derived"),
            "-f",
            "json",
        )
    )
    assert _fixture_triads(report["unbalanced"]) == []
    # the seeds' one unbalanced triad that day: HTS, the Syrian government and the US are
    # three enemies (undated states: aleppo-093, wh-call-021, the US terrorist listing of HTS)
    assert [t["actors"] for t in report["unbalanced"]] == [
        ["hts", "syrian-government", "united-states"]
    ]


def test_explain_json_and_table(store: Path) -> None:
    paths = json.loads(
        ok("explain", "Red State", "Blue Rebels", "-n", "2", "--store", store, "-f", "json")
    )
    assert [(p["actors"], p["sign"], p["reading"]) for p in paths][0] == (
        ["red-state", "blue-rebels"],
        -1,
        "an enemy",
    )
    table = ok("explain", "green-group", "red-army", "-n", "2", "--store", store)
    assert "an enemy of an enemy" in table and "a-012 attacks" in table
    assert "a-005 airStrike (claimed)" in table


def test_explain_errors(store: Path) -> None:
    unknown = run("explain", "Red Stat", "Blue Rebels", "--store", store)
    assert unknown.exit_code == 2 and "Red State" in unknown.output
    none = run("explain", "hermit-state", "red-state", "--store", store)
    assert none.exit_code == 1 and "no chain" in none.output


def test_timeline_of_an_actor_up_to_a_day(store: Path) -> None:
    rows = json.loads(ok("timeline", "Blue State", "--store", store, "-f", "json"))
    assert [row["statement"] for row in rows][-1] == "a-006"
    assert rows[-1]["when"] == "before 2024-12-02"  # undated: before its document's date
    early = json.loads(
        ok("timeline", "Blue State", "--at", "2024-11-20", "--store", store, "-f", "json")
    )
    assert [row["statement"] for row in early] == ["a-003", "a-011"]
    assert "before 2024-12-02" in ok("timeline", "--store", store)


def test_diff(store: Path) -> None:
    rows = json.loads(
        ok(
            "diff",
            "--from",
            "2024-11-10",
            "--to",
            "2024-11-20",
            "red-army",
            "--store",
            store,
            "-f",
            "json",
        )
    )
    assert [row["statement"] for row in rows] == ["a-005"]
    backwards = run("diff", "--from", "2024-12-02", "--to", "2024-11-01", "--store", store)
    assert backwards.exit_code == 2 and "must be before" in backwards.output
    missing = run("diff", "--from", "2024-12-02", "--store", store)
    assert missing.exit_code == 2 and "--to" in missing.output
    bad_date = run("diff", "--from", "yesterday", "--to", "2024-12-02", "--store", store)
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output


def test_infer_in_memory_writes_the_inferred_graph(tmp_path: Path) -> None:
    target = tmp_path / "inferred.nq"
    summary = json.loads(ok("infer", "--output", target, "-f", "json"))
    assert set(summary) == {"inferred", "symmetric", "sub-property", "inverse", "class"}
    quads = list(parse(target.read_bytes(), format=RdfFormat.N_QUADS))
    assert len(quads) == summary["inferred"] > 0
    assert {q.graph_name for q in quads} == {NamedNode(GRAPH_INFERRED)}


def test_infer_refuses_what_it_cannot_do(store: Path, tmp_path: Path) -> None:
    wrong = run("infer", "--output", tmp_path / "inferred.ttl")
    assert wrong.exit_code == 2 and ".trig" in wrong.output
    assert not (tmp_path / "inferred.ttl").exists()
    both = run("infer", "--store", store, "--data", DATA)
    assert both.exit_code == 2 and "load" in both.output


def test_infer_into_a_store_then_query_with_or_without(store: Path) -> None:
    ask = "ASK { actor:red-state ag:talksTo actor:grey-state }"
    assert "false" in ok("query", ask, "--store", store)
    camps = ok("analyze", "camps", "--store", store, "-f", "json")
    result = run("infer", "--store", store)
    assert result.exit_code == 0, result.output
    assert "inferred triples to the store" in result.output
    assert "true" in ok("query", ask, "--store", store)
    assert "false" in ok("query", ask, "--store", store, "--no-inferred")
    # the analyses read the statements, which inference leaves alone
    assert ok("analyze", "camps", "--store", store, "-f", "json") == camps
