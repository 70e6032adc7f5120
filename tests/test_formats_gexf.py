"""Tests for actorgraph.formats.gexf: GEXF 1.3, valid against its XSD, read by networkx."""

from __future__ import annotations

import io
from pathlib import Path
from xml.etree import ElementTree

import networkx
import pytest
from actorgraph.formats.gexf import GEXF_NAMESPACE, write_gexf
from actorgraph.formats.network import build_network
from actorgraph.ingest.pipeline import open_graph
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
XSD = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "xsd"


@pytest.fixture(scope="module")
def seeds() -> GraphStore:
    return open_graph()


def gexf(gs: GraphStore) -> bytes:
    out = io.BytesIO()
    write_gexf(build_network(gs), out)
    return out.getvalue()


def test_gexf_is_version_1_3(seeds: GraphStore) -> None:
    root = ElementTree.fromstring(gexf(seeds))
    assert root.tag == f"{{{GEXF_NAMESPACE}}}gexf"
    assert root.get("version") == "1.3"
    graph = root.find(f"{{{GEXF_NAMESPACE}}}graph")
    assert graph is not None and graph.get("name") is None


def test_gexf_of_the_seeds_is_valid_against_the_gexf_1_3_schema(seeds: GraphStore) -> None:
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema (test extras) is not installed")
    path = XSD / "gexf-1.3" / "gexf.xsd"
    if not path.exists():
        pytest.skip(f"the conformance schemas are not there: {path} is absent")
    errors = list(xmlschema.XMLSchema(str(path)).iter_errors(io.BytesIO(gexf(seeds))))
    assert [error.reason for error in errors] == []


def test_the_same_graph_gives_the_same_bytes(seeds: GraphStore) -> None:
    assert gexf(seeds) == gexf(seeds)


def test_networkx_reads_nodes_edges_and_attributes(tmp_path: Path) -> None:
    gs = open_graph(data=[FIXTURE], seeds=False)
    path = tmp_path / "graph.gexf"
    path.write_bytes(gexf(gs))
    graph = networkx.read_gexf(path)
    network = build_network(gs)
    assert graph.number_of_nodes() == len(network.nodes)
    assert graph.number_of_edges() == len(network.edges)
    assert graph.nodes["actor:ruritanian-government"]["label_ar"] == "الحكومة الروريتانية"
    edges = {data["statement"]: data for _, _, data in graph.edges(data=True)}
    assert edges["q-007"]["stance"] == "claimed"
    assert edges["q-007"]["label"] == "militarySupport"
    assert edges["q-007"]["derived"] is False
