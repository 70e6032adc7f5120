"""Shared test fixtures and helpers: the fixture files, and real servers to test against.

Test modules import the helpers from here (``from conftest import start_server``), never
from one another.

- ``actorgraph serve`` as a subprocess: :func:`start_server` (it announces its port on
  stderr), :class:`Served`, :func:`http`, :func:`get_query`, :func:`wait_for_log`, and
  :class:`Canary`, a loopback server that counts the requests it gets (a query that must
  not reach the network is run against it).
- ``oxigraph serve`` as a subprocess: :func:`start_oxigraph` and :func:`canonical` (quads
  with blank nodes renamed canonically, to compare graphs).
- Virtuoso as a subprocess: :func:`start_virtuoso` (a fresh database, free loopback ports,
  the SPARQL update grant) and :func:`stop_process`.
- Parity: the command lines every place of the graph must answer alike
  (:data:`PARITY_JSON_COMMANDS`, :func:`parity_cases`) and :func:`parity_answer`, which runs
  one of them and normalises its output (rows sorted, blank nodes canonicalised), shared by
  tests/test_parity.py (Oxigraph server) and tests/test_virtuoso.py.
- Suggestions: the ``gs`` fixture (the seeds' graph, built once; a module may define its
  own) and :func:`suggested`, the candidates ``suggest`` makes from a few lines.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from actorgraph.store.remote import RemoteGraphStore
from pyoxigraph import CanonicalizationAlgorithm, Dataset, Quad

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def reads(graph, text: str, present: tuple | None, absent: tuple | None) -> None:
    """Assert that ``suggest`` reads ``text`` (no known ties) as ``present`` and not as
    ``absent``: ``(subject, family, object)`` triples, either of them None to skip it."""
    found = suggested(graph, text, known=False)
    assert present is None or present in found, found
    assert absent is None or absent not in found, found


@pytest.fixture(scope="session")
def gs():
    """The graph of the shipped seeds, built once: the curation tests only read it."""
    from actorgraph.ingest.pipeline import open_graph

    return open_graph(None, ())


def suggested(
    graph,
    *lines: str,
    voice: str | None = None,
    threshold: float = 0.3,
    by: str = "family",
    known: bool = True,
) -> dict[tuple[str, str, str], float]:
    """``(subject, family or relation, object) -> score`` of what ``suggest`` makes of
    ``lines`` (a document named s.txt). With ``known=False`` the graph's known ties are left
    out, so that only the lines speak (the seeds hold many of the relations tested)."""
    found = _candidates(graph, lines, voice, threshold, known)
    return {(c.subject, getattr(c, by), c.object): c.score for c in found}


def cited_lines(graph, *lines: str) -> dict[tuple[str, str, str], list[int]]:
    """``(subject, relation, object) -> the lines that cite it`` among what ``suggest`` makes
    of ``lines`` at threshold 0.3, with no known ties (only the lines speak)."""
    cited: dict[tuple[str, str, str], list[int]] = {}
    for c in _candidates(graph, lines, None, 0.3, known=False):
        cited.setdefault((c.subject, c.relation, c.object), []).append(c.line)
    return cited


def _candidates(graph, lines, voice, threshold, known):
    """What ``suggest`` makes of ``lines`` (a document named s.txt), with the graph's known
    ties or, with ``known`` false, none."""
    from actorgraph.curation.documents import Document
    from actorgraph.curation.mentions import lexicon
    from actorgraph.curation.suggest import suggest, suggest_lines
    from actorgraph.curation.ties import KnownTies

    document = Document("s.txt", lines, voice=voice)
    if known:
        return suggest(graph, document, threshold=threshold)
    lex = lexicon(graph)
    return suggest_lines(lex, document, threshold=threshold, ties=KnownTies({}, lex.types))


@pytest.fixture
def fixtures() -> Path:
    """The directory of small fixture files."""
    return FIXTURES


# --- actorgraph serve ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


SCRIPT = Path(sys.executable).parent / "actorgraph"


TOKEN = "test-token-" + "x" * 24


EXTRA = FIXTURES / "server_extra.trig"


EXTRA_GRAPH = "https://example.org/graph/server-extra"


@dataclass
class Served:
    """A running ``actorgraph serve`` and the lines it has logged so far."""

    process: subprocess.Popen
    base: str
    log: list[str] = field(default_factory=list)

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(20)


def start_server(*args: str, env: dict[str, str] | None = None) -> Served:
    """Start ``actorgraph serve --port 0 ARGS`` and wait for its announcement."""
    process = subprocess.Popen(
        [str(SCRIPT), "serve", "--port", "0", *args],
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
    )
    seen = []
    for line in process.stderr:
        seen.append(line)
        match = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", line)
        if match:
            served = Served(process, match.group(1))
            threading.Thread(target=_collect, args=(process, served.log), daemon=True).start()
            return served
    process.wait(10)
    pytest.fail("actorgraph serve did not start:\n" + "".join(seen))


def _collect(process: subprocess.Popen, lines: list[str]) -> None:
    for line in process.stderr:
        lines.append(line.rstrip("\n"))


def wait_for_log(served, lines: int) -> list[str]:
    """The log once it holds ``lines`` lines (polled; a generous deadline, not a readiness
    sleep)."""
    deadline = time.monotonic() + 60
    while len(served.log) < lines and time.monotonic() < deadline:
        time.sleep(0.05)
    return list(served.log)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


def http(
    method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> Answer:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read())


def get_query(served: Served, query: str, accept: str | None = None, **params: str) -> Answer:
    url = f"{served.sparql}?" + urlencode({"query": query, **params})
    return http("GET", url, headers={"Accept": accept} if accept else {})


class Canary:
    """A loopback HTTP server that counts every request it gets."""

    def __init__(self):
        self.hits = 0
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                canary.hits += 1
                self.send_response(200)
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- oxigraph serve -----------------------------------------------------------------------

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve``: its query and update URLs."""

    query: str
    update: str

    def remote(self) -> RemoteGraphStore:
        return RemoteGraphStore(self.query, self.update)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, OxigraphServer]:
    """Start ``oxigraph serve`` on a free loopback port and wait until it answers."""
    if not OXIGRAPH.exists():
        pytest.skip(f"the oxigraph server binary is not installed at {OXIGRAPH}")
    port = free_port()
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    probe = f"{base}/query?" + urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + 120  # a generous bound: CI machines are shared and slow
    while True:
        try:
            with urllib.request.urlopen(probe, timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start on port {port}")
            time.sleep(0.05)
    return process, OxigraphServer(f"{base}/query", f"{base}/update")


def canonical(quads) -> set[Quad]:
    """The quads with blank nodes renamed canonically, for an isomorphism check."""
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


# --- Virtuoso -----------------------------------------------------------------------------

VIRTUOSO = "virtuoso-t"
ISQL = ("isql-vt", "isql")


@dataclass(frozen=True)
class VirtuosoServer:
    """A running Virtuoso: its SPARQL endpoint (queries and updates) and its ISQL port."""

    sparql: str
    isql_port: int

    def remote(self) -> RemoteGraphStore:
        return RemoteGraphStore(self.sparql)


def _virtuoso_ini(root: Path, sql_port: int, http_port: int) -> str:
    """A virtuoso.ini for a fresh database in ``root``, listening on 127.0.0.1 only."""
    return f"""\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
ThreadsPerQuery = 1

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 400
"""


def start_virtuoso(root: Path) -> tuple[subprocess.Popen, VirtuosoServer]:
    """Start Virtuoso on a fresh database in ``root`` and wait until SPARQL answers.

    Both ports are free loopback ports. Anonymous SPARQL updates need the ``SPARQL_UPDATE``
    role for Virtuoso's ``SPARQL`` user: it is granted through ISQL as ``dba`` (whose
    password on a fresh database is ``dba``), as docs/endpoints.md tells users to do.
    Skipped when ``virtuoso-t`` or ISQL is not installed (Debian: ``virtuoso-opensource``).
    """
    binary = shutil.which(VIRTUOSO)
    isql = next((found for name in ISQL if (found := shutil.which(name))), None)
    if binary is None or isql is None:
        pytest.skip(
            "Virtuoso is not installed (virtuoso-t and isql-vt; Debian package "
            "virtuoso-opensource, which .ci/run installs)"
        )
    root.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(_virtuoso_ini(root, sql_port, http_port), encoding="utf-8")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sparql = f"http://127.0.0.1:{http_port}/sparql"
    probe = f"{sparql}?" + urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + 180
    while True:
        try:
            request = urllib.request.Request(
                probe, headers={"Accept": "application/sparql-results+json"}
            )
            with urllib.request.urlopen(request, timeout=5) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_process(process)
            log = root / "virtuoso.log"
            tail = log.read_text("utf-8", "replace")[-2000:] if log.exists() else ""
            pytest.fail(f"Virtuoso did not answer on {sparql}:\n{tail}")
        time.sleep(0.1)
    granted = subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'EXEC=GRANT SPARQL_UPDATE TO "SPARQL";'],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if granted.returncode != 0 or "Error" in granted.stdout + granted.stderr:
        stop_process(process)
        pytest.fail(f"cannot grant SPARQL_UPDATE:\n{granted.stdout}\n{granted.stderr}")
    return process, VirtuosoServer(sparql, sql_port)


