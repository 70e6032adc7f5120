"""HTTP answers of the endpoint: content negotiation, result bodies, error bodies.

Only pyoxigraph writes results. A capped SELECT result is handed back to pyoxigraph
through TSV built from the terms' own N-Triples forms, then written in the format asked;
a cut answer says so by the header ``X-Actorgraph-Truncated: true`` and, in SPARQL JSON,
by a top-level member ``"actorgraph": {"truncated": true, "max_rows": N}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from itertools import islice
from typing import TypeVar

from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

from ..errors import QueryError
from ..formats.syntaxes import RESULT_SYNTAXES, media_offers, rdf_syntax
from ..namespaces import PREFIXES

__all__ = [
    "Reply",
    "Refusal",
    "negotiate",
    "result_reply",
    "graph_reply",
    "error",
    "not_acceptable",
    "phrase",
    "RESULTS_OFFERS",
    "GRAPH_OFFERS",
    "DESCRIPTION_OFFERS",
]

F = TypeVar("F")
Offer = tuple[str, F]

#: What a SELECT or ASK result can be sent as: (media type asked for, format), preferred first.
RESULTS_OFFERS: tuple[Offer[QueryResultsFormat], ...] = media_offers(RESULT_SYNTAXES)
#: What a graph (CONSTRUCT, DESCRIBE, Graph Store GET) can be sent as, preferred first.
GRAPH_OFFERS: tuple[Offer[RdfFormat], ...] = media_offers(
    map(rdf_syntax, ("ttl", "nt", "jsonld", "xml"))
)
DESCRIPTION_OFFERS: tuple[Offer[RdfFormat | None], ...] = (
    *GRAPH_OFFERS,
    ("text/html", None),  # a browser: send it to the query page
)
_ERROR_OFFERS = (
    ("text/plain", False),
    ("application/json", True),
    ("application/sparql-results+json", True),
)


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


class Refusal(Exception):
    """Stops handling a request with ``reply`` (an error answer)."""

    def __init__(self, reply: Reply):
        super().__init__(reply.status)
        self.reply = reply


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


def result_reply(
    result: QuerySolutions | QueryBoolean | QueryTriples, accept: str | None, max_rows: int
) -> Reply:
    """A query result in the format the client prefers, cut at ``max_rows``."""
    if isinstance(result, QueryTriples):
        return graph_reply(result, accept, max_rows)
    chosen = negotiate(accept, RESULTS_OFFERS)
    if chosen is None:
        raise Refusal(not_acceptable(accept, RESULTS_OFFERS, "SELECT and ASK results"))
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


def graph_reply(triples: Iterator[Triple], accept: str | None, max_rows: int) -> Reply:
    """Triples in the RDF format the client prefers, cut at ``max_rows``."""
    chosen = negotiate(accept, GRAPH_OFFERS)
    if chosen is None:
        raise Refusal(not_acceptable(accept, GRAPH_OFFERS, "a graph"))
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


def error(
    status: int, message: str, accept: str | None, headers: tuple[tuple[str, str], ...] = ()
) -> Reply:
    """An error answer: JSON if the client prefers it, else plain text."""
    chosen = negotiate(accept, _ERROR_OFFERS)
    if chosen is not None and chosen[1]:
        body = json.dumps(
            {"status": status, "error": phrase(status), "message": message},
            ensure_ascii=False,
        )
        return Reply(status, "application/json", body.encode(), headers)
    return Reply(status, "text/plain; charset=utf-8", f"{message}\n".encode(), headers)


def phrase(status: int) -> str:
    """The standard reason phrase of an HTTP status, e.g. 'Not Found'."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def not_acceptable(accept: str | None, offers: Sequence[Offer], what: str) -> Reply:
    types = ", ".join(dict.fromkeys(media for media, _ in offers))
    return error(406, f"cannot send {what} as {accept}; ask for one of: {types}", accept)
