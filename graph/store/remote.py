"""The graph kept in a SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB, Neptune).

:class:`RemoteGraphStore` is a :class:`~actorgraph.store.base.GraphStore` whose queries go to a
SPARQL 1.1 Protocol endpoint, so every command that reads the graph works against a server
with ``--endpoint URL``. Answers are parsed with pyoxigraph, so rows hold the same term
objects as those of the embedded store.

- **Prefixes.** actorgraph's prefixes are declared in front of each query, as the embedded
  store predefines them.
- **Bindings.** SPARQL 1.1 has no parameter for bindings, so they travel as a trailing
  ``VALUES`` clause written from each term's own N-Triples form (``str(term)``). This is
  injection-safe: pyoxigraph refuses to build an IRI holding ``<``, ``>``, ``"``, ``{``,
  ``}``, ``\\``, spaces or other characters that could end it, and writes every ``"``,
  ``\\`` and line break inside a literal as an escape, so a value can never end its term
  and become query text. Variable names are checked by :class:`pyoxigraph.Variable`. Blank
  nodes cannot be bound (``VALUES`` cannot hold them). A ``VALUES`` clause joins the
  binding with the query's solutions where pyoxigraph's substitution pre-binds the
  variable: they agree whenever the variable is bound by a required pattern, as in every
  query actorgraph ships.
- **Dataset.** Queries read the union of actorgraph's graphs: those a load recorded in
  the graph :data:`LOADED_GRAPH` (``<LOADED_GRAPH> rdfs:member <graph>``), or, if there is
  no such record (data bulk-loaded by the server's own tools), every named graph. Their
  names are listed once and sent as ``default-graph-uri`` and ``named-graph-uri``
  parameters (standard Protocol), so no server setting is needed and other graphs on a
  shared server stay out of the answers. An endpoint without named graphs is queried with
  its own default graph.
- **Loading.** :meth:`RemoteGraphStore.replace` drops actorgraph's graphs (the four of
  docs/data-model.md and those the previous load recorded) and inserts the new quads and
  their record in **one** SPARQL Update request, which Oxigraph server, Fuseki (TDB2),
  GraphDB and Neptune apply as one transaction: readers see the old graph or the new one,
  never a mix, and a failed load changes nothing.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from urllib.parse import urlencode, urlsplit

from pyoxigraph import (
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    Variable,
    parse_query_results,
    serialize,
)

from ..errors import QueryError, StoreError, UsageError
from ..namespaces import (
    BASE,
    GRAPH_CURATED,
    GRAPH_DERIVED,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    PREFIXES,
    RDFS,
)
from .base import GraphStore, Term
from .embedded import graph_result

__all__ = [
    "RemoteGraphStore",
    "check_endpoint_url",
    "values_clause",
    "ACTORGRAPH_GRAPHS",
    "LOADED_GRAPH",
]

#: The graphs every load replaces, besides those it writes.
ACTORGRAPH_GRAPHS = (GRAPH_ONTOLOGY, GRAPH_CURATED, GRAPH_DERIVED, GRAPH_INFERRED)
#: Where a load records the graphs it wrote: ``<LOADED_GRAPH> rdfs:member <graph>``.
LOADED_GRAPH = BASE + "graph/loaded"

_MEMBER = NamedNode(RDFS + "member")
_PROLOGUE = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()) + "\n"
_LOADED = f"SELECT ?g WHERE {{ GRAPH <{LOADED_GRAPH}> {{ <{LOADED_GRAPH}> {_MEMBER} ?g }} }}"
_ALL_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8, text/turtle;q=0.7"
)
_FORM = "application/x-www-form-urlencoded"
_CHUNK = 1 << 16
_MESSAGE_CHARS = 600

Progress = Callable[[int, int], None]


class RemoteGraphStore(GraphStore):
    """The graph in a SPARQL 1.1 server, queried over HTTP like the embedded store.

    ``endpoint`` answers queries; ``update_endpoint`` (default: the same URL) takes the
    updates of :meth:`replace`. Oxigraph server uses ``http://HOST:7878/query`` and
    ``http://HOST:7878/update``; Fuseki ``http://HOST:3030/DATASET/query`` and
    ``.../update``; Virtuoso ``http://HOST:8890/sparql`` for both.
    """

    def __init__(
        self, endpoint: str, update_endpoint: str | None = None, *, timeout: float = 60.0
    ) -> None:
        self.endpoint = check_endpoint_url(endpoint)
        self.update_endpoint = check_endpoint_url(update_endpoint or endpoint)
        self.timeout = timeout
        self._graphs: list[str] | None = None

    def __repr__(self) -> str:
        return f"RemoteGraphStore({self.endpoint!r})"

    def query(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> QuerySolutions | QueryBoolean | QueryTriples:
        """The endpoint's answer as pyoxigraph's result types (see :meth:`GraphStore.query`)."""
        text = _PROLOGUE + query + values_clause(bindings or {})
        form = [("query", text), *self._dataset(exclude_graphs)]
        media_type, body = self._post(self.endpoint, urlencode(form).encode(), _FORM)
        return _parse_answer(media_type, body)

    def __len__(self) -> int:
        """The number of quads in actorgraph's graphs."""
        return int(self._select(_COUNT, self._named())[0]["n"].value)

    def quads(self) -> Iterator[Quad]:
        """Every quad of actorgraph's graphs (actorgraph keeps nothing in the default graph)."""
        rows = self._select(_QUADS, self._named())
        return (Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)

    def named_graphs(self) -> list[str]:
        """actorgraph's graphs on the endpoint (see the module's docstring), listed once."""
        if self._graphs is None:
            loaded = self._graph_names(_LOADED)
            every = [] if loaded else self._graph_names(_ALL_GRAPHS)
            self._graphs = loaded or [name for name in every if name != LOADED_GRAPH]
        return self._graphs

    def replace(self, quads: Iterable[Quad], progress: Progress | None = None) -> int:
        """Replace actorgraph's graphs on the server with ``quads``; return how many were sent.

        One SPARQL Update request drops the four actorgraph graphs, those the previous
        load recorded and every graph ``quads`` names (``DROP SILENT GRAPH``), then
        inserts the quads and the record of their graphs (``INSERT DATA``). Other graphs
        on the server are left alone. ``progress(sent, total)`` is called as the request
        body goes out, in bytes.
        """
        quads = list(quads)
        body = _replace_request(quads, self._graph_names(_LOADED))
        self._post(self.update_endpoint, body, "application/sparql-update", progress)
        self._graphs = None
        return len(quads)

    def _graph_names(self, query: str) -> list[str]:
        return sorted({row["g"].value for row in self._select(query) if "g" in row})

    def _named(self) -> list[tuple[str, str]]:
        """``named-graph-uri`` parameters for actorgraph's graphs (so GRAPH ?g sees only them)."""
        return [("named-graph-uri", name) for name in self.named_graphs()]

    def _select(
        self, query: str, dataset: list[tuple[str, str]] | None = None
    ) -> list[dict[str, Term]]:
        """Rows of one of the module's own queries, over ``dataset`` or the endpoint's own."""
        form = urlencode([("query", query), *(dataset or [])]).encode()
        result = _parse_answer(*self._post(self.endpoint, form, _FORM))
        if not isinstance(result, QuerySolutions):
            raise StoreError(f"the endpoint {self.endpoint} did not answer a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in result]

    def _dataset(self, exclude_graphs: Collection[str]) -> list[tuple[str, str]]:
        """The Protocol parameters naming the union of the named graphs as the dataset."""
        graphs = self.named_graphs()
        return [("default-graph-uri", g) for g in graphs if g not in exclude_graphs] + [
            ("named-graph-uri", g) for g in graphs
        ]

    def _post(
        self, url: str, body: bytes, content_type: str, progress: Progress | None = None
    ) -> tuple[str, bytes]:
        """POST ``body`` and return the answer's media type and bytes."""
        request = urllib.request.Request(
            url,
            data=_Upload(body, progress) if progress else body,
            headers={
                "Content-Type": content_type,
                "Content-Length": str(len(body)),
                "Accept": _ACCEPT,
                "User-Agent": "actorgraph",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.headers.get_content_type(), response.read()
        except urllib.error.HTTPError as error:
            raise _http_error(url, error) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(
                f"cannot reach the SPARQL endpoint {url}: {reason}; check the URL and that "
                "the server is running"
            ) from None


def check_endpoint_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host, else :class:`UsageError`.

    >>> check_endpoint_url("http://localhost:7878/query")
    'http://localhost:7878/query'
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            f"{url!r} is not an endpoint URL; write it like http://localhost:7878/query"
        )
    return url


def values_clause(bindings: Mapping[str, Term]) -> str:
    """A trailing ``VALUES`` clause giving each variable its term (empty if none).

    >>> values_clause({"actor": NamedNode("https://w3id.org/actorgraph/actor/iran")})
    '\\nVALUES (?actor) { (<https://w3id.org/actorgraph/actor/iran>) }'
    >>> values_clause({"q": Literal('say "hi" }')})
    '\\nVALUES (?q) { ("say \\\\"hi\\\\" }") }'
    """
    if not bindings:
        return ""
    names, terms = [], []
    for name, term in bindings.items():
        try:
            names.append(str(Variable(name)))
        except ValueError:
            raise QueryError(f"{name!r} is not a SPARQL variable name") from None
        if not isinstance(term, NamedNode | Literal):
            raise QueryError(
                f"?{name} is bound to {term}, which a remote query cannot carry "
                "(SPARQL VALUES holds IRIs and literals only)"
            )
        terms.append(str(term))
    return f"\nVALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def _replace_request(quads: list[Quad], previous: list[str]) -> bytes:
    """The SPARQL Update text that replaces actorgraph's graphs with ``quads``.

    ``previous`` names the graphs the last load recorded. The data is written by
    pyoxigraph's N-Triples serialiser, one block per graph, all in one ``INSERT DATA`` so
    that a blank node shared by two graphs stays one node.
    """
    by_graph: dict[str, list[Triple]] = {}
    for quad in quads:
        name = "" if isinstance(quad.graph_name, DefaultGraph) else quad.graph_name.value
        by_graph.setdefault(name, []).append(quad.triple)
    written = sorted(set(by_graph) - {""})
    record = NamedNode(LOADED_GRAPH)
    by_graph[LOADED_GRAPH] = [Triple(record, _MEMBER, NamedNode(name)) for name in written]
    dropped = sorted({*ACTORGRAPH_GRAPHS, *previous, *by_graph} - {""})
    out = io.BytesIO()
    for name in dropped:
        out.write(f"DROP SILENT GRAPH {NamedNode(name)} ;\n".encode())
    out.write(b"INSERT DATA {\n")
    for name, triples in sorted(by_graph.items()):
        if name:
            out.write(f"GRAPH {NamedNode(name)} {{\n".encode())
        serialize(triples, out, RdfFormat.N_TRIPLES)
        if name:
            out.write(b"}\n")
    out.write(b"}\n")
    return out.getvalue()


def _parse_answer(media_type: str, body: bytes) -> QuerySolutions | QueryBoolean | QueryTriples:
    """The pyoxigraph result for an answer of ``media_type``."""
    results_format = QueryResultsFormat.from_media_type(media_type)
    if results_format is not None and results_format is not QueryResultsFormat.CSV:
        return parse_query_results(body, results_format)
    rdf_format = RdfFormat.from_media_type(media_type)
    if rdf_format is not None:
        try:
            return graph_result(body, rdf_format)
        except SyntaxError as error:
            raise QueryError(f"the endpoint sent malformed {rdf_format.name}: {error}") from None
    raise StoreError(f"the endpoint answered in {media_type}, which actorgraph cannot read")


def _http_error(url: str, error: urllib.error.HTTPError) -> Exception:
    """The actorgraph error for an HTTP error status, with the server's own message."""
    message = error.read(_MESSAGE_CHARS * 4).decode("utf-8", "replace").strip()
    message = " ".join(message.split())[:_MESSAGE_CHARS] or error.reason
    if error.code == 400:
        return QueryError(f"the endpoint rejected the request: {message}")
    hints = {
        401: "the server wants credentials, which actorgraph does not send",
        403: "the server refuses this request; is it read-only? (updates: --update-endpoint)",
        404: "no SPARQL service at this URL; e.g. http://localhost:7878/query for Oxigraph",
        405: "this URL does not take this request; updates need --update-endpoint "
        "(e.g. http://localhost:7878/update for Oxigraph server)",
        415: "this URL does not take this request; updates need --update-endpoint "
        "(e.g. http://localhost:7878/update for Oxigraph server)",
    }
    hint = hints.get(error.code, "the server failed")
    return StoreError(f"{url} answered {error.code} ({message}): {hint}")


class _Upload(io.RawIOBase):
    """A request body read in chunks, reporting each chunk to ``progress``."""

    def __init__(self, body: bytes, progress: Progress):
        self._body = memoryview(body)
        self._sent = 0
        self._progress = progress

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = _CHUNK if size is None or size < 0 else min(size, _CHUNK)
        chunk = bytes(self._body[self._sent : self._sent + size])
        self._sent += len(chunk)
        self._progress(self._sent, len(self._body))
        return chunk
