"""The graph kept in a SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB, Neptune).

:class:`RemoteGraphStore` is a :class:`~actorgraph.store.base.GraphStore` whose queries go to a
SPARQL 1.1 Protocol endpoint, so every command that reads the graph works against a server
with ``--endpoint URL``. Answers are parsed with pyoxigraph, so rows hold the same term
objects as those of the embedded store.

- **Prefixes.** actorgraph's prefixes are declared in front of each query, as the embedded
  store predefines them.
- **Bindings.** SPARQL 1.1 has no parameter for bindings, so they travel as a ``VALUES``
  block first in the WHERE pattern (:func:`bind_values`; trailing if the query text cannot
  be tokenized) written from each term's own N-Triples form (``str(term)``). This is
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
- **Dialects.** A server known by its ``Server`` header gets what it needs (:data:`DIALECTS`):
  Virtuoso's loads skolemise blank nodes and go in batches, and its 0/1 booleans and
  ``nodeID://`` blank nodes are read back as RDF terms (docs/endpoints.md).
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlencode, urlsplit

from pyoxigraph import (
    BlankNode,
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
    parse,
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
from ..query.sparql_lexer import LexError, Token, tokenize
from .base import GraphStore, Term
from .embedded import graph_result

__all__ = [
    "RemoteGraphStore",
    "check_endpoint_url",
    "values_clause",
    "bind_values",
    "Dialect",
    "DIALECTS",
    "ACTORGRAPH_GRAPHS",
    "LOADED_GRAPH",
    "SKOLEM_PREFIX",
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
#: Blank nodes written as IRIs (skolemised, RDF 1.1 section 3.5) for servers that refuse
#: blank nodes in ``INSERT DATA``; answers turn them back into the same blank nodes.
SKOLEM_PREFIX = BASE + ".well-known/genid/"
_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8, text/turtle;q=0.7"
)
#: What each query form asks for (a server may answer CONSTRUCT in SPARQL JSON otherwise).
_ACCEPT_BY_FORM = {
    "SELECT": "application/sparql-results+json, application/sparql-results+xml;q=0.9",
    "ASK": "application/sparql-results+json, application/sparql-results+xml;q=0.9",
    "CONSTRUCT": "application/n-triples, text/turtle;q=0.9",
    "DESCRIBE": "application/n-triples, text/turtle;q=0.9",
}
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Functions and operators whose value is a boolean (for servers that answer booleans as 0/1).
_BOOLEAN_CALLS = frozenset(
    [
        "EXISTS",
        "NOT",
        "TRUE",
        "FALSE",
        "BOUND",
        "ISIRI",
        "ISURI",
        "ISBLANK",
        "ISLITERAL",
        "ISNUMERIC",
        "ISTRIPLE",
        "REGEX",
        "LANGMATCHES",
        "CONTAINS",
        "STRSTARTS",
        "STRENDS",
        "SAMETERM",
        "HASLANG",
        "HASLANGDIR",
    ]
)
_BOOLEAN_OPERATORS = frozenset(["=", "!=", "<", ">", "<=", ">=", "&&", "||", "IN"])
_FORM = "application/x-www-form-urlencoded"
_CHUNK = 1 << 16
_MESSAGE_CHARS = 600

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Dialect:
    """What one kind of server needs beyond standard SPARQL 1.1 (see docs/endpoints.md).

    ``skolemise``: the server refuses blank nodes in ``INSERT DATA``, so a load writes
    each blank node as the IRI ``SKOLEM_PREFIX + label`` (answers turn it back).
    ``integer_booleans``: the server answers a boolean value (``EXISTS``, ``true``, a
    comparison) as ``0``/``1`` integers, so variables bound to a boolean expression in the
    query are turned back into ``xsd:boolean``. ``insert_batch``: the most triples one
    update request may carry (None: no limit, and a load is one request).
    """

    name: str
    skolemise: bool = False
    integer_booleans: bool = False
    insert_batch: int | None = None


STANDARD = Dialect("SPARQL 1.1")
#: Servers known by the start of their HTTP ``Server`` header. Virtuoso compiles an
#: ``INSERT DATA`` into SQL and refuses one of more than 10000 lines (a few thousand
#: triples), so its loads go in requests of ``insert_batch`` triples.
DIALECTS = {
    "Virtuoso/": Dialect("Virtuoso", skolemise=True, integer_booleans=True, insert_batch=1000)
}


@dataclass(frozen=True)
class _Shape:
    """What a query text is, read with actorgraph's SPARQL tokenizer."""

    form: str | None  # SELECT, ASK, CONSTRUCT, DESCRIBE (None if unread)
    where: int | None  # the offset just after the "{" that opens the WHERE pattern
    booleans: frozenset[str]  # variables bound to a boolean expression (AS ?v)
    selected: frozenset[str] = frozenset()  # the variables a SELECT projects (none for *)


