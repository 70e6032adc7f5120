"""Tests for actorgraph.query.sparql: user queries, parameters, the named library, results,
timeouts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from actorgraph.errors import (
    QueryError,
    QueryRefusedError,
    QueryTimeoutError,
    UnknownActorError,
    UsageError,
)
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.results import result_rows
from actorgraph.query.sparql import (
    ResultKind,
    check_network_access,
    load_query,
    named_queries,
    query_params,
    run_query,
)
from actorgraph.store.base import GraphStore
from pyoxigraph import Literal, NamedNode

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")
XSD_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def rows(gs: GraphStore, text: str, params: dict[str, str] | None = None, **options):
    return result_rows(run_query(gs, text, params, **options).result)[1]


# --- refusing network access --------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service ?endpoint { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
        "LOAD <http://example.org/data.ttl>",
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX ex: <http://example.org/> SELECT * FROM ex:g WHERE { ?s ?p ?o }",
        "DELETE { ?s ?p ?o } USING <http://example.org/g> WHERE { ?s ?p ?o }",
    ],
)
def test_network_and_dataset_clauses_are_refused(query: str) -> None:
    with pytest.raises(QueryRefusedError):
        check_network_access(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://example.org/>" }',
        "SELECT * WHERE { ?s ?p 'FROM <http://example.org/g>' }",
        'SELECT * WHERE { ?s ?p """LOAD\n<http://example.org/>""" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/> in a comment",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
        "SELECT ?service ?from WHERE { ?service ?from ?using }",
        "PREFIX from: <http://example.org/> SELECT * WHERE { ?s from:load ex:service }",
        'SELECT * WHERE { ?s ?p "x"@from }',
        'SELECT * WHERE { ?s ?p "say \\"SERVICE\\" here" }',
    ],
)
def test_keywords_inside_strings_iris_names_and_comments_are_fine(query: str) -> None:
    check_network_access(query)


def test_refusal_says_where_and_what(gs: GraphStore) -> None:
    query = "SELECT *\nWHERE {\n  SERVICE <http://example.org/sparql> { ?s ?p ?o }\n}"
    with pytest.raises(QueryRefusedError, match="line 3, column 3: SERVICE"):
        run_query(gs, query)
    with pytest.raises(QueryRefusedError, match="FROM NAMED <http://example.org/g>"):
        check_network_access("SELECT * FROM NAMED <http://example.org/g> WHERE { }")


def test_allow_network_skips_the_check(gs: GraphStore) -> None:
    query = "SELECT ?s FROM <https://w3id.org/actorgraph/graph/curated> WHERE { ?s a ?t }"
    run_query(gs, query, allow_network=True)


# --- parameters ------------------------------------------------------------------------------


def test_an_actor_parameter_is_resolved_by_name(gs: GraphStore) -> None:
    query = (
        "SELECT ?actor ?label WHERE { ?actor <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    )
    found = rows(gs, query, {"actor": "سيلدافيا"})
    assert {row["actor"] for row in found} == {"actor:syldavia"}
    with pytest.raises(UnknownActorError):
        run_query(gs, query, {"actor": "Atlantis"})


def test_a_parameter_declared_as_actor_is_resolved(gs: GraphStore) -> None:
    query = (
        "# param: target (actor) — the actor\n"
        "SELECT ?target ?s WHERE { ?s <https://w3id.org/actorgraph/ns#object> ?target }"
    )
    assert query_params(query)[0].kind == "actor"
    found = rows(gs, query, {"target": "the regime"})
    assert {row["s"] for row in found} == {"stmt:q-001", "stmt:q-005", "stmt:q-011"}


def test_iri_date_and_literal_values(gs: GraphStore) -> None:
    for value, term in [
        ("<https://example.org/x>", NamedNode("https://example.org/x")),
        ("https://example.org/x", NamedNode("https://example.org/x")),
        ("2024-12-01", Literal("2024-12-01", datatype=XSD_DATE)),
        ("Iran", Literal("Iran")),
    ]:
        result = run_query(gs, "SELECT ?v WHERE { BIND (1 AS ?one) }", {"v": value}).result
        assert next(iter(result))["v"] == term


def test_a_declared_kind_decides_the_value(gs: GraphStore) -> None:
    query = "# param: v (date) — a day\nSELECT ?v WHERE { }"
    with pytest.raises(UsageError, match="'yesterday' is not a date like 2024-12-01"):
        run_query(gs, query, {"v": "yesterday"})
    query = "# param: v (integer) — a count\nSELECT ?v WHERE { }"
    result = run_query(gs, query, {"v": "42"}).result
    assert next(iter(result))["v"] == Literal("42", datatype=XSD_INTEGER)
    with pytest.raises(UsageError, match="not an integer"):
        run_query(gs, query, {"v": "4.5"})


def test_a_parameter_binds_a_value_and_never_becomes_query_text(gs: GraphStore) -> None:
    query = "SELECT ?label ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    injected = 'x" } UNION { ?x ?p ?label } #'
    assert rows(gs, query, {"label": injected}) == []


