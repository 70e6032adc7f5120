"""Tests for actorgraph.formats.jsonld: compact keys, each node once, same dataset as N-Quads."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest
from actorgraph.formats.export import export
from actorgraph.formats.jsonld import jsonld_document
from actorgraph.ingest.pipeline import open_graph
from actorgraph.store.base import GraphStore
from pyoxigraph import (
    BlankNode,
    CanonicalizationAlgorithm,
    Dataset,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
)

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
EX = "https://w3id.org/actorgraph/"


@pytest.fixture(scope="module")
def seeds() -> GraphStore:
    return open_graph()


def exported(gs: GraphStore, fmt: str) -> bytes:
    out = io.BytesIO()
    export(gs, fmt, out)
    return out.getvalue()


def canonical(quads) -> Dataset:
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def expanded_by_pyld(document: dict) -> Dataset:
    """The dataset a JSON-LD processor (pyld) reads from ``document``."""
    jsonld = pytest.importorskip("pyld.jsonld", reason="pyld (test extras) is not installed")
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    return canonical(parse(nquads.encode("utf-8"), RdfFormat.N_QUADS))


def test_the_seeds_expand_to_exactly_the_n_quads_export(seeds: GraphStore) -> None:
    document = json.loads(exported(seeds, "jsonld"))
    nquads = canonical(parse(exported(seeds, "nq"), RdfFormat.N_QUADS))
    assert expanded_by_pyld(document) == nquads


def test_keys_are_short_names_not_iris(seeds: GraphStore) -> None:
    document = json.loads(exported(seeds, "jsonld"))
    curated = next(g for g in document["@graph"] if g["@id"] == "graph:curated")["@graph"]
    statement = next(n for n in curated if n["@id"] == "stmt:aleppo-032")
    assert statement["subject"] == "actor:abbas-araghchi"
    assert statement["relation"] == "meetsWith"
    assert statement["stance"] == "asserted"
    assert statement["@type"] == "Statement"
    source = statement["source"][0]
    assert set(source) == {"document", "excerpt", "line"}  # embedded, no blank-node id
    assert isinstance(source["line"], int)
    assert not any(key.startswith("http") for node in curated for key in node)


def test_each_node_appears_once_per_graph(seeds: GraphStore) -> None:
    document = json.loads(exported(seeds, "jsonld"))
    for graph in document["@graph"]:
        counts = Counter(node["@id"] for node in graph["@graph"])
        assert counts.most_common(1)[0][1] == 1, graph["@id"]


def test_values_that_do_not_fit_a_coercion_are_written_in_full() -> None:
    """A property with an IRI and a literal, a default-graph triple and a blank-node cycle."""
    p, g = NamedNode(EX + "ns#mixed"), NamedNode(EX + "graph/curated")
    a, b = BlankNode("a"), BlankNode("b")
    iran = NamedNode(EX + "actor/iran")
    quads = [
        Quad(iran, p, NamedNode(EX + "actor/turkey"), g),
        Quad(
            iran, p, Literal("7", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g
        ),
        Quad(iran, p, Literal("text"), g),
        Quad(a, NamedNode(EX + "ns#next"), b, g),
        Quad(b, NamedNode(EX + "ns#next"), a, g),
        Quad(iran, NamedNode(EX + "ns#note"), Literal("default graph")),
    ]
    document = json.loads(json.dumps(jsonld_document(quads)))
    assert expanded_by_pyld(document) == canonical(quads)


def test_the_fixture_round_trips_through_pyoxigraph_too() -> None:
    gs = open_graph(data=[FIXTURE], seeds=False)
    parsed = canonical(parse(exported(gs, "jsonld"), RdfFormat.JSON_LD))
    assert parsed == canonical(gs.store)
