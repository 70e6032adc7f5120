"""Loads that never drop data: every data file is a *source* of its own in an on-disk store.

A load into a store (:func:`load_sources`) is additive. Each data file goes into a named
graph of its own, ``graph/source/file/<hash>``, keyed by a hash of the file's resolved path
(so no path is ever visible through the endpoint), or ``graph/source/name/<name>`` when it is
given a name (standard input must be). Quads a file puts in named graphs of its own stay
grouped under its source. Loading the same file (or name) again replaces exactly its earlier
version and nothing else; ``replace=True`` starts the store over. The shipped seeds are the
source named ``seeds``, added when a store is created (or started over) unless
``seeds=False``; an additive load leaves them as they are.

The record of the sources is kept in the store itself, in the graph ``graph/sources``: one
``ag:DataSource`` node per source (its graph, name, kind, path hash, the graphs of its own,
when it was loaded, how many statements and quads it holds). It thus travels with every
backup, restore and copy of the store, and every generation carries the record of exactly
its own content. :func:`list_sources` reads it.

Every load builds a new generation (a hard-linked copy of the live one, changed) and makes it
live only when everything has been read, validated and derived: a failed load leaves the
store exactly as it was. If the store held inferred triples (``actorgraph infer``), they are
rebuilt over the new content.

An actorgraph RDF export (nq, trig, ttl, nt, jsonld), small or streamed, can be loaded back:
what it holds of the graphs actorgraph builds itself is dropped and counted
(:attr:`SourcesReport.dropped`), as long as it is what actorgraph would build there (the
shipped ontology, the layer derived from the file, the inferences ``actorgraph infer``
makes); anything else written into the ontology, derived or inferred graph is refused. A
flat export (ttl, nt) is taken apart by :mod:`actorgraph.ingest.exports`.

>>> source_graph(Source.named("press-call"))
'https://w3id.org/actorgraph/graph/source/name/press-call'
>>> Source.for_file(Path("/data/a.ttl")).key == Source.for_file(Path("/data/../data/a.ttl")).key
True
>>> Source.named("../etc")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
actorgraph.errors.UsageError: '../etc' is not a source name; ...
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Triple,
)

from ..errors import UsageError, ValidationError
from ..namespaces import (
    AG,
    GRAPH_CURATED,
    GRAPH_DERIVED,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    GRAPH_SOURCES,
    RDF,
    SOURCE_GRAPH,
    STORE_COUNTS,
    XSD,
)
from ..records import Record
from .pipeline import LoadReport

if TYPE_CHECKING:
    from .exports import Export
    from .rules import Facts

__all__ = [
    "SEEDS",
    "STDIN",
    "Source",
    "DataInput",
    "SourceRecord",
    "SourcesReport",
    "source_graph",
    "data_inputs",
    "load_sources",
    "list_sources",
    "records_of",
]

#: The name of the source that holds the shipped seeds.
SEEDS = "seeds"
#: The path that stands for standard input (``--data -``).
STDIN = Path("-")

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_TYPE = NamedNode(RDF + "type")
_DATA_SOURCE = NamedNode(AG + "DataSource")
_STATEMENT = NamedNode(AG + "Statement")
_P = {
    name: NamedNode(AG + name)
    for name in (
        "sourceName",
        "sourceKind",
        "pathHash",
        "ownGraph",
        "loadedAt",
        "statementCount",
        "quadCount",
    )
}
_FLAT = (RdfFormat.TURTLE, RdfFormat.N_TRIPLES)
_BUILT = {
    "ontology": GRAPH_ONTOLOGY,
    "derived": GRAPH_DERIVED,
    "inferred": GRAPH_INFERRED,
    "sources": GRAPH_SOURCES,
}


@dataclass(frozen=True)
class Source:
    """Where a data file goes: ``kind`` is ``file`` (keyed by path hash), ``name`` or
    ``seeds``; ``label`` is what :func:`list_sources` shows (a file's base name, or the
    name)."""

    kind: str
    key: str
    label: str

    @classmethod
    def for_file(cls, path: Path) -> Source:
        """The source of a file given by path: a hash of its resolved path."""
        digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
        return cls("file", digest, path.name)

    @classmethod
    def named(cls, name: str) -> Source:
        """The source called ``name`` (``--name``); :data:`SEEDS` is the seeds'."""
        if not _NAME.fullmatch(name):
            raise UsageError(
                f"{name!r} is not a source name; use letters, digits, '.', '_' and '-' "
                "(at most 64), starting with a letter or digit, e.g. --name press-call"
            )
        return cls("seeds" if name == SEEDS else "name", name, name)

    @property
    def graph(self) -> NamedNode:
        return NamedNode(source_graph(self))