@pytest.mark.parametrize("value", ["<not an iri>", "<relative/path>", "http://exa mple.org/"])
def test_malformed_iris_are_usage_errors(gs: GraphStore, value: str) -> None:
    with pytest.raises(UsageError, match="not a valid absolute IRI"):
        run_query(gs, "SELECT ?v WHERE { }", {"v": value})


def test_unknown_parameter_names_are_usage_errors(gs: GraphStore) -> None:
    with pytest.raises(UsageError, match=r"no variable \?who.*\?s"):
        run_query(gs, "SELECT ?s WHERE { ?s ?p ?o }", {"who": "x"})


def test_a_parameter_must_be_selected(gs: GraphStore) -> None:
    with pytest.raises(QueryError, match="SELECT"):
        run_query(gs, "SELECT ?s WHERE { ?s ?p ?o }", {"o": "x"})


def test_malformed_sparql_is_a_query_error(gs: GraphStore) -> None:
    with pytest.raises(QueryError):
        run_query(gs, "SELECT ?s WHERE { ?s ?p }")


# --- the named queries ----------------------------------------------------------------------

REQUIRED = {
    "who-supports",
    "who-opposes",
    "who-talks-to",
    "relations-of",
    "claims-and-denials",
    "statements-by-source",
    "actors-by-type",
    "supporters-of-both-sides",
}


def test_the_library_has_the_documented_queries_with_headers() -> None:
    queries = {query.name: query for query in named_queries()}
    assert set(queries) >= REQUIRED
    for name, query in queries.items():
        assert query.title and query.description, name
        assert query.example and query.example.startswith(f"actorgraph query {name}"), name
        assert query.path.read_text(encoding="utf-8") == load_query(name)
    assert [(p.name, p.kind) for p in queries["who-supports"].params] == [("actor", "actor")]


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_named_query_runs_with_its_parameters(gs: GraphStore, name: str) -> None:
    query = next(q for q in named_queries() if q.name == name)
    values = {
        "actor": "ruritanian-government" if name == "who-talks-to" else "freedom-front",
        "file": "query_report.txt",
    }
    outcome = run_query(gs, load_query(name), {p.name: values[p.name] for p in query.params})
    assert outcome.kind is ResultKind.solutions
    assert result_rows(outcome.result)[1]


def test_who_supports_leaves_out_the_denial(gs: GraphStore) -> None:
    found = rows(gs, load_query("who-supports"), {"actor": "Freedom Front"})
    assert [(r["supporter"], r["statement"]) for r in found] == [("actor:syldavia", "stmt:q-007")]


def test_who_talks_to_goes_both_ways(gs: GraphStore) -> None:
    found = rows(gs, load_query("who-talks-to"), {"actor": "ruritanian-government"})
    assert {(r["other"], r["direction"]) for r in found} == {
        ("actor:syldavia", "out"),
        ("actor:united-nations", "in"),
    }


def test_claims_and_denials_pairs_them_with_both_sides_sources(gs: GraphStore) -> None:
    (pair,) = rows(gs, load_query("claims-and-denials"))
    assert (pair["claim"], pair["denial"]) == ("stmt:q-007", "stmt:q-008")
    assert pair["claim_sources"] == "query_report.txt:13"
    assert pair["denial_sources"] == "query_report.txt:14"
    assert (pair["claim_by"], pair["denial_by"]) == ("two-officers", "syldavia")


def test_supporters_of_both_sides(gs: GraphStore) -> None:
    # Syldavia backs freedom-front and the Ruritanian army (q-007, q-016), which fight each
    # other; the army is part of Ruritania (q-009), so its support and its fights roll up.
    found = rows(gs, load_query("supporters-of-both-sides"))
    assert [(r["supporter"], r["side_a"], r["side_b"]) for r in found] == [
        ("actor:syldavia", "actor:freedom-front", "actor:ruritania"),
        ("actor:syldavia", "actor:freedom-front", "actor:ruritanian-army"),
    ]
    for row in found:
        assert set(row["oppositions"].split(", ")) == {
            "attacks",
            "capturesTerritoryFrom",
            "airStrike",
        }


