"""What the endpoint's worker processes do: each job reads (or writes) the store, answers a Reply.

A job is a small picklable object sent to a worker of
:class:`actorgraph.query.deadline.AsyncWorkerPool`; the worker calls ``job(view)`` with its
:class:`View` of the store and sends the :class:`~actorgraph.web.replies.Reply` back. The
whole of a request's work runs here, under its deadline: the check of the query text for
SERVICE, LOAD and graphs outside the store (linear in the text, and refusing nesting deeper
than the parser can take), the parse, the evaluation and the writing of the answer.

Writes copy the live generation, apply the change, update the derived layer and switch
``CURRENT``, under the store's writer lock
(:func:`actorgraph.store.generations.next_generation`): atomic, and a write killed at its
deadline changes nothing. The derived layer follows what the write changed
(:mod:`actorgraph.web.writes`), rebuilt in full only when that cannot be told.
"""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store

from ..errors import ActorGraphError, QueryError, StoreInUseError, UsageError
from ..formats.syntaxes import media_offers, rdf_syntax
from ..ingest.pipeline import open_graph
from ..ingest.read import MAX_JSON_DEPTH, json_depth
from ..namespaces import PREFIXES
from ..query.sparql import named_queries, run_query
from ..query.sparql_lexer import LexError, tokenize
from ..query.sparql_refusal import network_refusal
from ..store.base import GraphStore
from ..store.generations import current_generation, next_generation
from .replies import Refusal, Reply, error, graph_reply, result_reply
from .writes import Change, data_operations, has_blank_nodes

__all__ = [
    "View",
    "QueryJob",
    "NamedQueryJob",
    "ReadGraphJob",
    "GraphsJob",
    "WriteJob",
    "RDFLIB_DEFAULT",
    "NETWORK_REMEDY",
    "open_view",
]

#: The name rdflib's ``Dataset(store="SPARQLStore")`` gives the default graph.
RDFLIB_DEFAULT = "urn:x-rdflib:default"
NETWORK_REMEDY = "Remove it: this endpoint never reaches other servers."
#: Media types a Graph Store write may send, and how each is read. RDF/XML is refused: its
#: parser expands DTD entities (656 bytes can become a 10 MB literal).
WRITE_FORMATS = dict(media_offers(map(rdf_syntax, ("ttl", "nt", "jsonld"))))


class View:
    """A worker's read-only view of the store's live generation, reopened when it changes."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._seen: tuple[int, int, int] | None = None  # CURRENT's inode, mtime and size
        self._generation = -1
        self._gs: GraphStore | None = None
        self._graphs: frozenset[str] = frozenset()

    def graph(self) -> GraphStore:
        """The live generation's store; one ``stat`` of ``CURRENT`` when nothing changed.

        A write replaces ``CURRENT`` by a rename (a new inode), so an unchanged stat
        means an unchanged generation.
        """
        try:
            status = os.stat(self.directory / "CURRENT")
            seen = (status.st_ino, status.st_mtime_ns, status.st_size)
        except OSError:
            seen = None
        if self._gs is not None and seen is not None and seen == self._seen:
            return self._gs
        generation = current_generation(self.directory)
        if self._gs is None or generation != self._generation:
            self._gs = open_graph(self.directory)
            self._generation = generation
            self._graphs = frozenset(name.value for name in self._gs.store.named_graphs())
        self._seen = seen
        return self._gs

    def graphs(self) -> frozenset[str]:
        """The names of the store's graphs."""
        self.graph()
        return self._graphs


def open_view(directory: str) -> View:
    """A worker's setup: open the store once, so that the first query is quick."""
    view = View(Path(directory))
    view.graph()
    return view


def _answered(job, run) -> Reply:
    """``run()``, with every error turned into an error reply."""
    try:
        return run()
    except Refusal as refusal:
        return refusal.reply
    except StoreInUseError as problem:
        return error(503, str(problem), job.accept)
    except (UsageError, QueryError, ValueError) as problem:
        return error(400, str(problem), job.accept)
    except ActorGraphError as problem:
        return error(500, str(problem), job.accept)
    except Exception:  # a bug: keep the worker alive, tell the operator
        traceback.print_exc(file=sys.stderr)
        return error(500, "internal error; see the server's log", job.accept)


