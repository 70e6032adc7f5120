"""Finding data files, parsing them with pyoxigraph, and refusing hand-written relation triples.

Every RDF file actorgraph reads goes through :func:`read_quads`, so a user sees the same
``file:line:col: what is wrong`` message wherever a file is parsed. The parser is chosen by
extension; RDF/XML is refused on purpose (XML entities are an attack surface we do not need).

Sheets (a ``.csv``, ``.tsv`` or ``.xlsx`` file, or a directory holding ``actors.csv``,
``statements.csv`` or ``documents.csv``) are data like any other: :func:`read_data_files`
hands them to :func:`actorgraph.curation.sheets.read_sheet_quads`.

Direct triples ``actor:x ag:supports actor:y`` are derived from statements by the loader, never
written by hand: :func:`refuse_direct_triples` rejects a file that holds one.

>>> rdf_format(Path("seeds/aleppo.ttl"))
<RdfFormat Turtle>
"""

from __future__ import annotations

import errno
import mmap
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, Triple, Variable, parse

from ..errors import DataSyntaxError, StoreError, UsageError
from ..formats.syntaxes import RDF_SYNTAXES, by_extension
from ..namespaces import (
    AG,
    GRAPH_CURATED,
    GRAPH_DERIVED,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    SOURCE_GRAPH,
    compact,
)
from ..resources import ontology_files, seed_files

__all__ = [
    "EXTENSIONS",
    "collect_files",
    "rdf_format",
    "read_quads",
    "parse_data",
    "relation_properties",
    "refuse_direct_triples",
    "read_ontology",
    "read_data_files",
    "Inputs",
    "read_inputs",
    "bulk_load_files",
    "refuse_loaded_direct_triples",
    "stream_quads",
    "MAX_JSON_DEPTH",
    "json_depth",
    "refuse_deep_json",
    "LONG_LINE",
]

#: JSON-LD nesting objects and arrays deeper than this is refused before parsing: the
#: parser's memory grows with the square of the depth (3 GB at 8,000) and it crashes deeper.
MAX_JSON_DEPTH = 64
#: What to say when the parser gives up on a line or token over its 16 MiB buffer.
LONG_LINE = (
    "a line or token is longer than 16 MiB, the parser's limit; "
    "split long literals or comments over several lines or statements"
)
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]+|\\.)*"|[\[\]{}]', re.DOTALL)

#: The data files the loader reads, by extension: the readable RDF syntaxes.
EXTENSIONS: dict[str, RdfFormat] = by_extension(s for s in RDF_SYNTAXES if s.readable)

_BOM = b"\xef\xbb\xbf"
_FAMILY = NamedNode(AG + "family")
# pyoxigraph prefixes its messages with the position, which DataSyntaxError already shows.
_POSITION = re.compile(r"^Parser error (at|between) line [^:]*: ")
_REMOTE_CONTEXT = "No LoadDocumentCallback has been set to load remote contexts"
# A relation triple outside the ontology and derived graphs.
_DIRECT_TRIPLE = """
SELECT ?s ?p ?o ?ontology ?derived WHERE {
  GRAPH ?ontology { ?p <https://w3id.org/actorgraph/ns#family> ?family }
  GRAPH ?g { ?s ?p ?o } FILTER(?g != ?ontology && ?g != ?derived)
} LIMIT 1"""


def collect_files(paths: Sequence[Path]) -> list[Path]:
    """The data files named by ``paths``: files as given, directories searched recursively.

    Directory contents are sorted and filtered to the known extensions; a file named
    explicitly must have one (or be a sheet). A directory that holds a sheet set is one
    data "file". Each file appears once, at its first mention.
    """
    from ..curation.tables import SHEET_EXTENSIONS, is_sheet_set

    found: list[Path] = []
    for path in paths:
        if is_sheet_set(path) or (path.is_file() and path.suffix.lower() in SHEET_EXTENSIONS):
            found.append(path)
        elif path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
            )
        elif path.exists():  # a file, or a named pipe with a data extension ("mkfifo in.nq")
            rdf_format(path)
            found.append(path)
        else:
            raise UsageError(f"no such file or directory: {path}")
    return list(dict.fromkeys(found))


def rdf_format(path: Path) -> RdfFormat:
    """The parser for ``path``, chosen by its extension (case-insensitive)."""
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        accepted = ", ".join(EXTENSIONS)
        raise UsageError(
            f"{path}: unsupported file type {path.suffix or '(no extension)'!r}; "
            f"use one of {accepted} (RDF/XML is not accepted)"
        ) from None