def source_graph(source: Source) -> str:
    """The IRI of the named graph that holds ``source``."""
    part = "file" if source.kind == "file" else "name"
    return f"{SOURCE_GRAPH}{part}/{source.key}"


@dataclass(frozen=True)
class DataInput:
    """One data file to load: its path (:data:`STDIN` for standard input, whose bytes are
    ``content``) and the source name given for it, if any."""

    path: Path
    name: str | None = None
    content: bytes | None = None

    @property
    def source(self) -> Source:
        if self.name is not None:
            source = Source.named(self.name)
            if source.kind == "seeds":
                raise UsageError(
                    f"the source name {SEEDS!r} is the shipped seeds'; choose another --name"
                )
            return source
        if self.path == STDIN:
            raise UsageError("standard input (--data -) needs a source name: add --name NAME")
        return Source.for_file(self.path)

    @property
    def shown(self) -> str:
        """The file as messages name it."""
        return "<stdin>" if self.path == STDIN else str(self.path)


@dataclass(frozen=True)
class SourceRecord(Record):
    """One loaded source, as :func:`list_sources` lists it."""

    JSON_KEYS: ClassVar[tuple[str, ...]] = (
        "source",
        "kind",
        "loaded",
        "statements",
        "quads",
        "graphs",
        "graph",
    )

    source: str
    kind: str
    loaded: str
    statements: int
    quads: int
    graphs: int  # named graphs of its own, besides its source graph
    graph: str


@dataclass(frozen=True)
class SourcesReport(LoadReport):
    """What :func:`load_sources` did: what it built (:class:`LoadReport`), and to which
    sources."""

    added: tuple[str, ...] = ()  # sources new to the store
    replaced: tuple[str, ...] = ()  # sources loaded again, their earlier version replaced
    kept: int = 0  # sources left as they were
    dropped: int = 0  # quads of an export in graphs actorgraph builds itself
    inferred: int | None = None  # inferred triples rebuilt, if the store had any
    started_over: bool = False
    sources: tuple[SourceRecord, ...] = field(default=())

    def lines(self, where: object, option: str = "--store") -> list[str]:
        """What a load says about itself, a line each (``option`` names where it went:
        ``--store`` or ``--endpoint``)."""
        said = [
            f"Loaded {self.quads} quads, {self.statements} statements, {self.actors} "
            f"actors into {where} in {self.seconds:.1f} s"
        ]
        if self.started_over:
            said.append(f"Started over: {len(self.sources)} source(s)")
        parts = []
        if self.added:
            parts.append(f"added {', '.join(self.added)}")
        if self.replaced:
            parts.append(f"replaced {', '.join(self.replaced)}")
        if self.kept:
            parts.append(f"kept {self.kept} other source(s)")
        if parts:
            listed = f"actorgraph sources {option} {where}"
            said.append("Sources: " + "; ".join(parts) + f" (list them: {listed})")
        if self.dropped:
            said.append(
                f"Dropped {self.dropped} quads of the graphs actorgraph builds itself "
                "(ontology, derived, inferred, sources) from the export; they are rebuilt here"
            )
        if self.inferred is not None:
            said.append(f"Rebuilt {self.inferred} inferred triples")
        return said


