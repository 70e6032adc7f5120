"""Whole-graph export formats and the one table of RDF and SPARQL results syntaxes.

- :mod:`~actorgraph.formats.syntaxes`: Every RDF and SPARQL results syntax actorgraph reads
  or writes, in one table.
- :mod:`~actorgraph.formats.export`: Whole-graph export: RDF for other triple stores,
  GraphML/GEXF for network tools, CSV.
- :mod:`~actorgraph.formats.network`: The graph as a network (a node per actor and place, an
  edge per statement) and GraphML.
- :mod:`~actorgraph.formats.gexf`: GEXF 1.3, the format Gephi reads natively, written from a
  :class:`~.network.Network`.
- :mod:`~actorgraph.formats.jsonld`: Compact JSON-LD: short keys (``subject``, ``relation``,
  ``stance``), each node once per graph.

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "ExportFormat": "export",
    "export_directory": "export",
    "csv_rows": "export",
    "GEXF_NAMESPACE": "gexf",
    "write_gexf": "gexf",
    "jsonld_document": "jsonld",
    "write_jsonld": "jsonld",
    "Network": "network",
    "NODE_ATTRIBUTES": "network",
    "EDGE_ATTRIBUTES": "network",
    "build_network": "network",
    "write_graphml": "network",
    "xml_id": "network",
    "RdfSyntax": "syntaxes",
    "ResultSyntax": "syntaxes",
    "RDF_SYNTAXES": "syntaxes",
    "RESULT_SYNTAXES": "syntaxes",
    "rdf_syntax": "syntaxes",
    "result_syntax": "syntaxes",
    "by_extension": "syntaxes",
    "by_name": "syntaxes",
    "media_offers": "syntaxes",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