def read_quads(path: Path, graph: str) -> list[Quad]:
    """Parse ``path``: triples (and a quad file's default graph) go into named graph ``graph``.

    Quads in a named graph keep it. Blank nodes are renamed, so two files never share one.
    Raises :class:`DataSyntaxError` (``file:line:col``) before anything is returned.
    """
    return parse_data(str(path), _read_utf8(path), rdf_format(path), graph)


def parse_data(shown: str, data: bytes, fmt: RdfFormat, graph: str) -> list[Quad]:
    """Parse ``data`` (named ``shown`` in errors) as :func:`read_quads` parses a file: deep
    JSON-LD refused first, triples into ``graph``, errors as ``shown:line:col``, and RDF 1.2
    triple terms refused."""
    if fmt == RdfFormat.JSON_LD:
        refuse_deep_json(shown, data)
    target = NamedNode(graph)
    try:
        quads = [
            Quad(q.subject, q.predicate, q.object, target)
            if isinstance(q.graph_name, DefaultGraph)
            else q
            for q in parse(data, fmt, rename_blank_nodes=True)
        ]
    except SyntaxError as error:
        raise DataSyntaxError(shown, error.lineno, error.offset, _message(error)) from None
    except MemoryError:
        raise DataSyntaxError(shown, None, None, LONG_LINE) from None
    if any(isinstance(q.object, Triple) for q in quads):
        raise DataSyntaxError(
            shown,
            None,
            None,
            "RDF 1.2 triple terms (<<( ... )>>) are not supported; "
            "say things about a relation with an ag:Statement",
        )
    return quads


def relation_properties(ontology: Iterable[Quad]) -> frozenset[NamedNode]:
    """The relation properties: every subject with an ``ag:family`` in the ontology quads."""
    return frozenset(q.subject for q in ontology if q.predicate == _FAMILY)


def refuse_direct_triples(
    path: Path, quads: Iterable[Quad], relations: frozenset[NamedNode]
) -> None:
    """Raise :class:`DataSyntaxError` if ``quads`` (read from ``path``) use a relation property."""
    for q in quads:
        if q.predicate in relations:
            triple = " ".join(_show(term) for term in (q.subject, q.predicate, q.object))
            raise DataSyntaxError(
                str(path),
                None,
                None,
                f"hand-written relation triple '{triple}'. Relation triples are derived by the "
                "loader; write an ag:Statement instead (ag:subject, ag:relation, ag:object, "
                "ag:stance, ag:source, ag:note).",
            )


def read_ontology(paths: Sequence[Path]) -> list[Quad]:
    """The ontology files' quads, in the ontology graph."""
    return [q for path in paths for q in read_quads(path, GRAPH_ONTOLOGY)]


def read_data_files(
    paths: Sequence[Path], relations: frozenset[NamedNode], context: Sequence[Quad] = ()
) -> dict[str, list[Quad]]:
    """Each data file's quads by file name (in the curated graph unless the file names its
    own graphs), checked for hand-written relation triples.

    The names in a sheet's cells resolve against ``context`` (the ontology, the seeds or
    a store) and the files read before it.
    """
    files: dict[str, list[Quad]] = {}
    for path in paths:
        if _is_sheet(path):
            from ..curation.sheets import read_sheet_quads

            earlier = [q for quads in files.values() for q in quads]
            quads = read_sheet_quads(path, [*context, *earlier])
        else:
            quads = list(_outside_reserved_graphs(path, read_quads(path, GRAPH_CURATED)))
        refuse_direct_triples(path, quads, relations)
        files[str(path)] = quads
    return files


def _is_sheet(path: Path) -> bool:
    from ..curation.tables import is_sheet_path

    return is_sheet_path(path)


@dataclass
class Inputs:
    """Everything a graph is built from, parsed and checked; each part maps file -> quads."""

    ontology: dict[str, list[Quad]]
    seeds: dict[str, list[Quad]]
    data: dict[str, list[Quad]]

    def quads(self) -> list[list[Quad]]:
        """Every file's quads: ontology, seeds, then data."""
        return [*self.ontology.values(), *self.seeds.values(), *self.data.values()]


def read_inputs(
    data: Sequence[Path], *, seeds: bool = True, ontology: Sequence[Path] | None = None
) -> Inputs:
    """Parse the ontology (default: the shipped one), the seeds (unless ``seeds`` is false;
    a seed file also named in ``data`` counts as data) and the ``data`` files."""
    ontology_paths = ontology_files() if ontology is None else ontology
    ontology_quads = {str(p): read_ontology([p]) for p in ontology_paths}
    relations = relation_properties(q for quads in ontology_quads.values() for q in quads)
    named = {p.resolve() for p in data}
    seed_paths = [p for p in seed_files() if p.resolve() not in named] if seeds else []
    seed_quads = read_data_files(seed_paths, relations)
    context = [q for part in (ontology_quads, seed_quads) for quads in part.values() for q in quads]
    return Inputs(ontology_quads, seed_quads, read_data_files(data, relations, context))


