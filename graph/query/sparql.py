"""Running a user's SPARQL query, and the library of named queries that ships with actorgraph.

A query comes from :func:`load_query`: the name of a query in ``graph/queries/named/``, a
path to an ``.rq`` file, or SPARQL text. :func:`run_query` then

1. refuses anything that would reach outside the store (SERVICE, LOAD, FROM, USING; see
   :func:`check_network_access`) unless the caller allows it;
2. turns ``--param name=value`` pairs into RDF terms and binds them as substitutions, never
   pasting them into the query text. An actor parameter (named ``actor``, or declared
   ``(actor)`` in the query's header) is resolved like any ACTOR argument;
3. runs the query; with a timeout, all three steps run in a child process that is killed
   at the deadline (:mod:`actorgraph.query.deadline`: pyoxigraph cannot cancel a query).

A query file may start with comment headers, which the named queries all have::

    # title: Who supports an actor
    # description: ... (may repeat; the lines are joined)
    # param: actor (actor) — the actor being supported
    # example: actorgraph query who-supports --param actor=iran

Parameter kinds are ``actor``, ``iri``, ``date`` and ``integer``; any other kind is a
plain string. Without a kind, a value is an IRI if written ``<...>`` or starting with
``http://`` or ``https://``, an ``xsd:date`` if it is a date ``YYYY-MM-DD``, and
otherwise a plain string.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pyoxigraph import (
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    parse_query_results,
)

from ..errors import (
    QueryError,
    QueryRefusedError,
    QueryTimeoutError,
    UsageError,
)
from ..namespaces import XSD
from ..resources import queries_dir
from .actors import resolve_actor
from .deadline import DeadlineExceeded, WorkerDied, WorkerPool, check_timeout, deadline_after
from .sparql_lexer import LexError, Token, tokenize
from .sparql_refusal import network_refusal

if TYPE_CHECKING:
    from ..store.base import GraphStore, Term

__all__ = [
    "ResultKind",
    "QueryOutcome",
    "QueryParam",
    "NamedQuery",
    "check_network_access",
    "query_params",
    "named_queries",
    "load_query",
    "run_query",
]

_QUERY_SUFFIXES = (".rq", ".sparql")

_HEADER = re.compile(r"#\s*(?P<key>title|description|param|example)\s*:\s*(?P<value>.*)")
_PARAM = re.compile(r"(?P<name>\w+)\s*(?:\((?P<kind>\w+)\))?\s*(?:[—–:-]+\s*(?P<text>.*))?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d+")


class ResultKind(StrEnum):
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT)."""

    solutions = "solutions"
    boolean = "boolean"
    triples = "triples"


class QueryOutcome(NamedTuple):
    """A query's pyoxigraph result and its kind."""

    result: QuerySolutions | QueryBoolean | QueryTriples
    kind: ResultKind


@dataclass(frozen=True)
class QueryParam:
    """A parameter declared in a query's header."""

    name: str
    kind: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query of the shipped library, described by its header."""

    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    example: str | None
    path: Path


def check_network_access(
    query_text: str, remedy: str = "Remove it, or pass --allow-network if you really mean it."
) -> None:
    """Raise :class:`QueryRefusedError` if the query would reach outside the store.

    SERVICE and LOAD fetch from the network; FROM, FROM NAMED and USING name graphs by
    IRI, which the store has no use for. Words inside strings, comments, IRIs, prefixed
    names and variables do not count. ``remedy`` ends the message about SERVICE and LOAD.

    >>> check_network_access('SELECT * WHERE { ?s ?p "SERVICE <http://x>" } # FROM here')
    >>> check_network_access("LOAD <http://example.org/data.ttl>")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    actorgraph.errors.QueryRefusedError: line 1, column 1: LOAD would reach the network; ...
    """
    message = network_refusal(query_text, remedy=remedy)
    if message is not None:
        raise QueryRefusedError(message)


def query_params(query_text: str) -> tuple[QueryParam, ...]:
    """The parameters declared in the query's header (``# param: name (kind) — text``)."""
    return _header(query_text)[2]


