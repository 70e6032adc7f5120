"""Where a load goes besides an on-disk store: memory (a check) or a SPARQL server.

:func:`actorgraph.ingest.pipeline.load_store` builds an on-disk store. The two functions
here build the graph in memory from the seeds and ``data``, validating everything as a
store load does: :func:`load_in_memory` keeps it there (``actorgraph load`` with no
target: a check that saves nothing), and :func:`load_into_endpoint` then sends it to a
SPARQL 1.1 server, replacing actorgraph's graphs there in one update request.

>>> loaded = load_in_memory([])
>>> loaded.statements == loaded.summary["statements"] > 0
True
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Record

__all__ = ["Loaded", "load_in_memory", "load_into_endpoint"]


@dataclass(frozen=True)
class Loaded(Record):
    """What a load into memory or into a server held: quads, curated statements, actors,
    the time it took, and the graph's counts (:func:`actorgraph.query.stats.stats`)."""

    quads: int
    statements: int
    actors: int
    seconds: float
    summary: dict[str, Any] = field(default_factory=dict)


def load_in_memory(data: Sequence[Path], *, seeds: bool = True) -> Loaded:
    """Build and validate the graph of the seeds (unless ``seeds`` is false) and ``data``
    in memory; nothing is saved.

    Raises what :func:`actorgraph.ingest.pipeline.open_graph` raises for bad data."""
    from ..query.stats import stats
    from .pipeline import open_graph

    started = time.perf_counter()
    gs = open_graph(None, data, seeds=seeds, check_seeds=True)
    summary = stats(gs)
    return Loaded(
        len(gs), summary["statements"], summary["actors"], time.perf_counter() - started, summary
    )


def load_into_endpoint(
    endpoint: str,
    update_endpoint: str | None,
    data: Sequence[Path],
    on_bytes: Callable[[int, int | None], None] | None = None,
    *,
    seeds: bool = True,
) -> Loaded:
    """Build and validate the graph in memory, then replace actorgraph's graphs on the
    server at ``endpoint`` (updates to ``update_endpoint``, default the same URL) with it.

    ``on_bytes(sent, total)`` is told how much of the request has been sent; the seeds
    are left out if ``seeds`` is false."""
    from ..query.stats import stats
    from ..store.remote import RemoteGraphStore
    from .pipeline import open_graph

    started = time.perf_counter()
    remote = RemoteGraphStore(endpoint, update_endpoint)
    gs = open_graph(None, data, seeds=seeds, check_seeds=True)
    summary = stats(gs)
    sent = remote.replace(gs.quads(), progress=on_bytes)
    return Loaded(
        sent, summary["statements"], summary["actors"], time.perf_counter() - started, summary
    )
