"""Tests for actorgraph.formats.export: RDF round trips, GraphML/GEXF networks and CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx
import pytest
from actorgraph.formats.export import ExportFormat, export
from actorgraph.ingest.pipeline import open_graph
from actorgraph.namespaces import GRAPH_CURATED, GRAPH_DERIVED, GRAPH_ONTOLOGY
from actorgraph.query.actors import find_actors
from actorgraph.query.relations import all_statements
from actorgraph.store.base import GraphStore
from pyoxigraph import CanonicalizationAlgorithm, Dataset, DefaultGraph, Quad, RdfFormat, parse

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
RDF = {
    ExportFormat.ttl: RdfFormat.TURTLE,
    ExportFormat.nt: RdfFormat.N_TRIPLES,
    ExportFormat.trig: RdfFormat.TRIG,
    ExportFormat.nq: RdfFormat.N_QUADS,
    ExportFormat.jsonld: RdfFormat.JSON_LD,
}
QUAD_FORMATS = {ExportFormat.trig, ExportFormat.nq, ExportFormat.jsonld}


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def exported(gs: GraphStore, fmt: ExportFormat) -> bytes:
    out = io.BytesIO()
    export(gs, fmt, out)
    return out.getvalue()


def canonical(quads) -> Dataset:
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return dataset


def as_default_graph(quads) -> list[Quad]:
    return [Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads]


@pytest.mark.parametrize("fmt", list(RDF))
def test_rdf_export_parses_back_to_the_same_graph(gs: GraphStore, fmt: ExportFormat) -> None:
    parsed = list(parse(exported(gs, fmt), RDF[fmt]))
    # Triple formats hold one graph: the union of all graphs.
    quads = list(gs.store) if fmt in QUAD_FORMATS else as_default_graph(gs.store)
    assert canonical(parsed) == canonical(quads)


def test_quad_formats_keep_the_named_graphs(gs: GraphStore) -> None:
    graphs = {q.graph_name.value for q in parse(exported(gs, ExportFormat.trig), RdfFormat.TRIG)}
    assert {GRAPH_ONTOLOGY, GRAPH_CURATED, GRAPH_DERIVED} <= graphs


def test_turtle_uses_the_actorgraph_prefixes(gs: GraphStore) -> None:
    text = exported(gs, ExportFormat.ttl).decode()
    assert "@prefix actor: <https://w3id.org/actorgraph/actor/> ." in text


@pytest.mark.parametrize(
    ("fmt", "read"),
    [(ExportFormat.graphml, networkx.read_graphml), (ExportFormat.gexf, networkx.read_gexf)],
)
def test_network_formats_carry_nodes_edges_and_attributes(
    gs: GraphStore, tmp_path: Path, fmt: ExportFormat, read
) -> None:
    path = tmp_path / f"graph.{fmt.value}"
    path.write_bytes(exported(gs, fmt))
    graph = read(path)
    assert graph.is_directed() and graph.is_multigraph()

    government = graph.nodes["actor:ruritanian-government"]
    assert government["label"] == "Ruritanian government"
    assert government["label_ar"] == "الحكومة الروريتانية"
    assert government["type"] == "Government"
    assert graph.nodes["place:klow"]["type"] == "Place"
    assert graph.nodes["actor:hermit-kingdom"]["label_ar"] == "المملكة المنعزلة"

    edges = {data["statement"]: (u, v, data) for u, v, data in graph.edges(data=True)}
    assert set(edges) == {row.statement for row in all_statements(gs)}
    start, end, claim = edges["q-007"]
    assert (start, end) == ("actor:syldavia", "actor:freedom-front")
    assert claim["relation"] == "militarySupport"
    assert claim["family"] == "supports"
    assert claim["stance"] == "claimed"
    assert claim["date"] == "2024-11-29"
    assert claim["derived"] is False
    assert edges["q-005"][2]["date"] == ""  # no date
    rollup = next(
        data
        for u, v, data in graph.edges(data=True)
        if data["statement"].startswith("q-006/rollup/")
    )
    assert rollup["derived"] is True
    assert rollup["sources"] == "query_report.txt:11"


def test_csv_has_a_row_per_statement_with_the_relation_row_fields(gs: GraphStore) -> None:
    text = exported(gs, ExportFormat.csv).decode("utf-8")
    table = list(csv.DictReader(io.StringIO(text)))
    rows = all_statements(gs)
    assert len(table) == len(rows)
    fields = list(rows[0].to_dict())
    for label in ("subject_label", "object_label"):
        fields.insert(fields.index(label) + 1, f"{label}_ar")
    assert list(table[0]) == fields
    q002 = next(row for row in table if row["statement"] == "q-002")
    assert q002["sources"] == "query_report.txt:5; query_report.txt:7"
    assert q002["attributed_to"] == "Conflict Watch"
    rollup = next(row for row in table if row["statement"].startswith("q-012/rollup"))
    assert rollup["via"] == "q-012; q-005"


def test_csv_keeps_the_arabic_labels_of_subject_and_object(gs: GraphStore) -> None:
    table = list(csv.DictReader(io.StringIO(exported(gs, ExportFormat.csv).decode("utf-8"))))
    q007 = next(row for row in table if row["statement"] == "q-007")
    assert q007["subject"] == "syldavia" and q007["object"] == "freedom-front"
    by_id = {actor.id: actor.label_ar or "" for actor in find_actors(gs)}
    assert q007["subject_label_ar"] == by_id["syldavia"]
    assert q007["object_label_ar"] == by_id["freedom-front"]
    government = next(row for row in table if row["subject"] == "ruritanian-government")
    assert government["subject_label_ar"] == "الحكومة الروريتانية"


def test_csv_cells_cannot_start_a_formula(gs: GraphStore) -> None:
    table = list(csv.DictReader(io.StringIO(exported(gs, ExportFormat.csv).decode("utf-8"))))
    q016 = next(row for row in table if row["statement"] == "q-016")
    assert q016["note"] == "'=1+1 is no formula: Syldavia also voices support for the army."
    for row in table:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell


def test_export_accepts_the_format_name(gs: GraphStore) -> None:
    assert exported(gs, "nt") == exported(gs, ExportFormat.nt)
    with pytest.raises(ValueError):
        exported(gs, "xls")
