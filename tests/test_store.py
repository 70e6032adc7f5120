"""The store (graph/store.py): queries, the in-memory graph, and atomic on-disk loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from actorgraph.errors import (
    DataSyntaxError,
    QueryError,
    StoreError,
    StoreInUseError,
    UsageError,
    ValidationError,
)
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.namespaces import ACTOR, AG, GRAPH_CURATED, STATEMENT
from actorgraph.store.base import GraphStore
from actorgraph.store.embedded import EmbeddedGraphStore
from pyoxigraph import Literal, NamedNode, Quad, Store

STATEMENTS = "SELECT ?s WHERE { ?s a ag:Statement }"
ROLLUP = "ASK { ?r a ag:DerivedStatement ; ag:subject ?s ; ag:relation ?p ; ag:object ?o }"


def ids(gs: GraphStore) -> set[str]:
    """The local ids of the curated statements."""
    return {row["s"].value.removeprefix(STATEMENT) for row in gs.select(STATEMENTS)}


def snapshot(directory: Path) -> tuple[str, list[str], set[str]]:
    """Everything a reader sees: CURRENT, the generations present, the quads of the live one."""
    current = (directory / "CURRENT").read_text()
    generations = sorted(p.name for p in (directory / "generations").iterdir())
    return current, generations, {str(q) for q in open_graph(store=directory).store}


@pytest.fixture
def small(fixtures: Path) -> Path:
    return fixtures / "store_small.ttl"


@pytest.fixture
def loaded(tmp_path: Path, small: Path) -> Path:
    """An on-disk store holding store_small.ttl (no seeds)."""
    directory = tmp_path / "db"
    load_store(directory, [small], seeds=False)
    return directory


# --- queries -------------------------------------------------------------------------------


@pytest.fixture
def tiny() -> GraphStore:
    store = Store()
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for name in ["iran", "turkey"]:
        store.add(Quad(NamedNode(ACTOR + name), label, Literal(name), NamedNode(GRAPH_CURATED)))
    return EmbeddedGraphStore(store)


def test_select_reads_the_union_of_graphs_with_prefixes(tiny: GraphStore) -> None:
    rows = tiny.select(
        "SELECT ?s ?missing WHERE { ?s rdfs:label ?l OPTIONAL { ?s ag:x ?missing } }"
    )
    assert {row["s"].value for row in rows} == {ACTOR + "iran", ACTOR + "turkey"}
    assert all("missing" not in row for row in rows)  # unbound variables are left out


def test_bindings_are_substitutions_not_text(tiny: GraphStore) -> None:
    query = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
    assert len(tiny.select(query, {"label": Literal("iran")})) == 1
    hostile = Literal('iran" } UNION { ?s ?p ?o } #')
    assert tiny.select(query, {"label": hostile}) == []
    assert tiny.ask("ASK { ?s rdfs:label ?label }", {"label": hostile}) is False


def test_a_binding_must_be_projected(tiny: GraphStore) -> None:
    with pytest.raises(QueryError, match="must be in the SELECT clause"):
        tiny.select("SELECT ?s WHERE { ?s rdfs:label ?label }", {"label": Literal("iran")})


def test_ask_and_construct(tiny: GraphStore) -> None:
    assert tiny.ask("ASK { actor:iran rdfs:label ?l }") is True
    triples = tiny.construct("CONSTRUCT { ?s ag:named ?l } WHERE { ?s rdfs:label ?l }")
    assert {t.object.value for t in triples} == {"iran", "turkey"}
    assert all(t.predicate == NamedNode(AG + "named") for t in triples)


def test_a_malformed_query_is_a_query_error(tiny: GraphStore) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        tiny.select("SELECT ?s WHERE { ?s ")


def test_the_wrong_kind_of_query_is_a_query_error(tiny: GraphStore) -> None:
    with pytest.raises(QueryError, match="expected a SELECT query"):
        tiny.select("ASK { ?s ?p ?o }")


# --- the in-memory graph -------------------------------------------------------------------


def test_open_graph_loads_the_ontology_seeds_and_derived_layer() -> None:
    gs = open_graph()
    assert len(ids(gs)) > 50
    assert gs.ask(ROLLUP)
    assert gs.ask("ASK { GRAPH ?g { ag:supports ag:family ag:supports } }")
    undated = "SELECT ?s WHERE { ?s a ag:Statement FILTER NOT EXISTS { ?s ag:effectiveDate ?d } }"
    assert gs.select(undated) == []


def test_open_graph_without_data_imports_no_heavy_library() -> None:
    code = (
        "import sys; from actorgraph.ingest.pipeline import open_graph; open_graph(); "
        "print(sorted(m for m in ('rdflib', 'pyshacl', 'networkx', 'pyvis') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_open_graph_adds_validated_user_data(fixtures: Path) -> None:
    gs = open_graph(data=[fixtures / "store_seed_user.ttl"])
    assert "user-001" in ids(gs)
    bindings = {"s": NamedNode(ACTOR + "iran"), "o": NamedNode(ACTOR + "turkey")}
    assert gs.ask("ASK { ?s ag:meetsWith ?o }", bindings)  # rolled up through both roles
    date = gs.select("SELECT ?d WHERE { stmt:user-001 ag:effectiveDate ?d }")
    assert date[0]["d"].value == "2024-12-01"


def test_open_graph_refuses_invalid_user_data(fixtures: Path) -> None:
    with pytest.raises(ValidationError, match="stmt:test-bad"):
        open_graph(data=[fixtures / "store_bad.ttl"])


def test_open_graph_without_seeds(small: Path) -> None:
    assert ids(open_graph(data=[small], seeds=False)) == {"test-001"}


def test_open_graph_names_a_missing_data_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nothing.ttl"):
        open_graph(data=[tmp_path / "nothing.ttl"])


# --- the on-disk store ---------------------------------------------------------------------


def test_a_store_round_trip(tmp_path: Path, small: Path) -> None:
    report = load_store(tmp_path / "db", [small], seeds=False)
    assert (report.statements, report.actors, report.generation) == (1, 2, 1)
    gs = open_graph(store=tmp_path / "db")
    assert ids(gs) == {"test-001"}
    assert gs.ask("ASK { actor:test-state ag:attacks actor:test-group }")  # derived
    assert report.quads == len(gs.store)


def test_a_store_round_trip_with_the_seeds(tmp_path: Path) -> None:
    load_store(tmp_path / "db")
    assert ids(open_graph(store=tmp_path / "db")) == ids(open_graph())


def test_a_reload_makes_a_new_generation_and_removes_the_old(loaded: Path, fixtures: Path) -> None:
    report = load_store(
        loaded, [fixtures / "store_small.ttl", fixtures / "store_extra.ttl"], seeds=False
    )
    assert report.generation == 2
    assert snapshot(loaded)[:2] == ("2\n", ["2"])
    assert ids(open_graph(store=loaded)) == {"test-001", "test-002"}


def test_an_invalid_file_leaves_the_store_as_it_was(
    loaded: Path, small: Path, fixtures: Path
) -> None:
    before = snapshot(loaded)
    with pytest.raises(ValidationError):
        load_store(loaded, [small, fixtures / "store_bad.ttl"], seeds=False)
    assert snapshot(loaded) == before


def test_a_syntax_error_leaves_the_store_as_it_was(
    loaded: Path, small: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ag: <https://w3id.org/actorgraph/ns#> .\nag:x ag:y .\n")
    before = snapshot(loaded)
    with pytest.raises(DataSyntaxError, match="broken.ttl:2:"):
        load_store(loaded, [small, broken], seeds=False)
    assert snapshot(loaded) == before


def test_a_failed_first_load_leaves_no_store(tmp_path: Path, fixtures: Path) -> None:
    with pytest.raises(ValidationError):
        load_store(tmp_path / "db", [fixtures / "store_bad.ttl"], seeds=False)
    assert not (tmp_path / "db").exists()


def test_a_leftover_generation_is_never_read_and_is_cleaned_up(loaded: Path, small: Path) -> None:
    (loaded / "generations" / "7").mkdir()  # as left by a killed load
    assert ids(open_graph(store=loaded)) == {"test-001"}
    assert load_store(loaded, [small], seeds=False).generation == 8
    assert snapshot(loaded)[1] == ["8"]


def test_a_second_writer_is_turned_away(loaded: Path, small: Path, fixtures: Path) -> None:
    holder_code = (
        "import fcntl, os, sys\n"
        "fd = os.open(sys.argv[1], os.O_RDWR)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "os.ftruncate(fd, 0); os.write(fd, str(os.getpid()).encode())\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", holder_code, str(loaded / "lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = snapshot(loaded)
        with pytest.raises(
            StoreInUseError, match=f"in use by another process \\(pid {holder.pid}\\)"
        ):
            load_store(loaded, [small, fixtures / "store_extra.ttl"], seeds=False)
        assert snapshot(loaded) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


def test_opening_a_directory_that_is_no_store_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no actorgraph store at .*actorgraph load --store"):
        open_graph(store=tmp_path)


def test_loading_into_a_foreign_directory_is_refused(tmp_path: Path, small: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not an actorgraph store"):
        load_store(tmp_path, [small], seeds=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_store_with_extra_data_is_copied_not_changed(loaded: Path, fixtures: Path) -> None:
    before = snapshot(loaded)
    gs = open_graph(store=loaded, data=[fixtures / "store_extra.ttl"])
    assert ids(gs) == {"test-001", "test-002"}
    assert gs.ask("ASK { actor:test-group ag:threatens actor:test-state }")
    assert snapshot(loaded) == before


def test_extra_data_for_a_store_is_validated_against_it(loaded: Path, fixtures: Path) -> None:
    with pytest.raises(ValidationError, match="stmt:test-bad"):
        open_graph(store=loaded, data=[fixtures / "store_bad.ttl"])


def test_a_store_whose_live_generation_is_gone_fails_clearly(loaded: Path) -> None:
    (loaded / "CURRENT").write_text("9\n")
    with pytest.raises(StoreError, match="generation 9, which is missing.*actorgraph load"):
        open_graph(store=loaded)


def test_a_query_can_leave_a_named_graph_out_of_the_union():
    from actorgraph.namespaces import GRAPH_CURATED, GRAPH_INFERRED
    from actorgraph.store.embedded import EmbeddedGraphStore
    from pyoxigraph import NamedNode, Quad, Store

    store = Store()
    s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
    store.add(Quad(s, p, NamedNode("http://example.org/curated"), NamedNode(GRAPH_CURATED)))
    store.add(Quad(s, p, NamedNode("http://example.org/inferred"), NamedNode(GRAPH_INFERRED)))
    gs = EmbeddedGraphStore(store)
    everything = {row["o"].value for row in gs.select("SELECT ?o WHERE { ?s ?p ?o }")}
    kept = {
        row["o"].value
        for row in gs.select("SELECT ?o WHERE { ?s ?p ?o }", exclude_graphs={GRAPH_INFERRED})
    }
    assert everything == {"http://example.org/curated", "http://example.org/inferred"}
    assert kept == {"http://example.org/curated"}
