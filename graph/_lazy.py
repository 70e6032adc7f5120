"""Lazy re-exports for the sub-packages' ``__init__`` modules.

Each sub-package re-exports its public API, but importing ``actorgraph.analysis`` must not
import networkx just because ``actorgraph.analysis.timeline`` was wanted: a simple command
starts in a fraction of a second only if it imports what it uses. So a package lists its
exports (name -> module) and :func:`lazy_exports` gives it a module ``__getattr__`` (PEP 562)
that imports the defining module on first use.

>>> getattr_, dir_ = lazy_exports("json", {"JSONEncoder": "encoder"})
>>> getattr_("JSONEncoder")().encode({"a": 1})
'{"a": 1}'
>>> dir_()
['JSONEncoder']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A ``__getattr__`` and a ``__dir__`` for ``package`` that import ``exports`` on demand.

    ``exports`` maps each public name to the module of ``package`` that defines it.
    """

    def __getattr__(name: str) -> Any:
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        return getattr(import_module(f"{package}.{module}"), name)

    def __dir__() -> list[str]:
        return sorted(exports)

    return __getattr__, __dir__
