"""Every RDF export loads back (issue 15): nq, trig, ttl, nt and jsonld, small and streamed.

An export holds what actorgraph builds itself (ontology, derived layer, inferred triples,
the record of sources); a load drops those, says how many, and keeps exactly the curated
data. Flat exports (ttl, nt) hold all graphs in one: the loader recognises and drops the
triples it would build again (actorgraph.ingest.exports).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import DataSyntaxError
from actorgraph.ingest.pipeline import STREAM_THRESHOLD, open_graph
from actorgraph.ingest.sources import DataInput, load_sources
from actorgraph.namespaces import GRAPH_CURATED, SOURCE_GRAPH
from conftest import canonical
from pyoxigraph import DefaultGraph, Quad
from typer.testing import CliRunner

FORMATS = ["nq", "trig", "ttl", "nt", "jsonld"]
SMALL = Path(__file__).parent / "fixtures" / "store_small.ttl"
runner = CliRunner()


def curated(store) -> set[Quad]:
    """The curated triples of a store (its curated graph and source graphs), canonical."""
    kept = []
    for quad in store:
        graph = quad.graph_name
        name = "" if isinstance(graph, DefaultGraph) else graph.value
        if name == GRAPH_CURATED or name.startswith(SOURCE_GRAPH):
            kept.append(Quad(quad.subject, quad.predicate, quad.object, DefaultGraph()))
    return canonical(kept)


def cli(*args: str) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def seeds_curated() -> set[Quad]:
    return curated(open_graph().store)


@pytest.fixture(scope="module")
def seed_exports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    for fmt in FORMATS:
        cli("export", "--format", fmt, "-o", folder / f"seeds.{fmt}")
    return {fmt: folder / f"seeds.{fmt}" for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seeds_export_loads_back_as_the_same_curated_graph(
    tmp_path, seed_exports, seeds_curated, fmt
):
    export = seed_exports[fmt]
    assert export.stat().st_size >= STREAM_THRESHOLD  # the CLI takes the streamed path
    store = tmp_path / "db"
    output = cli("load", "--store", store, "--no-seeds", "--data", export)
    assert "Dropped " in output and "from the export" in output
    got = curated(open_graph(store).store)
    assert len(got ^ seeds_curated) == 0


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["nq", "ttl", "nt"])
def test_the_seeds_export_loads_back_held_in_memory_too(tmp_path, seed_exports, seeds_curated, fmt):
    streamed = load_sources(tmp_path / "a", [DataInput(seed_exports[fmt])], seeds=False)
    report = load_sources(tmp_path / "b", [DataInput(seed_exports[fmt])], seeds=False, stream=False)
    assert report.dropped == streamed.dropped > 0
    assert len(curated(open_graph(tmp_path / "b").store) ^ seeds_curated) == 0


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq"])
def test_a_flat_export_with_inferred_triples_loads_back(tmp_path, fmt):
    cli("load", "--store", tmp_path / "st", "--no-seeds", "--data", SMALL)
    cli("infer", "--store", tmp_path / "st")
    export = tmp_path / f"all.{fmt}"
    cli("export", "--format", fmt, "--store", tmp_path / "st", "-o", export)
    output = cli("load", "--store", tmp_path / "again", "--no-seeds", "--data", export)
    assert "Dropped " in output
    before = curated(open_graph(tmp_path / "st").store)
    assert len(curated(open_graph(tmp_path / "again").store) ^ before) == 0


def test_a_relation_triple_planted_in_a_flat_export_is_refused(tmp_path):
    export = tmp_path / "all.nt"
    cli("export", "--format", "nt", "--no-seeds", "--data", SMALL, "-o", export)
    planted = "<https://w3id.org/actorgraph/actor/a> <https://w3id.org/actorgraph/ns#supports> "
    with export.open("a", encoding="utf-8") as out:
        out.write(planted + "<https://w3id.org/actorgraph/actor/b> .\n")
    with pytest.raises(DataSyntaxError, match="hand-written relation triple"):
        load_sources(tmp_path / "db", [DataInput(export)], seeds=False, stream=False)


@pytest.mark.parametrize(("fmt", "statements"), [("nq", 15), ("ttl", 220)])
def test_a_large_synthetic_export_loads_back_streamed(tmp_path, fmt, statements):
    """Synthetic data sized so that its export is just over the streamed threshold."""
    synth = tmp_path / "synth.nq"
    cli("synth", "--statements", statements, "-o", synth)
    cli("load", "--store", tmp_path / "st", "--no-seeds", "--data", synth)
    export = tmp_path / f"all.{fmt}"
    cli("export", "--format", fmt, "--store", tmp_path / "st", "-o", export)
    assert STREAM_THRESHOLD <= export.stat().st_size < 1.5 * STREAM_THRESHOLD
    output = cli("load", "--store", tmp_path / "again", "--no-seeds", "--data", export)
    assert "Dropped " in output
    before = curated(open_graph(tmp_path / "st").store)
    assert len(curated(open_graph(tmp_path / "again").store) ^ before) == 0
