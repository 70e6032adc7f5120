"""GEXF 1.3, the format Gephi reads natively, written from a :class:`~.network.Network`.

networkx writes GEXF 1.2draft with an empty ``name`` attribute that the 1.2draft schema
refuses, so actorgraph writes GEXF 1.3 itself: the ``http://gexf.net/1.3`` namespace, a
``<meta>`` with the creator and no date (the same graph gives the same bytes), attribute
declarations with readable ids (``label_ar``, ``stance`` ...), and ``count`` on ``<nodes>``
and ``<edges>``. Every edge carries its relation as its ``label``, so Gephi can show it. The
file is valid against the GEXF 1.3 XSD, and networkx and igraph read it back.
"""

from __future__ import annotations

from typing import BinaryIO
from xml.etree import ElementTree

from .. import __version__
from .network import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Network

__all__ = ["GEXF_NAMESPACE", "write_gexf"]

GEXF_NAMESPACE = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def write_gexf(network: Network, out: BinaryIO) -> None:
    """Write ``network`` to ``out`` as a GEXF 1.3 document (UTF-8)."""
    ElementTree.register_namespace("", GEXF_NAMESPACE)
    ElementTree.register_namespace("xsi", _XSI)
    root = _element(
        "gexf",
        {
            "version": "1.3",
            f"{{{_XSI}}}schemaLocation": f"{GEXF_NAMESPACE} {GEXF_NAMESPACE}/gexf.xsd",
        },
    )
    meta = _child(root, "meta")
    _child(meta, "creator").text = f"actorgraph {__version__}"
    _child(
        meta, "description"
    ).text = "Actors and places as nodes, one edge per sourced statement (roll-ups marked derived)."
    graph = _child(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_attributes = {k: v for k, v in NODE_ATTRIBUTES.items() if k != "label"}
    _declare(graph, "node", node_attributes)
    _declare(graph, "edge", EDGE_ATTRIBUTES)

    nodes = _child(graph, "nodes", {"count": str(len(network.nodes))})
    for node, attributes in network.nodes.items():
        element = _child(nodes, "node", {"id": node, "label": attributes["label"]})
        _values(element, attributes, node_attributes)

    edges = _child(graph, "edges", {"count": str(len(network.edges))})
    for key, start, end, attributes in network.edges:
        element = _child(
            edges,
            "edge",
            {"id": key, "source": start, "target": end, "label": str(attributes["relation"])},
        )
        _values(element, attributes, EDGE_ATTRIBUTES)

    ElementTree.indent(root, space="  ")
    out.write(ElementTree.tostring(root, encoding="utf-8", xml_declaration=True))
    out.write(b"\n")


def _element(tag: str, attributes: dict[str, str] | None = None) -> ElementTree.Element:
    return ElementTree.Element(f"{{{GEXF_NAMESPACE}}}{tag}", attributes or {})


def _child(
    parent: ElementTree.Element, tag: str, attributes: dict[str, str] | None = None
) -> ElementTree.Element:
    return ElementTree.SubElement(parent, f"{{{GEXF_NAMESPACE}}}{tag}", attributes or {})


def _declare(graph: ElementTree.Element, kind: str, types: dict[str, str]) -> None:
    """``<attributes class=kind>`` with one ``<attribute>`` per name; the id is the name."""
    declared = _child(graph, "attributes", {"class": kind, "mode": "static"})
    for name, type_ in types.items():
        _child(declared, "attribute", {"id": name, "title": name, "type": type_})


def _values(
    element: ElementTree.Element, attributes: dict[str, str | bool], types: dict[str, str]
) -> None:
    values = _child(element, "attvalues")
    for name in types:
        value = attributes[name]
        text = ("true" if value else "false") if isinstance(value, bool) else value
        _child(values, "attvalue", {"for": name, "value": text})
