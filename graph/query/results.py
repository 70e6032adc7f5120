"""The results of a SPARQL query, as a table or in a standard format.

:func:`serialized` writes a result in a W3C SPARQL results format (SELECT, ASK) or an RDF
syntax (CONSTRUCT, DESCRIBE), the names taken from :mod:`actorgraph.formats.syntaxes`;
:func:`result_rows` gives the columns and text cells of a table, IRIs shortened to
``prefix:local``.

>>> from pyoxigraph import Store
>>> result = Store().query("SELECT ?n WHERE { VALUES ?n { 1 2 } }")
>>> result_rows(result)
(['n'], [{'n': '1'}, {'n': '2'}])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    serialize,
)

from ..errors import QueryError, UsageError
from ..formats.syntaxes import RESULT_SYNTAXES, by_name, rdf_syntax
from ..namespaces import PREFIXES, compact

if TYPE_CHECKING:
    from ..store.base import Term
    from .sparql import QueryOutcome

__all__ = ["serialized", "serialize_results", "result_rows"]

_RESULTS_FORMATS = by_name(RESULT_SYNTAXES)
_GRAPH_FORMATS = by_name(rdf_syntax(name) for name in ("ttl", "nt", "jsonld", "xml"))


def serialized(outcome: QueryOutcome, fmt: str) -> bytes:
    """``outcome`` in format ``fmt``, ending with a newline; ``table`` asks for the default
    of a graph, Turtle (a table of SELECT or ASK results is :func:`result_rows`)."""
    text = serialize_results(outcome.result, "ttl" if fmt == "table" else fmt)
    return text if text.endswith(b"\n") else text + b"\n"


def serialize_results(result: QuerySolutions | QueryBoolean | QueryTriples, fmt: str) -> bytes:
    """The result in a standard format, written by pyoxigraph.

    SELECT and ASK results: ``json``, ``csv``, ``tsv`` or ``xml`` (the W3C SPARQL results
    formats; their CSV carries values exactly, with no spreadsheet formula guard).
    CONSTRUCT and DESCRIBE results: ``ttl``, ``nt``, ``jsonld`` (or ``json``) or ``xml``
    (RDF/XML). Raises :class:`UsageError` for a format that does not fit the result.
    """
    name = fmt.lower()
    try:
        if isinstance(result, QueryTriples):
            rdf_format = _GRAPH_FORMATS.get(name)
            if rdf_format is None:
                raise _format_error(fmt, "a graph (CONSTRUCT or DESCRIBE)", _GRAPH_FORMATS)
            return serialize(result, format=rdf_format, prefixes=PREFIXES)
        results_format = _RESULTS_FORMATS.get(name)
        if results_format is None:
            raise _format_error(fmt, "SELECT and ASK results", _RESULTS_FORMATS)
        return result.serialize(format=results_format)
    except OSError as error:
        raise QueryError(f"the query failed while running: {error}") from None


def result_rows(
    result: QuerySolutions | QueryBoolean | QueryTriples,
) -> tuple[list[str], list[dict[str, str]]]:
    """Column names and rows of text for a table; IRIs are shortened to ``prefix:local``.

    An ASK result is one ``result`` column; a graph is ``subject``, ``predicate``,
    ``object``. Unbound values are empty strings.
    """
    try:
        if isinstance(result, QueryBoolean):
            return ["result"], [{"result": "true" if result else "false"}]
        if isinstance(result, QueryTriples):
            columns = ["subject", "predicate", "object"]
            return columns, [
                {
                    "subject": _cell(t.subject),
                    "predicate": _cell(t.predicate),
                    "object": _cell(t.object),
                }
                for t in result
            ]
        columns = [variable.value for variable in result.variables]
        return columns, [{name: _cell(solution[name]) for name in columns} for solution in result]
    except OSError as error:
        raise QueryError(f"the query failed while running: {error}") from None


def _format_error(fmt: str, what: str, formats: Mapping[str, object]) -> UsageError:
    return UsageError(f"format {fmt!r} cannot hold {what}; use one of: {', '.join(formats)}.")


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        return compact(term.value)
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)
