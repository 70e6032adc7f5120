"""The graph actorgraph queries: an embedded Oxigraph store, in memory or on disk.

:func:`open_graph` builds the in-memory graph (ontology, seeds, user files, derived layer)
or opens an on-disk store read-only. :func:`load_store` fills an on-disk store atomically:
everything is parsed and validated first, a new generation is built beside the live one,
and only then does ``CURRENT`` switch to it, so a failed or killed load changes nothing.
One writer at a time holds ``DIR/lock``. :func:`next_generation` lets a long-running
writer (``actorgraph serve --allow-update``) change a copy of the live generation and
switch to it the same way.

Every query runs over the union of all graphs with actorgraph's prefixes, and takes its
parameters as bindings (pyoxigraph substitutions), never as text.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import shutil
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    Variable,
)

from ..errors import QueryError, StoreError, StoreInUseError, ValidationError
from ..ingest.derive import derive, derived_triples, load_derived
from ..ingest.read import (
    Inputs,
    bulk_load_files,
    collect_files,
    read_data_files,
    read_inputs,
    relation_properties,
    stream_quads,
)
from ..namespaces import GRAPH_DERIVED, PREFIXES

__all__ = [
    "Term",
    "GraphStore",
    "LoadReport",
    "open_graph",
    "load_store",
    "STREAM_THRESHOLD",
    "current_generation",
    "next_generation",
    "replace_store",
    "graph_result",
]

Term = NamedNode | BlankNode | Literal | Triple

_WORK = "work"  # the writable copy :func:`next_generation` changes

#: Data files of at least this many bytes in all are streamed by :func:`load_store`.
STREAM_THRESHOLD = 256_000

_COUNT_STATEMENTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ag:Statement }"
_COUNT_ACTORS = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a/rdfs:subClassOf* ag:Actor }"


class GraphStore:
    """A pyoxigraph store with parameterised queries over the union of its graphs.

    >>> gs = GraphStore(Store())
    >>> gs.ask("ASK { ?s ?p ?o }")
    False
    """

    #: Whether :attr:`store` is a local pyoxigraph store, whose indexes can be read directly
    #: (:mod:`actorgraph.store.statement_index`) instead of through SPARQL.
    local = True

    def __init__(self, store: Store):
        self.store = store

    def __len__(self) -> int:
        """The number of quads in all graphs."""
        return len(self.store)

    def quads(self) -> Iterator[Quad]:
        """Every quad of every graph (what ``export`` writes)."""
        return iter(self.store)

    def query(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ):
        """pyoxigraph's raw result: QuerySolutions, QueryBoolean or QueryTriples.

        ``bindings`` maps variable names (without ``?``) to terms. pyoxigraph substitutes
        only variables that a SELECT query projects. The query reads the union of all
        graphs except the named graphs in ``exclude_graphs`` (e.g. the inferred graph).
        """
        substitutions = {Variable(name): term for name, term in (bindings or {}).items()}
        if exclude_graphs:
            kept = [g for g in self.store.named_graphs() if g.value not in exclude_graphs]
            dataset = {"default_graph": [DefaultGraph(), *kept]}
        else:
            dataset = {"use_default_graph_as_union": True}
        try:
            return self.store.query(
                query, prefixes=PREFIXES, substitutions=substitutions, **dataset
            )
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL query: {error.msg}") from None
        except RuntimeError as error:  # pyoxigraph substitutes only projected variables
            raise QueryError(
                f"{error}; a bound variable must be in the SELECT clause (or use SELECT *, "
                "or GROUP BY it in an aggregate query)"
            ) from None

    def select(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> list[dict[str, Term]]:
        """The solutions of a SELECT query; unbound variables are left out of each row."""
        solutions = self._expect(query, bindings, exclude_graphs, QuerySolutions, "SELECT")
        names = [v.value for v in solutions.variables]
        return self._run(lambda: [{n: s[n] for n in names if s[n] is not None} for s in solutions])

    def ask(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> bool:
        """The answer of an ASK query."""
        return bool(self._expect(query, bindings, exclude_graphs, QueryBoolean, "ASK"))

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> list[Triple]:
        """The triples of a CONSTRUCT (or DESCRIBE) query."""
        result = self.query(query, bindings, exclude_graphs=exclude_graphs)
        if isinstance(result, QuerySolutions | QueryBoolean):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return self._run(lambda: list(result))

    def _expect(self, query, bindings, exclude_graphs, kind, name):
        result = self.query(query, bindings, exclude_graphs=exclude_graphs)
        if not isinstance(result, kind):
            raise QueryError(f"expected a {name} query")
        return result

    @staticmethod
    def _run(collect):
        """Collect a lazily evaluated result; evaluation errors become QueryError."""
        try:
            return collect()
        except OSError as error:
            raise QueryError(f"query failed: {error}") from None


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_store` built."""

    quads: int  # in the new generation, derived ones included
    statements: int  # curated ag:Statement nodes (roll-ups not counted)
    actors: int
    seconds: float
    generation: int  # the number of the generation now live