def stop_process(process: subprocess.Popen) -> None:
    """Stop a server started by a test: SIGTERM, then SIGKILL if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


# --- parity: the same answer wherever the graph lives ---------------------------------------

#: Parameters for the named queries that take some.
PARITY_NAMED_PARAMS = {
    "relations-of": ["--param", "actor=srv-north"],
    "who-opposes": ["--param", "actor=Server South Republic"],
    "who-supports": ["--param", "actor=syrian-government"],
    "who-talks-to": ["--param", "actor=Russia"],
    "statements-by-source": ["--param", "file=server-test.txt"],
}
#: Columns made by GROUP_CONCAT, whose order SPARQL leaves open: compared as sets of words.
PARITY_CONCATENATED = {"claim_by", "claim_sources", "denial_by", "denial_sources", "oppositions"}
#: Commands compared through their JSON output.
PARITY_JSON_COMMANDS = [
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
PARITY_CONSTRUCT = "CONSTRUCT WHERE { ?s ag:subject actor:srv-speaker ; ?p ?o }"


def parity_cases() -> list[tuple[str, list[str]]]:
    """Every compared command line, as (kind, arguments without the place options)."""
    from actorgraph.query.sparql import named_queries

    cases = [("json", [*args, "--format", "json"]) for args in PARITY_JSON_COMMANDS]
    for query in named_queries():
        params = PARITY_NAMED_PARAMS.get(query.name, [])
        cases.append(("results", ["query", query.name, *params, "--format", "json"]))
    cases.append(("rdfxml", ["query", PARITY_CONSTRUCT, "--format", "xml"]))
    cases.append(("nq", ["export", "--format", "nq"]))
    cases.append(("ttl", ["export", "--format", "ttl"]))
    return cases


def parity_id(case: tuple[str, list[str]]) -> str:
    """A short test id for a parity case."""
    return " ".join(arg for arg in case[1] if arg not in ("--format", "json"))


def parity_answer(kind: str, args: list[str], where: list[str]):
    """The output of ``actorgraph ARGS WHERE``, normalised for comparison (see the module)."""
    import json

    from actorgraph.commands.app import app
    from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*args, *where])
    assert result.exit_code == 0, f"{' '.join(where)}: {result.output}"
    text = result.stdout_bytes
    if kind == "json":
        return _sorted_lists(json.loads(text))
    if kind == "results":
        answer = parse_query_results(text, QueryResultsFormat.JSON)
        names = [v.value for v in answer.variables]
        return names, {tuple(_cell(s, n) for n in names) for s in answer}
    formats = {"rdfxml": RdfFormat.RDF_XML, "nq": RdfFormat.N_QUADS, "ttl": RdfFormat.TURTLE}
    return canonical(_as_loaded_in_memory(parse(text, formats[kind])))


def _as_loaded_in_memory(quads):
    """``quads`` with an on-disk store's bookkeeping of sources taken out: the quads of each
    loaded source's own graph (``graph/source/...``) as the curated graph holds them in
    memory, and the record of sources (``graph/sources``: load times, path hashes) left out.
    The statements, the ontology and the derived layer must be the same everywhere."""
    from actorgraph.namespaces import GRAPH_CURATED, GRAPH_SOURCES, SOURCE_GRAPH
    from pyoxigraph import NamedNode, Quad

    curated, quads = NamedNode(GRAPH_CURATED), list(quads)
    records = {
        q.subject
        for q in quads
        if isinstance(q.graph_name, NamedNode) and q.graph_name.value == GRAPH_SOURCES
    }
    for quad in quads:
        graph = quad.graph_name
        if quad.subject in records or (
            isinstance(graph, NamedNode) and graph.value == GRAPH_SOURCES
        ):
            continue
        if isinstance(quad.subject, NamedNode) and quad.subject.value.startswith(SOURCE_GRAPH):
            continue  # a source record flattened into one graph (Turtle)
        if isinstance(graph, NamedNode) and graph.value.startswith(SOURCE_GRAPH):
            graph = curated
        yield Quad(quad.subject, quad.predicate, quad.object, graph)


def _sorted_lists(value):
    """``value`` with every list sorted, so that order does not count."""
    import json

    if isinstance(value, dict):
        return {key: _sorted_lists(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_lists(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def _cell(solution, name: str) -> str:
    term = solution[name]
    if name in PARITY_CONCATENATED and term is not None:
        return " ".join(sorted(term.value.replace(",", " ").split()))
    return str(term)