def _shape(query: str) -> _Shape:
    """The form, WHERE position and boolean variables of ``query`` (empty if unreadable)."""
    try:
        tokens = tokenize(query)
    except LexError:
        return _Shape(None, None, frozenset())
    form = next((t.text for t in tokens if t.kind == "KEYWORD" and t.text in _ACCEPT_BY_FORM), None)
    depth, where, seen_form, template = 0, None, False, False
    for index, token in enumerate(tokens):
        if token.kind == "KEYWORD" and token.text == form:
            seen_form = True
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            template = form == "CONSTRUCT" and after is not None and after.text == "{"
        elif token.kind == "PUNCT" and token.text == "{":
            if depth == 0 and seen_form and where is None:
                if template:
                    template = False  # the CONSTRUCT template; WHERE comes next
                else:
                    where = token.start + 1
            depth += 1
        elif token.kind == "PUNCT" and token.text == "}":
            depth -= 1
    selected = _selected_variables(tokens) if form == "SELECT" else frozenset()
    return _Shape(form, where, _boolean_variables(tokens), selected)


def _selected_variables(tokens: list[Token]) -> frozenset[str]:
    """The variables the (outer) SELECT projects: ``?a``, and ``?v`` of ``(... AS ?v)``;
    empty for ``SELECT *``.

    >>> sorted(_selected_variables(tokenize("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b }")))
    ['a', 'n']
    """
    start = next(i for i, t in enumerate(tokens) if t.kind == "KEYWORD" and t.text == "SELECT")
    found, depth = set(), 0
    for index in range(start + 1, len(tokens)):
        token = tokens[index]
        if token.kind == "PUNCT" and token.text == "(":
            depth += 1
        elif token.kind == "PUNCT" and token.text == ")":
            depth -= 1
        elif depth == 0 and token.text in ("{", "WHERE", "FROM"):
            break
        elif depth == 0 and token.text == "*":
            return frozenset()
        elif token.kind == "VAR":
            after_as = tokens[index - 1].kind == "KEYWORD" and tokens[index - 1].text == "AS"
            if depth == 0 or after_as:
                found.add(token.text[1:])
    return frozenset(found)


def _boolean_variables(tokens: list[Token]) -> frozenset[str]:
    """Variables bound by ``(EXPRESSION AS ?v)`` where EXPRESSION is boolean-valued."""
    found, opened = set(), []
    for index, token in enumerate(tokens):
        if token.kind == "PUNCT" and token.text in "([":
            opened.append(index)
        elif token.kind == "PUNCT" and token.text in ")]" and opened:
            opened.pop()
        elif token.kind == "KEYWORD" and token.text == "AS" and opened:
            name = tokens[index + 1] if index + 1 < len(tokens) else None
            if name is not None and name.kind == "VAR" and _boolean(tokens[opened[-1] + 1 : index]):
                found.add(name.text[1:])
    return frozenset(found)