def data_inputs(
    paths: Sequence[Path], name: str | None, read_stdin: Callable[[], bytes]
) -> list[DataInput]:
    """The inputs of ``load --data PATH... [--name NAME]``: ``name`` needs exactly one
    path; ``-`` is standard input, read with ``read_stdin`` (once).

    >>> [i.name for i in data_inputs([Path("-")], "call", lambda: b"")]
    ['call']
    """
    if name is not None and len(paths) != 1:
        raise UsageError(
            f"--name names one source, but {len(paths)} --data values were given; "
            "load them one at a time, each with its --name"
        )
    if sum(1 for p in paths if p == STDIN) > 1:
        raise UsageError("standard input (--data -) can be read once per load")
    return [DataInput(p, name, read_stdin() if p == STDIN else None) for p in paths]


def list_sources(directory: Path) -> list[SourceRecord]:
    """The sources loaded into the on-disk store at ``directory``, seeds first, then by name.

    Raises :class:`~actorgraph.errors.StoreError` if there is no store there.
    """
    from ..store.generations import open_read_only

    return _records(open_read_only(directory))


def records_of(store: Store) -> list[SourceRecord]:
    """The sources recorded in ``store`` (its graph ``graph/sources``), as
    :func:`list_sources` lists them."""
    return _records(store)


def load_sources(
    directory: Path,
    inputs: Sequence[DataInput] = (),
    *,
    replace: bool = False,
    seeds: bool = True,
    progress: Callable[[str], None] | None = None,
    stream: bool | None = None,
    on_bytes: Callable[[int, int], None] | None = None,
) -> SourcesReport:
    """Add (or reload) the ``inputs`` as sources of the on-disk store at ``directory``.

    A new store, or one started over with ``replace``, gets the ontology, the seeds (unless
    ``seeds`` is false) and the inputs. An existing store keeps every source not named
    again; a source loaded again is replaced. Atomic: nothing changes unless all inputs
    parse and validate. Raises :class:`UsageError` for a clash (two inputs for one source, a
    named graph another source holds), :class:`~actorgraph.errors.DataSyntaxError` and
    :class:`~actorgraph.errors.ValidationError` for bad data, and
    :class:`~actorgraph.errors.StoreInUseError` if another process is writing.
    """
    from ..store.generations import live_generation_dir, new_generation

    say = progress or (lambda _message: None)
    planned = _plan(inputs)
    outcome: dict[str, object] = {}

    def build(target: Path) -> tuple[int, int, int]:
        live = None if replace else live_generation_dir(directory)
        return _build(target, live, planned, seeds, say, stream, on_bytes, outcome)

    return SourcesReport.of(
        new_generation(directory, build),
        added=tuple(outcome["added"]),  # type: ignore[arg-type]
        replaced=tuple(outcome["replaced"]),  # type: ignore[arg-type]
        kept=outcome["kept"],  # type: ignore[arg-type]
        dropped=outcome["dropped"],  # type: ignore[arg-type]
        inferred=outcome["inferred"],  # type: ignore[arg-type]
        started_over=outcome["started_over"],  # type: ignore[arg-type]
        sources=tuple(outcome["sources"]),  # type: ignore[arg-type]
    )


def _plan(inputs: Sequence[DataInput]) -> list[tuple[DataInput, Source]]:
    """Each input with its source; a usage error if two inputs go to one source."""
    from .read import collect_files

    planned: list[tuple[DataInput, Source]] = []
    seen: dict[tuple[str, str], str] = {}
    for item in inputs:
        expanded = (
            [item]
            if item.path == STDIN
            else [DataInput(p, item.name) for p in collect_files([item.path])]
        )
        if item.name is not None and len(expanded) > 1:
            raise UsageError(
                f"--name {item.name} names one source, but {item.path} holds "
                f"{len(expanded)} data files; give them as one sheet set or leave out --name"
            )
        for one in expanded:
            source = one.source
            key = (source.kind, source.key)
            if key in seen:
                raise UsageError(
                    f"{one.shown} and {seen[key]} would both be the source {source.label!r}; "
                    "load each file once, or give them different --name values"
                )
            seen[key] = one.shown
            planned.append((one, source))
    return planned


