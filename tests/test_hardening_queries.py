"""Hardening: hostile query text and parameters (issue 7).

Payloads in actor names, ``--param`` values and endpoint parameters must not change what
a query means; SERVICE, LOAD and FROM never reach the network; a pathological query is
stopped at its ``--timeout``. The endpoint's own refusals of SERVICE/LOAD/FROM are tested
in tests/test_server.py (test_service_load_and_from_never_reach_the_network).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from actorgraph.commands.app import app
from actorgraph.ingest.pipeline import load_store
from conftest import Served, get_query, http, start_server
from typer.testing import CliRunner

pytestmark = pytest.mark.server
runner = CliRunner()

#: Text that would change a query's meaning if it were pasted into SPARQL.
PAYLOADS = [
    'Iran" } UNION { ?s ?p ?o } #',
    "Iran' . ?x ?p ?o } #",
    "} UNION { ?x ?p ?o",
    "Iran\n} UNION {\n?x ?p ?o",
    "# everything",
    "> <http://e.org/x",
    '"""',
    "\\u0022 } #",
    "actor:iran> <x",
]
#: Values that look like IRIs but are not valid ones.
BAD_IRIS = ["<http://e.org/a b>", "<http://e.org/a> <http://e.org/b>", "http://e.org/{x}", "<>"]
LABELS = "SELECT ?name ?x WHERE { ?x rdfs:label ?l FILTER (str(?l) = ?name) }"
#: Three unconstrained patterns over the whole store: billions of solutions.
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def run(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def clean(result, exit_code: int) -> str:
    assert result.exit_code == exit_code, result.output
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
    return result.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("queries") / "db"
    load_store(directory)
    return directory


@pytest.mark.parametrize("payload", PAYLOADS + BAD_IRIS)
def test_an_actor_argument_is_only_ever_a_name(store: Path, payload: str) -> None:
    for command in (["relations"], ["who", "supports"], ["path", "Iran"]):
        message = clean(run(*command, payload, "--store", store), exit_code=2)
        assert "unknown actor" in message


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_param_value_is_only_ever_a_literal(store: Path, payload: str) -> None:
    def bindings(value: str) -> list:
        result = run("query", LABELS, "--param", f"name={value}", "--store", store, "-f", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["results"]["bindings"]

    assert len(bindings("Iran")) == 1  # the query works
    assert bindings(payload) == bindings("no such label") == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_actor_param_is_resolved_or_refused(store: Path, payload: str) -> None:
    result = run("query", "who-supports", "--param", f"actor={payload}", "--store", store)
    assert "unknown actor" in clean(result, exit_code=2)


@pytest.mark.parametrize("value", BAD_IRIS)
def test_a_malformed_iri_is_refused_before_the_query_runs(store: Path, value: str) -> None:
    text = PATHOLOGICAL.replace("SELECT", "SELECT ?x", 1).replace("?g", "?x") + " GROUP BY ?x"
    result = run("query", text, "--param", f"x={value}", "--store", store)
    assert "is not a valid absolute IRI" in clean(result, exit_code=2)


class Canary:
    """A loopback HTTP server that counts every request made to it."""

    def __init__(self) -> None:
        self.hits = 0
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the http.server API)
                canary.hits += 1
                self.send_response(200)
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    watcher = Canary()
    yield watcher
    watcher.close()


def test_the_cli_never_reaches_the_network(store: Path, canary: Canary) -> None:
    queries = {
        f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}": "SERVICE",
        f"SELECT * WHERE {{ SERVICE SILENT <{canary.url}> {{ ?s ?p ?o }} }}": "SERVICE",
        f"LOAD <{canary.url}>": "LOAD",
        f"LOAD SILENT <{canary.url}> INTO GRAPH <urn:x>": "LOAD",
        f"SELECT * FROM <{canary.url}> WHERE {{ ?s ?p ?o }}": "FROM",
        f"ASK FROM NAMED <{canary.url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}": "FROM",
        f"select * where {{ service <{canary.url}> {{ ?s ?p ?o }} }}": "SERVICE",
    }
    for query, keyword in queries.items():
        for where in (["--store", store], []):
            message = clean(run("query", query, *where), exit_code=1)
            assert keyword in message, query
    assert canary.hits == 0


@pytest.mark.parametrize("where", ["store", "memory"])
def test_a_pathological_query_stops_at_the_timeout(store: Path, where: str) -> None:
    args = ["--store", store] if where == "store" else []
    started = time.perf_counter()
    result = run("query", PATHOLOGICAL, "--timeout", "2", *args)
    elapsed = time.perf_counter() - started
    assert "ran longer than 2 s and was stopped" in clean(result, exit_code=1)
    assert elapsed >= 2  # never stopped early; how late it stops is measured in bench/


@pytest.fixture(scope="module")
def served(store: Path) -> Iterator[Served]:
    server = start_server("--store", str(store))
    yield server
    assert server.stop() == 0


@pytest.mark.parametrize("payload", PAYLOADS)
def test_endpoint_parameters_are_only_ever_values(served: Served, payload: str) -> None:
    named = http("GET", f"{served.base}/named/who-supports?actor={quote(payload)}")
    assert named.status == 400 and b"unknown actor" in named.body
    dataset = get_query(served, "ASK { ?s ?p ?o }", **{"default-graph-uri": payload})
    assert dataset.status == 400
