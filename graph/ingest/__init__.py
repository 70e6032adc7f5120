"""From files to a graph: reading, the derived layer, the load pipeline, synthetic data.

- :mod:`~actorgraph.ingest.read`: parse RDF files with ``file:line:col`` errors.
- :mod:`~actorgraph.ingest.derive`: the derived layer (direct triples, roll-ups).
- :mod:`~actorgraph.ingest.incremental`: the derived layer after a small write, without a
  rebuild: :func:`update_derived`.
- :mod:`~actorgraph.ingest.pipeline`: read, validate, derive, write: :func:`open_graph`,
  :func:`load_store`, :func:`replace_store`.
- :mod:`~actorgraph.ingest.sources`: additive loads into an on-disk store, a source per
  file: :func:`load_sources`, :func:`list_sources`.
- :mod:`~actorgraph.ingest.synth`: synthetic statements shaped like the seeds.

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "MAX_DEPTH": "derive",
    "CHUNK_LINES": "derive",
    "derive_facts": "derive",
    "derived_triples": "derive",
    "load_derived": "derive",
    "BUILT_GRAPHS": "exports",
    "Export": "exports",
    "is_flat_export": "exports",
    "settle_exports": "exports",
    "MAX_CHANGED": "incremental",
    "MAX_AFFECTED": "incremental",
    "update_derived": "incremental",
    "LoadReport": "pipeline",
    "open_graph": "pipeline",
    "load_store": "pipeline",
    "replace_store": "pipeline",
    "STREAM_THRESHOLD": "pipeline",
    "EXTENSIONS": "read",
    "collect_files": "read",
    "rdf_format": "read",
    "read_quads": "read",
    "parse_data": "read",
    "relation_properties": "read",
    "refuse_direct_triples": "read",
    "read_ontology": "read",
    "read_data_files": "read",
    "Inputs": "read",
    "read_inputs": "read",
    "bulk_load_files": "read",
    "refuse_loaded_direct_triples": "read",
    "stream_quads": "read",
    "MAX_JSON_DEPTH": "read",
    "json_depth": "read",
    "refuse_deep_json": "read",
    "LONG_LINE": "read",
    "Facts": "rules",
    "SEEDS": "sources",
    "STDIN": "sources",
    "Source": "sources",
    "DataInput": "sources",
    "SourceRecord": "sources",
    "SourcesReport": "sources",
    "source_graph": "sources",
    "data_inputs": "sources",
    "load_sources": "sources",
    "list_sources": "sources",
    "records_of": "sources",
    "FORMATS": "synth",
    "SynthReport": "synth",
    "format_for": "synth",
    "Loaded": "targets",
    "load_in_memory": "targets",
    "load_into_endpoint": "targets",
    "list_endpoint_sources": "targets",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
