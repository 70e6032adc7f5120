"""Where a load goes besides an on-disk store: memory (a check) or a SPARQL server.

:func:`actorgraph.ingest.pipeline.load_store` builds an on-disk store. The two functions
here build the graph in memory from the seeds and ``data``, validating everything as a
store load does: :func:`load_in_memory` keeps it there (``actorgraph load`` with no
target: a check that saves nothing). :func:`load_into_endpoint` adds data files to the
graph a SPARQL 1.1 server holds, as sources of their own as in an on-disk store (built in
a temporary one, then sent in one update request); :func:`list_endpoint_sources` lists them.

>>> loaded = load_in_memory([])
>>> loaded.statements == loaded.summary["statements"] > 0
True
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Record

if TYPE_CHECKING:
    from .sources import DataInput, SourceRecord, SourcesReport

__all__ = ["Loaded", "load_in_memory", "load_into_endpoint", "list_endpoint_sources"]


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
    inputs: Sequence[DataInput],
    on_bytes: Callable[[int, int | None], None] | None = None,
    *,
    replace: bool = False,
    seeds: bool = True,
    progress: Callable[[str], None] | None = None,
) -> SourcesReport:
    """Add (or reload) the ``inputs`` as sources of the graph on the SPARQL server at
    ``endpoint`` (updates to ``update_endpoint``, default the same URL), as
    :func:`~actorgraph.ingest.sources.load_sources` does for an on-disk store.

    The graph the server holds from earlier loads (if a load recorded it) is copied into
    a temporary on-disk store, the inputs are loaded there (each a source of its own,
    validated, derived; inferred triples rebuilt), and the result replaces actorgraph's
    graphs on the server in one update request. With ``replace``, or on a server no load
    has written to, the graph starts over (with the seeds unless ``seeds`` is false).
    ``on_bytes(done, total)`` follows the reading, then the sending.
    """
    from dataclasses import replace as changed

    from ..store.generations import open_read_only
    from ..store.remote import RemoteGraphStore
    from .pipeline import replace_store
    from .sources import load_sources

    started = time.perf_counter()
    say = progress or (lambda _message: None)
    remote = RemoteGraphStore(endpoint, update_endpoint)
    with tempfile.TemporaryDirectory(prefix="actorgraph-endpoint-") as temporary:
        directory = Path(temporary) / "store"
        if not replace and remote.loaded_graphs():
            say("reading what the endpoint holds")
            replace_store(directory, remote.quads())
        report = load_sources(
            directory,
            inputs,
            seeds=seeds,
            progress=progress,
            on_bytes=on_bytes,
        )
        say("sending")
        store = open_read_only(directory)
        remote.replace(iter(store), progress=on_bytes)
        del store
    return changed(report, seconds=time.perf_counter() - started)


def list_endpoint_sources(endpoint: str) -> list[SourceRecord]:
    """The sources loaded into the graph on the SPARQL server at ``endpoint``, as
    :func:`~actorgraph.ingest.sources.list_sources` lists those of an on-disk store (an
    empty list if no load recorded any)."""
    from pyoxigraph import NamedNode, Quad, Store

    from ..namespaces import GRAPH_SOURCES
    from ..resources import query_text
    from ..store.remote import RemoteGraphStore
    from .sources import records_of

    remote = RemoteGraphStore(endpoint)
    store = Store()
    graph = NamedNode(GRAPH_SOURCES)
    rows = remote.select(query_text("loaded-sources.rq"), {"g": graph})
    store.extend(Quad(row["s"], row["p"], row["o"], graph) for row in rows)
    return records_of(store)
