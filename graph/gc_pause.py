"""Pausing Python's cyclic garbage collector around work that makes many small objects.

Passes that build hundreds of thousands of acyclic objects (statement rows, the facts of
the derived layer) would otherwise trigger repeated full collections, each walking every
object made so far: a third or more of their time. Pausing frees nothing that the pass
would free (acyclic objects go by reference counting); the collector runs again after.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