def _boolean(expression: list[Token]) -> bool:
    """Whether ``expression`` (tokens) has a boolean value: a top-level comparison or logical
    operator, or one boolean call (``EXISTS {...}``, ``BOUND(?x)``, ``true``) spanning it."""
    if not expression:
        return False
    depth, last_top = 0, 0
    for index, token in enumerate(expression):
        if token.kind == "PUNCT" and token.text in "({[":
            depth += 1
        elif token.kind == "PUNCT" and token.text in ")}]":
            depth -= 1
            if depth == 0:
                last_top = index
        elif depth == 0:
            if token.text in _BOOLEAN_OPERATORS or token.text == "!":
                return True
            last_top = index
    first = expression[0]
    head = first.kind == "KEYWORD" and first.text in _BOOLEAN_CALLS
    spans = all(
        t.kind == "KEYWORD" and t.text in ("NOT", "EXISTS")
        for t in expression[1 : _first_group(expression)]
    )
    return head and spans and last_top == len(expression) - 1


def _first_group(expression: list[Token]) -> int:
    """The index of the first bracket in ``expression`` (its length if none)."""
    return next(
        (i for i, t in enumerate(expression) if t.kind == "PUNCT" and t.text in "({"),
        len(expression),
    )


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
        self._server: str | None = None

    @property
    def dialect(self) -> Dialect:
        """The server's :class:`Dialect`, known from its ``Server`` header once it answered."""
        server = self._server or ""
        return next((d for prefix, d in DIALECTS.items() if server.startswith(prefix)), STANDARD)

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
        shape = _shape(query)
        text = _PROLOGUE + bind_values(query, bindings or {}, shape.where)
        form = [("query", text), *self._dataset(exclude_graphs)]
        accept = _ACCEPT_BY_FORM.get(shape.form or "", _ACCEPT)
        media_type, body = self._post(self.endpoint, urlencode(form).encode(), _FORM, accept=accept)
        booleans = shape.booleans if self.dialect.integer_booleans else frozenset()
        answer = _parse_answer(media_type, body, booleans)
        if isinstance(answer, QuerySolutions) and shape.selected:
            missing = shape.selected - {v.value for v in answer.variables}
            if missing:
                shown = [f"?{name}" for name in sorted(missing)]
                more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
                names = ", ".join(shown[:5]) + more
                raise StoreError(
                    f"the endpoint {self.endpoint} answered without the variables {names} "
                    "that the query selects; is it a SPARQL 1.1 query endpoint for this "
                    "data? (see docs/endpoints.md)"
                )
        return answer

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

    def loaded_graphs(self) -> list[str]:
        """The graphs the last load recorded (none if no load wrote to this server)."""
        return self._graph_names(_LOADED)

    def replace(self, quads: Iterable[Quad], progress: Progress | None = None) -> int:
        """Replace actorgraph's graphs on the server with ``quads``; return how many were sent.

        One SPARQL Update request drops the four actorgraph graphs, those the previous
        load recorded and every graph ``quads`` names (``DROP SILENT GRAPH``), then
        inserts the quads and the record of their graphs (``INSERT DATA``). Other graphs
        on the server are left alone. ``progress(sent, total)`` is called as the request
        body goes out, in bytes.
        """
        quads = list(quads)
        previous = self._graph_names(_LOADED)  # (also tells the server's dialect)
        dialect = self.dialect
        bodies = _replace_request(
            quads, previous, skolemise=dialect.skolemise, batch=dialect.insert_batch
        )
        total, done = sum(len(body) for body in bodies), 0
        for body in bodies:
            report = None
            if progress is not None:
                report = lambda sent, _, before=done: progress(before + sent, total)  # noqa: E731
            self._post(self.update_endpoint, body, "application/sparql-update", report)
            done += len(body)
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
        self,
        url: str,
        body: bytes,
        content_type: str,
        progress: Progress | None = None,
        *,
        accept: str = _ACCEPT,
    ) -> tuple[str, bytes]:
        """POST ``body`` and return the answer's media type and bytes."""
        request = urllib.request.Request(
            url,
            data=_Upload(body, progress) if progress else body,
            headers={
                "Content-Type": content_type,
                "Content-Length": str(len(body)),
                "Accept": accept,
                "User-Agent": "actorgraph",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self._server = response.headers.get("Server", "")
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


def bind_values(query: str, bindings: Mapping[str, Term], where: int | None) -> str:
    """``query`` with ``bindings`` as a ``VALUES`` block: inline, first in the WHERE pattern
    (``where`` is the offset just after its ``{``), or trailing when ``where`` is None.

    The inline block joins first, as the embedded store's substitution binds the variable
    before evaluation; some servers (Virtuoso) mishandle a trailing ``VALUES`` after
    ``UNION`` and ``OPTIONAL``. The block is :func:`values_clause`'s, so every value is an
    RDF term written by pyoxigraph, never text.

    >>> print(bind_values("SELECT * WHERE { ?s ?p ?o }", {"s": NamedNode("http://e.org/s")}, 16))
    SELECT * WHERE {
    VALUES (?s) { (<http://e.org/s>) }
     ?s ?p ?o }
    """
    block = values_clause(bindings)
    if not block or where is None:
        return query + block
    return query[:where] + block + "\n" + query[where:]


def _skolem(term):
    """``term``, a blank node written as its skolem IRI (other terms unchanged)."""
    if isinstance(term, BlankNode):
        return NamedNode(SKOLEM_PREFIX + quote(term.value, safe=""))
    return term


def _unskolem(term):
    """``term``, a skolem IRI of ours turned back into its blank node."""
    if isinstance(term, NamedNode) and term.value.startswith(SKOLEM_PREFIX):
        return BlankNode(unquote(term.value[len(SKOLEM_PREFIX) :]))
    return term


def _canonical(term):
    """``term``, a boolean literal written ``1`` or ``0`` (Virtuoso) as ``true``/``false``."""
    if isinstance(term, Literal) and term.datatype.value == _BOOLEAN and term.value in "01":
        return Literal("true" if term.value == "1" else "false", datatype=term.datatype)
    return term


def _replace_request(
    quads: list[Quad], previous: list[str], *, skolemise: bool = False, batch: int | None = None
) -> list[bytes]:
    """The SPARQL Update requests that replace actorgraph's graphs with ``quads``.

    ``previous`` names the graphs the last load recorded. The data is written by
    pyoxigraph's N-Triples serialiser, one block per graph, all in one ``INSERT DATA`` so
    that a blank node shared by two graphs stays one node: one request in all. With
    ``skolemise``, blank nodes are written as IRIs under :data:`SKOLEM_PREFIX`; only then
    may ``batch`` split the data into requests of at most ``batch`` triples (the first
    also drops the graphs, the last also writes the load record).
    """
    by_graph: dict[str, list[Triple]] = {}
    for quad in quads:
        name = "" if isinstance(quad.graph_name, DefaultGraph) else quad.graph_name.value
        triple = quad.triple
        if skolemise:
            triple = Triple(_skolem(triple.subject), triple.predicate, _skolem(triple.object))
        by_graph.setdefault(name, []).append(triple)
    written = sorted(set(by_graph) - {""})
    record = NamedNode(LOADED_GRAPH)
    by_graph[LOADED_GRAPH] = [Triple(record, _MEMBER, NamedNode(name)) for name in written]
    dropped = sorted({*ACTORGRAPH_GRAPHS, *previous, *by_graph} - {""})
    drops = "".join(f"DROP SILENT GRAPH {NamedNode(name)} ;\n" for name in dropped).encode()
    chunks: list[list[tuple[str, list[Triple]]]] = [[]]
    size = 0
    for name, triples in sorted(by_graph.items(), key=lambda item: item[0] == LOADED_GRAPH):
        step = batch if skolemise and batch else len(triples) or 1
        for start in range(0, len(triples), step):
            part = triples[start : start + step]
            if skolemise and batch and size and size + len(part) > batch:
                chunks.append([])
                size = 0
            chunks[-1].append((name, part))
            size += len(part)
    requests = []
    for number, chunk in enumerate(chunks):
        out = io.BytesIO()
        if number == 0:
            out.write(drops)
        out.write(b"INSERT DATA {\n")
        for name, triples in chunk:
            if name:
                out.write(f"GRAPH {NamedNode(name)} {{\n".encode())
            serialize(triples, out, RdfFormat.N_TRIPLES)
            if name:
                out.write(b"}\n")
        out.write(b"}\n")
        requests.append(out.getvalue())
    return requests


def _parse_answer(
    media_type: str, body: bytes, booleans: Collection[str] = ()
) -> QuerySolutions | QueryBoolean | QueryTriples:
    """The pyoxigraph result for an answer of ``media_type``.

    Skolem IRIs of ours become their blank nodes again, server blank-node ids that are no
    RDF blank-node labels (Virtuoso's ``nodeID://b1``) become labels (``b1``), and the
    variables ``booleans`` answered as ``0``/``1`` become ``false``/``true``.
    """
    results_format = QueryResultsFormat.from_media_type(media_type)
    if results_format == QueryResultsFormat.JSON:
        body = _fix_json(body, booleans)
    if results_format is not None and results_format != QueryResultsFormat.CSV:
        try:
            return parse_query_results(body, results_format)
        except SyntaxError as error:
            raise QueryError(f"the endpoint sent malformed results: {error}") from None
    rdf_format = RdfFormat.from_media_type(media_type)
    if rdf_format is not None:
        try:
            if any(marker in body for marker in _MARKERS):
                triples = [
                    Triple(_unskolem(t.subject), t.predicate, _canonical(_unskolem(t.object)))
                    for t in parse(body, rdf_format)
                ]
                body, rdf_format = (
                    serialize(triples, format=RdfFormat.N_TRIPLES),
                    RdfFormat.N_TRIPLES,
                )
            return graph_result(body, rdf_format)
        except SyntaxError as error:
            raise QueryError(f"the endpoint sent malformed {rdf_format.name}: {error}") from None
    raise StoreError(f"the endpoint answered in {media_type}, which actorgraph cannot read")


_SKOLEM_BYTES = SKOLEM_PREFIX.encode()
_NODE_ID = "nodeID://"
_BOOLEAN = _XSD + "boolean"
#: Bytes that show an answer may need a repair (see :func:`_parse_answer`).
_MARKERS = (_SKOLEM_BYTES, _NODE_ID.encode(), _BOOLEAN.encode())


def _fix_json(body: bytes, booleans: Collection[str]) -> bytes:
    """SPARQL JSON ``body`` with the repairs of :func:`_parse_answer` (unchanged if none)."""
    if not booleans and not any(marker in body for marker in _MARKERS):
        return body
    try:
        answer = json.loads(body)
        rows = answer["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        return body  # not a SELECT answer: pyoxigraph reports what is wrong
    for row in rows:
        for name, term in row.items():
            if not isinstance(term, dict):
                continue
            kind, value = term.get("type"), term.get("value", "")
            if kind == "uri" and value.startswith(SKOLEM_PREFIX):
                term.update(type="bnode", value=unquote(value[len(SKOLEM_PREFIX) :]))
            elif kind == "bnode" and value.startswith(_NODE_ID):
                term["value"] = value[len(_NODE_ID) :]
            elif term.get("datatype") == _BOOLEAN and value in ("0", "1"):
                term["value"] = "true" if value == "1" else "false"
            elif (
                name in booleans
                and term.get("datatype") == _XSD + "integer"
                and value in ("0", "1")
            ):
                term.update(type="literal", datatype=_XSD + "boolean")
                term["value"] = "true" if value == "1" else "false"
    return json.dumps(answer).encode()


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
