"""IRIs of actorgraph's vocabulary, its resources and its named graphs.

>>> ACTOR + "iran"
'https://w3id.org/actorgraph/actor/iran'
>>> local_id("https://w3id.org/actorgraph/actor/iran")
'iran'
>>> compact("https://w3id.org/actorgraph/statement/aleppo-018")
'stmt:aleppo-018'
"""

from __future__ import annotations

__all__ = [
    "BASE",
    "AG",
    "ACTOR",
    "STATEMENT",
    "SOURCE",
    "DOCUMENT",
    "PLACE",
    "EVENT",
    "GRAPH_ONTOLOGY",
    "GRAPH_CURATED",
    "GRAPH_DERIVED",
    "GRAPH_INFERRED",
    "GRAPH_SOURCES",
    "STORE_COUNTS",
    "SOURCE_GRAPH",
    "RDF",
    "RDFS",
    "XSD",
    "PREFIXES",
    "local_id",
    "compact",
]

BASE = "https://w3id.org/actorgraph/"
AG = BASE + "ns#"  # ontology: classes and properties
ACTOR = BASE + "actor/"
STATEMENT = BASE + "statement/"
SOURCE = BASE + "source/"  # unnamed sources a statement is attributed to
DOCUMENT = BASE + "document/"
PLACE = BASE + "place/"
EVENT = BASE + "event/"  # multi-party events that group pairwise statements

GRAPH_ONTOLOGY = BASE + "graph/ontology"
GRAPH_CURATED = BASE + "graph/curated"
GRAPH_DERIVED = BASE + "graph/derived"
GRAPH_INFERRED = BASE + "graph/inferred"
GRAPH_SOURCES = BASE + "graph/sources"  # the record of what an on-disk store has loaded
STORE_COUNTS = GRAPH_SOURCES + "/counts"  # the counts `stats` keeps there (not a source)
SOURCE_GRAPH = BASE + "graph/source/"  # one named graph per loaded source, under this prefix

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "ag": AG,
    "actor": ACTOR,
    "stmt": STATEMENT,
    "source": SOURCE,
    "doc": DOCUMENT,
    "place": PLACE,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
}


def local_id(iri: str) -> str:
    """The readable id at the end of an IRI: after the last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[cut + 1 :]


def compact(iri: str) -> str:
    """``prefix:local`` for an IRI in one of :data:`PREFIXES`, else ``<iri>``."""
    matches = [(len(ns), name) for name, ns in PREFIXES.items() if iri.startswith(ns)]
    if not matches:
        return f"<{iri}>"
    length, name = max(matches)
    return f"{name}:{iri[length:]}"
