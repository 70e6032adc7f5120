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

from __future__ import annotations

from importlib import import_module

__all__ = [
    "Check",
    "Constraint",
    "Findings",
    "check_files",
    "check_quads",
    "check_store",
    "compile_shapes",
    "validate_files",
    "validate_quads",
    "validate_store",
]

_HOMES = {
    "Check": ".sparql_builder",
    "Constraint": ".sparql_builder",
    "Findings": ".report",
    "check_files": ".validate",
    "check_quads": ".validate",
    "check_store": ".shacl_sparql",
    "compile_shapes": ".compile",
    "validate_files": ".validate",
    "validate_quads": ".validate",
    "validate_store": ".shacl_sparql",
}


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