def bulk_load_files(
    store: Store,
    paths: Sequence[Path],
    relations: frozenset[NamedNode],
    graphs: Sequence[str] | None = None,
) -> list[frozenset[NamedNode]]:
    """Stream the data ``paths`` into ``store`` (a new, not yet live generation) with
    Oxigraph's bulk loader, never holding them as Python objects.

    As :func:`read_data_files`, triples and a quad file's default graph go into the curated
    graph and blank nodes are renamed. Raises :class:`DataSyntaxError` (``file:line:col``)
    for a file that cannot be parsed and for one holding a hand-written relation triple;
    the store then holds part of the input and must be thrown away. Oxigraph reads the
    files itself, without holding the GIL, so this may run on a thread while Python reads
    the same files (:func:`stream_quads`).

    ``graphs`` names the graph each file's triples go to (default: the curated graph).
    Returns, for each file, the other named graphs it wrote into (its own).
    """
    targets = list(graphs) if graphs is not None else [GRAPH_CURATED] * len(paths)
    reserved = {NamedNode(GRAPH_ONTOLOGY), NamedNode(GRAPH_DERIVED), NamedNode(GRAPH_INFERRED)}
    own: list[frozenset[NamedNode]] = []
    for path, graph in zip(paths, targets, strict=True):
        before = set(store.named_graphs())
        if rdf_format(path) == RdfFormat.JSON_LD:
            refuse_deep_json_file(path)
        try:
            store.bulk_load(path=str(path), format=rdf_format(path), to_graph=NamedNode(graph))
        except OSError as error:
            if error.errno == errno.ENOSPC or "No space left" in str(error):
                raise StoreError(
                    f"no space left on the device while loading {path}; free some space and "
                    "load again. Nothing changed."
                ) from None
            raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
        except SyntaxError as error:
            raise DataSyntaxError(str(path), error.lineno, error.offset, _message(error)) from None
        except MemoryError:
            raise DataSyntaxError(str(path), None, None, LONG_LINE) from None
        refuse_loaded_direct_triples(store, path, relations)
        added = set(store.named_graphs()) - before - reserved - {NamedNode(graph)}
        own.append(frozenset(added))
    return own


def refuse_loaded_direct_triples(store: Store, path: Path, relations: frozenset[NamedNode]) -> None:
    """Raise :class:`DataSyntaxError` (naming ``path``, just loaded) if ``store`` holds a
    relation triple outside the ontology and derived graphs."""
    graphs = {"ontology": GRAPH_ONTOLOGY, "derived": GRAPH_DERIVED}
    substitutions = {Variable(name): NamedNode(iri) for name, iri in graphs.items()}
    # Plain quads, the query's results gone: pyoxigraph's results must be dropped on the
    # thread that made them, and an exception's traceback keeps this frame elsewhere.
    found = [
        Quad(r["s"], r["p"], r["o"])
        for r in store.query(_DIRECT_TRIPLE, substitutions=substitutions)
    ]
    refuse_direct_triples(path, found, relations)


def stream_quads(
    paths: Sequence[Path],
    on_bytes: Callable[[int, int], None] | None = None,
    *,
    into: Sequence[NamedNode] | None = None,
    each: Callable[[Quad], object] | None = None,
    divert: Callable[[Quad], bool] | None = None,
) -> Iterator[Quad]:
    """The quads of ``paths``, parsed one at a time (graphs as written, blank nodes renamed
    per file as :func:`bulk_load_files` does), for a pass in Python over files the bulk
    loader reads too. ``on_bytes(done, total)`` is called as the files are read.

    With ``into`` (a graph per path), a file's triples and the quads of its curated graph
    come out in its graph. ``each(quad)`` is called on every quad as parsed (before it is
    moved): one pass can so feed two consumers. ``divert(quad)`` sees each quad first: if
    it returns true, the quad is neither handed to ``each`` nor yielded (an export's quads
    in the graphs actorgraph builds, held apart by :mod:`actorgraph.ingest.exports`).
    """
    total = sum(p.stat().st_size for p in paths)
    done = 0
    for number, path in enumerate(paths):
        if rdf_format(path) == RdfFormat.JSON_LD:
            refuse_deep_json_file(path)
        try:
            with path.open("rb") as raw:
                counted = _Counting(raw, done, total, on_bytes)
                quads = parse(counted, rdf_format(path), rename_blank_nodes=True)
                graph = into[number] if into is not None else None
                yield from _outside_reserved_graphs(path, quads, graph, each, divert)
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
        except SyntaxError as error:
            raise DataSyntaxError(str(path), error.lineno, error.offset, _message(error)) from None
        except MemoryError:
            raise DataSyntaxError(str(path), None, None, LONG_LINE) from None
        done += path.stat().st_size


