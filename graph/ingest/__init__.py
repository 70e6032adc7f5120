"""From files to a graph: reading, the derived layer, the load pipeline, synthetic data.

- :mod:`~actorgraph.ingest.read`: parse RDF files with ``file:line:col`` errors.
- :mod:`~actorgraph.ingest.derive`: the derived layer (direct triples, roll-ups).
- :mod:`~actorgraph.ingest.pipeline`: read, validate, derive, write: :func:`open_graph`,
  :func:`load_store`, :func:`replace_store`.
- :mod:`~actorgraph.ingest.synth`: synthetic statements shaped like the seeds.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "collect_files": "read",
    "read_quads": "read",
    "rdf_format": "read",
    "derive": "derive",
    "LoadReport": "pipeline",
    "open_graph": "pipeline",
    "load_store": "pipeline",
    "replace_store": "pipeline",
    "STREAM_THRESHOLD": "pipeline",
    "synth": "synth",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
