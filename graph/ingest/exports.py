"""Loading actorgraph's own RDF exports back: what to drop, and why it is safe to drop it.

An export holds, besides the curated data, what actorgraph builds itself: the shipped
ontology, the derived layer, the inferred triples (after ``actorgraph infer``) and, from an
on-disk store, the record of its sources. A load rebuilds all of them, so it drops them from
the file and counts them, but only if they are what actorgraph would build there:

- **quad exports** (``nq``, ``trig``, ``jsonld``) keep those parts in their named graphs. The
  quads in the ontology, derived and inferred graphs are held apart (:class:`Export`, in a
  scratch store) and must be the shipped ontology, the derived layer the load builds, and
  the inferences ``actorgraph infer`` makes; anything else there is refused. The record of
  sources is dropped (a load writes its own).
- **flat exports** (``ttl``, ``nt``) hold the union of all graphs in one. A flat file that
  holds every triple of the shipped ontology is taken for an export; from it are dropped
  the ontology's triples (blank-node structures matched by shape), the source records
  (subjects under ``graph/source/`` typed ``ag:DataSource``), every triple of the derived
  layer that the remaining data rebuilds, and the relation triples and super-class
  memberships that ``actorgraph infer`` rebuilds from it. Nothing is dropped by namespace
  alone: a triple goes only if the load makes it again. What stays is the file's curated
  data, checked as any data file (a relation triple that nothing derives is refused).

The rule for the derived layer is a fixed point: derive from the file minus the ontology
(this over-derives nothing that matters, since roll-ups are typed ``ag:DerivedStatement`` and
never rolled up again), take those triples out, derive again from what is left, and put
back any triple the second derivation does not make. Every triple dropped is thus rebuilt
by the load.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Store, Triple

from ..errors import DataSyntaxError
from ..namespaces import (
    AG,
    GRAPH_CURATED,
    GRAPH_DERIVED,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    GRAPH_SOURCES,
    RDF,
    RDFS,
    SOURCE_GRAPH,
)

__all__ = ["BUILT_GRAPHS", "Export", "is_flat_export", "settle_exports"]

#: The graphs actorgraph builds itself, which a load rebuilds.
BUILT_GRAPHS = frozenset(
    NamedNode(iri) for iri in (GRAPH_ONTOLOGY, GRAPH_DERIVED, GRAPH_INFERRED, GRAPH_SOURCES)
)
_TYPE = NamedNode(RDF + "type")
_SUBCLASS = NamedNode(RDFS + "subClassOf")
_DATA_SOURCE = NamedNode(AG + "DataSource")
_DERIVED = NamedNode(GRAPH_DERIVED)
_INFERRED = NamedNode(GRAPH_INFERRED)
_ONTOLOGY = NamedNode(GRAPH_ONTOLOGY)
_SOURCES = NamedNode(GRAPH_SOURCES)


@dataclass
class Export:
    """One data file being loaded into ``graph`` (its source graph): the quads it holds in
    the graphs actorgraph builds are kept apart in ``staged`` (a scratch store), never in
    the store being built. ``flat`` marks a triple file, which may be a flat export."""

    shown: str
    graph: NamedNode
    flat: bool
    staged: Store = field(default_factory=Store)

    def divert(self, quad: Quad) -> bool:
        """Hold ``quad`` apart if it is in a graph actorgraph builds (and say so)."""
        if quad.graph_name in BUILT_GRAPHS:
            self.staged.add(quad)
            return True
        return False

    def into_source(self, quad: Quad) -> Quad:
        """``quad`` with the curated, default and exported source graphs moved into ours."""
        graph = quad.graph_name
        if (
            isinstance(graph, DefaultGraph)
            or graph == NamedNode(GRAPH_CURATED)
            or (isinstance(graph, NamedNode) and graph.value.startswith(SOURCE_GRAPH))
        ):
            return Quad(quad.subject, quad.predicate, quad.object, self.graph)
        return quad


def is_flat_export(store: Store, graph: NamedNode, ontology: Sequence[Quad]) -> bool:
    """Whether ``graph`` of ``store`` holds every triple of the shipped ``ontology`` that
    has no blank node: what a flat export always does, and hand-written data never needs."""
    plain = [q for q in ontology if not _has_blank(q.triple)]
    return bool(plain) and all(
        Quad(q.subject, q.predicate, q.object, graph) in store for q in plain
    )


def settle_exports(store: Store, exports: Iterable[Export], ontology: Sequence[Quad]) -> int:
    """Drop from ``store`` what the ``exports`` hold of the graphs actorgraph builds, check
    it is what actorgraph builds (a :class:`DataSyntaxError` if not), rebuild the derived
    layer if a flat export was taken apart, and return how many quads were dropped.

    ``store`` holds the ontology and every file's data, its derived graph built; each
    export's reserved quads are in its ``staged`` store.
    """
    from .derive import derive

    exports = list(exports)
    flat = [e for e in exports if e.flat and is_flat_export(store, e.graph, ontology)]
    for export in flat:
        _take_ontology(store, export, ontology)
        _take_records(store, export)
    if flat:
        derive(store)
        for export in flat:
            _move(store, export, _in_graph(store, export.graph, _DERIVED), _DERIVED)
        derive(store)
        if sum(_put_back(store, export, _DERIVED) for export in flat):
            derive(store)
    for export in exports:
        _check(store, export, _ONTOLOGY, _shapes(ontology, _ONTOLOGY))
        _check(store, export, _DERIVED, None)
    _settle_inferred(store, exports, flat)
    dropped = 0
    for export in exports:
        dropped += len(export.staged)
        export.staged.clear()
    return dropped


def _settle_inferred(store: Store, exports: list[Export], flat: list[Export]) -> None:
    """Drop what ``actorgraph infer`` would write: the flat exports' relation triples and
    super-class memberships it makes again (others are put back), and check the quad
    exports' inferred graphs against it."""
    from ..analysis.infer import infer
    from ..store.embedded import EmbeddedGraphStore
    from .read import relation_properties

    relations = relation_properties(store.quads_for_pattern(None, None, None, _ONTOLOGY))
    candidates = {id(e): _inference_candidates(store, e.graph, relations) for e in flat}
    staged = any(
        next(iter(e.staged.quads_for_pattern(None, None, None, _INFERRED)), None) for e in exports
    )
    if not staged and not any(candidates.values()):
        return
    for export in flat:
        _move(store, export, candidates[id(export)], _INFERRED)
    inferred = {triple for triple, _kind in infer(EmbeddedGraphStore(store)).triples}
    for export in flat:
        for quad in list(export.staged.quads_for_pattern(None, None, None, _INFERRED)):
            if quad.triple not in inferred:
                export.staged.remove(quad)
                store.add(Quad(quad.subject, quad.predicate, quad.object, export.graph))
    for export in exports:
        _check(store, export, _INFERRED, inferred)


