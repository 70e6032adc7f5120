"""The graph as a network (a node per actor and place, an edge per statement) and GraphML.

GraphML and GEXF (see :mod:`actorgraph.formats.gexf`) are read by Gephi, yEd, Cytoscape,
networkx and igraph. Both are built from one :class:`Network`, so they carry the same nodes,
edges and attributes.

Ids: GraphML's schema types node and edge ids as ``xs:NMTOKEN`` (letters, digits and
``. - _ :`` only). A node id is the compact IRI (``actor:iran``), which fits; a roll-up's
statement id (``aleppo-078/rollup/united-states/turkey``) does not, so :func:`xml_id` writes
each other character as ``.`` (``aleppo-078.rollup.united-states.turkey``). The exact
statement id is always in the edge's ``statement`` attribute.

>>> xml_id("aleppo-078/rollup/united-states/turkey")
'aleppo-078.rollup.united-states.turkey'
>>> xml_id("actor:iran")
'actor:iran'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from ..namespaces import compact
from ..query.actors import find_actors
from ..query.relations import RelationRow, all_statements
from ..resources import query_text

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "Network",
    "NODE_ATTRIBUTES",
    "EDGE_ATTRIBUTES",
    "build_network",
    "write_graphml",
    "xml_id",
]

#: Node attributes and their types, in the order they are declared.
NODE_ATTRIBUTES = {"label": "string", "label_ar": "string", "type": "string"}
#: Edge attributes and their types; ``derived`` is the only boolean.
EDGE_ATTRIBUTES = {
    "statement": "string",
    "relation": "string",
    "family": "string",
    "stance": "string",
    "date": "string",
    "derived": "boolean",
    "sources": "string",
}

_NOT_NMTOKEN = re.compile(r"[^A-Za-z0-9._:-]")


def xml_id(text: str) -> str:
    """``text`` as an ``xs:NMTOKEN``: every character outside ``A-Za-z0-9._:-`` becomes ``.``."""
    return _NOT_NMTOKEN.sub(".", text) or "."


@dataclass
class Network:
    """Nodes and edges with string (or boolean) attributes, ids already valid XML tokens.

    ``nodes`` maps a node id to its attributes; ``edges`` is a list of
    ``(edge id, source id, target id, attributes)`` in statement order.
    """

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, str, dict[str, str | bool]]] = field(default_factory=list)


def build_network(gs: GraphStore) -> Network:
    """A node per actor and place, an edge per statement (curated and derived)."""
    network = Network()
    for actor in find_actors(gs):
        network.nodes[xml_id(compact(actor.iri))] = {
            "label": actor.label,
            "label_ar": actor.label_ar or "",
            "type": actor.type,
        }
    for place in gs.select(query_text("places.rq")):
        node = xml_id(compact(place["place"].value))
        network.nodes[node] = {
            "label": place["label"].value if "label" in place else node,
            "label_ar": place["label_ar"].value if "label_ar" in place else "",
            "type": "Place",
        }
    taken: set[str] = set()
    for row in all_statements(gs):
        start, end = xml_id(compact(row.subject_iri)), xml_id(compact(row.object_iri))
        for node, label in ((start, row.subject_label), (end, row.object_label)):
            network.nodes.setdefault(node, {"label": label, "label_ar": "", "type": ""})
        network.edges.append((_unique(xml_id(row.statement), taken), start, end, _edge(row)))
    return network


def _unique(token: str, taken: set[str]) -> str:
    """``token``, or ``token.2``, ``token.3`` ... if two statement ids map to one token."""
    candidate, n = token, 1
    while candidate in taken:
        n += 1
        candidate = f"{token}.{n}"
    taken.add(candidate)
    return candidate


def _edge(row: RelationRow) -> dict[str, str | bool]:
    return {
        "statement": row.statement,
        "relation": row.relation,
        "family": row.family,
        "stance": row.stance.value,
        "date": row.date or "",
        "derived": row.derived,
        "sources": "; ".join(str(source) for source in row.sources),
    }


def write_graphml(network: Network, out: BinaryIO) -> None:
    """Write ``network`` as GraphML 1.0 (by networkx), valid against the GraphML XSD."""
    import networkx

    graph = networkx.MultiDiGraph()
    for node, attributes in network.nodes.items():
        graph.add_node(node, **attributes)
    for key, start, end, attributes in network.edges:
        graph.add_edge(start, end, key=key, **attributes)
    networkx.write_graphml(graph, out)
