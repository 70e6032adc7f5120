"""Streaming ``load_store`` (bulk load, validation in the store) for large inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.errors import DataSyntaxError, ValidationError
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.ingest.synth import synth
from actorgraph.namespaces import GRAPH_DERIVED, GRAPH_ONTOLOGY
from actorgraph.query.relations import stats
from actorgraph.store.generations import current_generation

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "synth.nq"
    synth(300, path)
    return path


def test_streamed_load_builds_the_same_graph(tmp_path, synthetic):
    seen = []
    streamed = load_store(
        tmp_path / "a", [synthetic], stream=True, on_bytes=lambda d, t: seen.append((d, t))
    )
    parsed = load_store(tmp_path / "b", [synthetic], stream=False)
    seeds = open_graph().select("SELECT (COUNT(?s) AS ?n) WHERE { ?s a ag:Statement }")
    assert streamed.statements == parsed.statements == 300 + int(seeds[0]["n"].value)
    assert streamed.quads == parsed.quads
    assert stats(open_graph(tmp_path / "a")) == stats(open_graph(tmp_path / "b"))
    assert seen[-1][0] == seen[-1][1] == synthetic.stat().st_size


def test_syntax_error_names_file_line_and_column(tmp_path):
    with pytest.raises(DataSyntaxError) as error:
        load_store(tmp_path / "s", [FIXTURES / "cli_syntax_error.ttl"], stream=True)
    assert "cli_syntax_error.ttl:" in str(error.value)
    assert error.value.line is not None
    assert not (tmp_path / "s").exists()


def test_direct_triple_is_refused(tmp_path):
    with pytest.raises(DataSyntaxError, match="hand-written relation triple"):
        load_store(tmp_path / "s", [FIXTURES / "load_direct_triple.ttl"], stream=True)


def test_violation_keeps_the_live_generation(tmp_path, synthetic):
    store = tmp_path / "s"
    load_store(store, [synthetic], stream=True)
    live = current_generation(store)
    with pytest.raises(ValidationError, match="give exactly one ag:stance"):
        load_store(store, [synthetic, FIXTURES / "shapes_bad_stance.ttl"], stream=True)
    assert current_generation(store) == live
    assert open_graph(store).ask("ASK { ?s a ag:Statement }")


@pytest.mark.parametrize("stream", [True, False])
@pytest.mark.parametrize("graph", [GRAPH_DERIVED, GRAPH_ONTOLOGY])
def test_quads_in_a_graph_actorgraph_builds_are_refused(tmp_path, stream, graph):
    # The derived layer is loaded while the data are, so a user's quads there would
    # survive it; the ontology graph is exempt from the direct-triple check.
    path = tmp_path / "reserved.nq"
    path.write_text(f"<urn:a> <urn:b> <urn:c> <{graph}> .\n", encoding="utf-8")
    with pytest.raises(DataSyntaxError, match="is built by actorgraph") as error:
        load_store(tmp_path / "s", [path], stream=stream)
    assert error.value.file == str(path)
    assert not (tmp_path / "s").exists()


def test_validation_runs_once_the_loaders_are_done(tmp_path, synthetic, monkeypatch):
    """The shapes check the store alone, never beside a bulk loader (their memory peaks
    would add up): when validation starts, the data and the derived layer are all in."""
    import time

    import actorgraph.ingest.derive
    import actorgraph.validation.shacl_sparql
    from pyoxigraph import NamedNode

    validate = actorgraph.validation.shacl_sparql.validate_store
    seen: list[tuple[int, int]] = []

    def recording(store, **options):
        derived = NamedNode(GRAPH_DERIVED)
        seen.append(
            (len(store), sum(1 for _ in store.quads_for_pattern(None, None, None, derived)))
        )
        return validate(store, **options)

    load_derived = actorgraph.ingest.derive.load_derived

    def slow(store, path, **options):  # a derived layer that takes its time to load
        time.sleep(0.5)
        load_derived(store, path, **options)

    monkeypatch.setattr(actorgraph.validation.shacl_sparql, "validate_store", recording)
    monkeypatch.setattr(actorgraph.ingest.derive, "load_derived", slow)
    report = load_store(tmp_path / "s", [synthetic], stream=True)
    # everything but the counts stats reads, which are counted last (namespaces.STORE_COUNTS)
    from actorgraph.ingest.pipeline import open_graph
    from actorgraph.namespaces import STORE_COUNTS as COUNTS

    kept = len(
        list(open_graph(tmp_path / "s").store.quads_for_pattern(NamedNode(COUNTS), None, None))
    )
    assert kept == 2
    assert seen == [(report.quads - kept, seen[0][1])] and seen[0][1] > 300
