"""The SPARQL 1.1 Service Description that ``GET /sparql`` answers without a query."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ..namespaces import RDF, RDFS
from .config import ServerConfig

__all__ = ["service_description", "SD", "FORMATS"]

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
_RDF_TYPE = NamedNode(RDF + "type")
_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(
    endpoint: str, config: ServerConfig, graphs: Iterable[str] = ()
) -> list[Triple]:
    """The endpoint's description: languages, formats, limits, and the store's graphs.

    The default graph is the union of the named graphs (``sd:UnionDefaultGraph``); each
    graph of the store is listed as an ``sd:namedGraph`` of ``sd:defaultDataset``.
    """
    service = BlankNode()
    languages = ["SPARQL11Query"] + (["SPARQL11Update"] if config.allow_update else [])
    limits = (
        f"actorgraph: {'accepts updates with a token' if config.allow_update else 'read-only'}; "
        "SERVICE and LOAD are refused, and FROM may only name the store's graphs; a request "
        f"is answered or stopped within {config.timeout:g} s of its arrival; answers hold at "
        f"most {config.max_rows} rows."
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
    triples += [
        Triple(service, _sd("resultFormat"), NamedNode(FORMATS + name)) for name in _RESULT_FORMATS
    ]
    dataset, default = BlankNode(), BlankNode()
    triples += [
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, _RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default),
        Triple(default, _RDF_TYPE, _sd("Graph")),
    ]
    for name in graphs:
        named, graph = BlankNode(), BlankNode()
        triples += [
            Triple(dataset, _sd("namedGraph"), named),
            Triple(named, _RDF_TYPE, _sd("NamedGraph")),
            Triple(named, _sd("name"), NamedNode(name)),
            Triple(named, _sd("graph"), graph),
            Triple(graph, _RDF_TYPE, _sd("Graph")),
        ]
    return triples


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)