def named_queries() -> list[NamedQuery]:
    """The shipped named queries, by name."""
    found = []
    for path in sorted((queries_dir() / "named").glob("*.rq")):
        title, description, params, example = _header(path.read_text(encoding="utf-8"))
        found.append(NamedQuery(path.stem, title, description, params, example, path))
    return found


def load_query(arg: str) -> str:
    """The SPARQL text ``arg`` stands for: a named query, an ``.rq`` file, or SPARQL itself.

    Raises :class:`UsageError` for a missing or unreadable file or an unknown name.
    """
    named = {query.name: query.path for query in named_queries()}
    if arg in named:
        return named[arg].read_text(encoding="utf-8")
    path = Path(arg)
    if "\n" not in arg and (arg.endswith(_QUERY_SUFFIXES) or _is_file(path)):
        return _read_query_file(path)
    if re.search(r"[\s{]", arg):
        return arg
    raise UsageError(
        f"{arg!r} is neither a named query, a query file nor SPARQL text. "
        f"Named queries: {', '.join(named)} (list them with: actorgraph query --list)."
    )


def run_query(
    gs: GraphStore,
    text: str,
    params: Mapping[str, str] | None = None,
    allow_network: bool = False,
    timeout: float | None = None,
    exclude_graphs: Collection[str] = (),
) -> QueryOutcome:
    """Run a user's query over the whole graph, with ``params`` bound as RDF terms.

    ``exclude_graphs`` names graphs to leave out of the union (e.g. the inferred graph).

    Raises :class:`QueryRefusedError` (network access, see :func:`check_network_access`),
    :class:`UsageError` (a parameter the query does not have, a malformed value, an
    unknown actor), :class:`QueryError` (malformed SPARQL) and
    :class:`QueryTimeoutError` (ran past ``timeout`` seconds).
    """
    if timeout is None:
        return _prepared_outcome(gs, text, params or {}, allow_network, exclude_graphs)
    deadline = deadline_after(check_timeout(timeout))
    job = _FrozenQuery(text, dict(params or {}), allow_network, tuple(exclude_graphs))
    try:
        with WorkerPool(lambda: gs, method="fork") as pool:
            kind, payload = pool.run(job, deadline)
    except DeadlineExceeded:
        raise QueryTimeoutError(
            f"the query ran longer than {timeout:g} s and was stopped; make it more "
            "selective or allow more time."
        ) from None
    except WorkerDied:
        raise QueryError(
            "the query process ended without an answer (the query may be too deeply nested)"
        ) from None
    return _thaw(ResultKind(kind), payload)


def _prepared_outcome(
    gs: GraphStore,
    text: str,
    params: Mapping[str, str],
    allow_network: bool,
    exclude_graphs: Collection[str],
) -> QueryOutcome:
    """Check ``text``, bind ``params`` and run it here (the CLI's child, or no timeout)."""
    if not allow_network:
        check_network_access(text)
    bindings = _bindings(gs, text, params)
    return _evaluate(gs, text, bindings, exclude_graphs)


@dataclass(frozen=True)
class _FrozenQuery:
    """The whole of :func:`run_query` as a worker job; the result comes back as bytes."""

    text: str
    params: dict[str, str]
    allow_network: bool
    exclude_graphs: tuple[str, ...]

    def __call__(self, gs: GraphStore) -> tuple[str, bytes]:
        outcome = _prepared_outcome(
            gs, self.text, self.params, self.allow_network, self.exclude_graphs
        )
        try:
            return outcome.kind.value, _freeze(outcome)
        except OSError as error:
            raise QueryError(f"the query failed while running: {error}") from None


def _lexed(text: str) -> list[Token]:
    """The tokens of ``text``; up to the first error if it cannot be tokenised."""
    try:
        return tokenize(text)
    except LexError as error:
        return error.tokens


