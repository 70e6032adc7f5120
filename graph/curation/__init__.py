"""Curation: the statement model as spreadsheets, in and out.

- :mod:`~actorgraph.curation.cells`: formula escaping, ``|``-separated values, language.
- :mod:`~actorgraph.curation.codecs`: one RDF term <-> the text of one cell.
- :mod:`~actorgraph.curation.schema`: the sheets and their columns.
- :mod:`~actorgraph.curation.tables`: CSV, TSV and ``.xlsx`` reading and writing.
- :mod:`~actorgraph.curation.resolve`: what a cell names (actors, places, vocabulary ...).
- :mod:`~actorgraph.curation.rows`: header and cell checks.
- :mod:`~actorgraph.curation.sheets`: sheets to quads, all or nothing.
- :mod:`~actorgraph.curation.statements`: statement rows to statement nodes.
- :mod:`~actorgraph.curation.write`: a graph to sheets.
- :mod:`~actorgraph.curation.corpus`: citations checked against the corpus documents.
- :mod:`~actorgraph.curation.checks`: `validate` for sheets and RDF alike.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "escape": "cells",
    "unescape": "cells",
    "SHEETS": "schema",
    "is_sheet_path": "tables",
    "is_sheet_set": "tables",
    "read_tables": "tables",
    "read_sheet_quads": "sheets",
    "graph_tables": "write",
    "write_sheets": "write",
    "write_xlsx": "write",
    "check_citations": "corpus",
    "check_data": "checks",
    "corpus_dir": "corpus",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