def test_statements_by_source_in_line_order(gs: GraphStore) -> None:
    found = rows(gs, load_query("statements-by-source"), {"file": "query_report.txt"})
    lines = [int(r["line"]) for r in found]
    assert lines == sorted(lines) and lines[0] == 2
    assert rows(gs, load_query("statements-by-source"), {"file": "other.txt"}) == []


def test_actors_by_type_lists_each_actor_once(gs: GraphStore) -> None:
    found = rows(gs, load_query("actors-by-type"))
    assert len(found) == len({r["actor"] for r in found}) == 11
    assert {"type": "ag:Person", "actor": "actor:jan-novak"}.items() <= next(
        r for r in found if r["actor"] == "actor:jan-novak"
    ).items()


# --- loading queries --------------------------------------------------------------------------


def test_load_query_reads_files_and_passes_text_through(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert load_query(str(path)) == "ASK { ?s ?p ?o }"
    assert load_query("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"


def test_load_query_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such query file"):
        load_query(str(tmp_path / "missing.rq"))
    with pytest.raises(UsageError, match="who-supports"):
        load_query("who-supprts")
    bad = tmp_path / "bad.rq"
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(UsageError, match="cannot read"):
        load_query(str(bad))


# --- timeouts --------------------------------------------------------------------------------


def test_a_slow_query_is_stopped_at_the_timeout(gs: GraphStore) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="0.5 s"):
        run_query(gs, SLOW, timeout=0.5)
    # SLOW would run for hours; a bound this loose says "stopped" on any machine.
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("SELECT ?s ?t WHERE { ?s a ?t } ORDER BY ?s ?t", ResultKind.solutions),
        ("ASK { ?s a <https://w3id.org/actorgraph/ns#Monitor> }", ResultKind.boolean),
        ("CONSTRUCT WHERE { ?s a <https://w3id.org/actorgraph/ns#State> }", ResultKind.triples),
    ],
)
def test_a_query_with_a_timeout_gives_the_same_result(
    gs: GraphStore, query: str, kind: ResultKind
) -> None:
    direct = run_query(gs, query)
    child = run_query(gs, query, timeout=30)
    assert direct.kind is child.kind is kind
    assert type(child.result) is type(direct.result)
    if kind is ResultKind.triples:
        assert sorted(map(str, child.result)) == sorted(map(str, direct.result))
    else:
        assert result_rows(child.result) == result_rows(direct.result)


def test_parameters_and_errors_cross_the_process_boundary(gs: GraphStore) -> None:
    query = "SELECT ?actor WHERE { ?actor a ?t }"
    assert rows(gs, query, {"actor": "Syldavia"}, timeout=30)[0] == {"actor": "actor:syldavia"}
    with pytest.raises(QueryError):
        run_query(gs, "SELECT ?s WHERE { ?s ?p }", timeout=30)
    with pytest.raises(QueryError, match="SELECT"):
        run_query(gs, "SELECT ?s WHERE { ?s ?p ?o }", {"o": "x"}, timeout=30)
    with pytest.raises(UnknownActorError):
        run_query(gs, query, {"actor": "Atlantis"}, timeout=30)


def test_the_timeout_works_on_an_on_disk_store(tmp_path: Path) -> None:
    from actorgraph.ingest.pipeline import load_store

    load_store(tmp_path / "db", data=[FIXTURE], seeds=False)
    disk = open_graph(store=tmp_path / "db")
    assert rows(disk, "ASK { ?s ?p ?o }", timeout=30) == [{"result": "true"}]
    with pytest.raises(QueryTimeoutError):
        run_query(disk, SLOW, timeout=0.5)


@pytest.mark.parametrize(
    ("family", "actor"),
    [
        ("supports", "syrian-government"),
        ("opposes", "hts"),
        ("supports", "assad"),
        ("talks-to", "russia"),
        ("talks-to", "turkey"),
    ],
)
def test_named_who_queries_give_what_who_gives(family: str, actor: str) -> None:
    from actorgraph.query.actors import resolve_actor
    from actorgraph.query.who import parse_family, who

    seeds = open_graph()
    target = resolve_actor(seeds, actor)
    expected = {
        row.statement
        for found in who(seeds, parse_family(family), target)
        for row in found.statements
    }
    text = load_query(f"who-{family}")
    answered = {
        cells["statement"].rsplit("/statement/", 1)[-1]
        for cells in seeds.table(text, {"actor": NamedNode(target.iri)})
    }
    assert answered == expected and expected