def _check_text(text: str, view: View, update: bool) -> None:
    message = _refusal(text, update, view.graphs())
    if message is not None:
        raise QueryError(message)


def prefixes_for(text: str) -> dict[str, str] | None:
    """The predefined prefixes ``text`` uses (parsing all of them costs more than a query).

    >>> prefixes_for("SELECT * WHERE { ?s a ag:State }")
    {'ag': 'https://w3id.org/actorgraph/ns#'}
    """
    return _read(text)[0]


def names_dataset(text: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED).

    >>> names_dataset("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }"), names_dataset("ASK {}")
    (True, False)
    """
    return _read(text)[1]


@lru_cache(maxsize=512)
def _read(text: str) -> tuple[dict[str, str] | None, bool]:
    try:
        tokens = tokenize(text)
    except LexError:
        return PREFIXES, True
    used = {token.text.partition(":")[0] for token in tokens if token.kind.startswith("PNAME")}
    prefixes = {name: iri for name, iri in PREFIXES.items() if name in used} or None
    return prefixes, any(token.kind == "KEYWORD" and token.text == "FROM" for token in tokens)


@lru_cache(maxsize=512)
def _refusal(text: str, update: bool, graphs: frozenset[str]) -> str | None:
    """:func:`network_refusal`, remembered: clients send the same queries again and again."""
    return network_refusal(text, update=update, remedy=NETWORK_REMEDY, dataset_graphs=graphs)


@dataclass(frozen=True)
class QueryJob:
    """A SPARQL query over the union of the graphs, or over the dataset the client named.

    Graphs the store does not have are empty, as the Protocol expects; ``urn:x-rdflib:default``
    (rdflib's name for the default graph) is the endpoint's default graph, the union.
    """

    text: str
    accept: str | None
    max_rows: int
    base_iri: str
    default_graphs: tuple[str, ...] | None = None  # None: the union of all graphs
    named_graphs: tuple[str, ...] = ()

    def __call__(self, view: View) -> Reply:
        return _answered(self, lambda: self._run(view))

    def _run(self, view: View) -> Reply:
        _check_text(self.text, view, update=False)
        store = view.graph().store
        if self.default_graphs is None:
            # the union of the graphs, unless the query names its dataset with FROM
            dataset: dict = {} if names_dataset(self.text) else {"use_default_graph_as_union": True}
        else:
            defaults: list = []
            for name in self.default_graphs:
                if name == RDFLIB_DEFAULT:
                    defaults += [DefaultGraph(), *map(NamedNode, sorted(view.graphs()))]
                else:
                    defaults.append(NamedNode(name))
            dataset = {
                "default_graph": defaults,
                "named_graphs": [NamedNode(name) for name in self.named_graphs],
            }
        try:
            result = store.query(
                self.text, prefixes=prefixes_for(self.text), base_iri=self.base_iri, **dataset
            )
        except SyntaxError as problem:
            raise QueryError(f"malformed SPARQL query: {problem.msg}") from None
        return result_reply(result, self.accept, self.max_rows)


@dataclass(frozen=True)
class NamedQueryJob:
    """A query of the named-query library, with its parameters bound as RDF terms."""

    name: str
    params: tuple[tuple[str, str], ...]
    accept: str | None
    max_rows: int

    def __call__(self, view: View) -> Reply:
        return _answered(self, lambda: self._run(view))

    def _run(self, view: View) -> Reply:
        found = {query.name: query for query in named_queries()}
        if self.name not in found:
            raise Refusal(error(404, f"no named query {self.name!r}; see GET /named", self.accept))
        text = found[self.name].path.read_text(encoding="utf-8")
        outcome = run_query(view.graph(), text, dict(self.params))
        return result_reply(outcome.result, self.accept, self.max_rows)


@dataclass(frozen=True)
class ReadGraphJob:
    """Graph Store Protocol GET: one graph (None: the store's default graph)."""

    graph: str | None
    accept: str | None
    max_rows: int

    def __call__(self, view: View) -> Reply:
        return _answered(self, lambda: self._run(view))

    def _run(self, view: View) -> Reply:
        name = _graph_node(self.graph)
        store = view.graph().store
        if isinstance(name, NamedNode) and name.value not in view.graphs():
            raise Refusal(error(404, f"the store has no graph {name}", self.accept))
        triples = (quad.triple for quad in store.quads_for_pattern(None, None, None, name))
        return graph_reply(triples, self.accept, self.max_rows)


@dataclass(frozen=True)
class GraphsJob:
    """The names of the store's graphs (for the service description)."""

    accept: str | None = None

    def __call__(self, view: View) -> tuple[str, ...]:
        return tuple(sorted(view.graphs()))


@dataclass(frozen=True)
class WriteJob:
    """A SPARQL Update, or a Graph Store PUT, POST or DELETE, applied atomically."""

    operation: str  # "update", "PUT", "POST" or "DELETE"
    accept: str | None
    text: str = ""  # the update
    graph: str | None = None  # Graph Store: the graph (None: the default graph)
    data: bytes = b""  # Graph Store: the RDF sent
    media_type: str = ""
    base_iri: str | None = None
    incremental: bool = True  # False: rebuild the derived layer in full (benchmarks)

    def __call__(self, view: View) -> Reply:
        return _answered(self, lambda: self._apply(view))

    def _apply(self, view: View) -> Reply:
        if self.operation == "update":
            _check_text(self.text, view, update=True)
        else:
            self._check_body()
        change = Change(incremental=self.incremental)
        with next_generation(view.directory, change.derive, count=False) as store:
            status = self._change(store, change)
        return Reply(status, "text/plain; charset=utf-8")

    def _check_body(self) -> None:
        if self.operation == "DELETE":
            return
        if self.media_type not in WRITE_FORMATS:
            raise Refusal(
                error(
                    415,
                    f"cannot read {self.media_type or 'a body without Content-Type'} as one "
                    f"graph; send one of: {', '.join(WRITE_FORMATS)} (RDF/XML is refused: "
                    "its parser expands entities)",
                    self.accept,
                )
            )
        if WRITE_FORMATS[self.media_type] == RdfFormat.JSON_LD:
            depth = json_depth(self.data, MAX_JSON_DEPTH)
            if depth > MAX_JSON_DEPTH:
                raise UsageError(
                    f"the JSON-LD sent nests objects and arrays more than {MAX_JSON_DEPTH} "
                    "levels deep; flatten it"
                )

    def _change(self, store, change: Change) -> int:
        if self.operation == "update":
            try:
                operations = data_operations(self.text, PREFIXES, self.base_iri)
                if operations is None or any(
                    insert and has_blank_nodes(quads) for insert, quads in operations
                ):
                    change.unknown()
                else:
                    for _insert, quads in operations:
                        change.watch(store, quads)
                store.update(self.text, prefixes=PREFIXES, base_iri=self.base_iri)
            except SyntaxError as problem:
                raise QueryError(f"malformed SPARQL update: {problem.msg}") from None
            return 204
        name = _graph_node(self.graph)
        if isinstance(name, DefaultGraph):  # it always exists; "created" if it was empty
            existed = next(iter(store.quads_for_pattern(None, None, None, name)), None) is not None
        else:
            existed = store.contains_named_graph(name)
        if self.operation != "POST":  # PUT and DELETE replace what the graph holds
            change.watch(store, store.quads_for_pattern(None, None, None, name))
        if self.operation == "DELETE":
            if not existed and not isinstance(name, DefaultGraph):
                raise Refusal(error(404, f"the store has no graph {name}", self.accept))
            if isinstance(name, DefaultGraph):
                store.clear_graph(name)
            else:
                store.remove_graph(name)
            return 204
        fmt = WRITE_FORMATS[self.media_type]
        sent = Store()  # read as Oxigraph's load reads it (new blank node labels)
        try:
            sent.load(self.data, fmt, to_graph=name, base_iri=self.graph)
        except SyntaxError as problem:
            raise UsageError(f"the {fmt.name} sent cannot be read: {problem}") from None
        quads = list(sent)
        change.watch(store, quads)
        if self.operation == "PUT" and existed:
            store.clear_graph(name)
        store.extend(quads)
        return 204 if existed else 201


def _graph_node(graph: str | None) -> NamedNode | DefaultGraph:
    return DefaultGraph() if graph is None else NamedNode(graph)
