"""Building the derived layer: truthy triples, roll-ups, effective dates and ends.

:func:`derive` rebuilds the derived graph of a store from everything else in it, by the
rules of docs/data-model.md ("The derived layer"), which :mod:`actorgraph.ingest.rules`
applies in one pass over the quads:

1. **truthy triples**: every statement that says its relation holds (not denied, actual,
   not an ending) yields ``subject relation object``;
2. **roll-ups**: a statement also counts, as an ``ag:DerivedStatement``, for the actors its
   subject and object roll up to along role, part-of and leads chains, with ``ag:rule``,
   ``ag:via`` and a chain IRI;
3. **effective dates and ends**: ``ag:effectiveDate`` (its own date, else its documents'
   publication date) and, for states that end, ``ag:effectiveEnd``.

The derived triples are written to a temporary N-Triples file first and bulk-loaded, so a
large load never holds them in memory twice.

>>> from pyoxigraph import NamedNode, Quad, Store
>>> from actorgraph.namespaces import AG, ACTOR, GRAPH_DERIVED, RDF, STATEMENT
>>> s, a, b = NamedNode(STATEMENT + "s1"), NamedNode(ACTOR + "a"), NamedNode(ACTOR + "b")
>>> store = Store()
>>> store.extend([Quad(s, NamedNode(RDF + "type"), NamedNode(AG + "Statement")),
...               Quad(s, NamedNode(AG + "subject"), a),
...               Quad(s, NamedNode(AG + "relation"), NamedNode(AG + "supports")),
...               Quad(s, NamedNode(AG + "object"), b),
...               Quad(s, NamedNode(AG + "stance"), NamedNode(AG + "asserted"))])
>>> derive(store)
>>> derived = NamedNode(GRAPH_DERIVED)
>>> [(q.predicate.value, q.object.value) for q in store.quads_for_pattern(a, None, None, derived)]
[('https://w3id.org/actorgraph/ns#supports', 'https://w3id.org/actorgraph/actor/b')]
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import count, islice
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from ..errors import StoreError
from ..gc_pause import collector_paused
from ..namespaces import GRAPH_DERIVED
from .rules import MAX_DEPTH, Facts

__all__ = ["MAX_DEPTH", "CHUNK_LINES", "derive", "derive_facts", "derived_triples", "load_derived"]

#: Lines of the derived layer per file :func:`derive_facts` hands to the bulk loader.
CHUNK_LINES = 1_000_000


def derive(store: Store) -> None:
    """Rebuild the derived graph of ``store`` from everything else in it (idempotent).

    The derived triples are first written to a temporary file (:func:`derived_triples`),
    and only then, the gathered facts freed, bulk-loaded (:func:`load_derived`). A large
    load calls those two itself, on the quads it parses, rather than reading the store.
    """
    graph = NamedNode(GRAPH_DERIVED)
    with derived_triples(q for q in store if q.graph_name != graph) as path:
        load_derived(store, path)


def derive_facts(store: Store, facts: list[Facts]) -> None:
    """Replace the derived graph of ``store`` with the derived layer of the facts gathered
    already (a large load gathers them while it bulk-loads the data), given as a list of
    one, which is emptied: the facts are freed as soon as their lines are written.

    Python writes the N-Triples in files of :data:`CHUNK_LINES` lines; Oxigraph bulk-loads
    each on a thread, without the GIL, while Python writes the next, so writing and loading
    overlap. Raises :class:`StoreError` if a file cannot be written (a full disk).
    """
    from concurrent.futures import ThreadPoolExecutor  # not on simple commands' start-up path

    try:
        directory = tempfile.TemporaryDirectory(prefix="actorgraph-derived-")
    except OSError as error:
        raise _unwritable(tempfile.gettempdir(), error) from None
    store.clear_graph(NamedNode(GRAPH_DERIVED))
    with directory, ThreadPoolExecutor(1) as pool:
        loading = []
        try:
            with collector_paused():
                lines = facts.pop().lines()
                for number in count():
                    chunk = "".join(islice(lines, CHUNK_LINES))
                    if not chunk:
                        break
                    path = Path(directory.name) / f"derived-{number}.nt"
                    try:
                        path.write_text(chunk, encoding="utf-8")
                    except OSError as error:
                        raise _unwritable(path, error) from None
                    del chunk
                    for loaded in loading:  # a failed load stops the writing
                        if loaded.done():
                            loaded.result()
                    loading.append(pool.submit(load_derived, store, path, clear=False))
                del lines
        except BaseException:
            for waiting in loading:
                waiting.cancel()
            raise
        for loaded in loading:
            loaded.result()


@contextmanager
def derived_triples(quads: Iterable[Quad] | Facts) -> Iterator[Path]:
    """The derived layer of ``quads`` as an N-Triples file, removed when the block ends.

    ``quads`` may be facts gathered already (a large load gathers them while it bulk-loads
    the data); they are dropped once the file is written, so the caller should keep no
    reference to them. Raises :class:`StoreError` if the temporary file cannot be written
    (a full disk)."""
    try:
        directory = tempfile.TemporaryDirectory(prefix="actorgraph-derived-")
    except OSError as error:
        raise _unwritable(tempfile.gettempdir(), error) from None
    with directory:
        path = Path(directory.name) / "derived.nt"
        try:
            with path.open("w", encoding="utf-8") as out, collector_paused():
                facts = quads if isinstance(quads, Facts) else Facts.gather(quads)
                del quads
                out.writelines(facts.lines())
                del facts
        except OSError as error:
            raise _unwritable(path, error) from None
        yield path


def _unwritable(where, error: OSError) -> StoreError:
    return StoreError(
        f"cannot write the derived layer to {where}: {error.strerror or error}; "
        "free some space there or set TMPDIR to another directory"
    )


def load_derived(store: Store, path: Path, *, clear: bool = True) -> None:
    """Replace the derived graph of ``store`` with the N-Triples file at ``path`` (or, if
    not ``clear``, add the file to it).

    Oxigraph reads the file itself, without holding the GIL, so this may run on a thread
    while Python works on another."""
    graph = NamedNode(GRAPH_DERIVED)
    if clear:
        store.clear_graph(graph)
    store.bulk_load(path=str(path), format=RdfFormat.N_TRIPLES, to_graph=graph)
