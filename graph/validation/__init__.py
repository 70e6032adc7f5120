"""SHACL validation of actorgraph data against ``ontology/shapes.ttl``.

Two validators that report the same results (tests/test_shacl_sparql.py):

- :mod:`.validate`: files and small inputs, through pyshacl (``check_files``,
  ``check_quads``; ``validate_files`` and ``validate_quads`` keep only the violations, and
  ``actorgraph.validation.validate.validate`` raises on them: the package's ``validate`` is
  that module);
- :mod:`.shacl_sparql`: a store of any size, the shapes compiled to SPARQL by :mod:`.compile`
  (query fragments from :mod:`.sparql_builder`) and run by Oxigraph (``check_store``,
  ``validate_store``).

Both return :class:`~.report.Findings`: violations fail a load, warnings (shapes with
``sh:severity sh:Warning``) are only shown. The names are imported on first use (module
``__getattr__``), so that importing the package does not import pyoxigraph's parser or the
loader on a command's start-up path.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "compile_shapes": "compile",
    "Findings": "report",
    "order": "report",
    "Check": "shacl_sparql",
    "Constraint": "shacl_sparql",
    "check_store": "shacl_sparql",
    "validate_store": "shacl_sparql",
    "Focus": "sparql_builder",
    "PathReads": "sparql_builder",
    "Scope": "sparql_builder",
    "check_files": "validate",
    "check_quads": "validate",
    "validate_files": "validate",
    "validate_quads": "validate",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
