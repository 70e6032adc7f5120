"""Tests for graph/remote.py against a real ``oxigraph serve`` process started per test.

The server comes from the PyPI package ``oxigraph`` (installed with the test extras); the
tests are skipped if its binary is missing. Each test gets a fresh, empty server on a free
loopback port. The :class:`OxigraphServer` helper is also used by tests/test_parity.py.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import QueryError, StoreError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.namespaces import ACTOR, GRAPH_DERIVED
from actorgraph.query.actors import resolve_actor
from actorgraph.query.relations import relations
from actorgraph.store.base import GraphStore
from actorgraph.store.remote import LOADED_GRAPH, RemoteGraphStore, values_clause
from conftest import OxigraphServer, canonical, free_port, start_oxigraph
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryTriples,
)
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXTRA = FIXTURES / "server_extra.trig"
EXTRA_GRAPH = "https://example.org/graph/server-extra"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"

pytestmark = pytest.mark.server
runner = CliRunner()


@pytest.fixture
def oxigraph(tmp_path) -> Iterator[OxigraphServer]:
    """A fresh, empty Oxigraph server for one test."""
    process, server = start_oxigraph(tmp_path / "oxigraph")
    yield server
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def local():
    """The seeds plus the endpoint fixture, in memory."""
    return open_graph(data=[EXTRA])


def test_load_sends_every_quad(oxigraph, local):
    remote = oxigraph.remote()
    assert remote.replace(local.quads()) == len(local)
    assert len(remote) == len(local)
    assert canonical(remote.quads()) == canonical(local.quads())
    assert EXTRA_GRAPH in remote.named_graphs()


def test_load_reports_progress_up_to_the_whole_body(oxigraph, local):
    reports: list[tuple[int, int]] = []
    oxigraph.remote().replace(
        local.quads(), progress=lambda sent, total: reports.append((sent, total))
    )
    assert len(reports) > 1
    assert reports[-1][0] == reports[-1][1] > 100_000
    assert [sent for sent, _ in reports] == sorted(sent for sent, _ in reports)


def test_reload_replaces_the_old_content(oxigraph, local):
    remote = oxigraph.remote()
    remote.replace(local.quads())
    seeds_only = open_graph()
    remote.replace(seeds_only.quads())
    assert canonical(remote.quads()) == canonical(seeds_only.quads())
    assert not remote.ask("ASK { actor:srv-north ?p ?o }")


def test_other_graphs_on_the_server_are_kept_and_not_read(oxigraph, local):
    other = "ASK { GRAPH <https://example.org/other> { <urn:a> <urn:b> <urn:c> } }"
    _update(oxigraph.update, "INSERT DATA { " + other[6:])
    remote = oxigraph.remote()
    remote.replace(local.quads())
    remote.replace(local.quads())
    assert _ask(oxigraph.query, other)
    assert not remote.ask("ASK { <urn:a> ?p ?o }")
    assert LOADED_GRAPH not in remote.named_graphs()


def test_without_a_load_record_every_named_graph_is_read(oxigraph):
    _update(oxigraph.update, "INSERT DATA { GRAPH <https://example.org/g> { <urn:a> <urn:b> 1 } }")
    remote = oxigraph.remote()
    assert remote.named_graphs() == ["https://example.org/g"]
    assert remote.ask("ASK { <urn:a> <urn:b> 1 }")


def test_queries_read_the_union_of_the_graphs_with_bindings(oxigraph, local):
    remote = oxigraph.remote()
    remote.replace(local.quads())
    query = "SELECT ?actor ?label WHERE { ?actor rdfs:label ?label }"
    bindings = {"actor": NamedNode(ACTOR + "srv-south")}
    found = remote.select(query, bindings)
    assert len(found) == 2
    assert sorted(map(str, found)) == sorted(map(str, local.select(query, bindings)))


def test_relations_match_the_embedded_store(oxigraph, local):
    remote = oxigraph.remote()
    remote.replace(local.quads())
    for name in ("srv-north", "hts", "iran"):
        expected = [row.to_dict() for row in relations(local, resolve_actor(local, name))]
        found = [row.to_dict() for row in relations(remote, resolve_actor(remote, name))]
        assert found == expected


def test_bound_text_cannot_change_the_query(oxigraph, local):
    remote = oxigraph.remote()
    remote.replace(local.quads())
    size = len(remote)
    hostile = [
        '" } ; DROP ALL ; SELECT * { "',
        "\\u0022 } } DROP ALL #",
        "line\nbreak ' '' \"\"\" \\",
        "نص عربي } FILTER(false) {",
    ]
    for text in hostile:
        rows = remote.select("SELECT ?q WHERE {}", {"q": Literal(text)})
        assert rows == [{"q": Literal(text)}]
    assert len(remote) == size


def test_values_clause_refuses_blank_nodes_and_bad_names():
    with pytest.raises(QueryError, match="VALUES holds IRIs and literals only"):
        values_clause({"x": BlankNode()})
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        values_clause({"x y": Literal("1")})


def test_ask_and_construct(oxigraph, local):
    remote = oxigraph.remote()
    remote.replace(local.quads())
    assert remote.ask("ASK { actor:srv-south a ag:State }")
    query = "CONSTRUCT WHERE { ?actor a ag:State ; rdfs:label ?label }"
    result = remote.query(query)
    assert isinstance(result, QueryTriples)
    assert set(result) == set(local.construct(query))


def test_excluded_graphs_are_left_out_of_the_union(oxigraph, local):
    remote = oxigraph.remote()
    remote.replace(local.quads())
    truthy = "ASK { actor:srv-north ag:accuses actor:srv-south }"  # a roll-up's truthy triple
    assert remote.ask(truthy)
    assert not remote.ask(truthy, exclude_graphs=[GRAPH_DERIVED])


def test_a_malformed_query_is_a_query_error(oxigraph):
    with pytest.raises(QueryError, match="the endpoint rejected the request"):
        oxigraph.remote().select("SELECT ?x WHERE { ?x ")


def test_an_unreachable_endpoint_is_a_store_error():
    remote = RemoteGraphStore(f"http://127.0.0.1:{free_port()}/query", timeout=5)
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        remote.ask("ASK {}")


def test_a_remote_store_answers_the_same_interface_without_a_local_store(oxigraph):
    """One interface, two implementations: no pyoxigraph store to reach for, and an actor's
    statements come from the endpoint through statements.rq."""
    remote = oxigraph.remote()
    assert isinstance(remote, GraphStore) and not hasattr(remote, "store")
    assert remote.statement_table("https://w3id.org/actorgraph/actor/nobody-at-all") == []


def test_cli_load_then_read_from_the_endpoint(oxigraph):
    loaded = runner.invoke(
        app,
        ["load", "--endpoint", oxigraph.query, "--update-endpoint", oxigraph.update]
        + ["--data", str(EXTRA)],
    )
    assert loaded.exit_code == 0, loaded.output
    assert f"into {oxigraph.query}" in loaded.output
    found = runner.invoke(app, ["relations", "srv-north", "--endpoint", oxigraph.query])
    assert found.exit_code == 0, found.output
    assert "srv-002; srv-001" in found.output


def test_cli_load_to_a_query_only_url_says_to_give_the_update_endpoint(oxigraph):
    result = runner.invoke(app, ["load", "--endpoint", oxigraph.query])
    assert result.exit_code == 1
    assert "--update-endpoint" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--endpoint", "http://127.0.0.1:1/query", "--store", "db"],
        ["load", "--endpoint", "http://127.0.0.1:1/query", "--store", "db"],
        ["load", "--update-endpoint", "http://127.0.0.1:1/update"],
        ["stats", "--endpoint", "file:///etc/passwd"],
    ],
)
def test_cli_endpoint_usage_errors(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def _ask(url: str, text: str) -> bool:
    with urllib.request.urlopen(f"{url}?" + urlencode({"query": text}), timeout=10) as answer:
        return b"true" in answer.read()


def _update(url: str, text: str) -> None:
    request = urllib.request.Request(
        url, data=text.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    with urllib.request.urlopen(request, timeout=10):
        pass


def test_bindings_go_first_in_the_where_pattern():
    from actorgraph.store.remote import _shape, bind_values

    iran = {"actor": NamedNode(ACTOR + "iran")}
    for query in [
        "SELECT ?s WHERE { { ?s ag:subject ?actor } UNION { ?s ag:object ?actor } }",
        "CONSTRUCT { ?s ?p ?actor } WHERE { ?s ?p ?actor }",
        "CONSTRUCT WHERE { ?s ?p ?actor }",
        "ASK { ?s ?p ?actor }",
    ]:
        text = bind_values(query, iran, _shape(query).where)
        where = text.index("WHERE {") + 7 if "WHERE" in text else text.index("{") + 1
        assert text[where:].startswith("\nVALUES (?actor) { (<" + ACTOR + "iran>) }\n"), text
    assert bind_values("SELECT * {", iran, None).endswith("}")  # unreadable: trailing


def test_boolean_variables_are_found_in_the_query():
    from actorgraph.store.remote import _shape

    query = (
        "SELECT ?a (?a = 1 AS ?eq) (COUNT(*) AS ?n) (!BOUND(?z) AS ?nb) (IF(true, 1, 2) AS ?i)"
        " WHERE { BIND (EXISTS { ?a ?b ?c } AS ?e) BIND (STRLEN(?a) AS ?len) }"
    )
    assert _shape(query).booleans == {"eq", "nb", "e"}


def test_virtuoso_answers_are_repaired():
    from actorgraph.store.remote import SKOLEM_PREFIX, _parse_answer

    answer = {
        "head": {"vars": ["s", "b", "flag", "n"]},
        "results": {
            "bindings": [
                {
                    "s": {"type": "uri", "value": SKOLEM_PREFIX + "abc"},
                    "b": {"type": "bnode", "value": "nodeID://b10"},
                    "flag": {"type": "typed-literal", "datatype": XSD_INTEGER, "value": "1"},
                    "n": {"type": "typed-literal", "datatype": XSD_INTEGER, "value": "1"},
                }
            ]
        },
    }
    body = json.dumps(answer).encode()
    [row] = list(_parse_answer("application/sparql-results+json", body, {"flag"}))
    assert row["s"] == BlankNode("abc") and row["b"] == BlankNode("b10")
    assert row["flag"] == Literal(True) and row["n"] == Literal(1)


def test_skolemised_loads_come_in_batches():
    from actorgraph.store.remote import SKOLEM_PREFIX, _replace_request
    from pyoxigraph import Quad

    graph = NamedNode("https://example.org/g")
    quads = [
        Quad(BlankNode(f"n{i}"), NamedNode("https://example.org/p"), Literal(i), graph)
        for i in range(25)
    ]
    bodies = _replace_request(quads, [], skolemise=True, batch=10)
    assert len(bodies) == 3
    assert bodies[0].startswith(b"DROP SILENT GRAPH")
    assert all(b"_:" not in body and b"INSERT DATA" in body for body in bodies)
    assert (SKOLEM_PREFIX + "n0").encode() in bodies[0]
    assert LOADED_GRAPH.encode() in bodies[-1]
    assert len(_replace_request(quads, [])) == 1


# --- additive loads into an endpoint (issue 15) ---------------------------------------------

BASE_TTL = (FIXTURES / "cli_actors.ttl").read_text(encoding="utf-8")


def _source_file(directory: Path, tag: str) -> Path:
    """A valid data file whose actors, statements and document are its own (``tag``)."""
    path = directory / f"{tag}.ttl"
    text = BASE_TTL.replace("test-", f"{tag}-").replace("cli-test", f"{tag}-doc")
    path.write_text(text, encoding="utf-8")
    return path


def _has(server: OxigraphServer, actor: str) -> bool:
    return server.remote().ask(f"ASK {{ actor:{actor} a ?class }}")


def _sources(server: OxigraphServer) -> list[tuple[str, str, int]]:
    listed = runner.invoke(app, ["sources", "--endpoint", server.query, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    return [(r["source"], r["kind"], r["statements"]) for r in json.loads(listed.stdout)]


def test_cli_loads_into_an_endpoint_add_up(oxigraph, tmp_path):
    aa, bb = _source_file(tmp_path, "aa"), _source_file(tmp_path, "bb")
    load = ["load", "--endpoint", oxigraph.query, "--update-endpoint", oxigraph.update]

    def run(*args: str) -> str:
        result = runner.invoke(app, [*load, *args])
        assert result.exit_code == 0, result.output
        return result.output

    run("--no-seeds", "--data", str(aa))
    said = run("--data", str(bb))
    assert "added bb.ttl" in said and "kept 1 other source" in said
    assert _has(oxigraph, "aa-alpha") and _has(oxigraph, "bb-alpha")
    assert not _has(oxigraph, "iran")  # an additive load never adds the seeds
    assert _sources(oxigraph) == [("aa.ttl", "file", 4), ("bb.ttl", "file", 4)]
    every = oxigraph.remote().select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert every and str(tmp_path) not in str(every)  # no path leaks through the endpoint
    # loading a file again replaces only its own earlier version
    aa.write_text(aa.read_text(encoding="utf-8").replace("aa-alpha", "aa-omega"), "utf-8")
    assert "replaced aa.ttl" in run("--data", str(aa))
    assert not _has(oxigraph, "aa-alpha") and _has(oxigraph, "aa-omega")
    assert _has(oxigraph, "bb-alpha")
    # standard input with a name, then --replace starts over
    named = runner.invoke(app, [*load, "--data", "-", "--name", "call"], input=bb.read_bytes())
    assert named.exit_code == 0, named.output
    assert ("call", "name", 4) in _sources(oxigraph)
    run("--replace", "--data", str(bb))
    assert not _has(oxigraph, "aa-omega") and _has(oxigraph, "iran")
    assert [s for s, _kind, _n in _sources(oxigraph)] == ["seeds", "bb.ttl"]


def test_a_bad_file_leaves_the_endpoint_as_it_was(oxigraph, tmp_path):
    aa = _source_file(tmp_path, "aa")
    load = ["load", "--endpoint", oxigraph.query, "--update-endpoint", oxigraph.update]
    assert runner.invoke(app, [*load, "--no-seeds", "--data", str(aa)]).exit_code == 0
    before = canonical(oxigraph.remote().quads())
    bad = runner.invoke(app, [*load, "--data", str(FIXTURES / "cli_syntax_error.ttl")])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert canonical(oxigraph.remote().quads()) == before
