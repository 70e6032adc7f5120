"""Tests for actorgraph.analysis.infer: OWL 2 RL inferences in their own named graph."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import rdflib
from actorgraph.analysis.infer import (
    Inference,
    Kind,
    add_inferred,
    infer,
    infer_store,
    output_format,
    write_inferred,
)
from actorgraph.errors import StoreError, UsageError
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.namespaces import ACTOR, GRAPH_CURATED, GRAPH_INFERRED, PREFIXES
from actorgraph.store.base import GraphStore
from actorgraph.store.generations import current_generation
from pyoxigraph import NamedNode, RdfFormat, Store, parse, serialize
from rdflib.compare import isomorphic

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"
INFERRED = NamedNode(GRAPH_INFERRED)


def holds(gs: GraphStore, a: str, relation: str, b: str, **options) -> bool:
    query = f"ASK {{ actor:{a} ag:{relation} actor:{b} }}"
    return gs.ask(query, **options)


def curated(store: Store) -> rdflib.Graph:
    """The curated graph as an rdflib graph, for comparison by isomorphism."""
    triples = [
        q.triple for q in store.quads_for_pattern(None, None, None, NamedNode(GRAPH_CURATED))
    ]
    return rdflib.Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")


@pytest.fixture(scope="module")
def inferred() -> tuple[GraphStore, rdflib.Graph, Inference]:
    """The fixture in memory, its curated graph before reasoning, and the inference."""
    gs = open_graph(data=[FIXTURE], seeds=False)
    before = curated(gs.store)
    return gs, before, add_inferred(gs)


def test_a_phone_call_holds_both_ways_as_talking(inferred) -> None:
    gs, _before, _inference = inferred
    assert holds(gs, "red-state", "phoneCall", "grey-state")
    assert holds(gs, "red-state", "talksTo", "grey-state")
    assert holds(gs, "grey-state", "talksTo", "red-state")


def test_a_relation_implies_its_family(inferred) -> None:
    gs, _before, _inference = inferred
    assert holds(gs, "red-state", "supports", "red-army")  # militarySupport
    assert holds(gs, "red-army", "attacks", "blue-rebels")  # airStrike
    assert holds(gs, "red-army", "opposes", "blue-rebels")


def test_inferred_triples_can_be_left_out(inferred) -> None:
    gs, _before, _inference = inferred
    leave_out = {"exclude_graphs": {GRAPH_INFERRED}}
    assert not holds(gs, "red-state", "talksTo", "grey-state", **leave_out)
    assert not holds(gs, "red-state", "supports", "red-army", **leave_out)
    assert holds(gs, "grey-state", "phoneCall", "red-state", **leave_out)  # derived, kept


def test_the_curated_graph_is_unchanged(inferred) -> None:
    gs, before, _inference = inferred
    assert isomorphic(before, curated(gs.store))


def test_only_new_triples_about_our_resources(inferred) -> None:
    gs, _before, inference = inferred
    mine = {q.triple for q in gs.store.quads_for_pattern(None, None, None, INFERRED)}
    others = {q.triple for q in gs.store if q.graph_name != INFERRED}
    assert len(mine) == inference.total > 0
    assert not mine & others
    owl = PREFIXES["owl"]
    for triple in mine:
        assert triple.subject.value.startswith("https://w3id.org/actorgraph/")
        assert not triple.predicate.value.startswith((owl, PREFIXES["rdfs"]))
        assert not triple.object.value.startswith(owl)


def test_counts_by_kind(inferred) -> None:
    _gs, _before, inference = inferred
    counts = inference.counts
    assert set(counts) == {kind.value for kind in Kind}
    assert counts["symmetric"] == 2  # the phone call and fighting alongside, reversed
    assert counts["inverse"] == 0  # the ontology declares no inverses
    assert counts["sub-property"] > 0 and counts["class"] > 0
    assert sum(counts.values()) == inference.total
    kinds = {(t.subject.value, t.predicate.value, t.object.value): k for t, k in inference.triples}
    phone = (ACTOR + "red-state", PREFIXES["ag"] + "phoneCall", ACTOR + "grey-state")
    assert kinds[phone] is Kind.symmetric
    assert kinds[(ACTOR + "red-state", PREFIXES["rdf"] + "type", PREFIXES["ag"] + "Actor")] is (
        Kind.class_
    )


def test_reasoning_again_replaces_the_inferred_graph(inferred) -> None:
    gs, _before, inference = inferred
    again = add_inferred(gs)
    assert again.total == inference.total
    assert len(list(gs.store.quads_for_pattern(None, None, None, INFERRED))) == again.total


@pytest.mark.parametrize(
    ("suffix", "rdf_format"), [(".trig", RdfFormat.TRIG), (".nq", RdfFormat.N_QUADS)]
)
def test_write_the_inferred_graph(inferred, suffix: str, rdf_format: RdfFormat) -> None:
    _gs, _before, inference = inferred
    chosen = output_format(Path("out" + suffix))
    assert chosen == rdf_format
    out = io.BytesIO()
    write_inferred(inference, out, chosen)
    quads = list(parse(out.getvalue(), format=rdf_format))
    assert len(quads) == inference.total
    assert {q.graph_name for q in quads} == {INFERRED}


def test_output_format_must_hold_a_named_graph() -> None:
    with pytest.raises(UsageError, match=r"\.trig"):
        output_format(Path("inferred.ttl"))


def test_infer_into_a_store_atomically(tmp_path: Path) -> None:
    directory = tmp_path / "db"
    load_store(directory, data=[FIXTURE], seeds=False)
    generation = current_generation(directory)
    before = curated(open_graph(directory).store)
    inference = infer_store(directory)
    assert current_generation(directory) == generation + 1
    gs = open_graph(directory)
    assert holds(gs, "grey-state", "talksTo", "red-state")
    assert not holds(gs, "grey-state", "talksTo", "red-state", exclude_graphs={GRAPH_INFERRED})
    assert isomorphic(before, curated(gs.store))
    assert len(list(gs.store.quads_for_pattern(None, None, None, INFERRED))) == inference.total


def test_infer_needs_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no actorgraph store"):
        infer_store(tmp_path / "none")
    assert not (tmp_path / "none").exists()


def test_seeds_a_phone_call_and_military_support() -> None:
    gs = open_graph()
    assert not holds(gs, "hakan-fidan", "talksTo", "antony-blinken")
    inference = infer(gs)
    found = {(t.subject.value, t.predicate.value, t.object.value) for t, _kind in inference.triples}
    ag = PREFIXES["ag"]
    assert (ACTOR + "hakan-fidan", ag + "talksTo", ACTOR + "antony-blinken") in found
    assert (ACTOR + "russia", ag + "supports", ACTOR + "syrian-army") in found
    assert not any("wikidata" in value for triple in found for value in triple)
