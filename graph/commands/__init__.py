"""The CLI: one typer app (:mod:`.app`) over command modules, one per concern.

Each command only parses its options, calls one library function and renders the result
(:mod:`.render`); the options several commands share are defined once (:mod:`.options`,
:func:`.common.reads_graph`). ``main`` is the ``actorgraph`` console script.
"""

from .._lazy import lazy_exports

_EXPORTS = {"main": "app"}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