def _build(
    target: Path,
    live: Path | None,
    planned: list[tuple[DataInput, Source]],
    seeds: bool,
    say: Callable[[str], None],
    stream: bool | None,
    on_bytes: Callable[[int, int], None] | None,
    outcome: dict[str, object],
) -> tuple[int, int, int]:
    """Fill the new generation ``target`` (from a copy of ``live``, if given) and return
    its quad, statement and actor counts; ``outcome`` is told what happened."""
    from ..resources import ontology_files, seed_files
    from .pipeline import STREAM_THRESHOLD, _build_generation, _check, _is_sheet
    from .read import read_ontology, relation_properties

    files = [item.path for item, _source in planned if item.path != STDIN]
    use_stream = stream
    if use_stream is None:
        use_stream = sum(p.stat().st_size for p in files) >= STREAM_THRESHOLD
    if any(_is_sheet(p) for p in files) or len(files) < len(planned):
        use_stream = False  # sheets resolve names against the rest; stdin is read here

    ontology = read_ontology(ontology_files())
    relations = relation_properties(ontology)
    old = Store.read_only(str(live)) if live is not None else None
    records = _raw_records(old) if old is not None else {}
    reloaded = {source.graph.value for _item, source in planned}
    owned = {
        graph: iri
        for iri, record in records.items()
        if iri not in reloaded
        for graph in record["own"]
    }
    started_over = old is None
    say("reading and validating the input files")
    seed_source = Source.named(SEEDS)
    seed_quads: list[Quad] = []
    if started_over and seeds:
        named = {p.resolve() for p in files}
        seed_paths = [p for p in seed_files() if p.resolve() not in named]
        for path in seed_paths:
            quads, _own, _dropped = _read_file(path, relations, ontology, [])
            seed_quads += _into(quads, seed_source.graph)
    context: list[Quad] = []
    if not use_stream:
        if old is not None:
            skip = {*_BUILT.values(), *reloaded}
            skip |= {g for iri in reloaded if iri in records for g in records[iri]["own"]}
            context = [q for q in old if _graph_iri(q) not in skip]
        context = [*ontology, *context, *seed_quads]
    data: dict[str, list[Quad]] = {}
    own_graphs: dict[str, frozenset[str]] = {}
    dropped = 0
    for item, source in [] if use_stream else planned:
        quads, own, lost = _read_input(item, relations, ontology, context, data)
        _refuse_clash(item.shown, own, owned, source)
        owned.update(dict.fromkeys(own, source.graph.value))
        data[item.shown] = _into(quads, source.graph)
        own_graphs[source.graph.value] = own
        dropped += lost
    if not use_stream:
        if old is None:
            _check({"(ontology)": ontology, "(seeds)": seed_quads, **data})
        else:
            _check(data, {"(store)": context})

    streamed_dropped: list[int] = []

    def fill(store: Store) -> None:
        if old is not None:
            for iri in (GRAPH_ONTOLOGY, GRAPH_DERIVED, GRAPH_INFERRED, *reloaded):
                store.clear_graph(NamedNode(iri))
            for iri in reloaded & records.keys():
                for graph in records[iri]["own"]:  # type: ignore[attr-defined]
                    store.clear_graph(NamedNode(graph))
                for quad in list(store.quads_for_pattern(NamedNode(iri), None, None)):
                    store.remove(quad)
        store.bulk_extend(ontology)
        store.bulk_extend(seed_quads)
        if use_stream:
            from .derive import derive_facts

            say("loading the data files")
            exports: list[Export] = []
            facts = _stream_into(
                store, planned, relations, ontology, owned, own_graphs, on_bytes, exports
            )
            say("deriving")
            derive_facts(store, facts)
            if exports:
                say("taking apart the exports")
                streamed_dropped.append(_settle_streamed(store, exports, ontology, relations))
        else:
            from .derive import derive

            for quads in data.values():
                store.bulk_extend(quads)
            say("deriving")
            derive(store)
        now = datetime.now(UTC).replace(microsecond=0)
        new = [(seed_source, frozenset())] if seed_quads else []
        new += [(source, own_graphs.get(source.graph.value, frozenset())) for _i, source in planned]
        for source, own in new:
            store.bulk_extend(_record(store, source, own, now))
        if use_stream:
            from ..validation.shacl_sparql import validate_store

            say("validating against the shapes")
            skip = {GRAPH_DERIVED, GRAPH_INFERRED, GRAPH_SOURCES}  # the ontology gives classes
            graphs = [g for g in store.named_graphs() if _graph_iri_of(g) not in skip]
            shown = ", ".join(str(p) for p in files) or "(seeds)"
            violations = validate_store(store, file=shown, graphs=graphs)
            if violations:
                raise ValidationError(violations)
        outcome["inferred"] = None
        if old is not None and _has_graph(old, GRAPH_INFERRED):
            from ..analysis.infer import add_inferred
            from ..store.embedded import EmbeddedGraphStore

            say("rebuilding the inferred triples")
            outcome["inferred"] = add_inferred(EmbeddedGraphStore(store)).total
        outcome["sources"] = _records(store)

    try:
        if old is not None:
            old.backup(str(target))
        counts = _build_generation(target, fill)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    labels = {source.graph.value: source.label for _item, source in planned}
    outcome.update(
        added=[label for iri, label in labels.items() if iri not in records],
        replaced=[label for iri, label in labels.items() if iri in records],
        kept=len(records.keys() - labels.keys()),
        dropped=dropped + sum(streamed_dropped),
        started_over=started_over,
    )
    return counts