def open_graph(
    store: Path | None = None,
    data: Sequence[Path] = (),
    *,
    seeds: bool = True,
    check_seeds: bool = False,
) -> GraphStore:
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
        return GraphStore(_memory_store(inputs.quads()))
    disk = _open_read_only(store)
    if not files:
        return GraphStore(disk)
    derived = NamedNode(GRAPH_DERIVED)  # rebuilt below, with the extra data
    context = [q for q in disk if q.graph_name != derived]
    extra = read_data_files(files, relation_properties(context))
    _check(extra, {f"{store} (store)": context})
    return GraphStore(_memory_store([context, *extra.values()]))


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
    say = progress or (lambda _message: None)

    def build(target: Path) -> tuple[int, int, int]:
        files = collect_files(data)
        use_stream = stream
        if use_stream is None:
            use_stream = sum(p.stat().st_size for p in files) >= STREAM_THRESHOLD
        say("reading and validating the input files")
        inputs = read_inputs([] if use_stream else files, seeds=seeds)
        if not use_stream:
            _check(inputs.ontology | inputs.seeds | inputs.data)
        say(f"building generation {target.name}")
        if use_stream:
            fill = partial(_stream_files, inputs=inputs, files=files, say=say, on_bytes=on_bytes)
        else:
            fill = partial(_extend, inputs=inputs.quads())
        return _build_generation(target, fill)

    return _new_generation(directory, build)


def _new_generation(directory: Path, build: Callable[[Path], tuple[int, int, int]]) -> LoadReport:
    """Build a new generation of the store at ``directory`` with ``build`` and make it live.

    Under the writer lock; ``build(target)`` fills the new generation's directory and
    returns its quad, statement and actor counts. If it raises, the live generation is
    untouched (and a store directory this call created is removed again).
    """
    started = time.perf_counter()
    _check_store_dir(directory)
    created = not directory.exists()
    with _writer_lock(directory):
        try:
            generation = _next_generation(directory)
            counts = build(_generation_dir(directory, generation))
            _write_current(directory, generation)
        except BaseException:
            if created:  # leave no empty store behind
                shutil.rmtree(directory, ignore_errors=True)
            raise
        _remove_old_generations(directory, keep=generation)
    return LoadReport(*counts, seconds=time.perf_counter() - started, generation=generation)


def current_generation(directory: Path) -> int:
    """The number of the live generation of the on-disk store at ``directory``.

    It changes when a load or a write (:func:`next_generation`) makes a new one live, so
    a long-running reader can compare it to the one it opened and reopen the store.
    """
    return _read_current(directory)


@contextmanager
def next_generation(directory: Path) -> Iterator[Store]:
    """A writable copy of the live generation, made live if the ``with`` block succeeds.

    The copy is an Oxigraph backup (hard links, so it is quick). The writer lock is held
    throughout; when the block ends normally the derived layer is rebuilt, a backup of
    the copy becomes the new generation and ``CURRENT`` switches to it. (The copy itself
    is never made live: its open handle may still rewrite its files, under a reader.)
    If the block raises, or the process is killed, the live generation is untouched and
    the copy is discarded (by a later write, if killed).
    Raises :class:`StoreInUseError` if another process is writing.
    """
    with _writer_lock(directory):
        live = _generation_dir(directory, _read_current(directory))
        generation = _next_generation(directory)
        target = _generation_dir(directory, generation)
        # The copy lives outside generations/, which only ever holds complete generations:
        # Oxigraph may still write into it after a failure (the caller holds its handle),
        # so it may not be removed at once; the next write removes it first.
        work = directory / _WORK
        try:
            shutil.rmtree(work, ignore_errors=True)  # left by a failed or killed writer
            Store.read_only(str(live)).backup(str(work))
            store = Store(str(work))
            yield store
            derive(store)
            store.flush()
            store.backup(str(target))
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _write_current(directory, generation)
    _remove_old_generations(directory, keep=generation)


def replace_store(directory: Path, quads: Iterable[Quad]) -> LoadReport:
    """Make exactly ``quads`` the content of the on-disk store at ``directory``, atomically.

    For ``actorgraph restore``: the quads are taken as they are (the caller has checked
    them; nothing is validated), a new generation is built beside the live one (derived
    layer rebuilt) and made live under the writer lock, as :func:`load_store` does. If
    ``quads`` raises while being read, nothing changes. Raises :class:`StoreInUseError`
    if another process is writing.
    """
    return _new_generation(
        directory, partial(_build_generation, fill=partial(_extend, inputs=[quads]))
    )


def graph_result(data: bytes, fmt: RdfFormat) -> QueryTriples:
    """The triples of ``data`` (in ``fmt``) as a CONSTRUCT result, as a query would give them.

    >>> triples = graph_result(b"<http://e.org/s> <http://e.org/p> <http://e.org/o> .",
    ...                        RdfFormat.N_TRIPLES)
    >>> [str(t) for t in triples]
    ['<http://e.org/s> <http://e.org/p> <http://e.org/o>']
    """
    store = Store()
    store.load(data, fmt)
    return store.query("CONSTRUCT WHERE { ?s ?p ?o }")


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


