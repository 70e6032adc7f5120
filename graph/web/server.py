"""actorgraph's SPARQL 1.1 endpoint: the graph over HTTP for YASGUI, SPARQLWrapper, curl ...

``actorgraph serve`` answers the SPARQL 1.1 Protocol at ``/sparql`` (queries by GET and
POST, results by content negotiation, a service description when there is no query), the
Graph Store Protocol at ``/store``, the named queries at ``/named/<name>`` and a small query
page at ``/``. docs/endpoints.md describes it for users.

How it is built, and why:

- **Always an on-disk store.** The server reads an actorgraph store (``--store DIR``, or a
  temporary one that ``load_store`` fills with the seeds and ``--data`` and that is removed
  at exit). Each query runs in one of a few **worker processes** that open the live
  generation read-only, so that a query running past ``--timeout`` can be stopped the
  only way pyoxigraph allows: by killing its process (a new worker takes its place).
  The workers come from a ``forkserver``, never from a fork of this multi-threaded process.
- **Read-only by default.** Updates and Graph Store writes answer 403, or with
  ``--allow-update`` need ``Authorization: Bearer <token>`` (else 401). A write copies the
  live generation, applies the change in a worker (killed at the deadline like a query),
  rebuilds the derived layer and switches ``CURRENT``, under the store's writer lock
  (:func:`actorgraph.store.generations.next_generation`): it is atomic, and a ``load`` cannot run
  during it.
- **Refusals and caps.** SERVICE, LOAD, FROM and USING are refused before anything runs
  (:func:`actorgraph.query.sparql.check_network_access`); ``default-graph-uri`` and
  ``named-graph-uri`` may only name graphs of the store; bodies over
  ``--max-request-bytes`` get 413; results stop at ``--max-rows`` rows (or triples), said
  by the header ``X-Actorgraph-Truncated: true`` and, in SPARQL JSON, by a top-level
  member ``"actorgraph": {"truncated": true, "max_rows": N}``.
- **Only pyoxigraph writes results.** A capped SELECT result is handed back to pyoxigraph
  through TSV built from the terms' own N-Triples forms, then written in the format asked.
"""

from __future__ import annotations

import datetime
import hmac
import ipaddress
import json
import multiprocessing
import os
import queue
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

from ..errors import ActorGraphError, QueryError, StoreInUseError, UsageError
from ..ingest.pipeline import load_store, open_graph
from ..namespaces import PREFIXES, RDF, RDFS
from ..query.sparql import check_network_access, named_queries, run_query
from ..resources import templates_dir
from ..store.base import GraphStore
from ..store.generations import current_generation, next_generation

__all__ = [
    "ServerConfig",
    "Reply",
    "serve",
    "negotiate",
    "service_description",
    "is_loopback",
    "read_token",
    "RESULTS_OFFERS",
    "GRAPH_OFFERS",
]

F = TypeVar("F")
Offer = tuple[str, F]