def _stream_into(
    store: Store,
    planned: list[tuple[DataInput, Source]],
    relations: frozenset[NamedNode],
    ontology: Sequence[Quad],
    owned: dict[str, str],
    own_graphs: dict[str, frozenset[str]],
    on_bytes: Callable[[int, int], None] | None,
    exports: list[Export],
) -> list[Facts]:
    """Stream the (large) data files into their source graphs, recording their own, and
    gather the facts of the derived layer on the way: from what ``store`` holds already
    (the ontology, the seeds, the sources kept), then from each quad as it is parsed.

    One pass in Python parses each file (:func:`~actorgraph.ingest.read.stream_quads`),
    hands each quad to the rules (:class:`~actorgraph.ingest.rules.Facts`) and, with a
    quad file's curated graph and a file's triples put into its source graph, to Oxigraph's
    bulk loader (``bulk_extend``), whose threads write the store while Python parses on.
    (Moving the curated graph afterwards, through Python, took longer than the bulk load
    itself: 10,000 statements, 3.4 s for ``remove_graph`` alone.)
    Returns the facts in a list of one, so that the caller can hand them on and keep no
    reference (they are freed once the derived layer is written out).
    """
    from ..gc_pause import collector_paused
    from .exports import Export, is_flat_export
    from .read import rdf_format, refuse_loaded_direct_triples, stream_quads
    from .rules import Facts

    derived = NamedNode(GRAPH_DERIVED)
    total = sum(item.path.stat().st_size for item, _source in planned)
    done = 0
    with collector_paused():
        facts = Facts.gather(q for q in store if q.graph_name != derived)
        for item, source in planned:
            before = set(store.named_graphs())
            report = None
            if on_bytes is not None:
                report = partial(_shifted, on_bytes, done, total)
            # holds apart an export's quads in the graphs actorgraph builds
            export = Export(item.shown, source.graph, flat=rdf_format(item.path) in _FLAT)
            quads = stream_quads(
                [item.path], report, into=[source.graph], each=facts.add, divert=export.divert
            )
            store.bulk_extend(quads)
            flat = export.flat and is_flat_export(store, source.graph, ontology)
            if len(export.staged) or flat:
                exports.append(export)  # its relation triples are checked once it is settled
            else:
                refuse_loaded_direct_triples(store, item.path, relations)
            found = set(store.named_graphs()) - before - {source.graph}
            names = frozenset(g.value for g in found if isinstance(g, NamedNode))
            _refuse_clash(item.shown, names, owned, source)
            owned.update(dict.fromkeys(names, source.graph.value))
            own_graphs[source.graph.value] = names
            done += item.path.stat().st_size
    return [facts]


def _settle_streamed(
    store: Store,
    exports: list[Export],
    ontology: Sequence[Quad],
    relations: frozenset[NamedNode],
) -> int:
    """Take the streamed exports apart (:func:`~actorgraph.ingest.exports.settle_exports`),
    then refuse a relation triple that is left in one; how many quads were dropped."""
    from .exports import settle_exports
    from .read import refuse_loaded_direct_triples

    dropped = settle_exports(store, exports, ontology)
    for export in exports:
        refuse_loaded_direct_triples(store, Path(export.shown), relations)
    return dropped


