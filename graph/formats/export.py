"""Whole-graph export: RDF for other triple stores, GraphML/GEXF for network tools, CSV.

- ``trig``, ``nq`` and ``jsonld`` keep the named graphs (ontology, curated, derived,
  inferred); ``ttl`` and ``nt`` hold one graph, so they get the union of all graphs. All
  are written by pyoxigraph.
- ``graphml`` and ``gexf`` (for Gephi, yEd, Cytoscape ...) are a network with a node per
  actor and place and an edge per statement, curated and derived. Their attributes are
  strings (or a boolean for ``derived``), since those formats cannot hold lists or nulls.
- ``csv`` is one row per statement with the fields of
  :meth:`actorgraph.query.relations.RelationRow.to_dict`, written by
  :func:`actorgraph.commands.render.render`, so
  every cell passes the same formula-injection guard (:func:`actorgraph.commands.render.csv_safe`)
  as
  any other CSV.

The output is built in memory and written to ``out`` in one piece, so a failure leaves
nothing half-written.
"""

from __future__ import annotations

import io
from enum import StrEnum
from typing import TYPE_CHECKING, BinaryIO

from pyoxigraph import RdfFormat, Triple, serialize

from ..commands.render import OutputFormat, render
from ..namespaces import PREFIXES, compact
from ..query.actors import find_actors
from ..query.relations import RelationRow, all_statements
from ..resources import query_text

if TYPE_CHECKING:
    import networkx

    from ..store.base import GraphStore

__all__ = ["ExportFormat", "export"]


class ExportFormat(StrEnum):
    """The formats :func:`export` writes."""

    ttl = "ttl"
    trig = "trig"
    nt = "nt"
    nq = "nq"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


_QUAD_FORMATS = {
    ExportFormat.trig: RdfFormat.TRIG,
    ExportFormat.nq: RdfFormat.N_QUADS,
    ExportFormat.jsonld: RdfFormat.JSON_LD,
}
_TRIPLE_FORMATS = {ExportFormat.ttl: RdfFormat.TURTLE, ExportFormat.nt: RdfFormat.N_TRIPLES}


def export(gs: GraphStore, fmt: ExportFormat | str, out: BinaryIO) -> None:
    """Write the whole graph to ``out`` (a binary stream) as ``fmt``."""
    fmt = ExportFormat(fmt)
    buffer = io.BytesIO()
    if fmt in _QUAD_FORMATS:
        serialize(gs.quads(), buffer, _QUAD_FORMATS[fmt], prefixes=_prefixes(fmt))
    elif fmt in _TRIPLE_FORMATS:
        serialize(_union(gs), buffer, _TRIPLE_FORMATS[fmt], prefixes=_prefixes(fmt))
    elif fmt is ExportFormat.csv:
        rows = [row.to_dict() for row in all_statements(gs)]
        buffer.write((render(rows, OutputFormat.csv) + "\n").encode("utf-8"))
    else:
        import networkx

        write = networkx.write_graphml if fmt is ExportFormat.graphml else networkx.write_gexf
        write(_network(gs), buffer)
    out.write(buffer.getvalue())


def _prefixes(fmt: ExportFormat) -> dict[str, str] | None:
    """actorgraph's prefixes, for the formats that can declare them."""
    return PREFIXES if fmt in (ExportFormat.ttl, ExportFormat.trig) else None


def _union(gs: GraphStore) -> list[Triple]:
    """Every triple of every graph, once, in a stable order."""
    triples = {Triple(q.subject, q.predicate, q.object) for q in gs.quads()}
    return sorted(triples, key=str)


def _network(gs: GraphStore) -> networkx.MultiDiGraph:
    """A node per actor and place, an edge per statement (keyed by statement id)."""
    import networkx

    graph = networkx.MultiDiGraph()
    for actor in find_actors(gs):
        graph.add_node(
            compact(actor.iri), label=actor.label, label_ar=actor.label_ar or "", type=actor.type
        )
    for place in gs.select(query_text("places.rq")):
        label = place["label"].value if "label" in place else compact(place["place"].value)
        label_ar = place["label_ar"].value if "label_ar" in place else ""
        graph.add_node(compact(place["place"].value), label=label, label_ar=label_ar, type="Place")
    for row in all_statements(gs):
        start, end = compact(row.subject_iri), compact(row.object_iri)
        for node, label in ((start, row.subject_label), (end, row.object_label)):
            if node not in graph:
                graph.add_node(node, label=label, label_ar="", type="")
        graph.add_edge(start, end, key=row.statement, **_edge_attributes(row))
    return graph


def _edge_attributes(row: RelationRow) -> dict[str, str | bool]:
    return {
        "statement": row.statement,
        "relation": row.relation,
        "family": row.family,
        "stance": row.stance.value,
        "date": row.date or "",
        "derived": row.derived,
        "sources": "; ".join(str(source) for source in row.sources),
    }
