"""The red team's reproductions against ``actorgraph serve`` (issue 16), one test each.

Each test is a real server process over real HTTP (or a raw socket where the attack is
below HTTP). They assert what cannot depend on machine speed: the refusal, the status,
0 canary hits, nothing changed, the next request answered. Timings are in
bench/serve_bench.py.
"""

from __future__ import annotations

import json
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from actorgraph.commands.app import app
from actorgraph.ingest.pipeline import load_store
from conftest import (
    EXTRA,
    EXTRA_GRAPH,
    SCRIPT,
    TOKEN,
    Canary,
    Served,
    get_query,
    http,
    start_server,
    wait_for_log,
)
from pyoxigraph import QueryResultsFormat, parse_query_results
from typer.testing import CliRunner

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not SCRIPT.exists(), reason=f"console script not installed at {SCRIPT}"),
]
runner = CliRunner()
TURTLE = {"Content-Type": "text/turtle"}


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    served = start_server("--data", str(EXTRA))
    yield served
    assert served.stop() == 0


@pytest.fixture
def canary() -> Iterator[Canary]:
    watcher = Canary()
    yield watcher
    watcher.close()


@pytest.fixture
def writable(tmp_path) -> Iterator[Served]:
    store = tmp_path / "db"
    load_store(store, [EXTRA])
    served = start_server("--store", str(store), "--allow-update", env={"ACTORGRAPH_TOKEN": TOKEN})
    yield served
    assert served.stop() == 0


def bearer(**headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}", **headers}


def raw(served: Served, request: bytes) -> bytes:
    """Send ``request`` on a fresh socket and read until the server closes it."""
    host, port = served.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


# --- H1: SERVICE / LOAD hidden from the old keyword scan -----------------------------------