def _shifted(report: Callable[[int, int], None], before: int, total: int, done: int, _of: int):
    report(before + done, total)


def _read_input(
    item: DataInput,
    relations: frozenset[NamedNode],
    ontology: Sequence[Quad],
    context: Sequence[Quad],
    earlier: dict[str, list[Quad]],
) -> tuple[list[Quad], frozenset[str], int]:
    """One input's quads (triples in the curated graph), its own named graphs and how many
    quads of an export it dropped."""
    if item.path == STDIN:
        return _read_bytes(item.content or b"", "<stdin>", relations, ontology)
    before = [q for quads in earlier.values() for q in quads]
    return _read_file(item.path, relations, ontology, [*context, *before])


def _read_file(
    path: Path, relations: frozenset[NamedNode], ontology: Sequence[Quad], context: list[Quad]
) -> tuple[list[Quad], frozenset[str], int]:
    from .pipeline import _is_sheet
    from .read import read_quads, refuse_direct_triples

    if _is_sheet(path):
        from ..curation.sheets import read_sheet_quads

        quads = read_sheet_quads(path, context)
        refuse_direct_triples(path, quads, relations)
        return quads, frozenset(), 0
    return _split(str(path), read_quads(path, GRAPH_CURATED), relations, ontology)


def _read_bytes(
    data: bytes, shown: str, relations: frozenset[NamedNode], ontology: Sequence[Quad]
) -> tuple[list[Quad], frozenset[str], int]:
    """Quads from standard input: JSON-LD if it starts with ``{`` or ``[``, else TriG
    (which reads Turtle, N-Triples and N-Quads too)."""
    from .read import parse_data

    text = data.removeprefix(b"\xef\xbb\xbf")
    fmt = RdfFormat.JSON_LD if text.lstrip()[:1] in (b"{", b"[") else RdfFormat.TRIG
    quads = parse_data(shown, text, fmt, GRAPH_CURATED)
    return _split(shown, quads, relations, ontology)


def _split(
    shown: str, quads: list[Quad], relations: frozenset[NamedNode], ontology: Sequence[Quad]
) -> tuple[list[Quad], frozenset[str], int]:
    """A file's quads without those an actorgraph export holds of the graphs actorgraph
    builds (checked to be exactly that, :mod:`actorgraph.ingest.exports`), its own named
    graphs, and how many it dropped.

    The curated graph and the source graphs of an exported store count as the file's
    default graph. Raises :class:`DataSyntaxError` for anything else in the ontology,
    derived or inferred graph, and for a hand-written relation triple.
    """
    from .exports import BUILT_GRAPHS, Export, settle_exports
    from .read import refuse_direct_triples

    curated = NamedNode(GRAPH_CURATED)
    export = Export(shown, curated, flat=all(q.graph_name == curated for q in quads))
    plain = {q.triple for q in ontology if not _has_blank(q.triple)}
    if not any(q.graph_name in BUILT_GRAPHS for q in quads) and not (
        export.flat and plain <= {q.triple for q in quads}
    ):
        kept = [export.into_source(q) for q in quads]
        refuse_direct_triples(Path(shown), kept, relations)
        return kept, _own_graphs(kept), 0
    from .derive import derive

    store = Store()
    store.extend(ontology)
    store.extend(export.into_source(q) for q in quads if not export.divert(q))
    derive(store)
    dropped = settle_exports(store, [export], ontology)
    kept = [q for q in store if q.graph_name not in BUILT_GRAPHS]
    refuse_direct_triples(Path(shown), kept, relations)
    return kept, _own_graphs(kept), dropped


def _own_graphs(quads: Iterable[Quad]) -> frozenset[str]:
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, NamedNode)}
    return frozenset(graphs - {GRAPH_CURATED})


def _has_blank(triple: Triple) -> bool:
    return isinstance(triple.subject, BlankNode) or isinstance(triple.object, BlankNode)