#: What a SELECT or ASK result can be sent as: (media type asked for, format), preferred first.
RESULTS_OFFERS: tuple[Offer[QueryResultsFormat], ...] = (
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("application/xml", QueryResultsFormat.XML),
    ("text/xml", QueryResultsFormat.XML),
    ("text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
)
#: What a graph (CONSTRUCT, DESCRIBE, Graph Store GET) can be sent as, preferred first.
GRAPH_OFFERS: tuple[Offer[RdfFormat], ...] = (
    ("text/turtle", RdfFormat.TURTLE),
    ("application/x-turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("text/plain", RdfFormat.N_TRIPLES),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/json", RdfFormat.JSON_LD),
    ("application/rdf+xml", RdfFormat.RDF_XML),
    ("application/xml", RdfFormat.RDF_XML),
    ("text/xml", RdfFormat.RDF_XML),
)
_DESCRIPTION_OFFERS: tuple[Offer[RdfFormat | None], ...] = (
    *GRAPH_OFFERS,
    ("text/html", None),  # a browser: send it to the query page
)
_ERROR_OFFERS = (
    ("text/plain", False),
    ("application/json", True),
    ("application/sparql-results+json", True),
)

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_RDF_TYPE = NamedNode(RDF + "type")
_TEMPLATE = templates_dir() / "query-page.html"
_NAMED_PATH = "/named/"
_FORM = "application/x-www-form-urlencoded"
_NETWORK_REMEDY = "Remove it: this endpoint never reaches other servers."
_WRITE_METHODS = frozenset({"PUT", "POST", "DELETE"})


@dataclass(frozen=True)
class ServerConfig:
    """How ``actorgraph serve`` listens and what it allows."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0  # seconds a query or write may run
    max_rows: int = 10_000  # solutions (or triples) per answer
    max_request_bytes: int = 1 << 20
    workers: int = field(default_factory=lambda: min(4, os.cpu_count() or 1))
    allow_update: bool = False
    token: str | None = field(default=None, repr=False)
    cors: str | None = None  # the one origin allowed to call from a browser

    def __post_init__(self) -> None:
        if self.allow_update and not self.token:
            raise UsageError("updates can only be allowed with a token (see read_token)")


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


class _Refusal(Exception):
    """Stops handling a request with ``reply`` (an error answer)."""

    def __init__(self, reply: Reply):
        super().__init__(reply.status)
        self.reply = reply


# --- content negotiation -------------------------------------------------------------


def negotiate(accept: str | None, offers: Sequence[Offer[F]]) -> Offer[F] | None:
    """The offer the ``Accept`` header prefers; the first offer if there is no header.

    Each offer gets the quality of the most specific media range that matches it
    (``type/subtype``, then ``type/*``, then ``*/*``); the highest quality above zero wins,
    ties going to the earlier offer. None means nothing offered is acceptable (406).

    >>> negotiate("text/csv, */*;q=0.1", RESULTS_OFFERS)[0]
    'text/csv'
    >>> negotiate("*/*", GRAPH_OFFERS)[0], negotiate(None, RESULTS_OFFERS)[0]
    ('text/turtle', 'application/sparql-results+json')
    >>> negotiate("image/png", RESULTS_OFFERS) is None
    True
    """
    if accept is None or not accept.strip():
        return offers[0]
    ranges = _media_ranges(accept)
    best, best_quality = None, 0.0
    for offer in offers:
        media = offer[0]
        for candidate in (media, media.split("/")[0] + "/*", "*/*"):
            if candidate in ranges:
                if ranges[candidate] > best_quality:
                    best, best_quality = offer, ranges[candidate]
                break
    return best


def _media_ranges(accept: str) -> dict[str, float]:
    """``media range -> quality`` for an Accept header (a malformed quality counts as 0)."""
    ranges: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        if media:
            ranges[media.lower()] = max(quality, ranges.get(media.lower(), 0.0))
    return ranges


# --- answers built in the workers ----------------------------------------------------


def _result_reply(
    result: QuerySolutions | QueryBoolean | QueryTriples, accept: str | None, max_rows: int
) -> Reply:
    """A query result in the format the client prefers, cut at ``max_rows``."""
    if isinstance(result, QueryTriples):
        return _graph_reply(result, accept, max_rows)
    chosen = negotiate(accept, RESULTS_OFFERS)
    if chosen is None:
        raise _Refusal(_not_acceptable(accept, RESULTS_OFFERS, "SELECT and ASK results"))
    fmt = chosen[1]
    if isinstance(result, QueryBoolean):
        return Reply(200, fmt.media_type, result.serialize(format=fmt))
    variables = list(result.variables)
    rows = _collect(lambda: list(islice(result, max_rows + 1)))
    truncated = len(rows) > max_rows
    body = _write_solutions(variables, rows[:max_rows], fmt)
    if truncated and fmt is QueryResultsFormat.JSON:
        body = _mark_truncated(body, max_rows)
    return Reply(200, fmt.media_type, body, _truncation_headers(truncated, max_rows))


def _graph_reply(triples: Iterator[Triple], accept: str | None, max_rows: int) -> Reply:
    """Triples in the RDF format the client prefers, cut at ``max_rows``."""
    chosen = negotiate(accept, GRAPH_OFFERS)
    if chosen is None:
        raise _Refusal(_not_acceptable(accept, GRAPH_OFFERS, "a graph"))
    fmt = chosen[1]
    kept = _collect(lambda: list(islice(triples, max_rows + 1)))
    truncated = len(kept) > max_rows
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else None
    body = serialize(kept[:max_rows], format=fmt, prefixes=prefixes)
    return Reply(200, fmt.media_type, body, _truncation_headers(truncated, max_rows))


def _collect(collect: Callable[[], list]) -> list:
    """Run a lazily evaluated result; evaluation errors become QueryError."""
    try:
        return collect()
    except OSError as error:
        raise QueryError(f"the query failed while running: {error}") from None


def _write_solutions(variables: list, rows: list, fmt: QueryResultsFormat) -> bytes:
    """``rows`` written by pyoxigraph as ``fmt``.

    They go back into a pyoxigraph result through TSV made of the terms' own N-Triples
    forms (which is what TSV results hold), since pyoxigraph cannot build one otherwise.
    """
    lines = ["\t".join(str(variable) for variable in variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in rows]
    tsv = ("\n".join(lines) + "\n").encode()
    try:
        return parse_query_results(tsv, QueryResultsFormat.TSV).serialize(format=fmt)
    except SyntaxError:
        raise QueryError(
            "the results hold RDF 1.2 triple terms, which this endpoint cannot send"
        ) from None


def _mark_truncated(body: bytes, max_rows: int) -> bytes:
    """SPARQL JSON results with ``"actorgraph": {"truncated": true, ...}`` after ``head``.

    The member goes before ``results``: JSON readers ignore it, and some (pyoxigraph's
    among them) only accept extra members there.
    """
    document = json.loads(body)
    marked = {
        "head": document["head"],
        "actorgraph": {"truncated": True, "max_rows": max_rows},
        "results": document["results"],
    }
    return json.dumps(marked, ensure_ascii=False, separators=(",", ":")).encode()


def _truncation_headers(truncated: bool, max_rows: int) -> tuple[tuple[str, str], ...]:
    if not truncated:
        return ()
    return (("X-Actorgraph-Truncated", "true"), ("X-Actorgraph-Max-Rows", str(max_rows)))


# --- jobs: what a worker is asked to do ------------------------------------------------


@dataclass(frozen=True)
class _Query:
    """A SPARQL query over the union of the graphs, or over the graphs the client named."""

    text: str
    accept: str | None
    max_rows: int
    default_graphs: tuple[str, ...] | None = None  # None: the union of all graphs
    named_graphs: tuple[str, ...] = ()

    def run(self, gs: GraphStore) -> Reply:
        store = gs.store
        if self.default_graphs is None:
            dataset: dict = {"use_default_graph_as_union": True}
        else:
            for name in {*self.default_graphs, *self.named_graphs}:
                if not store.contains_named_graph(NamedNode(name)):
                    raise QueryError(
                        f"the store has no graph <{name}>; default-graph-uri and "
                        "named-graph-uri can only name its graphs (see GET /sparql)"
                    )
            dataset = {
                "default_graph": [NamedNode(name) for name in self.default_graphs],
                "named_graphs": [NamedNode(name) for name in self.named_graphs],
            }
        try:
            result = store.query(self.text, prefixes=PREFIXES, **dataset)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL query: {error.msg}") from None
        return _result_reply(result, self.accept, self.max_rows)


@dataclass(frozen=True)
class _NamedQuery:
    """A query of the named-query library, with its parameters bound as RDF terms."""

    name: str
    params: tuple[tuple[str, str], ...]
    accept: str | None
    max_rows: int

    def run(self, gs: GraphStore) -> Reply:
        found = {query.name: query for query in named_queries()}
        if self.name not in found:
            raise _Refusal(
                _error(404, f"no named query {self.name!r}; see GET /named", self.accept)
            )
        text = found[self.name].path.read_text(encoding="utf-8")
        outcome = run_query(gs, text, dict(self.params))
        return _result_reply(outcome.result, self.accept, self.max_rows)


@dataclass(frozen=True)
class _ReadGraph:
    """Graph Store Protocol GET: one graph (None: the store's default graph)."""

    graph: str | None
    accept: str | None
    max_rows: int

    def run(self, gs: GraphStore) -> Reply:
        name = _graph_node(self.graph)
        if isinstance(name, NamedNode) and not gs.store.contains_named_graph(name):
            raise _Refusal(_error(404, f"the store has no graph {name}", self.accept))
        triples = (quad.triple for quad in gs.store.quads_for_pattern(None, None, None, name))
        return _graph_reply(triples, self.accept, self.max_rows)


@dataclass(frozen=True)
class _Write:
    """A SPARQL Update, or a Graph Store PUT, POST or DELETE, applied atomically."""

    operation: str  # "update", "PUT", "POST" or "DELETE"
    accept: str | None
    text: str = ""  # the update
    graph: str | None = None  # Graph Store: the graph (None: the default graph)
    data: bytes = b""  # Graph Store: the RDF sent
    media_type: str = ""

    def apply(self, directory: Path) -> Reply:
        with next_generation(directory) as store:
            status = self._change(store)
        return Reply(status, "text/plain; charset=utf-8")

    def _change(self, store) -> int:
        if self.operation == "update":
            try:
                store.update(self.text, prefixes=PREFIXES)
            except SyntaxError as error:
                raise QueryError(f"malformed SPARQL update: {error.msg}") from None
            return 204
        name = _graph_node(self.graph)
        existed = isinstance(name, DefaultGraph) or store.contains_named_graph(name)
        if self.operation == "DELETE":
            if not existed:
                raise _Refusal(_error(404, f"the store has no graph {name}", self.accept))
            if isinstance(name, DefaultGraph):
                store.clear_graph(name)
            else:
                store.remove_graph(name)
            return 204
        fmt = RdfFormat.from_media_type(self.media_type)
        if fmt is None or (fmt.supports_datasets and fmt is not RdfFormat.JSON_LD):
            raise _Refusal(
                _error(
                    415,
                    f"cannot read {self.media_type or 'a body without Content-Type'} as one "
                    "graph; send text/turtle, application/n-triples, application/rdf+xml or "
                    "application/ld+json",
                    self.accept,
                )
            )
        if self.operation == "PUT" and existed:
            store.clear_graph(name)
        try:
            store.load(self.data, fmt, to_graph=name)
        except SyntaxError as error:
            raise UsageError(f"the {fmt.name} sent cannot be read: {error}") from None
        return 204 if existed else 201


def _graph_node(graph: str | None) -> NamedNode | DefaultGraph:
    return DefaultGraph() if graph is None else NamedNode(graph)


# --- worker processes ------------------------------------------------------------------


class _View:
    """A worker's read-only view of the store's live generation, reopened when it changes."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._generation = -1
        self._gs: GraphStore | None = None

    def graph(self) -> GraphStore:
        generation = current_generation(self.directory)
        if self._gs is None or generation != self._generation:
            self._gs = open_graph(self.directory)
            self._generation = generation
        return self._gs


def _worker_main(directory: str, connection) -> None:
    """A worker process: answer jobs from ``connection`` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    view = _View(Path(directory))
    view.graph()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(_answer(view, job))


def _answer(view: _View, job) -> Reply:
    """The reply to one job; errors become error replies, never an exception."""
    try:
        if isinstance(job, _Write):
            return job.apply(view.directory)
        return job.run(view.graph())
    except _Refusal as refusal:
        return refusal.reply
    except StoreInUseError as error:
        return _error(503, str(error), job.accept)
    except (UsageError, QueryError, ValueError) as error:
        return _error(400, str(error), job.accept)
    except ActorGraphError as error:
        return _error(500, str(error), job.accept)
    except Exception:  # a bug: keep the worker alive, tell the operator
        traceback.print_exc(file=sys.stderr)
        return _error(500, "internal error; see the server's log", job.accept)


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: object


class _Pool:
    """A few worker processes; a job that overruns the time limit costs its worker."""

    def __init__(self, directory: Path, size: int):
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["actorgraph.web.server"])
        self._directory = directory
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closing = False
        self._all: set[_Worker] = set()
        for _ in range(size):
            self._idle.put(self._start())

    def run(self, job, timeout: float) -> Reply:
        """The reply to ``job``, or a 503 if no worker is free or it runs past ``timeout``."""
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return _error(503, f"all workers busy for {timeout:g} s; try again", job.accept)
        try:
            worker.connection.send(job)
            if not worker.connection.poll(timeout):
                self._replace(worker)
                return _error(
                    503,
                    f"the request ran longer than {timeout:g} s and was stopped; make the "
                    "query more selective (or ask for a longer --timeout)",
                    job.accept,
                    (("Retry-After", "1"),),
                )
            reply = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return _error(500, "the worker process died; try again", job.accept)
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Kill every worker."""
        with self._lock:
            self._closing = True
            workers = list(self._all)
        for worker in workers:
            self._stop(worker)

    def _start(self) -> _Worker:
        receiver, sender = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(str(self._directory), sender), daemon=True
        )
        process.start()
        sender.close()
        worker = _Worker(process, receiver)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now and start another in the background."""
        self._stop(worker)

        def restart() -> None:
            fresh = self._start()
            with self._lock:
                closing = self._closing
            if closing:
                self._stop(fresh)
            else:
                self._idle.put(fresh)

        threading.Thread(target=restart, daemon=True).start()

    def _stop(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        with self._lock:
            self._all.discard(worker)


# --- the HTTP side -------------------------------------------------------------------


@dataclass(frozen=True)
class _Request:
    method: str
    path: str
    params: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: bytes

    @property
    def accept(self) -> str | None:
        return self.headers.get("accept")

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def one(self, params: dict[str, list[str]], name: str) -> str | None:
        values = params.get(name, [])
        if len(values) > 1:
            raise _Refusal(_error(400, f"give the {name!r} parameter once", self.accept))
        return values[0] if values else None


class _App:
    """Routes requests to replies; everything but the socket handling."""

    def __init__(self, config: ServerConfig, pool: _Pool, log: Callable[[str], None]):
        self.config = config
        self.pool = pool
        self.log = log
        self._write_lock = threading.Lock()
        self._page = _TEMPLATE.read_text(encoding="utf-8")

    def dispatch(self, request: _Request) -> Reply:
        if request.method == "OPTIONS":
            return Reply(204, "text/plain", headers=(("Allow", _allowed_methods(self.config)),))
        if request.path == "/":
            self._only(request, "GET")
            return self._query_page()
        if request.path == "/sparql":
            return self._sparql(request)
        if request.path == "/store":
            return self._graph_store(request, request.params)
        if request.path == "/named":
            self._only(request, "GET")
            return self._named_listing()
        if request.path.startswith(_NAMED_PATH):
            self._only(request, "GET")
            return self._named_query(request)
        return _error(404, f"nothing at {request.path}; the endpoint is /sparql", request.accept)

    def _sparql(self, request: _Request) -> Reply:
        params = request.params
        if request.method == "POST" and request.media_type == _FORM:
            params = _form(request)
        if "graph" in params or "default" in params:
            return self._graph_store(request, params)
        if request.method == "GET":
            query = request.one(params, "query")
            if query is None:
                if "update" in params:
                    return _error(405, "send updates by POST", request.accept)
                return self._service_description(request)
            return self._query(request, query, params)
        self._only(request, "POST")
        if request.media_type == _FORM:
            query, update = request.one(params, "query"), request.one(params, "update")
            if query is not None:
                return self._query(request, query, params)
            if update is not None:
                return self._write(request, _Write("update", request.accept, text=update))
            return _error(400, "the form has neither 'query' nor 'update'", request.accept)
        if request.media_type == "application/sparql-query":
            return self._query(request, _text(request), params)
        if request.media_type == "application/sparql-update":
            return self._write(request, _Write("update", request.accept, text=_text(request)))
        return _error(
            415,
            "POST a query as application/sparql-query or a form (query=...), an update as "
            "application/sparql-update or a form (update=...)",
            request.accept,
        )

    def _query(self, request: _Request, text: str, params: dict[str, list[str]]) -> Reply:
        try:
            check_network_access(text, _NETWORK_REMEDY)
        except QueryError as error:
            return _error(400, str(error), request.accept)
        defaults, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        for name in (*defaults, *named):
            _check_iri(name, request.accept)
        job = _Query(
            text,
            request.accept,
            self.config.max_rows,
            tuple(defaults) if defaults or named else None,
            tuple(named),
        )
        return self.pool.run(job, self.config.timeout)

    def _named_query(self, request: _Request) -> Reply:
        name = request.path[len(_NAMED_PATH) :]
        params = tuple((key, request.one(request.params, key) or "") for key in request.params)
        job = _NamedQuery(name, params, request.accept, self.config.max_rows)
        return self.pool.run(job, self.config.timeout)

    def _graph_store(self, request: _Request, params: dict[str, list[str]]) -> Reply:
        graph = request.one(params, "graph")
        if graph is None and "default" not in params:
            return _error(400, "name a graph: ?graph=IRI or ?default", request.accept)
        if graph is not None:
            _check_iri(graph, request.accept)
        if request.method == "GET":
            job = _ReadGraph(graph, request.accept, self.config.max_rows)
            return self.pool.run(job, self.config.timeout)
        if request.method not in _WRITE_METHODS:
            return _error(405, f"{request.method} is not a Graph Store operation", request.accept)
        write = _Write(
            request.method,
            request.accept,
            graph=graph,
            data=request.body,
            media_type=request.media_type,
        )
        return self._write(request, write)

    def _write(self, request: _Request, write: _Write) -> Reply:
        """Apply ``write`` if updates are allowed and the request carries the token."""
        if not self.config.allow_update:
            return _error(
                403,
                "this endpoint is read-only: updates and Graph Store writes are refused. "
                "Start it with --allow-update (and a token) to accept them.",
                request.accept,
            )
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        expected = (self.config.token or "").encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
            return _error(
                401,
                "updates need the header 'Authorization: Bearer <token>' with the server's token",
                request.accept,
                (("WWW-Authenticate", 'Bearer realm="actorgraph"'),),
            )
        if write.operation == "update":
            try:
                check_network_access(write.text, _NETWORK_REMEDY)
            except QueryError as error:
                return _error(400, str(error), request.accept)
        with self._write_lock:  # one write at a time; queries go on meanwhile
            return self.pool.run(write, self.config.timeout)

    def _service_description(self, request: _Request) -> Reply:
        chosen = negotiate(request.accept, _DESCRIPTION_OFFERS)
        if chosen is None:
            return _not_acceptable(request.accept, GRAPH_OFFERS, "the service description")
        if chosen[1] is None:
            return Reply(303, "text/plain", headers=(("Location", "/"),))
        endpoint = _endpoint_iri(request.headers.get("host"), self.config)
        triples = service_description(endpoint, self.config)
        prefixes = {"sd": _SD, "formats": _FORMATS}
        body = serialize(triples, format=chosen[1], prefixes=prefixes)
        return Reply(200, chosen[1].media_type, body)

    def _named_listing(self) -> Reply:
        listing = {
            "prefixes": PREFIXES,
            "queries": [
                {
                    "name": query.name,
                    "title": query.title,
                    "description": query.description,
                    "params": [
                        {"name": p.name, "kind": p.kind, "description": p.description}
                        for p in query.params
                    ],
                    "sparql": query.path.read_text(encoding="utf-8"),
                }
                for query in named_queries()
            ],
        }
        body = json.dumps(listing, ensure_ascii=False).encode()
        return Reply(200, "application/json", body)

    def _query_page(self) -> Reply:
        nonce = secrets.token_urlsafe(16)
        policy = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        )
        body = self._page.replace("{{nonce}}", nonce).encode()
        headers = (("Content-Security-Policy", policy), ("Referrer-Policy", "no-referrer"))
        return Reply(200, "text/html; charset=utf-8", body, headers)

    @staticmethod
    def _only(request: _Request, method: str) -> None:
        if request.method != method:
            raise _Refusal(_error(405, f"{request.path} answers {method} only", request.accept))


def service_description(endpoint: str, config: ServerConfig) -> list[Triple]:
    """A SPARQL 1.1 Service Description of the endpoint (what GET /sparql answers)."""
    service = BlankNode()
    languages = ["SPARQL11Query"] + (["SPARQL11Update"] if config.allow_update else [])
    formats = [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ]
    limits = (
        f"actorgraph: {'accepts updates with a token' if config.allow_update else 'read-only'}; "
        f"SERVICE, LOAD and FROM are refused; queries stop after {config.timeout:g} s; "
        f"answers hold at most {config.max_rows} rows."
    )
    triples = [
        Triple(service, _RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(
            service,
            _sd("defaultEntailmentRegime"),
            NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
        Triple(service, NamedNode(RDFS + "comment"), Literal(limits)),
    ]
    triples += [Triple(service, _sd("supportedLanguage"), _sd(name)) for name in languages]
    triples += [Triple(service, _sd("resultFormat"), NamedNode(_FORMATS + f)) for f in formats]
    return triples


def _sd(name: str) -> NamedNode:
    return NamedNode(_SD + name)


def _allowed_methods(config: ServerConfig) -> str:
    return "GET, POST, PUT, DELETE, OPTIONS" if config.allow_update else "GET, POST, OPTIONS"


def _endpoint_iri(host_header: str | None, config: ServerConfig) -> str:
    """``http://HOST/sparql`` as the client addressed us, or as we listen."""
    listening = f"[{config.host}]" if ":" in config.host else config.host
    for host in (host_header, f"{listening}:{config.port}"):
        if host:
            try:
                return NamedNode(f"http://{host}/sparql").value
            except ValueError:
                continue
    return "http://localhost/sparql"


def _form(request: _Request) -> dict[str, list[str]]:
    try:
        fields = parse_qs(request.body.decode("utf-8"), keep_blank_values=True)
    except (UnicodeDecodeError, ValueError):
        raise _Refusal(_error(400, "the form is not UTF-8 URL-encoded", request.accept)) from None
    return {**request.params, **fields}


def _text(request: _Request) -> str:
    try:
        return request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refusal(_error(400, "the request body is not UTF-8", request.accept)) from None


def _check_iri(name: str, accept: str | None) -> None:
    try:
        NamedNode(name)
    except ValueError:
        raise _Refusal(_error(400, f"{name!r} is not an IRI", accept)) from None


def _error(
    status: int, message: str, accept: str | None, headers: tuple[tuple[str, str], ...] = ()
) -> Reply:
    """An error answer: JSON if the client prefers it, else plain text."""
    chosen = negotiate(accept, _ERROR_OFFERS)
    if chosen is not None and chosen[1]:
        body = json.dumps(
            {"status": status, "error": _phrase(status), "message": message},
            ensure_ascii=False,
        )
        return Reply(status, "application/json", body.encode(), headers)
    return Reply(status, "text/plain; charset=utf-8", f"{message}\n".encode(), headers)


def _phrase(status: int) -> str:
    """The standard reason phrase of an HTTP status, e.g. 'Not Found'."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _not_acceptable(accept: str | None, offers: Sequence[Offer], what: str) -> Reply:
    types = ", ".join(dict.fromkeys(media for media, _ in offers))
    return _error(406, f"cannot send {what} as {accept}; ask for one of: {types}", accept)


class _Handler(BaseHTTPRequestHandler):
    """Reads a request, asks the app for the reply, sends it and logs one line."""

    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "actorgraph"

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._handle()

    do_POST = do_PUT = do_DELETE = do_OPTIONS = do_GET  # noqa: N815

    def _handle(self) -> None:
        started = time.perf_counter()
        app = self.server.app
        try:
            reply = app.dispatch(self._request(app.config))
        except _Refusal as refusal:
            reply = refusal.reply
        self._send(reply, started)

    def _request(self, config: ServerConfig) -> _Request:
        url = urlsplit(self.path)
        headers = {name.lower(): value for name, value in self.headers.items()}
        accept = headers.get("accept")
        try:
            params = parse_qs(url.query, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise _Refusal(_error(400, "the query string is not UTF-8", accept)) from None
        return _Request(self.command, url.path, params, headers, self._body(config, accept))

    def _body(self, config: ServerConfig, accept: str | None) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise _Refusal(_error(411, "send a Content-Length, not a chunked body", accept))
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            raise _Refusal(_error(400, "the Content-Length is not a number", accept))
        if length > config.max_request_bytes:
            self.close_connection = True
            raise _Refusal(
                _error(
                    413,
                    f"the request body has {length} bytes; this endpoint takes at most "
                    f"{config.max_request_bytes} (--max-request-bytes)",
                    accept,
                )
            )
        return self.rfile.read(length) if length else b""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """http.server's own errors (bad request line, unknown method ...) as our replies."""
        self.close_connection = True
        accept = self.headers.get("Accept") if getattr(self, "headers", None) else None
        reply = _error(code, message or _phrase(code), accept)
        self._send(reply, time.perf_counter())

    def _send(self, reply: Reply, started: float) -> None:
        config = self.server.app.config
        try:
            self.send_response(reply.status, _phrase(reply.status))
            if reply.status != 204:
                self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            cors = _cors_headers(config, getattr(self, "headers", None))
            for name, value in (*reply.headers, *cors):
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        self._log(reply, started)

    def _log(self, reply: Reply, started: float) -> None:
        path = urlsplit(getattr(self, "path", "") or "").path or "-"
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        elapsed = (time.perf_counter() - started) * 1000
        self.server.app.log(
            f"{stamp} {self.client_address[0]} {self.command or '-'} {path} "
            f"{reply.status} {len(reply.body)} {elapsed:.1f}ms"
        )

    def log_request(self, code="-", size="-") -> None:
        """Not used: :meth:`_log` writes one line per request instead."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        """Not used: :meth:`_log` writes one line per request instead."""


def _cors_headers(config: ServerConfig, headers) -> tuple[tuple[str, str], ...]:
    """CORS headers, only for a request from the one allowed origin."""
    origin = headers.get("Origin") if headers is not None else None
    if config.cors is None or origin != config.cors:
        return (("Vary", "Origin"),) if config.cors else ()
    return (
        ("Access-Control-Allow-Origin", config.cors),
        ("Vary", "Origin"),
        ("Access-Control-Allow-Methods", _allowed_methods(config)),
        ("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type"),
        ("Access-Control-Expose-Headers", "X-Actorgraph-Truncated, X-Actorgraph-Max-Rows"),
        ("Access-Control-Max-Age", "600"),
    )


class _Server(ThreadingHTTPServer):
    """The listening socket; its ``app`` is set once the workers are started."""

    daemon_threads = True
    request_queue_size = 128
    app: _App

    def __init__(self, config: ServerConfig):
        self.address_family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
        super().__init__((config.host, config.port), _Handler)

    def handle_error(self, request, client_address) -> None:
        """A client that went away is not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


# --- running it --------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (only this machine can connect).

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def read_token(token_file: Path | None, environment: str | None) -> str:
    """The update token: the first line of ``token_file``, else ``environment`` (the env var).

    Raises :class:`UsageError` if there is none or it is too short to resist guessing.
    """
    if token_file is not None:
        try:
            lines = token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read the token file {token_file}: {error}") from None
        token = lines[0].strip() if lines else ""
    else:
        token = (environment or "").strip()
    if not token:
        raise UsageError(
            "--allow-update needs a token: put one in a file and pass --token-file FILE, or "
            "set ACTORGRAPH_TOKEN (never on the command line, where ps shows it). Make one "
            "with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    if len(token) < 16:
        raise UsageError("the update token is too short; use at least 16 characters")
    return token


def serve(
    config: ServerConfig,
    store: Path | None = None,
    data: Sequence[Path] = (),
    log: Callable[[str], None] | None = None,
) -> None:
    """Serve the graph over HTTP until SIGINT or SIGTERM; then stop the workers and return.

    With ``store``, that on-disk store (updates, if allowed, go into it). Otherwise a
    temporary store of the seeds plus ``data``, removed when the server stops.
    """
    say = log or _stderr
    if store is not None and data:
        raise UsageError(
            "serve --store DIR serves the store as loaded; to add data files, load them "
            "into it first (actorgraph load --store DIR --data FILE) or leave out --store"
        )
    with _listen(config) as httpd, _served_store(store, data, config) as (directory, description):
        pool = _Pool(directory, config.workers)
        try:
            httpd.app = _App(config, pool, say)
            with _stopped_by_signals(httpd):
                _announce(say, config, httpd.server_address[1], description)
                httpd.serve_forever(poll_interval=0.25)
        finally:
            pool.close()
    say("actorgraph serve: stopped")


@contextmanager
def _served_store(
    store: Path | None, data: Sequence[Path], config: ServerConfig
) -> Iterator[tuple[Path, str]]:
    """The store directory to serve, and how to describe it."""
    if store is not None:
        current_generation(store)  # fails clearly if there is no store
        yield store, f"the store {store}" + (" (updates go into it)" if config.allow_update else "")
        return
    with TemporaryDirectory(prefix="actorgraph-serve-") as temporary:
        directory = Path(temporary) / "store"
        load_store(directory, data)
        what = "the seeds" + (" and your data" if data else "")
        lost = "; updates are lost when it stops" if config.allow_update else ""
        yield directory, f"{what}, in a temporary store{lost}"


def _listen(config: ServerConfig) -> _Server:
    try:
        return _Server(config)
    except OSError as error:
        raise UsageError(
            f"cannot listen on {config.host}:{config.port}: {error.strerror or error}; "
            "choose another --port (or --port 0 for any free one)"
        ) from None


@contextmanager
def _stopped_by_signals(httpd: _Server) -> Iterator[None]:
    """SIGINT and SIGTERM stop ``serve_forever`` (from another thread, as it requires)."""

    def stop(_signum, _frame) -> None:
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _announce(say: Callable[[str], None], config: ServerConfig, port: int, what: str) -> None:
    host = f"[{config.host}]" if ":" in config.host else config.host
    base = f"http://{host}:{port}"
    mode = "updates allowed with the token" if config.allow_update else "read-only"
    say(f"actorgraph serve: {what}")
    say(f"SPARQL endpoint: {base}/sparql ({mode}); query page: {base}/ ; Ctrl-C to stop")
    if not is_loopback(config.host):
        say(
            f"Warning: listening on {config.host}, which other machines can "
            "reach; use --host 127.0.0.1 unless you mean to share the graph"
        )


_log_lock = threading.Lock()


def _stderr(line: str) -> None:
    with _log_lock:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
