"""The load pipeline: files become a graph in four steps, in one place.

1. **Read** the ontology, the seeds and the user's data files (:mod:`actorgraph.ingest.read`).
2. **Validate** them against the SHACL shapes (:mod:`actorgraph.validation`).
3. **Derive** the derived layer: direct triples and roll-ups (:mod:`actorgraph.ingest.derive`).
4. **Write** the result: an in-memory store (:func:`open_graph`), or a new generation of an
   on-disk store made live atomically (:func:`load_store`, :func:`replace_store`, through
   :mod:`actorgraph.store.generations`).

A large input (:data:`STREAM_THRESHOLD` bytes or more) is not held as Python objects: it is
bulk-loaded straight into the new generation while Python reads it for the derived layer, and
validated there with the shapes compiled to SPARQL.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

from ..errors import ValidationError
from ..namespaces import GRAPH_DERIVED
from ..store.embedded import EmbeddedGraphStore
from ..store.generations import new_generation, open_read_only
from .derive import derive
from .read import (
    collect_files,
    read_data_files,
    read_inputs,
    relation_properties,
)

__all__ = ["LoadReport", "open_graph", "load_store", "replace_store", "STREAM_THRESHOLD"]

#: Data files of at least this many bytes in all are streamed by :func:`load_store`.
STREAM_THRESHOLD = 256_000

_COUNT_STATEMENTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ag:Statement }"
_COUNT_ACTORS = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/rdfs:subClassOf* ag:Actor }"


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_store` built."""

    quads: int  # in the new generation, derived ones included
    statements: int  # curated ag:Statement nodes (roll-ups not counted)
    actors: int
    seconds: float
    generation: int  # the number of the generation now live

    @classmethod
    def of(cls, built: tuple[tuple[int, int, int], int, float], **more):
        """The report of what :func:`~actorgraph.store.generations.new_generation` returned
        (the counts of :func:`_build_generation`, the generation, the seconds), with the
        ``more`` fields of a subclass."""
        (quads, statements, actors), generation, seconds = built
        return cls(quads, statements, actors, seconds=seconds, generation=generation, **more)


def open_graph(
    store: Path | None = None,
    data: Sequence[Path] = (),
    *,
    seeds: bool = True,
    check_seeds: bool = False,
) -> EmbeddedGraphStore:
    """The graph to query, with its derived layer built.

    Without ``store``: the ontology, the seeds (unless ``seeds`` is false) and ``data`` in
    memory. With ``store``: that on-disk store, read-only (``seeds`` does not apply: the
    store holds what was loaded). With both: an in-memory copy of the store plus ``data``;
    the store on disk is never changed. User ``data`` is always SHACL-validated first; the
    shipped seeds too when ``check_seeds`` is true (as ``actorgraph load`` does).
    """
    files = collect_files(data)
    if store is None:
        inputs = read_inputs(files, seeds=seeds)
        if check_seeds:
            _check(inputs.ontology | inputs.seeds | inputs.data)
        elif inputs.data:
            _check(inputs.data, inputs.seeds | inputs.ontology)
        return EmbeddedGraphStore(_memory_store(inputs.quads()))
    disk = open_read_only(store)
    if not files:
        return EmbeddedGraphStore(disk, kept_counts=True)
    derived = NamedNode(GRAPH_DERIVED)  # rebuilt below, with the extra data
    context = [q for q in disk if q.graph_name != derived]
    extra = read_data_files(files, relation_properties(context), context)
    _check(extra, {f"{store} (store)": context})
    return EmbeddedGraphStore(_memory_store([context, *extra.values()]))


def load_store(
    directory: Path,
    data: Sequence[Path] = (),
    *,
    seeds: bool = True,
    progress: Callable[[str], None] | None = None,
    stream: bool | None = None,
    on_bytes: Callable[[int, int], None] | None = None,
) -> LoadReport:
    """Replace the content of the on-disk store at ``directory`` atomically.

    The ontology, the seeds (unless ``seeds`` is false) and ``data`` are parsed and validated
    before anything is touched; a new generation is built, derived and flushed, and only
    then made live. Raises :class:`StoreInUseError` if another process is loading.

    With ``stream`` (by default: when the data files hold at least
    :data:`STREAM_THRESHOLD` bytes) the data files are bulk-loaded straight into the new
    generation and validated there with the shapes compiled to SPARQL
    (:mod:`actorgraph.validation.shacl_sparql`), so a large input is never held as Python objects; a
    violation is then reported against the data files as a whole. ``on_bytes(done, total)``
    follows the streamed reading.
    """
    from .sources import DataInput, load_sources

    return load_sources(
        directory,
        [DataInput(p) for p in data],
        replace=True,
        seeds=seeds,
        progress=progress,
        stream=stream,
        on_bytes=on_bytes,
    )


def replace_store(directory: Path, quads: Iterable[Quad]) -> LoadReport:
    """Make exactly ``quads`` the content of the on-disk store at ``directory``, atomically.

    For ``actorgraph restore``: the quads are taken as they are (the caller has checked
    them; nothing is validated), a new generation is built beside the live one (derived
    layer rebuilt) and made live under the writer lock, as :func:`load_store` does. If
    ``quads`` raises while being read, nothing changes. Raises :class:`StoreInUseError`
    if another process is writing.
    """
    build = partial(_build_generation, fill=partial(_extend, inputs=[quads]))
    return LoadReport.of(new_generation(directory, build))


def _check(
    data: Mapping[str, Sequence[Quad]], context: Mapping[str, Sequence[Quad]] | None = None
) -> None:
    """Raise ValidationError if the SHACL shapes find violations in ``data``."""
    from ..validation.validate import validate_quads

    violations = validate_quads(data, context)
    if violations:
        raise ValidationError(violations)


def _memory_store(inputs: Sequence[Sequence[Quad]]) -> Store:
    store = Store()
    for quads in inputs:
        store.extend(quads)
    derive(store)
    return store


def _is_sheet(path: Path) -> bool:
    from ..curation.tables import is_sheet_path

    return is_sheet_path(path)


def _extend(store: Store, inputs: Iterable[Iterable[Quad]]) -> None:
    """Fill ``store`` with ``inputs`` as they are and derive from the store."""
    for quads in inputs:
        store.bulk_extend(quads)
    derive(store)


def _build_generation(target: Path, fill: Callable[[Store], None]) -> tuple[int, int, int]:
    """Make a new on-disk store at ``target``, ``fill(store)`` it (the derived layer
    included) and return its quad, statement and actor counts.

    On any failure the half-built directory is removed. The store is closed on return.
    """
    try:
        target.parent.mkdir(exist_ok=True)
        from ..query.stats import record_counts  # the counts stats reads, of this content

        store = Store(str(target))
        fill(store)
        record_counts(store)
        store.flush()
        gs = EmbeddedGraphStore(store)
        return len(store), _count(gs, _COUNT_STATEMENTS), _count(gs, _COUNT_ACTORS)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise


def _count(gs: EmbeddedGraphStore, query: str) -> int:
    return int(gs.select(query)[0]["n"].value)
