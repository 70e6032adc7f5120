"""Every module's docstring examples run: one test per module of the ``actorgraph`` package.

The examples are documentation first; running them all keeps them true. A module whose
examples need something absent (a browser, a server) has none: those live in tests.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import actorgraph
import pytest

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(actorgraph.__path__, prefix="actorgraph.")
    if not info.name.endswith("__main__")
)


def test_every_subpackage_is_walked() -> None:
    assert {
        "actorgraph.store.base",
        "actorgraph.ingest.pipeline",
        "actorgraph.commands.app",
    } <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_module_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