def hidden_service(url: str) -> list[str]:
    """The report's three bypasses, plus a comment ended by CRLF and a boolean glued to it."""
    return [
        "PREFIX ex: <http://e/>\n"
        f"SELECT * WHERE {{ BIND(ex:a\\# AS ?v) SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # \rSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # \r\nSERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <http://e/>\nSELECT * WHERE {{ BIND(ex:a\\' AS ?v) SERVICE <{url}> "
        "{ ?s ?p ?o } BIND('' AS ?w) }",
        f"SELECT * WHERE {{ ?s ?p true.SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


def test_h1_hidden_service_never_reaches_the_network(server, canary):
    for query in hidden_service(canary.url):
        assert get_query(server, query).status == 400, query
        form = urlencode({"query": query}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        assert http("POST", server.sparql, form, headers).status == 400, query
    assert canary.hits == 0


def test_h1_hidden_load_never_reaches_the_network(writable, canary):
    for update in (
        f"# c\rLOAD <{canary.url}>",
        f"PREFIX ex: <http://e/> # \\#\rLOAD <{canary.url}>",
    ):
        headers = bearer(**{"Content-Type": "application/sparql-update"})
        assert http("POST", writable.sparql, update.encode(), headers).status == 400
    assert canary.hits == 0


def test_h1_a_cross_origin_form_is_refused(server, canary):
    form = urlencode({"query": hidden_service(canary.url)[1]}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": "http://127.0.0.1:18998",
    }
    answer = http("POST", server.sparql, form, headers)
    assert answer.status == 403
    assert b"web pages of http://127.0.0.1:18998" in answer.body
    assert canary.hits == 0
    same_origin = {**headers, "Origin": server.base}
    plain = urlencode({"query": "ASK {}"}).encode()
    assert http("POST", server.sparql, plain, same_origin).status == 200


def test_dns_rebinding_host_is_refused(server):
    assert http("GET", server.sparql, headers={"Host": "attacker.example:80"}).status == 403
    port = server.base.rsplit(":", 1)[1]
    assert http("GET", server.sparql, headers={"Host": f"localhost:{port}"}).status == 200


# --- L7, M1, L8: nesting, size, HTTP framing ---------------------------------------------


def test_l7_twenty_thousand_parentheses_are_refused_and_no_worker_dies(server):
    deep = "ASK { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }"
    answer = http(
        "POST", server.sparql, deep.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert answer.status == 400
    assert b"nests" in answer.body
    assert get_query(server, "ASK {}").status == 200


def test_l7_the_cli_refuses_deep_nesting_with_a_message(tmp_path):
    query = tmp_path / "deep.rq"
    query.write_text("ASK { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }")
    result = runner.invoke(app, ["query", str(query), "--timeout", "30"])
    assert result.exit_code == 1
    assert "nests" in result.stderr and "Traceback" not in result.output


def test_l8_conflicting_content_lengths_are_refused(server):
    host = server.base.removeprefix("http://")
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n"
        "Content-Length: 17\r\nContent-Length: 0\r\n\r\nASK { ?s ?p ?o }\n"
        f"GET /smuggled HTTP/1.1\r\nHost: {host}\r\n\r\n"
    ).encode()
    answer = raw(server, request)
    assert answer.startswith(b"HTTP/1.1 400")
    assert answer.count(b"HTTP/1.1 ") == 1  # the tail is never read as a second request


def test_l8_a_silent_connection_is_closed_by_the_server():
    served = start_server("--idle-timeout", "1")
    try:
        answer = raw(served, b"")  # sends nothing; returns once the server closes
        assert answer == b""
    finally:
        assert served.stop() == 0


def test_m1_a_megabyte_query_is_answered_without_blocking_others():
    served = start_server("--timeout", "30")
    try:
        big = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?v { "
        big += " ".join(map(str, range(150_000))) + " } }"
        assert len(big) > 900_000
        headers = {"Content-Type": "application/sparql-query", "Accept": "text/csv"}
        answer = http("POST", served.sparql, big.encode(), headers)
        assert answer.status == 200
        assert answer.body.splitlines()[1] == b"150000"
    finally:
        assert served.stop() == 0


def test_a_client_that_disconnects_stops_its_query(tmp_path):
    nodes = [f"<http://example.org/n{i}>" for i in range(120)]
    clique = tmp_path / "clique.nt"
    clique.write_text("".join(f"{a} <http://e/k> {b} .\n" for a in nodes for b in nodes))
    served = start_server("--data", str(clique), "--timeout", "600", "--workers", "1")
    try:
        runaway = "SELECT * WHERE { ?a <http://e/k> ?b . ?c <http://e/k> ?d . ?e <http://e/k> ?f }"
        host = served.base.removeprefix("http://")
        target = "/sparql?" + urlencode({"query": runaway})
        sock = socket.create_connection(tuple(host.split(":")[:1]) + (int(host.split(":")[1]),))
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        sock.close()
        logged = wait_for_log(served, 1)
        assert " 499 " in logged[0]
        # the only worker was killed and replaced: the next query is answered
        assert get_query(served, "ASK { ?s ?p ?o }").status == 200
    finally:
        assert served.stop() == 0


# --- L2: timeouts that are no numbers --------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "1e300"])
def test_l2_an_infinite_timeout_is_a_usage_error(value):
    query = runner.invoke(app, ["query", "ASK {}", "--timeout", value])
    assert query.exit_code == 2, query.output
    assert "Traceback" not in query.output
    serve = subprocess.run(
        [str(SCRIPT), "serve", "--port", "0", "--timeout", value],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert serve.returncode == 2
    assert "Traceback" not in serve.stderr


# --- L11, L12: Graph Store bodies --------------------------------------------------------


def test_l11_graph_store_accepts_json_ld(writable):
    document = json.dumps({"@id": "http://e/s", "http://e/p": {"@id": "http://e/o"}})
    url = f"{writable.base}/store?graph=" + quote("http://e/g", safe="")
    answer = http("PUT", url, document.encode(), bearer(**{"Content-Type": "application/ld+json"}))
    assert answer.status == 201
    assert b"true" in get_query(writable, "ASK { GRAPH <http://e/g> { <http://e/s> ?p ?o } }").body


def test_l12_graph_store_refuses_rdf_xml_and_never_expands_entities(writable):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
        '<rdf:Description rdf:about="http://e/s"><e:p>&b;</e:p></rdf:Description></rdf:RDF>'
    )
    url = f"{writable.base}/store?graph=" + quote("http://e/bomb", safe="")
    answer = http("PUT", url, bomb.encode(), bearer(**{"Content-Type": "application/rdf+xml"}))
    assert answer.status == 415
    assert b"RDF/XML is refused" in answer.body
    assert b"false" in get_query(writable, "ASK { GRAPH <http://e/bomb> { ?s ?p ?o } }").body


def test_deeply_nested_json_ld_is_refused_before_parsing(writable):
    deep = '{"@id":"http://e/s","http://e/p":' * 5000 + "{}" + "}" * 5000
    url = f"{writable.base}/store?graph=" + quote("http://e/deep", safe="")
    answer = http("PUT", url, deep.encode(), bearer(**{"Content-Type": "application/ld+json"}))
    assert answer.status == 400
    assert b"levels deep" in answer.body
    assert get_query(writable, "ASK {}").status == 200


# --- the W3C Protocol findings (interop review) -----------------------------------------


def test_protocol_dataset_head_vary_and_base(server):
    states = "SELECT ?a WHERE { ?a a ag:State }"
    unknown = get_query(server, states, None, **{"named-graph-uri": "http://e/none"})
    assert unknown.status == 200
    rdflib_default = get_query(
        server, states, None, **{"default-graph-uri": "urn:x-rdflib:default"}
    )
    assert len(list(parse_query_results(rdflib_default.body, QueryResultsFormat.JSON))) > 1
    own = get_query(server, f"SELECT ?a FROM <{EXTRA_GRAPH}> WHERE {{ ?a a ag:State }}")
    assert own.status == 200
    assert len(list(parse_query_results(own.body, QueryResultsFormat.JSON))) == 1
    assert get_query(server, "SELECT * FROM <http://e/remote> WHERE { ?s ?p ?o }").status == 400
    relative = get_query(server, "CONSTRUCT { <s> <p> 1 } WHERE {}", "application/n-triples")
    assert (
        relative.status == 200
        and f"<{server.sparql.rsplit('/', 1)[0]}/s>".encode() in relative.body
    )
    head = http("HEAD", f"{server.sparql}?" + urlencode({"query": states}))
    assert head.status == 200 and head.body == b""
    assert "Accept" in head.header("Vary")


def test_protocol_using_graph_uri_is_refused_clearly(writable):
    url = f"{writable.sparql}?using-graph-uri=" + quote("http://e/g", safe="")
    update = b"INSERT { <urn:a> <urn:b> <urn:c> } WHERE { }"
    answer = http("POST", url, update, bearer(**{"Content-Type": "application/sparql-update"}))
    assert answer.status == 400
    assert b"using-graph-uri" in answer.body


def test_graph_store_direct_identification_and_post_of_a_new_graph(writable):
    person = f"{writable.base}/store/person/1.ttl"
    body = b"<http://e/john> a <http://xmlns.com/foaf/0.1/Person> ."
    assert http("PUT", person, body, bearer(**TURTLE)).status == 201
    got = http("GET", person, headers={"Accept": "application/n-triples"})
    assert got.status == 200 and b"<http://e/john>" in got.body
    assert http("HEAD", person).status == 200
    assert http("HEAD", f"{writable.base}/store/person/2.ttl").status == 404
    created = http("POST", f"{writable.base}/store", body, bearer(**TURTLE))
    assert created.status == 201
    location = created.header("Location")
    assert location.startswith(f"{writable.base}/store/")
    assert b"<http://e/john>" in http("GET", location, headers={"Accept": "text/turtle"}).body


def test_service_description_lists_the_graphs(server):
    description = http("GET", server.sparql, headers={"Accept": "application/n-triples"}).body
    assert f"<{EXTRA_GRAPH}>".encode() in description
    assert b"namedGraph" in description


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_rdflib_dataset_over_sparqlstore(server):
    from rdflib import Dataset

    dataset = Dataset(store="SPARQLStore")
    dataset.open(server.sparql)
    rows = list(dataset.query("SELECT ?s WHERE { ?s a <https://w3id.org/actorgraph/ns#State> }"))
    assert len(rows) > 1


def test_store_is_unchanged_after_refusals(writable, canary, tmp_path: Path):
    before = get_query(writable, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").body
    for query in hidden_service(canary.url):
        update = f"INSERT {{ <urn:x> <urn:y> <urn:z> }} WHERE {{ {query[query.index('{') + 1 :]}"
        headers = bearer(**{"Content-Type": "application/sparql-update"})
        http("POST", writable.sparql, update.encode(), headers)
    after = get_query(writable, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").body
    assert before == after
    assert canary.hits == 0
