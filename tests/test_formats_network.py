"""Tests for actorgraph.formats.network: the network model and GraphML valid against its XSD."""

from __future__ import annotations

import io
from pathlib import Path

import networkx
import pytest
from actorgraph.formats.network import build_network, write_graphml, xml_id
from actorgraph.ingest.pipeline import open_graph
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
XSD = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "xsd"


def schema(name: str):
    """The XML schema ``xsd/<name>`` of the conformance folder, or a skip with the reason."""
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema (test extras) is not installed")
    path = XSD / name
    if not path.exists():
        pytest.skip(f"the conformance schemas are not there: {path} is absent")
    return xmlschema.XMLSchema(str(path))


@pytest.fixture(scope="module")
def fixture_graph() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


@pytest.fixture(scope="module")
def seeds() -> GraphStore:
    return open_graph()


def graphml(gs: GraphStore) -> bytes:
    out = io.BytesIO()
    write_graphml(build_network(gs), out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("aleppo-078/rollup/united-states/turkey", "aleppo-078.rollup.united-states.turkey"),
        ("actor:iran", "actor:iran"),
        ("q_1.2-x", "q_1.2-x"),
        ("<https://example.org/a b>", ".https:..example.org.a.b."),
        ("", "."),
    ],
)
def test_xml_id_keeps_nmtoken_characters_and_replaces_the_rest(text: str, token: str) -> None:
    assert xml_id(text) == token


def test_every_edge_id_is_unique_and_the_statement_id_is_kept(fixture_graph: GraphStore) -> None:
    network = build_network(fixture_graph)
    ids = [key for key, *_ in network.edges]
    assert len(ids) == len(set(ids))
    rollups = [(key, data) for key, _, _, data in network.edges if "/" in str(data["statement"])]
    assert rollups, "the fixture has roll-ups"
    for key, data in rollups:
        assert key == xml_id(str(data["statement"]))


def test_graphml_of_the_seeds_is_valid_against_the_graphml_schema(seeds: GraphStore) -> None:
    errors = list(schema("graphml-1.0/graphml.xsd").iter_errors(io.BytesIO(graphml(seeds))))
    assert [error.reason for error in errors] == []


def test_graphml_reads_back_with_networkx(fixture_graph: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_bytes(graphml(fixture_graph))
    graph = networkx.read_graphml(path)
    network = build_network(fixture_graph)
    assert graph.number_of_nodes() == len(network.nodes)
    assert graph.number_of_edges() == len(network.edges)
