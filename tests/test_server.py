"""Tests for graph/server.py: ``actorgraph serve`` as a real subprocess, over real HTTP.

Servers listen on 127.0.0.1 with ``--port 0`` (a free port, read from the announcement on
stderr). The read-only server holds the seeds plus tests/fixtures/server_extra.trig; the
expected answers come from the same data in an embedded store. Clients are urllib and
SPARQLWrapper; every result format is parsed back and compared.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.query.sparql import run_query
from actorgraph.web.server import is_loopback, read_token
from conftest import (
    EXTRA,
    EXTRA_GRAPH,
    ROOT,
    SCRIPT,
    TOKEN,
    Canary,
    Served,
    get_query,
    http,
    start_server,
    wait_for_log,
)
from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
)
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SD = "http://www.w3.org/ns/sparql-service-description#"
STATES = "SELECT ?actor ?label WHERE { ?actor a ag:State ; rdfs:label ?label }"
STATE_GRAPH = "CONSTRUCT WHERE { ?actor a ag:State ; rdfs:label ?label }"
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1 [A-Z]+ /\S* \d{3} \d+ \d+\.\dms$"
)

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        not SCRIPT.exists(), reason=f"console script not installed at {SCRIPT} (pip install -e .)"
    ),
]
runner = CliRunner()


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    """A read-only server of the seeds and the endpoint fixture, at most 100 rows."""
    served = start_server("--data", str(EXTRA), "--max-rows", "100")
    yield served
    assert served.stop() == 0


@pytest.fixture(scope="module")
def local():
    return open_graph(data=[EXTRA])


@pytest.fixture
def writable(tmp_path) -> Iterator[tuple[Served, Path]]:
    """A server of an on-disk store that accepts writes with TOKEN and CORS from one origin."""
    store = tmp_path / "db"
    load_store(store, [EXTRA])
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    served = start_server(
        "--store",
        str(store),
        "--allow-update",
        "--token-file",
        str(token_file),
        "--cors",
        "http://allowed.example",
    )
    yield served, store
    assert served.stop() == 0


def rows_of(result) -> set[tuple[str, ...]]:
    """Solutions as a set of tuples of N-Triples terms, in variable order."""
    names = [v.value for v in result.variables]
    return {tuple(str(s[n]) if s[n] is not None else "" for n in names) for s in result}


def expected_rows(local, query: str) -> set[tuple[str, ...]]:
    return rows_of(local.query(query))


# --- library functions -----------------------------------------------------------------


def test_is_loopback():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert not is_loopback("example.org")


def test_read_token(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\nignored\n", encoding="utf-8")
    assert read_token(token_file, "from-the-environment-0000") == TOKEN
    assert read_token(None, "from-the-environment-0000") == "from-the-environment-0000"
    with pytest.raises(UsageError, match="needs a token"):
        read_token(None, None)
    with pytest.raises(UsageError, match="too short"):
        read_token(None, "short")


# --- queries and formats ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", QueryResultsFormat.JSON),
        ("application/sparql-results+xml", QueryResultsFormat.XML),
        ("text/tab-separated-values", QueryResultsFormat.TSV),
    ],
)
def test_select_in_each_parseable_format(server, local, accept, fmt):
    answer = get_query(server, STATES, accept)
    assert answer.status == 200
    assert answer.header("Content-Type").startswith(fmt.media_type.split(";")[0])
    assert rows_of(parse_query_results(answer.body, fmt)) == expected_rows(local, STATES)


def test_select_as_csv(server, local):
    answer = get_query(server, STATES, "text/csv")
    assert answer.status == 200
    table = list(csv.reader(io.StringIO(answer.body.decode("utf-8"))))
    assert table[0] == ["actor", "label"]
    expected = {(s["actor"].value, s["label"].value) for s in local.query(STATES)}
    assert {tuple(row) for row in table[1:]} == expected
    assert ("https://w3id.org/actorgraph/actor/srv-south", "جمهورية الجنوب التجريبية") in expected


def test_query_by_post_form_and_by_direct_body(server, local):
    expected = expected_rows(local, STATES)
    accept = {"Accept": "application/sparql-results+json"}
    form = http("POST", server.sparql, urlencode({"query": STATES}).encode(), accept)
    direct = http(
        "POST",
        server.sparql,
        STATES.encode(),
        {**accept, "Content-Type": "application/sparql-query"},
    )
    for answer in (form, direct):
        assert answer.status == 200
        assert rows_of(parse_query_results(answer.body, QueryResultsFormat.JSON)) == expected


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/ld+json", RdfFormat.JSON_LD),
        ("application/rdf+xml", RdfFormat.RDF_XML),
    ],
)
def test_construct_in_each_rdf_format(server, local, accept, fmt):
    answer = get_query(server, STATE_GRAPH, accept)
    assert answer.status == 200
    assert answer.header("Content-Type").startswith(fmt.media_type)
    assert {quad.triple for quad in parse(answer.body, fmt)} == set(local.construct(STATE_GRAPH))


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", QueryResultsFormat.JSON),
        ("application/sparql-results+xml", QueryResultsFormat.XML),
        ("text/tab-separated-values", QueryResultsFormat.TSV),
    ],
)
def test_ask_in_each_format(server, accept, fmt):
    yes = get_query(server, "ASK { actor:srv-south a ag:State }", accept)
    no = get_query(server, "ASK { actor:srv-south a ag:Person }", accept)
    assert isinstance(parse_query_results(yes.body, fmt), QueryBoolean)
    assert bool(parse_query_results(yes.body, fmt)) is True
    assert bool(parse_query_results(no.body, fmt)) is False


def test_default_formats_and_not_acceptable(server):
    for accept in (None, "*/*"):
        select = get_query(server, STATES, accept)
        construct = get_query(server, STATE_GRAPH, accept)
        assert select.header("Content-Type") == "application/sparql-results+json"
        assert construct.header("Content-Type") == "text/turtle"
    refused = get_query(server, STATES, "image/png")
    assert refused.status == 406
    assert b"application/sparql-results+json" in refused.body
    assert get_query(server, STATE_GRAPH, "text/csv").status == 406


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_reads_every_format(server, local):
    from rdflib import Graph
    from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

    def ask(query: str, fmt: str, method: str = "GET"):
        client = SPARQLWrapper(server.sparql)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        client.setMethod(method)
        return client.queryAndConvert()

    expected = {(s["actor"].value, s["label"].value) for s in local.query(STATES)}
    for method in ("GET", "POST"):
        bindings = ask(STATES, JSON, method)["results"]["bindings"]
        assert {(b["actor"]["value"], b["label"]["value"]) for b in bindings} == expected
    document = ask(STATES, XML)
    assert len(document.getElementsByTagName("result")) == len(expected)
    for fmt, separator in ((CSV, ","), (TSV, "\t")):
        lines = ask(STATES, fmt).decode("utf-8").strip().splitlines()
        assert len(lines) == len(expected) + 1
        assert separator in lines[0]
    triples = {str(t) for t in local.construct(STATE_GRAPH)}
    for fmt in (TURTLE, JSONLD, XML):
        answer = ask(STATE_GRAPH, fmt)
        graph = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle")
        assert len(graph) == len(triples)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_service_description(server):
    from rdflib import Graph, Namespace, URIRef

    sd = Namespace(SD)
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        answer = http("GET", server.sparql, headers={"Accept": accept})
        assert answer.status == 200
        description = Graph().parse(data=answer.body, format=fmt)
        service = description.value(predicate=sd.endpoint, object=URIRef(server.sparql))
        assert service is not None
        languages = set(description.objects(service, sd.supportedLanguage))
        assert languages == {sd.SPARQL11Query}
        assert len(set(description.objects(service, sd.resultFormat))) == 8
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    request = urllib.request.Request(server.sparql, headers={"Accept": browser})
    with urllib.request.urlopen(request, timeout=10) as page:  # follows the 303
        assert page.url == f"{server.base}/"


def test_dataset_parameters_name_graphs_and_unknown_graphs_are_empty(server):
    states = "SELECT ?actor WHERE { ?actor a ag:State }"
    answer = get_query(server, states, None, **{"default-graph-uri": EXTRA_GRAPH})
    found = parse_query_results(answer.body, QueryResultsFormat.JSON)
    assert [str(s["actor"]) for s in found] == ["<https://w3id.org/actorgraph/actor/srv-south>"]
    missing = get_query(server, states, None, **{"default-graph-uri": "https://example.org/no"})
    assert missing.status == 200  # a graph the store lacks is empty (SPARQL 1.1 Protocol)
    assert list(parse_query_results(missing.body, QueryResultsFormat.JSON)) == []
    assert get_query(server, states, None, **{"named-graph-uri": "not an iri"}).status == 400


def test_results_are_capped_and_say_so(server):
    everything = "SELECT * WHERE { ?s ?p ?o }"
    answer = get_query(server, everything, "application/sparql-results+json")
    assert answer.status == 200
    assert answer.header("X-Actorgraph-Truncated") == "true"
    document = json.loads(answer.body)
    assert document["actorgraph"] == {"truncated": True, "max_rows": 100}
    assert len(document["results"]["bindings"]) == 100
    assert len(list(parse_query_results(answer.body, QueryResultsFormat.JSON))) == 100
    table = get_query(server, everything, "text/csv")
    assert table.header("X-Actorgraph-Truncated") == "true"
    assert len(table.body.decode("utf-8").strip().splitlines()) == 101
    triples = get_query(server, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(list(parse(triples.body, RdfFormat.N_TRIPLES))) == 100
    small = get_query(server, STATES, "application/sparql-results+json")
    assert small.header("X-Actorgraph-Truncated") is None
    assert "actorgraph" not in json.loads(small.body)


def test_malformed_queries_and_unknown_paths(server):
    bad = get_query(server, "SELECT ?x WHERE { ?x ", "application/json")
    assert bad.status == 400
    assert json.loads(bad.body)["message"].startswith("malformed SPARQL query")
    assert http("GET", f"{server.base}/nothing-here").status == 404
    patch = http("PATCH", server.sparql)
    assert patch.status == 405
    assert patch.header("Allow") == "GET, POST, HEAD"
    unsupported = http("POST", server.sparql, b"x", {"Content-Type": "text/plain"})
    assert unsupported.status == 415


def test_named_queries(server, local):
    listing = json.loads(http("GET", f"{server.base}/named").body)
    who = next(q for q in listing["queries"] if q["name"] == "who-supports")
    assert who["params"][0]["name"] == "actor" and "SELECT" in who["sparql"]
    answer = http(
        "GET",
        f"{server.base}/named/who-supports?actor=" + quote("Server South Republic"),
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status == 200
    outcome = run_query(local, who["sparql"], {"actor": "Server South Republic"})
    found = rows_of(parse_query_results(answer.body, QueryResultsFormat.JSON))
    assert found == rows_of(outcome.result)
    assert http("GET", f"{server.base}/named/no-such-query").status == 404
    unknown = http("GET", f"{server.base}/named/who-supports?actor=nobody-at-all")
    assert unknown.status == 400 and b"unknown actor" in unknown.body
    assert http("GET", f"{server.base}/named/who-supports?nope=1").status == 400


def test_query_page(server):
    answer = http("GET", f"{server.base}/")
    assert answer.status == 200
    assert answer.header("Content-Type") == "text/html; charset=utf-8"
    page = answer.body.decode("utf-8")
    policy = answer.header("Content-Security-Policy")
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert f'<script nonce="{nonce}">' in page and f'<style nonce="{nonce}">' in page
    assert "connect-src 'self'" in policy and "default-src 'none'" in policy
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "innerHTML" not in page and "textContent" in page
    assert 'dir = "auto"' in page
    assert http("GET", f"{server.base}/").header("Content-Security-Policy") != policy


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
@pytest.mark.browser
def test_query_page_in_a_browser(server):
    from playwright.sync_api import expect, sync_playwright

    hostile = "<img src=x onerror=alert(1)> عربي"
    requests, dialogs, errors = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{server.base}/")
            page.wait_for_selector("#named option[value='who-supports']", state="attached")
            page.select_option("#named", "who-supports")
            page.fill("#param-actor", "syrian-government")
            page.click("#run")
            page.wait_for_selector("#results td")
            cells = page.eval_on_selector_all(
                "#results td", "cells => cells.map(c => c.textContent)"
            )
            assert "actor:iran" in cells
            assert page.eval_on_selector("#results td", "cell => cell.dir") == "auto"
            page.select_option("#named", "")
            query = f"SELECT ?x WHERE {{ BIND({json.dumps(hostile)} AS ?x) }}"
            page.fill("#sparql", query)
            page.click("#run")
            # expect() polls without eval, which the page's CSP rightly forbids
            expect(page.locator("#results td").first).to_have_text(hostile)
            assert page.eval_on_selector_all("#results img", "images => images.length") == 0
        finally:
            browser.close()
    assert dialogs == [] and errors == []
    assert all(url.startswith(server.base) for url in requests), requests


def test_cors_is_off_by_default(server):
    answer = get_query(server, STATES)
    assert answer.header("Access-Control-Allow-Origin") is None
    preflight = http("OPTIONS", server.sparql, headers={"Origin": "http://elsewhere.example"})
    assert preflight.status == 204
    assert preflight.header("Access-Control-Allow-Origin") is None


def test_one_log_line_per_request_without_the_query():
    served = start_server()  # its own server: no other test's request can log in between
    marker = "srvlogmarker"
    try:
        before = len(wait_for_log(served, 0))
        get_query(served, f"SELECT * WHERE {{ ?s ?p '{marker}' }}")
        http("GET", f"{served.base}/nothing-here")
        lines = wait_for_log(served, before + 2)[before:]
    finally:
        assert served.stop() == 0
    assert len(lines) == 2, lines
    assert all(LOG_LINE.match(line) for line in lines), lines
    assert " GET /sparql 200 " in lines[0] and " GET /nothing-here 404 " in lines[1]
    assert not any(marker in line for line in served.log)


def ask(served: Served, query: str) -> bool:
    answer = get_query(served, query, "application/sparql-results+json")
    assert answer.status == 200, answer.body
    return json.loads(answer.body)["boolean"]


def test_no_seeds_serves_the_data_alone():
    """Issue 15: ``serve --no-seeds --data FILE`` holds the file and no seed actor."""
    served = start_server("--no-seeds", "--data", str(FIXTURES / "cli_actors.ttl"))
    try:
        seeds = ask(served, "ASK { actor:russia ?p ?o }")
        mine = ask(served, "ASK { actor:test-alpha a ?class }")
        statements = get_query(
            served, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a ag:Statement }", "application/json"
        )
    finally:
        assert served.stop() == 0
    assert not seeds and mine
    assert json.loads(statements.body)["results"]["bindings"][0]["n"]["value"] == "4"


# --- what is refused -------------------------------------------------------------------


def count_quads(served: Served) -> int:
    answer = get_query(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "application/json")
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def test_writes_are_forbidden_and_change_nothing(server):
    before = count_quads(server)
    insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    turtle = {"Content-Type": "text/turtle"}
    attempts = [
        http("POST", server.sparql, urlencode({"update": insert}).encode()),
        http("POST", server.sparql, insert.encode(), {"Content-Type": "application/sparql-update"}),
        http("PUT", f"{server.base}/store?graph=urn:g", b"<urn:a> <urn:b> <urn:c> .", turtle),
        http("POST", f"{server.base}/store?default", b"<urn:a> <urn:b> <urn:c> .", turtle),
        http("DELETE", f"{server.sparql}?graph={quote(EXTRA_GRAPH)}"),
    ]
    for answer in attempts:
        assert answer.status == 403
        assert b"read-only" in answer.body
    assert count_quads(server) == before


@pytest.fixture
def canary() -> Iterator[Canary]:
    watcher = Canary()
    yield watcher
    watcher.close()


def test_service_load_and_from_never_reach_the_network(server, canary):
    queries = [
        f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{canary.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{canary.url}> WHERE {{ ?s ?p ?o }}",
        f"ASK FROM NAMED <{canary.url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        answer = get_query(server, query)
        assert answer.status == 400, query
        assert b"SERVICE" in answer.body or b"FROM" in answer.body
    cli = runner.invoke(app, ["query", queries[0]])
    assert cli.exit_code == 1
    assert "SERVICE would reach the network" in cli.output
    assert canary.hits == 0


def test_request_body_over_the_limit_is_refused(server):
    large = b"#" * (2 << 20) + b"\nASK {}"
    answer = http("POST", server.sparql, large, {"Content-Type": "application/sparql-query"})
    assert answer.status == 413
    assert get_query(server, "ASK {}").status == 200


# --- writes with the token, CORS --------------------------------------------------------


def test_updates_need_the_token_and_apply_atomically(writable):
    served, store = writable
    statement = (
        "INSERT DATA { GRAPH <https://w3id.org/actorgraph/graph/curated> { "
        "stmt:srv-new a ag:Statement ; ag:subject actor:srv-north ; ag:relation ag:attacks ; "
        "ag:object actor:srv-south ; ag:stance ag:asserted } }"
    )
    update = {"Content-Type": "application/sparql-update"}
    missing = http("POST", served.sparql, statement.encode(), update)
    assert missing.status == 401
    assert missing.header("WWW-Authenticate") == 'Bearer realm="actorgraph"'
    wrong = http("POST", served.sparql, statement.encode(), {**update, "Authorization": "Bearer x"})
    assert wrong.status == 401
    truthy = "ASK { actor:srv-north ag:attacks actor:srv-south }"
    assert b"false" in get_query(served, truthy).body
    generation = (store / "CURRENT").read_text()
    done = http(
        "POST", served.sparql, statement.encode(), {**update, "Authorization": f"Bearer {TOKEN}"}
    )
    assert done.status == 204
    assert (store / "CURRENT").read_text() != generation
    assert b"true" in get_query(served, truthy).body  # the derived layer was rebuilt
    assert [p.name for p in (store / "generations").iterdir()] == [
        (store / "CURRENT").read_text().strip()
    ]


def test_graph_store_writes(writable):
    served, store = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    target = f"{served.base}/store?graph=" + quote("https://example.org/uploaded")
    turtle = {**auth, "Content-Type": "text/turtle"}
    created = http("PUT", target, b"<urn:a> <urn:b> 'one' .", turtle)
    assert created.status == 201
    assert http("POST", target, b"<urn:a> <urn:b> 'two' .", turtle).status == 204
    read = http("GET", target, headers={"Accept": "application/n-triples"})
    assert len(list(parse(read.body, RdfFormat.N_TRIPLES))) == 2
    assert http("PUT", target, b"<urn:a> <urn:b> 'three' .", turtle).status == 204
    read = http("GET", target, headers={"Accept": "application/n-triples"})
    assert [t.object.value for t in parse(read.body, RdfFormat.N_TRIPLES)] == ["three"]
    broken = http("PUT", target, b"<urn:a> <urn:b> .", turtle)
    assert broken.status == 400
    live = (store / "CURRENT").read_text().strip()
    assert [p.name for p in (store / "generations").iterdir()] == [live]
    assert http("PUT", target, b"x", {**auth, "Content-Type": "image/png"}).status == 415
    assert http("GET", target, headers={"Accept": "application/n-triples"}).status == 200
    assert http("DELETE", target, headers=auth).status == 204
    assert http("GET", target).status == 404
    assert http("DELETE", target, headers=auth).status == 404


def test_cors_for_the_allowed_origin_only(writable):
    served, _store = writable
    allowed = {"Origin": "http://allowed.example"}
    answer = get_query(served, STATES, None)
    assert answer.header("Access-Control-Allow-Origin") is None
    answer = http("GET", f"{served.sparql}?" + urlencode({"query": STATES}), headers=allowed)
    assert answer.header("Access-Control-Allow-Origin") == "http://allowed.example"
    preflight = http("OPTIONS", served.sparql, headers=allowed)
    assert preflight.status == 204
    assert "Authorization" in preflight.header("Access-Control-Allow-Headers")
    assert "PUT" in preflight.header("Access-Control-Allow-Methods")
    other = http("OPTIONS", served.sparql, headers={"Origin": "http://other.example"})
    assert other.header("Access-Control-Allow-Origin") is None


# --- time limit, load, shutdown, command line -------------------------------------------


@pytest.fixture(scope="module")
def clique(tmp_path_factory) -> Path:
    """200 nodes that all know each other (39,800 triples of a predicate outside the ontology)."""
    path = tmp_path_factory.mktemp("clique") / "clique.nt"
    nodes = [f"<http://example.org/n{i}>" for i in range(200)]
    knows = "<http://example.org/knows>"
    path.write_text(
        "".join(f"{a} {knows} {b} .\n" for a in nodes for b in nodes if a != b), encoding="utf-8"
    )
    return path


#: A join of the clique with itself three times (6.4e13 rows) under a filter that no row passes:
#: it never ends on any machine, and it holds no rows in memory while it runs.
NEVER_ENDS = (
    "?a <http://example.org/knows> ?b . ?c <http://example.org/knows> ?d . "
    "?e <http://example.org/knows> ?f FILTER (STR(?a) = CONCAT(STR(?f), '#'))"
)


def test_a_runaway_query_is_stopped_and_the_server_goes_on(clique):
    served = start_server("--data", str(clique), "--timeout", "2", "--workers", "1")
    try:
        answer = get_query(served, f"SELECT * WHERE {{ {NEVER_ENDS} }}", "application/json")
        assert answer.status == 503
        assert "ran longer than 2 s" in json.loads(answer.body)["message"]
        after = get_query(served, "ASK { <http://example.org/n1> ?p ?o }")
        assert after.status == 200 and b"true" in after.body
    finally:
        assert served.stop() == 0


def test_a_runaway_write_is_stopped_and_changes_nothing(clique):
    # A generous timeout: the follow-up one-triple write copies the store (about 2 s on a busy
    # machine) and must never be the one stopped. The runaway never ends, so it always is.
    served = start_server(
        "--data", str(clique), "--timeout", "15", "--allow-update", env={"ACTORGRAPH_TOKEN": TOKEN}
    )
    headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    slow = (
        "INSERT { GRAPH <urn:g> { ?a <urn:reaches> ?b } } "
        f"WHERE {{ GRAPH ?g {{ {NEVER_ENDS} }} }}"
    )
    quick = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    try:
        assert http("POST", served.sparql, slow.encode(), headers).status == 503
        assert b"false" in get_query(served, "ASK { ?a <urn:reaches> ?b }").body
        assert http("POST", served.sparql, quick.encode(), headers).status == 204  # lock freed
        assert b"true" in get_query(served, "ASK { <urn:a> <urn:b> <urn:c> }").body
    finally:
        assert served.stop() == 0


def test_fifty_clients_get_no_errors():
    bench = ROOT / "bench" / "serve_load.py"
    result = subprocess.run(
        [sys.executable, str(bench), "--clients", "50", "--duration", "5"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    summary = json.loads(result.stdout)
    assert result.returncode == 0, summary
    assert summary["errors"] == 0 and summary["requests"] > 50


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(status.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigterm_stops_the_server_and_its_workers():
    served = start_server("--workers", "2")
    assert get_query(served, "ASK {}").status == 200
    workers = descendants(served.process.pid)
    assert len(workers) >= 3  # the forkserver and two workers at least
    assert served.stop() == 0
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    assert served.log[-1] == "actorgraph serve: stopped"


def test_command_line_errors_are_usage_errors(tmp_path):
    cases = [
        (["--store", str(tmp_path), "--data", str(EXTRA)], "load them into it first"),
        (["--allow-update"], "needs a token"),
        (["--cors", "http://x.example/path"], "is not an origin"),
    ]
    for args, message in cases:
        result = subprocess.run(
            [str(SCRIPT), "serve", "--port", "0", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={k: v for k, v in os.environ.items() if k != "ACTORGRAPH_TOKEN"},
        )
        assert result.returncode == 2, result.stderr
        assert message in result.stderr and "Traceback" not in result.stderr


def test_a_port_in_use_is_reported(server):
    port = server.base.rsplit(":", 1)[1]
    result = subprocess.run(
        [str(SCRIPT), "serve", "--port", port], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
