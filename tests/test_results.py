"""actorgraph.query.results: SPARQL results as tables and in the standard formats."""

import json
from pathlib import Path

import pytest
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.results import result_rows, serialize_results, serialized
from actorgraph.query.sparql import ResultKind, run_query
from actorgraph.store.base import GraphStore
from pyoxigraph import NamedNode, RdfFormat, parse

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def test_select_results_serialise_in_the_standard_formats(gs: GraphStore) -> None:
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/actorgraph/ns#Monitor> }"
    data = json.loads(serialize_results(run_query(gs, query).result, "json"))
    assert data["results"]["bindings"] == [
        {"s": {"type": "uri", "value": "https://w3id.org/actorgraph/actor/conflict-watch"}}
    ]
    csv = serialize_results(run_query(gs, query).result, "csv").decode()
    assert csv.splitlines() == ["s", "https://w3id.org/actorgraph/actor/conflict-watch"]
    assert b"<sparql" in serialize_results(run_query(gs, query).result, "xml")


def test_construct_results_serialise_as_rdf(gs: GraphStore) -> None:
    query = "CONSTRUCT WHERE { ?s a <https://w3id.org/actorgraph/ns#Monitor> }"
    outcome = run_query(gs, query)
    assert outcome.kind is ResultKind.triples
    turtle = serialize_results(outcome.result, "ttl")
    (triple,) = [quad.triple for quad in parse(turtle, RdfFormat.TURTLE)]
    assert triple.subject == NamedNode("https://w3id.org/actorgraph/actor/conflict-watch")


def test_a_format_that_does_not_fit_is_a_usage_error(gs: GraphStore) -> None:
    with pytest.raises(UsageError, match="ttl"):
        serialize_results(run_query(gs, "CONSTRUCT WHERE { ?s a ?t }").result, "csv")
    with pytest.raises(UsageError, match="json"):
        serialize_results(run_query(gs, "SELECT * WHERE { ?s a ?t }").result, "ttl")


def test_result_rows_for_each_kind(gs: GraphStore) -> None:
    query = (
        "SELECT ?s ?date WHERE { ?s <https://w3id.org/actorgraph/ns#subject> "
        "<https://w3id.org/actorgraph/actor/jan-novak> "
        "OPTIONAL { ?s <https://w3id.org/actorgraph/ns#date> ?date } } ORDER BY ?s"
    )
    columns, found = result_rows(run_query(gs, query).result)
    assert columns == ["s", "date"]
    assert found[0] == {"s": "stmt:q-005", "date": ""}  # unbound is empty
    assert found[1] == {"s": "stmt:q-006", "date": "2024-12-01"}
    assert result_rows(run_query(gs, "ASK { ?s ?p ?o }").result) == (
        ["result"],
        [{"result": "true"}],
    )
    columns, found = result_rows(run_query(gs, "CONSTRUCT WHERE { ?s a ?t } LIMIT 1").result)
    assert columns == ["subject", "predicate", "object"] and len(found) == 1


def test_serialized_ends_with_a_newline_and_table_means_turtle_for_a_graph(gs: GraphStore) -> None:
    outcome = run_query(gs, "CONSTRUCT WHERE { ?s a <https://w3id.org/actorgraph/ns#Monitor> }")
    text = serialized(outcome, "table")
    assert text.endswith(b"\n")
    assert [q.triple.subject.value for q in parse(text, RdfFormat.TURTLE)] == [
        "https://w3id.org/actorgraph/actor/conflict-watch"
    ]