def _inference_candidates(
    store: Store, graph: NamedNode, relations: frozenset[NamedNode]
) -> list[Triple]:
    """The triples of ``graph`` that ``infer`` may have written: relation triples (which
    no data file may hold) and memberships of a class that another class of the same
    subject is a sub-class of."""
    found = [
        q.triple
        for q in store.quads_for_pattern(None, None, None, graph)
        if q.predicate in relations
    ]
    supers = _superclasses(store)
    for quad in store.quads_for_pattern(None, _TYPE, None, graph):
        types = {q.object for q in store.quads_for_pattern(quad.subject, _TYPE, None, None)}
        if any(quad.object in supers.get(other, ()) for other in types - {quad.object}):
            found.append(quad.triple)
    return found


def _superclasses(store: Store) -> dict[object, set[object]]:
    """Each class of the ontology with all its super-classes."""
    direct: dict[object, set[object]] = {}
    for quad in store.quads_for_pattern(None, _SUBCLASS, None, _ONTOLOGY):
        direct.setdefault(quad.subject, set()).add(quad.object)
    closed: dict[object, set[object]] = {}
    for start in direct:
        seen, todo = set(), list(direct[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(direct.get(node, ()))
        closed[start] = seen
    return closed


def _take_ontology(store: Store, export: Export, ontology: Sequence[Quad]) -> None:
    """Move the ontology's triples out of a flat export's graph: those without blank
    nodes as they are, blank-node structures (``owl:AllDifferent`` lists) by shape."""
    graph = export.graph
    plain = [q.triple for q in ontology if not _has_blank(q.triple)]
    _move(store, export, [t for t in plain if _quad(t, graph) in store], _ONTOLOGY)
    shapes = _shapes(ontology, _ONTOLOGY)
    roots = {
        q.object for q in ontology if q.predicate == _TYPE and isinstance(q.subject, BlankNode)
    }
    for kind in roots:
        for quad in list(store.quads_for_pattern(None, _TYPE, kind, graph)):
            root = quad.subject
            if not isinstance(root, BlankNode) or _referenced(store, root, graph):
                continue
            if _shape(store, root, graph) in shapes:
                _move(store, export, _tree(store, root, graph), _ONTOLOGY)


def _take_records(store: Store, export: Export) -> None:
    """Move the records of an exported store's sources (``ag:DataSource`` nodes under
    ``graph/source/``) and its kept ``stats`` counts (:data:`actorgraph.namespaces.STORE_COUNTS`)
    out of a flat export's graph."""
    from ..namespaces import STORE_COUNTS

    nodes = [
        quad.subject
        for quad in store.quads_for_pattern(None, _TYPE, _DATA_SOURCE, export.graph)
        if isinstance(quad.subject, NamedNode) and quad.subject.value.startswith(SOURCE_GRAPH)
    ]
    for node in [*nodes, NamedNode(STORE_COUNTS)]:
        triples = [q.triple for q in store.quads_for_pattern(node, None, None, export.graph)]
        _move(store, export, triples, _SOURCES)


def _in_graph(store: Store, graph: NamedNode, other: NamedNode) -> list[Triple]:
    """The triples of ``graph`` that ``other`` holds too."""
    return [
        q.triple
        for q in store.quads_for_pattern(None, None, None, graph)
        if _quad(q.triple, other) in store
    ]


def _move(store: Store, export: Export, triples: Iterable[Triple], graph: NamedNode) -> None:
    """Move ``triples`` from the export's graph in ``store`` to ``graph`` of its staging."""
    for triple in list(triples):
        store.remove(_quad(triple, export.graph))
        export.staged.add(_quad(triple, graph))


def _put_back(store: Store, export: Export, graph: NamedNode) -> int:
    """Return to the export's graph the staged triples of ``graph`` that ``store`` does
    not rebuild there; how many."""
    back = [
        q
        for q in export.staged.quads_for_pattern(None, None, None, graph)
        if Quad(q.subject, q.predicate, q.object, graph) not in store
    ]
    for quad in back:
        export.staged.remove(quad)
        store.add(_quad(quad.triple, export.graph))
    return len(back)


def _check(
    store: Store, export: Export, graph: NamedNode, expected: set[Triple] | set[str] | None
) -> None:
    """Refuse staged quads of ``graph`` that actorgraph would not have built there: with
    ``expected`` None, those ``store`` does not hold in ``graph``; for the ontology, the
    blank-node structures are compared by shape."""
    staged = export.staged
    for quad in staged.quads_for_pattern(None, None, None, graph):
        triple = quad.triple
        if graph == _ONTOLOGY:
            if _has_blank(triple):
                continue  # compared by shape below
            ok = triple in expected  # type: ignore[operator]
        elif expected is None:
            ok = quad in store
        else:
            ok = triple in expected
        if not ok:
            _refuse(export, graph)
    if (
        graph == _ONTOLOGY
        and not _shapes(staged.quads_for_pattern(None, None, None, graph), graph) <= expected
    ):  # type: ignore[operator]
        _refuse(export, graph)


def _refuse(export: Export, graph: NamedNode) -> None:
    raise DataSyntaxError(
        export.shown,
        None,
        None,
        f"the graph <{graph.value}> is built by actorgraph; "
        "put your statements in the default graph or a graph of your own "
        "(an actorgraph export may be loaded back: it holds only what actorgraph built "
        "there, and this file does not)",
    )


def _shapes(quads: Iterable[Quad], graph: NamedNode) -> set:
    """The plain triples of ``quads`` and, for each blank-node structure, its shape: a
    hash of the tree under its root (blank nodes no triple points to)."""
    scratch = Store()
    scratch.extend(Quad(q.subject, q.predicate, q.object, graph) for q in quads)
    found: set = set()
    for quad in scratch:
        if not _has_blank(quad.triple):
            found.add(quad.triple)
        elif isinstance(quad.subject, BlankNode) and not _referenced(scratch, quad.subject, graph):
            found.add(_shape(scratch, quad.subject, graph))
        elif isinstance(quad.object, BlankNode) and not isinstance(quad.subject, BlankNode):
            found.add(f"{quad.subject} {quad.predicate} {_shape(scratch, quad.object, graph)}")
    return found


def _shape(store: Store, node: BlankNode, graph: NamedNode, depth: int = 0) -> str:
    """A hash of the tree of triples under the blank ``node`` (blank labels left out)."""
    if depth > 64:
        return "deep"
    parts = sorted(
        f"{q.predicate} "
        + (
            _shape(store, q.object, graph, depth + 1)
            if isinstance(q.object, BlankNode)
            else str(q.object)
        )
        for q in store.quads_for_pattern(node, None, None, graph)
    )
    return "_:" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _tree(store: Store, node: BlankNode, graph: NamedNode) -> list[Triple]:
    """Every triple under the blank ``node`` in ``graph``."""
    found, todo, seen = [], [node], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for quad in store.quads_for_pattern(current, None, None, graph):
            found.append(quad.triple)
            if isinstance(quad.object, BlankNode):
                todo.append(quad.object)
    return found


def _referenced(store: Store, node: BlankNode, graph: NamedNode) -> bool:
    return next(iter(store.quads_for_pattern(None, None, node, graph)), None) is not None


def _quad(triple: Triple, graph: NamedNode) -> Quad:
    return Quad(triple.subject, triple.predicate, triple.object, graph)


def _has_blank(triple: Triple) -> bool:
    return isinstance(triple.subject, BlankNode) or isinstance(triple.object, BlankNode)
