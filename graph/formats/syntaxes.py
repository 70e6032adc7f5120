"""Every RDF and SPARQL results syntax actorgraph reads or writes, in one table.

Each syntax has its name on the command line, its file extensions and media types (the
preferred first) and its pyoxigraph format. The loader, ``export``, ``query``, ``infer``,
``synth`` and the endpoint's content negotiation all select from these tables, so that a
name, an extension and a media type mean the same everywhere.

RDF/XML is written but never read: its parser expands DTD entities (656 bytes can become a
10 MB literal), so it is not :attr:`RdfSyntax.readable`.

>>> rdf_syntax("turtle").extensions
('.ttl',)
>>> [s.name for s in RDF_SYNTAXES if s.readable]
['ttl', 'trig', 'nt', 'nq', 'jsonld']
>>> sorted(by_extension(s for s in RDF_SYNTAXES if s.dataset))
['.json', '.jsonld', '.nq', '.trig']
>>> [media for media, _ in media_offers([result_syntax("json")])]
['application/sparql-results+json', 'application/json']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pyoxigraph import QueryResultsFormat, RdfFormat

__all__ = [
    "RdfSyntax",
    "ResultSyntax",
    "RDF_SYNTAXES",
    "RESULT_SYNTAXES",
    "rdf_syntax",
    "result_syntax",
    "by_extension",
    "by_name",
    "media_offers",
]


@dataclass(frozen=True)
class RdfSyntax:
    """An RDF syntax. ``dataset``: it holds named graphs; ``readable``: accepted as input."""

    name: str
    format: RdfFormat
    extensions: tuple[str, ...]
    media_types: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    dataset: bool = False
    readable: bool = True


@dataclass(frozen=True)
class ResultSyntax:
    """A W3C SPARQL results syntax (SELECT and ASK)."""

    name: str
    format: QueryResultsFormat
    extensions: tuple[str, ...]
    media_types: tuple[str, ...]
    aliases: tuple[str, ...] = ()


RDF_SYNTAXES: tuple[RdfSyntax, ...] = (
    RdfSyntax(
        "ttl", RdfFormat.TURTLE, (".ttl",), ("text/turtle", "application/x-turtle"), ("turtle",)
    ),
    RdfSyntax("trig", RdfFormat.TRIG, (".trig",), ("application/trig",), dataset=True),
    RdfSyntax("nt", RdfFormat.N_TRIPLES, (".nt",), ("application/n-triples", "text/plain")),
    RdfSyntax("nq", RdfFormat.N_QUADS, (".nq",), ("application/n-quads",), dataset=True),
    RdfSyntax(
        "jsonld",
        RdfFormat.JSON_LD,
        (".jsonld", ".json"),
        ("application/ld+json", "application/json"),
        ("json",),
        dataset=True,
    ),
    RdfSyntax(
        "xml",
        RdfFormat.RDF_XML,
        (".rdf",),
        ("application/rdf+xml", "application/xml", "text/xml"),
        readable=False,
    ),
)

RESULT_SYNTAXES: tuple[ResultSyntax, ...] = (
    ResultSyntax(
        "json",
        QueryResultsFormat.JSON,
        (".srj",),
        ("application/sparql-results+json", "application/json"),
    ),
    ResultSyntax(
        "xml",
        QueryResultsFormat.XML,
        (".srx",),
        ("application/sparql-results+xml", "application/xml", "text/xml"),
    ),
    ResultSyntax("csv", QueryResultsFormat.CSV, (".csv",), ("text/csv",)),
    ResultSyntax("tsv", QueryResultsFormat.TSV, (".tsv",), ("text/tab-separated-values",)),
)


def by_name(syntaxes: Iterable[Any]) -> dict[str, Any]:
    """Name and aliases -> pyoxigraph format, for ``syntaxes``."""
    return {name: syntax.format for syntax in syntaxes for name in (syntax.name, *syntax.aliases)}


def by_extension(syntaxes: Iterable[Any]) -> dict[str, Any]:
    """File extension (with its dot, lower case) -> pyoxigraph format, for ``syntaxes``."""
    return {extension: syntax.format for syntax in syntaxes for extension in syntax.extensions}


def media_offers(syntaxes: Iterable[Any]) -> tuple[tuple[str, Any], ...]:
    """(media type, pyoxigraph format) for ``syntaxes``, in their order of preference."""
    return tuple((media, syntax.format) for syntax in syntaxes for media in syntax.media_types)


def rdf_syntax(name: str) -> RdfSyntax:
    """The RDF syntax called ``name`` (or one of its aliases)."""
    return _named(RDF_SYNTAXES, name)


def result_syntax(name: str) -> ResultSyntax:
    """The SPARQL results syntax called ``name``."""
    return _named(RESULT_SYNTAXES, name)


def _named(syntaxes: Iterable[Any], name: str) -> Any:
    for syntax in syntaxes:
        if name in (syntax.name, *syntax.aliases):
            return syntax
    raise KeyError(name)