def _header(text: str) -> tuple[str, str, tuple[QueryParam, ...], str | None]:
    """Title, description, parameters and example from the leading comment lines."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        match = _HEADER.fullmatch(line)
        if match:
            fields[match["key"]].append(match["value"].strip())
    params = []
    for spec in fields["param"]:
        match = _PARAM.fullmatch(spec)
        if match:
            kind = match["kind"].lower() if match["kind"] else None
            params.append(QueryParam(match["name"], kind, (match["text"] or "").strip()))
    example = fields["example"][0] if fields["example"] else None
    return " ".join(fields["title"]), " ".join(fields["description"]), tuple(params), example


def _bindings(gs: GraphStore, text: str, params: Mapping[str, str]) -> dict[str, Term]:
    """The RDF term for each parameter; every name must be a variable of the query."""
    variables = {token.text[1:] for token in _lexed(text) if token.kind == "VAR"}
    declared = {param.name: param.kind for param in query_params(text)}
    bindings: dict[str, Term] = {}
    for name, value in params.items():
        if name not in variables:
            known = ", ".join(f"?{v}" for v in sorted(variables)) or "none"
            raise UsageError(
                f"unknown parameter {name!r}: the query has no variable ?{name} "
                f"(its variables: {known})."
            )
        kind = declared.get(name) or ("actor" if name == "actor" else None)
        bindings[name] = _term(gs, name, value, kind)
    return bindings


def _term(gs: GraphStore, name: str, value: str, kind: str | None) -> Term:
    """``value`` as the RDF term a parameter of this ``kind`` (or of no kind) stands for."""
    if kind == "actor":
        return NamedNode(resolve_actor(gs, value).iri)
    bracketed = value.startswith("<") and value.endswith(">")
    if kind == "iri" or bracketed or value.startswith(("http://", "https://")):
        return _iri(name, value[1:-1] if bracketed else value)
    if kind == "date" or (kind is None and _DATE.fullmatch(value)):
        return _typed(name, value, "date", datetime.date.fromisoformat)
    if kind == "integer":
        return _typed(name, value, "integer", _integer)
    return Literal(value)


def _iri(name: str, text: str) -> NamedNode:
    try:
        return NamedNode(text)
    except ValueError as error:
        raise UsageError(
            f"parameter {name}: {text!r} is not a valid absolute IRI ({error}); "
            "write it like <https://example.org/x>."
        ) from None


def _typed(name: str, value: str, datatype: str, check: Callable[[str], object]) -> Literal:
    """``value`` as an ``xsd:<datatype>`` literal, if ``check`` accepts it."""
    try:
        check(value)
    except ValueError:
        expected = {"date": "a date like 2024-12-01", "integer": "an integer like 42"}[datatype]
        raise UsageError(f"parameter {name}: {value!r} is not {expected}.") from None
    return Literal(value, datatype=NamedNode(XSD + datatype))


def _integer(value: str) -> int:
    if not _INTEGER.fullmatch(value):
        raise ValueError(value)
    return int(value)


def _evaluate(
    gs: GraphStore, text: str, bindings: Mapping[str, Term], exclude_graphs: Collection[str] = ()
) -> QueryOutcome:
    result = gs.query(text, bindings, exclude_graphs=exclude_graphs)
    if isinstance(result, QuerySolutions):
        return QueryOutcome(result, ResultKind.solutions)
    if isinstance(result, QueryBoolean):
        return QueryOutcome(result, ResultKind.boolean)
    return QueryOutcome(result, ResultKind.triples)


def _freeze(outcome: QueryOutcome) -> bytes:
    """The whole result as bytes: SPARQL JSON results, or N-Triples for a graph."""
    if outcome.kind is ResultKind.triples:
        return outcome.result.serialize(format=RdfFormat.N_TRIPLES)
    return outcome.result.serialize(format=QueryResultsFormat.JSON)


def _thaw(kind: ResultKind, payload: bytes) -> QueryOutcome:
    """The pyoxigraph result again from :func:`_freeze`'s bytes."""
    if kind is ResultKind.triples:
        from ..store.embedded import graph_result

        return QueryOutcome(graph_result(payload, RdfFormat.N_TRIPLES), kind)
    return QueryOutcome(parse_query_results(payload, QueryResultsFormat.JSON), kind)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"no such query file: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the query file {path}: {error}") from None
