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

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "FORMULA_STARTS": "cells",
    "escape": "cells",
    "unescape": "cells",
    "looks_like_formula": "cells",
    "join": "cells",
    "split": "cells",
    "language_of": "cells",
    "DataReport": "checks",
    "check_data": "checks",
    "CellProblem": "codecs",
    "Codec": "codecs",
    "Text": "codecs",
    "Plain": "codecs",
    "Number": "codecs",
    "Boolean": "codecs",
    "DateCodec": "codecs",
    "Id": "codecs",
    "Vocabulary": "codecs",
    "Reference": "codecs",
    "Wikidata": "codecs",
    "TEXT": "codecs",
    "TEXT_EN": "codecs",
    "TEXT_AR": "codecs",
    "PLAIN": "codecs",
    "INTEGER": "codecs",
    "PRECISION": "codecs",
    "COUNT": "codecs",
    "BOOLEAN": "codecs",
    "DATE": "codecs",
    "single_value": "codecs",
    "Citation": "corpus",
    "corpus_dir": "corpus",
    "line_ranges": "corpus",
    "citations": "corpus",
    "check_citations": "corpus",
    "Resolver": "resolve",
    "nearest": "resolve",
    "Row": "rows",
    "checked_rows": "rows",
    "Column": "schema",
    "Sheet": "schema",
    "SHEETS": "schema",
    "SHEET": "schema",
    "SOURCE_COLUMNS": "schema",
    "TYPE": "schema",
    "SOURCE_LINK": "schema",
    "read_sheet_quads": "sheets",
    "sheet_quads": "sheets",
    "statement_quads": "statements",
    "REQUIRED_VALUES": "statements",
    "Table": "tables",
    "SHEET_EXTENSIONS": "tables",
    "is_sheet_path": "tables",
    "is_sheet_set": "tables",
    "sheet_kind": "tables",
    "read_tables": "tables",
    "write_delimited": "tables",
    "write_workbook": "tables",
    "Tables": "write",
    "graph_tables": "write",
    "write_sheets": "write",
    "write_xlsx": "write",
    "curated_quads": "write",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
