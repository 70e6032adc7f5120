"""Whole-graph export: RDF for other triple stores, GraphML/GEXF for network tools, CSV.

- ``trig`` and ``nq`` keep the named graphs (ontology, curated, derived, inferred); ``ttl``
  and ``nt`` hold one graph, so they get the union of all graphs. All four are written by
  pyoxigraph.
- ``jsonld`` keeps the named graphs too, in compact form with a ``@context``
  (:mod:`actorgraph.formats.jsonld`): it expands to exactly the N-Quads export.
- ``graphml`` (GraphML 1.0) and ``gexf`` (GEXF 1.3), for Gephi, yEd, Cytoscape ..., are a
  network with a node per actor and place and an edge per statement, curated and derived
  (:mod:`actorgraph.formats.network`, :mod:`actorgraph.formats.gexf`). Both validate against
  their XML schemas. Their attributes are strings (or a boolean for ``derived``), since
  those formats cannot hold lists or nulls.
- ``csv`` is one row per statement with the fields of
  :meth:`actorgraph.query.relations.RelationRow.to_dict`, plus the Arabic labels of subject
  and object (``subject_label_ar``, ``object_label_ar``), written by
  :func:`actorgraph.commands.render.render`, so every cell passes the same formula-injection
  guard (:func:`actorgraph.commands.render.csv_safe`) as any other CSV.
- ``sheet`` (a directory of CSV files), ``sheet-tsv`` (the same as TSV) and ``xlsx`` (one
  workbook, a worksheet per sheet) are the curated data in the sheet format of
  :mod:`actorgraph.curation` (docs/curation.md): loaded back with ``--data``, they give the
  same graph. The graphs actorgraph builds itself (ontology, derived, inferred) are left out.

The output is built in memory and written to ``out`` in one piece, so a failure leaves
nothing half-written.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pyoxigraph import Quad, Triple, serialize

from ..commands.render import OutputFormat, render
from ..errors import UsageError
from ..namespaces import PREFIXES
from ..query.actors import find_actors
from ..query.relations import all_statements
from ..resources import query_text
from .gexf import write_gexf
from .jsonld import write_jsonld
from .network import build_network, write_graphml
from .syntaxes import by_name, rdf_syntax

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["ExportFormat", "export", "export_directory", "csv_rows"]


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
    sheet = "sheet"
    sheet_tsv = "sheet-tsv"
    xlsx = "xlsx"

    @property
    def is_directory(self) -> bool:
        """Whether this format is written as a directory of files (``-o DIR``)."""
        return self in (ExportFormat.sheet, ExportFormat.sheet_tsv)


_QUAD_FORMATS = by_name(rdf_syntax(name) for name in ("trig", "nq"))
_TRIPLE_FORMATS = by_name(rdf_syntax(name) for name in ("ttl", "nt"))


def export(gs: GraphStore, fmt: ExportFormat | str, out: BinaryIO) -> None:
    """Write the whole graph to ``out`` (a binary stream) as ``fmt``."""
    fmt = ExportFormat(fmt)
    if fmt.is_directory:
        raise UsageError(f"--format {fmt} writes a directory of files; give it with -o DIR")
    buffer = io.BytesIO()
    if fmt is ExportFormat.xlsx:
        from ..curation.write import write_xlsx

        write_xlsx(list(_exported(gs)), buffer)
    elif fmt in _QUAD_FORMATS:
        serialize(_exported(gs), buffer, _QUAD_FORMATS[fmt], prefixes=_prefixes(fmt))
    elif fmt in _TRIPLE_FORMATS:
        serialize(_union(gs), buffer, _TRIPLE_FORMATS[fmt], prefixes=_prefixes(fmt))
    elif fmt is ExportFormat.jsonld:
        write_jsonld(_exported(gs), buffer)
    elif fmt is ExportFormat.csv:
        buffer.write((render(csv_rows(gs), OutputFormat.csv, verbatim=True) + "\n").encode("utf-8"))
    elif fmt is ExportFormat.graphml:
        write_graphml(build_network(gs), buffer)
    else:
        write_gexf(build_network(gs), buffer)
    out.write(buffer.getvalue())


def export_directory(gs: GraphStore, fmt: ExportFormat | str, directory: Path) -> list[Path]:
    """Write the whole graph into ``directory`` as ``fmt`` (``sheet`` or ``sheet-tsv``);
    the files written, each written atomically."""
    from ..curation.write import write_sheets

    fmt = ExportFormat(fmt)
    if not fmt.is_directory:
        raise UsageError(f"--format {fmt} writes one file; give it with -o FILE")
    delimiter = "\t" if fmt is ExportFormat.sheet_tsv else ","
    return write_sheets(list(_exported(gs)), directory, delimiter)


def csv_rows(gs: GraphStore) -> list[dict[str, Any]]:
    """One row per statement: its ``to_dict()`` fields, each label followed by its Arabic one."""
    arabic = {actor.iri: actor.label_ar or "" for actor in find_actors(gs)}
    for place in gs.select(query_text("places.rq")):
        arabic[place["place"].value] = place["label_ar"].value if "label_ar" in place else ""
    rows = []
    for statement in all_statements(gs):
        row: dict[str, Any] = {}
        for key, value in statement.to_dict().items():
            row[key] = value
            if key in ("subject_label", "object_label"):
                iri = statement.subject_iri if key == "subject_label" else statement.object_iri
                row[f"{key}_ar"] = arabic.get(iri, "")
        rows.append(row)
    return rows


def _exported(gs: GraphStore) -> Iterator[Quad]:
    """Every quad of ``gs`` but the ``stats`` counts an on-disk store keeps for itself
    (:data:`actorgraph.namespaces.STORE_COUNTS`): a cache of the store, not data, so an export
    of a store and of the same graph in memory are the same."""
    from ..namespaces import STORE_COUNTS

    return (q for q in gs.quads() if q.subject.value != STORE_COUNTS)


def _prefixes(fmt: ExportFormat) -> dict[str, str] | None:
    """actorgraph's prefixes, for the formats that can declare them."""
    return PREFIXES if fmt in (ExportFormat.ttl, ExportFormat.trig) else None


def _union(gs: GraphStore) -> list[Triple]:
    """Every triple of every graph, once, in a stable order."""
    triples = {Triple(q.subject, q.predicate, q.object) for q in _exported(gs)}
    return sorted(triples, key=str)