def _stream_files(
    store: Store,
    inputs: Inputs,
    files: Sequence[Path],
    say: Callable[[str], None],
    on_bytes: Callable[[int, int], None] | None,
) -> None:
    """Fill ``store`` as a large load does, on three threads.

    The ontology and seeds are added; then Oxigraph's bulk loader reads the data ``files``
    on a thread while Python parses them again for the derived layer
    (:mod:`actorgraph.ingest.derive`).
    As soon as that layer is written out, a second bulk loader reads it on another thread.
    The loaders hold no GIL and each uses about one core. When both are done, the shapes,
    compiled to SPARQL, check every graph but the derived one. (Validating beside the
    derived layer's loader saved no time, as both want the two cores, and added their peaks
    together: at 1M statements 489 s and 5.4 GB, against 478 s and 4.1 GB one after the
    other; docs/performance.md.)
    """
    from concurrent.futures import ThreadPoolExecutor  # not on simple commands' start-up path

    from ..validation.shacl_sparql import validate_store

    for quads in inputs.quads():
        store.bulk_extend(quads)
    relations = relation_properties(q for quads in inputs.ontology.values() for q in quads)
    seen = (q for quads in inputs.quads() for q in quads)
    with ThreadPoolExecutor(2) as pool:
        loading = pool.submit(bulk_load_files, store, files, relations)
        with derived_triples(itertools.chain(seen, stream_quads(files, on_bytes))) as derived:
            deriving = pool.submit(load_derived, store, derived)
            say("writing the store")
            loading.result()
            deriving.result()
    say("validating against the shapes")
    graphs = [g for g in store.named_graphs() if g.value != GRAPH_DERIVED]
    violations = validate_store(store, file=_describe(files), graphs=graphs)
    if violations:
        raise ValidationError(violations)


def _describe(files: Sequence[Path]) -> str:
    """The data files, as a violation names them."""
    return ", ".join(str(p) for p in files) or "(seeds)"


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
        store = Store(str(target))
        fill(store)
        store.flush()
        gs = GraphStore(store)
        return len(store), _count(gs, _COUNT_STATEMENTS), _count(gs, _COUNT_ACTORS)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise


def _count(gs: GraphStore, query: str) -> int:
    return int(gs.select(query)[0]["n"].value)


def _check_store_dir(directory: Path) -> None:
    """Refuse to write into an existing directory that is not an (empty or) actorgraph store."""
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} is not a directory")
    if directory.is_dir():
        own = {"CURRENT", "generations", "lock", "CURRENT.tmp", _WORK}
        foreign = sorted(p.name for p in directory.iterdir() if p.name not in own)
        if foreign:
            raise StoreError(
                f"{directory} is not an actorgraph store (it holds {', '.join(foreign[:3])}); "
                "choose an empty or new directory"
            )


@contextmanager
def _writer_lock(directory: Path) -> Iterator[None]:
    """Hold the exclusive writer lock ``DIR/lock`` (non-blocking), recording our pid in it."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / "lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            raise StoreInUseError(
                f"store {directory} is in use by another process (pid {holder}); "
                "try again when it finishes"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _generation_dir(directory: Path, generation: int) -> Path:
    return directory / "generations" / str(generation)


def _next_generation(directory: Path) -> int:
    """One more than any generation present, live or left over by a killed load."""
    generations = directory / "generations"
    numbers = (
        [int(p.name) for p in generations.iterdir() if p.name.isdigit()]
        if generations.is_dir()
        else []
    )
    return max(numbers, default=0) + 1


def _write_current(directory: Path, generation: int) -> None:
    """Point ``CURRENT`` at ``generation`` atomically and durably."""
    temporary = directory / "CURRENT.tmp"
    with open(temporary, "w", encoding="ascii") as out:
        out.write(f"{generation}\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, directory / "CURRENT")
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _remove_old_generations(directory: Path, keep: int) -> None:
    for path in (directory / "generations").iterdir():
        if path.name != str(keep):
            shutil.rmtree(path, ignore_errors=True)


def _open_read_only(directory: Path) -> Store:
    """The live generation of the store at ``directory``, read-only.

    If a load switches generations while we open it, the new live one is opened instead.
    """
    current = _read_current(directory)
    while True:
        target = _generation_dir(directory, current)
        try:
            if target.is_dir():
                return Store.read_only(str(target))
            failure = f"CURRENT names generation {current}, which is missing"
        except (OSError, RuntimeError) as error:  # RuntimeError: removed while opening
            failure = str(error)
        latest = _read_current(directory)
        if latest == current:
            raise StoreError(
                f"the store at {directory} cannot be opened: {failure}; "
                f"rebuild it with: actorgraph load --store {directory}"
            )
        current = latest


def _read_current(directory: Path) -> int:
    """The live generation number named by ``DIR/CURRENT``."""
    try:
        text = (directory / "CURRENT").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    if not text.isdigit():
        raise StoreError(
            f"no actorgraph store at {directory}; "
            f"create one with: actorgraph load --store {directory}"
        )
    return int(text)
