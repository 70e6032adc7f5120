"""Loads that never drop data: sources in an on-disk store (actorgraph.ingest.sources)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import DataSyntaxError, UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.ingest.sources import DataInput, list_sources, load_sources
from actorgraph.namespaces import GRAPH_INFERRED
from actorgraph.store.generations import current_generation
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
BASE = (FIXTURES / "cli_actors.ttl").read_text(encoding="utf-8")
runner = CliRunner()


def source_file(directory: Path, tag: str) -> Path:
    """A valid data file whose actors, statements and document are its own (``tag``)."""
    path = directory / f"{tag}.ttl"
    path.write_text(
        BASE.replace("test-", f"{tag}-").replace("cli-test", f"{tag}-doc"), encoding="utf-8"
    )
    return path


def has_actor(store: Path, tag: str) -> bool:
    return open_graph(store).ask(f"ASK {{ actor:{tag}-alpha a ?class }}")


def statements(store: Path) -> int:
    return len(open_graph(store).select("SELECT DISTINCT ?s WHERE { ?s a ag:Statement }"))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {tag: source_file(tmp_path, tag) for tag in ("aa", "bb")}


def test_loads_are_additive(tmp_path, files):
    store = tmp_path / "db"
    load_sources(store, [DataInput(files["aa"])], seeds=False)
    report = load_sources(store, [DataInput(files["bb"])])
    assert has_actor(store, "aa") and has_actor(store, "bb")
    assert report.added == ("bb.ttl",) and report.kept == 1
    assert [r.source for r in list_sources(store)] == ["aa.ttl", "bb.ttl"]


def test_reloading_a_file_replaces_only_its_own_version(tmp_path, files):
    store = tmp_path / "db"
    load_sources(store, [DataInput(files["aa"]), DataInput(files["bb"])], seeds=False)
    before = statements(store)
    changed = files["aa"].read_text(encoding="utf-8").replace("aa-alpha", "aa-omega")
    files["aa"].write_text(changed, encoding="utf-8")
    report = load_sources(store, [DataInput(files["aa"])])
    assert report.replaced == ("aa.ttl",) and report.kept == 1
    assert not has_actor(store, "aa") and has_actor(store, "bb")
    assert open_graph(store).ask("ASK { actor:aa-omega a ?class }")
    assert statements(store) == before


def test_replace_starts_over(tmp_path, files):
    store = tmp_path / "db"
    load_sources(store, [DataInput(files["aa"])], seeds=False)
    report = load_sources(store, [DataInput(files["bb"])], replace=True, seeds=False)
    assert report.started_over
    assert not has_actor(store, "aa") and has_actor(store, "bb")


def test_seeds_are_one_named_source_and_no_seeds_leaves_them_out(tmp_path, files):
    store = tmp_path / "db"
    load_sources(store, [DataInput(files["aa"])])
    kinds = {r.source: r.kind for r in list_sources(store)}
    assert kinds == {"seeds": "seeds", "aa.ttl": "file"}
    assert open_graph(store).ask("ASK { actor:iran a ?class }")
    load_sources(store, [DataInput(files["aa"])], replace=True, seeds=False)
    assert not open_graph(store).ask("ASK { actor:iran a ?class }")
    assert [r.source for r in list_sources(store)] == ["aa.ttl"]


def test_a_file_is_keyed_by_a_hash_of_its_path(tmp_path, files):
    store = tmp_path / "db"
    load_sources(store, [DataInput(files["aa"])], seeds=False)
    (record,) = list_sources(store)
    assert str(tmp_path) not in record.graph and str(tmp_path) not in json.dumps(record.to_dict())
    assert record.statements == 4 and record.quads > 0


def test_quads_in_a_files_own_graph_stay_with_its_source(tmp_path, files):
    store = tmp_path / "db"
    own = tmp_path / "own.trig"
    own.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> . }\n", encoding="utf-8")
    load_sources(store, [DataInput(files["aa"]), DataInput(own)], seeds=False)
    assert open_graph(store).ask("ASK { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }")
    own.write_text("<urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:d> . }\n", encoding="utf-8")
    load_sources(store, [DataInput(own)])
    gs = open_graph(store)
    assert not gs.ask("ASK { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert gs.ask("ASK { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:d> } }")
    other = tmp_path / "other.trig"
    other.write_text("<urn:x:g> { <urn:x:e> <urn:x:b> <urn:x:c> . }\n", encoding="utf-8")
    with pytest.raises(UsageError, match="belongs to another source"):
        load_sources(store, [DataInput(other)])


def test_a_bad_second_file_leaves_the_first_load_intact(tmp_path, files):
    store = tmp_path / "db"
    load_sources(store, [DataInput(files["aa"])], seeds=False)
    live, listed = current_generation(store), list_sources(store)
    with pytest.raises(DataSyntaxError):
        load_sources(store, [DataInput(FIXTURES / "cli_syntax_error.ttl")])
    assert current_generation(store) == live and list_sources(store) == listed
    assert has_actor(store, "aa")


def test_inferred_triples_are_rebuilt_after_a_load(tmp_path, files):
    from actorgraph.analysis.infer import infer_store

    store = tmp_path / "db"
    load_sources(store, [DataInput(files["aa"])], seeds=False)
    infer_store(store)
    report = load_sources(store, [DataInput(files["bb"])])
    assert report.inferred is not None and report.inferred > 0
    query = f"ASK {{ GRAPH <{GRAPH_INFERRED}> {{ actor:bb-beta ag:meetsWith actor:bb-gamma }} }}"
    assert open_graph(store).ask(query)


@pytest.mark.parametrize("fmt", ["nq", "trig", "jsonld", "ttl", "nt"])
def test_an_export_loads_back(tmp_path, files, fmt):
    store, again = tmp_path / "db", tmp_path / "again"
    load_sources(store, [DataInput(files["aa"])], seeds=False)
    export = tmp_path / f"all.{fmt}"
    result = runner.invoke(
        app, ["export", "--store", str(store), "--format", fmt, "-o", str(export)]
    )
    assert result.exit_code == 0, result.output
    report = load_sources(again, [DataInput(export)], seeds=False)
    assert report.dropped > 0
    assert has_actor(again, "aa") and statements(again) == statements(store)


def test_cli_load_sources_and_stdin(tmp_path, files):
    store = str(tmp_path / "db")
    result = runner.invoke(
        app, ["load", "--store", store, "--no-seeds", "--data", str(files["aa"])]
    )
    assert result.exit_code == 0, result.output
    text = files["bb"].read_bytes()
    result = runner.invoke(
        app, ["load", "--store", store, "--data", "-", "--name", "press-call"], input=text
    )
    assert result.exit_code == 0, result.output
    assert "added press-call" in result.output
    result = runner.invoke(app, ["sources", "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["source"], r["kind"], r["statements"]) for r in rows] == [
        ("aa.ttl", "file", 4),
        ("press-call", "name", 4),
    ]
    for fmt in ("table", "csv"):
        listed = runner.invoke(app, ["sources", "--store", store, "--format", fmt])
        assert listed.exit_code == 0 and "press-call" in listed.stdout


def test_cli_stdin_needs_a_name(tmp_path):
    result = runner.invoke(app, ["load", "--store", str(tmp_path / "db"), "--data", "-"], input=b"")
    assert result.exit_code == 2
    assert "--name" in result.output and "Traceback" not in result.output


def test_cli_no_seeds_on_a_reading_command(files):
    result = runner.invoke(
        app, ["actors", "--no-seeds", "--data", str(files["aa"]), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    ids = {row["id"] for row in json.loads(result.stdout)}
    assert "aa-alpha" in ids and "iran" not in ids
