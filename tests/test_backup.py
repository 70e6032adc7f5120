"""Tests for graph/backup.py and the backup and restore commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from actorgraph.analysis.infer import infer_store
from actorgraph.commands.app import app
from actorgraph.errors import StoreError, StoreInUseError
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.namespaces import GRAPH_DERIVED, GRAPH_INFERRED
from actorgraph.store.backup import backup, read_manifest, restore
from actorgraph.store.generations import next_generation
from pyoxigraph import Literal, NamedNode, Quad
from typer.testing import CliRunner

runner = CliRunner()
GRAPH_NODE = NamedNode("urn:x:graph")


def run(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def quad_set(store: Path) -> set[Quad]:
    return set(open_graph(store=store).quads())


def state(store: Path) -> tuple[str, list[str], set[Quad]]:
    """CURRENT, the generations present, and the live quads."""
    generations = sorted(p.name for p in (store / "generations").iterdir())
    return (store / "CURRENT").read_text(), generations, quad_set(store)


@pytest.fixture
def db(tmp_path: Path, fixtures: Path) -> Path:
    """A store with curated, ontology, derived and inferred graphs."""
    directory = tmp_path / "db"
    load_store(directory, [fixtures / "store_small.ttl"], seeds=False)
    infer_store(directory)
    return directory


@pytest.fixture
def other(tmp_path: Path, fixtures: Path) -> Path:
    """A second store with different content."""
    directory = tmp_path / "other"
    load_store(directory, [fixtures / "store_small.ttl", fixtures / "store_extra.ttl"], seeds=False)
    return directory


def test_the_round_trip_keeps_every_graph(db: Path, tmp_path: Path) -> None:
    original = quad_set(db)
    graphs = {q.graph_name.value for q in original}
    assert {GRAPH_DERIVED, GRAPH_INFERRED} <= graphs
    manifest = backup(db, tmp_path / "b")
    assert manifest.quads == len(original)
    assert sum(manifest.graphs.values()) == len(original)
    assert read_manifest(tmp_path / "b") == manifest
    restore(tmp_path / "b", tmp_path / "new")
    assert quad_set(tmp_path / "new") == original


def test_restore_replaces_a_store_in_a_new_generation(db: Path, other: Path, tmp_path: Path):
    backup(db, tmp_path / "b")
    before = (other / "CURRENT").read_text()
    report = restore(tmp_path / "b", other)
    assert report.generation == int(before) + 1
    assert quad_set(other) == quad_set(db)
    assert sorted(p.name for p in (other / "generations").iterdir()) == [str(report.generation)]


def test_the_commands_round_trip(db: Path, other: Path, tmp_path: Path) -> None:
    saved = run("backup", tmp_path / "b", "--store", db)
    assert saved.exit_code == 0, saved.output
    assert f"Backed up {len(quad_set(db))} quads" in saved.stderr
    restored = run("restore", tmp_path / "b", "--store", other)
    assert restored.exit_code == 0, restored.output
    assert restored.stderr.startswith("Restored ")
    assert quad_set(other) == quad_set(db)


def test_backing_up_into_an_existing_directory_writes_nothing(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "b"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    before = sorted(tmp_path.iterdir())
    result = run("backup", target, "--store", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "already exists" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(tmp_path.iterdir()) == before
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_backing_up_something_that_is_no_store_fails_clearly(tmp_path: Path) -> None:
    result = run("backup", tmp_path / "b", "--store", tmp_path / "nothing")
    assert result.exit_code == 1
    assert "no actorgraph store" in result.stderr
    assert not (tmp_path / "b").exists()


def test_restore_refuses_a_directory_that_is_not_a_backup(other: Path, tmp_path: Path) -> None:
    before = state(other)
    for source in (other, tmp_path / "missing"):
        result = run("restore", source, "--store", other)
        assert result.exit_code == 1
        assert "is not an actorgraph backup" in result.stderr
    assert state(other) == before


def test_restore_refuses_a_damaged_backup_and_changes_nothing(
    db: Path, other: Path, tmp_path: Path
) -> None:
    backup(db, tmp_path / "b")
    data = tmp_path / "b" / "data.nq"
    data.write_bytes(data.read_bytes().replace(b"<https://", b"<http://", 1))
    before = state(other)
    with pytest.raises(StoreError, match="does not match the checksum"):
        restore(tmp_path / "b", other)
    data.unlink()
    with pytest.raises(StoreError, match="is missing or does not match"):
        restore(tmp_path / "b", other)
    assert state(other) == before


def test_a_count_mismatch_found_while_building_changes_nothing(
    db: Path, other: Path, tmp_path: Path
) -> None:
    backup(db, tmp_path / "b")
    manifest_file = tmp_path / "b" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["graphs"][GRAPH_DERIVED] += 1
    manifest_file.write_text(json.dumps(manifest))
    before = state(other)
    with pytest.raises(StoreError, match="the backup is damaged"):
        restore(tmp_path / "b", other)
    assert state(other) == before
    with pytest.raises(StoreError):
        restore(tmp_path / "b", tmp_path / "fresh")
    assert not (tmp_path / "fresh").exists()


def test_a_newer_backup_version_is_refused(db: Path, tmp_path: Path) -> None:
    backup(db, tmp_path / "b")
    manifest_file = tmp_path / "b" / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["version"] = 99
    manifest_file.write_text(json.dumps(manifest))
    with pytest.raises(StoreError, match="version 99"):
        read_manifest(tmp_path / "b")


def test_restore_is_refused_while_the_store_is_written(
    db: Path, other: Path, tmp_path: Path
) -> None:
    backup(db, tmp_path / "b")
    with next_generation(other) as store:
        with pytest.raises(StoreInUseError, match="in use"):
            restore(tmp_path / "b", other)
        store.add(Quad(NamedNode("urn:x:s"), NamedNode("urn:x:p"), Literal("o"), GRAPH_NODE))
    assert Quad(NamedNode("urn:x:s"), NamedNode("urn:x:p"), Literal("o"), GRAPH_NODE) in (
        quad_set(other)
    )


def test_the_commands_need_a_store(tmp_path: Path) -> None:
    for command in ("backup", "restore"):
        result = run(command, tmp_path / "b")
        assert result.exit_code == 2
        assert "--store DIR" in result.stderr