def _outside_reserved_graphs(
    path: Path,
    quads: Iterable[Quad],
    graph: NamedNode | None = None,
    each: Callable[[Quad], object] | None = None,
    divert: Callable[[Quad], bool] | None = None,
) -> Iterator[Quad]:
    """``quads``, with a :class:`DataSyntaxError` at the first one in a graph that actorgraph
    builds itself (the ontology, the derived layer and the inferred graph, which
    ``actorgraph infer`` clears and rewrites); with ``graph``, triples and the curated
    graph's quads and those of an exported store's source graphs moved into it;
    ``each(quad)`` called on each not taken by ``divert`` (see :func:`stream_quads`)."""
    reserved = (NamedNode(GRAPH_ONTOLOGY), NamedNode(GRAPH_DERIVED), NamedNode(GRAPH_INFERRED))
    curated = NamedNode(GRAPH_CURATED)
    for quad in quads:
        if divert is not None and divert(quad):
            continue
        if each is not None:
            each(quad)
        named = quad.graph_name
        if graph is not None and (
            named == curated
            or isinstance(named, DefaultGraph)
            or (isinstance(named, NamedNode) and named.value.startswith(SOURCE_GRAPH))
        ):
            yield Quad(quad.subject, quad.predicate, quad.object, graph)
            continue
        if named in reserved:
            raise DataSyntaxError(
                str(path),
                None,
                None,
                f"the graph <{named.value}> is built by actorgraph; "
                "put your statements in the default graph or a graph of your own",
            )
        yield quad


def json_depth(data: bytes | mmap.mmap, limit: int) -> int:
    """How deep ``{`` and ``[`` nest in JSON ``data`` (strings skipped); stops past ``limit``.

    Linear in the size of ``data``, and the scanning is done by :mod:`re` (in C).

    >>> json_depth(b'{"a": [1, {"b": "[[[\\\\\\"["}]}', 10)
    3
    """
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(data):
        char = match.group()[:1]
        if char in (b"{", b"["):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif char in (b"}", b"]"):
            depth -= 1
    return deepest


def refuse_deep_json(shown: str, data: bytes | mmap.mmap) -> None:
    """A :class:`DataSyntaxError` if JSON ``data`` nests deeper than :data:`MAX_JSON_DEPTH`."""
    if json_depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise DataSyntaxError(
            shown,
            None,
            None,
            f"the JSON-LD nests objects and arrays more than {MAX_JSON_DEPTH} levels deep, "
            "which actorgraph does not read (the parser's memory grows without bound); "
            "flatten it, e.g. give nested nodes their own @id at the top level",
        )


def refuse_deep_json_file(path: Path) -> None:
    """:func:`refuse_deep_json` for a file, read through a memory map (not copied)."""
    if not path.is_file() or path.stat().st_size == 0:
        return  # not a regular file: the parser reports it
    try:
        with (
            path.open("rb") as raw,
            mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            refuse_deep_json(str(path), data)
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror or error}") from None


class _Counting:
    """A binary file that reports how far it has been read."""

    def __init__(self, raw, before: int, total: int, report) -> None:
        self.raw, self.before, self.total, self.report = raw, before, total, report

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        if self.report is not None:
            self.report(self.before + self.raw.tell(), self.total)
        return chunk


def _read_utf8(path: Path) -> bytes:
    """The file's bytes without a UTF-8 byte-order mark; an error if they are not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    data = data.removeprefix(_BOM)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", "replace")) + 1
        raise DataSyntaxError(
            str(path),
            before.count(b"\n") + 1,
            column,
            f"byte 0x{data[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
        ) from None
    return data


def _message(error: SyntaxError) -> str:
    """pyoxigraph's message without its position prefix, starting in lower case."""
    text = error.msg or str(error)
    if text == _REMOTE_CONTEXT:
        return "remote JSON-LD contexts are never fetched; put the @context in the file itself"
    text = _POSITION.sub("", text)
    return text[:1].lower() + text[1:]


def _show(term) -> str:
    """A term as it would be written in Turtle with actorgraph's prefixes."""
    return compact(term.value) if isinstance(term, NamedNode) else str(term)
