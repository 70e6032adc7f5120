"""Property tests: random valid statements survive load, export and load unchanged (issue 7).

Labels and notes mix English, Arabic, quotes, backslashes and markup. Every generated
data set must load, export and load again into an isomorphic curated graph, and must
never crash actor search, the visualisation page or any export format.
"""

from __future__ import annotations

import io

from actorgraph.formats.export import ExportFormat, export
from actorgraph.ingest.pipeline import open_graph
from actorgraph.namespaces import ACTOR, AG, GRAPH_CURATED, STATEMENT
from actorgraph.query.actors import find_actors
from actorgraph.viz.page import build_page_data, render_page
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, parse, serialize

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
DOCUMENT = NamedNode("https://w3id.org/actorgraph/document/property-test")
RELATIONS = ["militarySupport", "opposes", "attacks", "meetsWith", "accuses", "alliedWith"]
ACTOR_CLASSES = ["State", "ArmedGroup", "Person", "Government", "InternationalOrganisation"]

#: Characters a curator might type, and some an attacker would.
CHARACTERS = st.sampled_from(
    list("abcXYZ019 ") + list("حلبسوريةإيرانالأسد ") + list("\"'\\<>&{}#;:@.%") + ["\u200f", "é"]
)
TEXT = st.text(CHARACTERS, min_size=1, max_size=24).map(str.strip).filter(bool)
WORDS = st.lists(TEXT, min_size=1, max_size=6).map(" ".join)

settings.register_profile(
    "actorgraph-ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CI = settings.get_profile("actorgraph-ci")


def ag(name: str) -> NamedNode:
    return NamedNode(AG + name)


@st.composite
def data_sets(draw) -> list[Quad]:
    """A small valid data set: 2-4 actors, 1-4 statements between them, one document."""
    graph = NamedNode(GRAPH_CURATED)
    quads = [
        Quad(DOCUMENT, RDF_TYPE, NamedNode(AG + "Document"), graph),
        Quad(DOCUMENT, NamedNode(AG + "fileName"), Literal(draw(TEXT)), graph),
        Quad(
            DOCUMENT, NamedNode(AG + "published"), Literal("2024-12-02", datatype=XSD_DATE), graph
        ),
    ]
    actors = [NamedNode(f"{ACTOR}property-{n}") for n in range(draw(st.integers(2, 4)))]
    for actor in actors:
        quads += [
            Quad(actor, RDF_TYPE, NamedNode(AG + draw(st.sampled_from(ACTOR_CLASSES))), graph),
            Quad(actor, LABEL, Literal(draw(TEXT), language="en"), graph),
            Quad(actor, LABEL, Literal(draw(TEXT), language="ar"), graph),
        ]
    for n in range(draw(st.integers(1, 4))):
        statement, source = NamedNode(f"{STATEMENT}property-{n}"), BlankNode()
        subject, obj = draw(st.permutations(actors))[:2]
        quads += [
            Quad(statement, RDF_TYPE, NamedNode(AG + "Statement"), graph),
            Quad(statement, NamedNode(AG + "subject"), subject, graph),
            Quad(
                statement,
                NamedNode(AG + "relation"),
                NamedNode(AG + draw(st.sampled_from(RELATIONS))),
                graph,
            ),
            Quad(statement, NamedNode(AG + "object"), obj, graph),
            Quad(statement, NamedNode(AG + "stance"), NamedNode(AG + "asserted"), graph),
            Quad(statement, NamedNode(AG + "source"), source, graph),
            Quad(source, NamedNode(AG + "document"), DOCUMENT, graph),
            Quad(source, NamedNode(AG + "line"), Literal(draw(st.integers(1, 500))), graph),
            Quad(statement, NamedNode(AG + "note"), Literal(draw(WORDS), language="en"), graph),
        ]
    return quads


def isomorphic(left: list[Quad], right: list[Quad]) -> bool:
    """Whether two sets of quads are the same graph, blank nodes aside."""
    from rdflib import Graph
    from rdflib.compare import isomorphic as rdflib_isomorphic

    def graph(quads: list[Quad]) -> Graph:
        text = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)
        return Graph().parse(data=text.decode("utf-8"), format="nt")

    return rdflib_isomorphic(graph(left), graph(right))


def curated(quads) -> list[Quad]:
    return [q for q in quads if q.graph_name == NamedNode(GRAPH_CURATED)]


@CI
@given(quads=data_sets())
def test_statements_round_trip_through_load_and_export(tmp_path_factory, quads) -> None:
    directory = tmp_path_factory.mktemp("property")
    first = directory / "data.ttl"
    first.write_bytes(serialize([q.triple for q in quads], format=RdfFormat.TURTLE))
    gs = open_graph(data=[first], seeds=False)
    assert isomorphic(curated(gs.quads()), quads)
    out = io.BytesIO()
    export(gs, ExportFormat.trig, out)
    exported = curated(parse(out.getvalue(), RdfFormat.TRIG))
    assert isomorphic(exported, quads)
    second = directory / "again.ttl"
    second.write_bytes(serialize([q.triple for q in exported], format=RdfFormat.TURTLE))
    assert isomorphic(curated(open_graph(data=[second], seeds=False).quads()), quads)


@CI
@given(quads=data_sets(), search=TEXT)
def test_search_viz_and_export_never_crash(tmp_path_factory, quads, search: str) -> None:
    path = tmp_path_factory.mktemp("property") / "data.ttl"
    path.write_bytes(serialize([q.triple for q in quads], format=RdfFormat.TURTLE))
    gs = open_graph(data=[path], seeds=False)
    labels = [q.object.value for q in quads if q.predicate == LABEL]
    for text in [search, *labels]:
        found = find_actors(gs, text)
        assert text not in labels or found  # every label finds its actor
    page = render_page(build_page_data(gs))
    assert "<script>alert" not in page
    for label in labels:
        assert f">{label}<" not in page or "<" not in label  # markup is never live
    for fmt in ExportFormat:
        if fmt.is_directory:  # sheets: a directory of files (export_directory)
            continue
        out = io.BytesIO()
        export(gs, fmt, out)
        assert out.getvalue()
