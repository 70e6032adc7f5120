"""Every reading command gives the same answer from the three places the graph can live.

The seeds plus tests/fixtures/server_extra.trig are read (1) in memory (``--data``), (2)
from an on-disk store (``load --store``) and (3) from a real ``oxigraph serve`` filled by
``load --endpoint`` (``--endpoint``). JSON outputs are compared with their lists sorted,
SPARQL results as sets of rows, RDF exports by isomorphism.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.query.sparql import named_queries
from conftest import canonical, start_oxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXTRA = FIXTURES / "server_extra.trig"

pytestmark = pytest.mark.server
runner = CliRunner()

#: Parameters for the named queries that take some.
NAMED_PARAMS = {
    "relations-of": ["--param", "actor=srv-north"],
    "who-opposes": ["--param", "actor=Server South Republic"],
    "who-supports": ["--param", "actor=syrian-government"],
    "who-talks-to": ["--param", "actor=Russia"],
    "statements-by-source": ["--param", "file=server-test.txt"],
}
#: Columns made by GROUP_CONCAT, whose order SPARQL leaves open: compared as sets of words.
CONCATENATED = {"claim_by", "claim_sources", "denial_by", "denial_sources", "oppositions"}

JSON_COMMANDS = [
    ["actors"],
    ["actors", "server"],
    ["actors", "--type", "State"],
    ["actors", "جمهورية"],
    ["relations", "Iran"],
    ["relations", "srv-north"],
    ["relations", "hts", "--type", "supports", "--stance", "claimed,denied"],
    ["relations", "syrian-government", "--direction", "in", "--at", "2024-12-01"],
    ["who", "supports", "syrian-government"],
    ["who", "opposes", "srv-south"],
    ["who", "talks-to", "Turkey"],
    ["path", "Iran", "HTS"],
    ["path", "srv-north", "hts"],
    ["stats"],
]


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> Iterator[dict[str, list[str]]]:
    """The options that select each place: embedded, on-disk store, remote endpoint."""
    root = tmp_path_factory.mktemp("parity")
    store = root / "db"
    loaded = runner.invoke(app, ["load", "--store", str(store), "--data", str(EXTRA)])
    assert loaded.exit_code == 0, loaded.output
    process, server = start_oxigraph(root / "oxigraph")
    pushed = runner.invoke(
        app,
        ["load", "--endpoint", server.query, "--update-endpoint", server.update]
        + ["--data", str(EXTRA)],
    )
    assert pushed.exit_code == 0, pushed.output
    yield {
        "embedded": ["--data", str(EXTRA)],
        "store": ["--store", str(store)],
        "endpoint": ["--endpoint", server.query],
    }
    process.terminate()
    process.wait(10)


def outputs(places: dict[str, list[str]], args: list[str]) -> dict[str, bytes]:
    """stdout of ``actorgraph ARGS`` from each place; every run must succeed."""
    found = {}
    for name, where in places.items():
        result = runner.invoke(app, [*args, *where])
        assert result.exit_code == 0, f"{name}: {result.output}"
        found[name] = result.stdout_bytes
    return found


def normalised(value):
    """``value`` with every list sorted, so that order does not count."""
    if isinstance(value, dict):
        return {key: normalised(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [normalised(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def assert_all_equal(answers: dict[str, object]) -> None:
    expected = answers["embedded"]
    for name, answer in answers.items():
        assert answer == expected, f"{name} differs from embedded"


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda args: " ".join(args))
def test_json_commands(places, args):
    found = outputs(places, [*args, "--format", "json"])
    answers = {name: normalised(json.loads(text)) for name, text in found.items()}
    assert answers["embedded"], "the command found nothing to compare"
    assert_all_equal(answers)


@pytest.mark.parametrize("name", [query.name for query in named_queries()])
def test_named_queries(places, name):
    found = outputs(places, ["query", name, *NAMED_PARAMS.get(name, []), "--format", "json"])
    answers = {}
    for place, text in found.items():
        result = parse_query_results(text, QueryResultsFormat.JSON)
        names = [v.value for v in result.variables]
        answers[place] = (names, {tuple(_cell(s, n) for n in names) for s in result})
    assert answers["embedded"][1], "the query found nothing to compare"
    assert_all_equal(answers)


def _cell(solution, name: str) -> str:
    term = solution[name]
    if name in CONCATENATED and term is not None:
        return " ".join(sorted(term.value.replace(",", " ").split()))
    return str(term)


def test_construct_query(places):
    query = "CONSTRUCT WHERE { ?s ag:subject actor:srv-speaker ; ?p ?o }"
    found = outputs(places, ["query", query, "--format", "xml"])
    answers = {n: canonical(parse(text, RdfFormat.RDF_XML)) for n, text in found.items()}
    assert answers["embedded"]
    assert_all_equal(answers)


@pytest.mark.parametrize(("fmt", "rdf"), [("nq", RdfFormat.N_QUADS), ("ttl", RdfFormat.TURTLE)])
def test_export(places, fmt, rdf):
    found = outputs(places, ["export", "--format", fmt])
    answers = {name: canonical(parse(text, rdf)) for name, text in found.items()}
    assert len(answers["embedded"]) > 3000
    assert_all_equal(answers)