def _refuse_clash(shown: str, own: frozenset[str], owned: dict[str, str], source: Source) -> None:
    """A usage error if the file writes into a named graph another source holds, or into
    the graph of a source."""
    for graph in sorted(own):
        holder = owned.get(graph)
        if holder is not None and holder != source.graph.value:
            raise UsageError(
                f"{shown}: the graph <{graph}> belongs to another source ({holder}); "
                "use a graph name of your own, or start over with --replace"
            )


def _into(quads: Iterable[Quad], graph: NamedNode) -> list[Quad]:
    """``quads`` with those of the curated graph moved into ``graph``."""
    curated = NamedNode(GRAPH_CURATED)
    return [
        Quad(q.subject, q.predicate, q.object, graph) if q.graph_name == curated else q
        for q in quads
    ]


def _graph_iri(quad: Quad) -> str | None:
    return _graph_iri_of(quad.graph_name)


def _graph_iri_of(graph: object) -> str | None:
    return graph.value if isinstance(graph, NamedNode) else None


def _has_graph(store: Store, iri: str) -> bool:
    return next(iter(store.quads_for_pattern(None, None, None, NamedNode(iri))), None) is not None


def _record(store: Store, source: Source, own: frozenset[str], now: datetime) -> list[Quad]:
    """The ``ag:DataSource`` record of ``source`` as it is in ``store``."""
    node, graph = source.graph, NamedNode(GRAPH_SOURCES)
    graphs = [node, *(NamedNode(g) for g in sorted(own))]
    statements, quads = _counts(store, graphs)
    values = [
        (_TYPE, _DATA_SOURCE),
        (_P["sourceName"], Literal(source.label)),
        (_P["sourceKind"], Literal(source.kind)),
        (_P["loadedAt"], Literal(now.isoformat(), datatype=NamedNode(XSD + "dateTime"))),
        (_P["statementCount"], Literal(str(statements), datatype=NamedNode(XSD + "integer"))),
        (_P["quadCount"], Literal(str(quads), datatype=NamedNode(XSD + "integer"))),
        *((_P["ownGraph"], g) for g in graphs[1:]),
    ]
    if source.kind == "file":
        values.append((_P["pathHash"], Literal(source.key)))
    return [Quad(node, p, o, graph) for p, o in values]


def _counts(store: Store, graphs: Sequence[NamedNode]) -> tuple[int, int]:
    """The statements (distinct ``ag:Statement`` nodes) and quads in ``graphs``, counted
    by Oxigraph (a million quads in well under a second; in Python, several)."""
    values = " ".join(str(g) for g in graphs)
    query = (
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
        f"GRAPH ?g {{ ?s {_TYPE} {_STATEMENT} }} }}"
    )
    statements = int(next(iter(store.query(query)))["n"].value)
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    return statements, int(next(iter(store.query(query)))["n"].value)


def _raw_records(store: Store) -> dict[str, dict[str, object]]:
    """The records in ``store`` by source graph IRI: their values, own graphs as ``own``."""
    found: dict[str, dict[str, object]] = {}
    names = {p.value: name for name, p in _P.items()}
    for quad in store.quads_for_pattern(None, None, None, NamedNode(GRAPH_SOURCES)):
        if not isinstance(quad.subject, NamedNode) or quad.subject.value == STORE_COUNTS:
            continue  # the counts stats reads (query.stats.record_counts): not a source
        record = found.setdefault(quad.subject.value, {"own": set()})
        name = names.get(quad.predicate.value)
        if name == "ownGraph":
            record["own"].add(quad.object.value)  # type: ignore[union-attr]
        elif name is not None:
            record[name] = quad.object.value
    return found


def _records(store: Store) -> list[SourceRecord]:
    rows = [
        SourceRecord(
            source=str(record.get("sourceName", "")),
            kind=str(record.get("sourceKind", "")),
            loaded=str(record.get("loadedAt", "")),
            statements=int(str(record.get("statementCount", 0))),
            quads=int(str(record.get("quadCount", 0))),
            graphs=len(record["own"]),  # type: ignore[arg-type]
            graph=iri,
        )
        for iri, record in _raw_records(store).items()
    ]
    return sorted(rows, key=lambda r: (r.kind != "seeds", r.source, r.graph))
