"""What follows from what was stated: OWL 2 RL reasoning into its own named graph.

:func:`infer` runs the OWL 2 RL rules (owlrl) over the ontology and the data, curated and
derived, and keeps what is new and meaningful:

- **symmetric**: a symmetric relation holds both ways (a phone call between x and y is
  also one between y and x; likewise talksTo, meetsWith, alliedWith, fightsAlongside ...);
- **sub-property**: a relation implies its super-properties up to the family root
  (``militarySupport`` implies ``supports``, ``airStrike`` implies ``attacks`` and
  ``opposes``);
- **inverse**: a relation implies its declared inverse (the ontology declares none yet);
- **class**: class memberships that follow from the class hierarchy and from the
  domains and ranges (a ``State`` is an ``Actor``; a roll-up is a ``Statement``).

The ontology has no property chains. The roll-up of a person's statements to the
organisation they represent, which a chain would express, is already made by the loader's
derived layer (docs/data-model.md), and the reasoning reads the derived graph, so rolled-up
relations get their symmetric and super-property triples too.

Only triples that are in no graph yet are kept, and only those that say something about
actorgraph's own resources: a triple is kept when its subject is an actor, statement,
source, document or place, and it is either an ``rdf:type`` of one of the ontology's
classes or a relation between two actors (or an actor and a place). That leaves out
owlrl's trivial noise: reflexive ``owl:sameAs``, ``owl:Thing`` and ``rdfs:Resource``
memberships, datatype axioms, the schema's own closure, and copies of our triples onto the
Wikidata IRIs our actors are ``owl:sameAs``.

Triples whose object is a literal (labels, notes, excerpts, dates, scores) are not given to
the reasoner: nothing kept can follow from them in valid data (every class membership
their domains imply is stated, or implied by an object property), and leaving them out
makes the reasoning about three times faster.

The inferred triples go to the named graph ``GRAPH_INFERRED`` and never into the curated
or derived graphs: :func:`add_inferred` adds them to a graph (e.g. in memory),
:func:`infer_store` to an on-disk store, atomically. Queries can leave them out with
``exclude_graphs={GRAPH_INFERRED}``.

>>> from actorgraph.ingest import open_graph
>>> result = infer(open_graph())
>>> result.counts["symmetric"] > 0, result.counts["inverse"]
(True, 0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, Triple, serialize

from ..errors import UsageError
from ..formats.syntaxes import by_extension, rdf_syntax
from ..namespaces import ACTOR, AG, DOCUMENT, GRAPH_INFERRED, PLACE, PREFIXES, SOURCE, STATEMENT
from ..query.relations import symmetric_relations
from .signed import relation_scores

if TYPE_CHECKING:
    import rdflib

    from ..store.base import GraphStore

__all__ = [
    "Kind",
    "Inference",
    "infer",
    "add_inferred",
    "infer_store",
    "output_format",
    "write_inferred",
]

_RDF_TYPE = PREFIXES["rdf"] + "type"
_OWL_INVERSE = PREFIXES["owl"] + "inverseOf"
_RESOURCES = (ACTOR, STATEMENT, SOURCE, DOCUMENT, PLACE)
_RELATED = (ACTOR, PLACE)
_ALL_TRIPLES = "CONSTRUCT WHERE { ?s ?p ?o }"
_OUTPUT_FORMATS = by_extension(rdf_syntax(name) for name in ("trig", "nq"))


class Kind(StrEnum):
    """Why an inferred triple holds (the rule that most directly gives it)."""

    symmetric = "symmetric"
    sub_property = "sub-property"
    inverse = "inverse"
    class_ = "class"


@dataclass(frozen=True)
class Inference:
    """The new triples, each with its kind, sorted."""

    triples: tuple[tuple[Triple, Kind], ...]
    counts: Mapping[str, int] = field(default_factory=dict)  # by kind, every kind listed

    @property
    def total(self) -> int:
        return len(self.triples)

    def quads(self) -> list[Quad]:
        """The triples in the inferred graph."""
        graph = NamedNode(GRAPH_INFERRED)
        return [Quad(t.subject, t.predicate, t.object, graph) for t, _kind in self.triples]

    def summary(self) -> dict[str, int]:
        """``{"inferred": total, "symmetric": n, ...}`` for printing."""
        return {"inferred": self.total, **self.counts}


def infer(gs: GraphStore) -> Inference:
    """The OWL 2 RL inferences of ``gs`` that are new and meaningful (module docstring).

    The inferred graph already in ``gs``, if any, is not read: reasoning starts afresh.
    """
    import owlrl
    import rdflib

    given = _rdflib_graph(gs.construct(_ALL_TRIPLES, exclude_graphs={GRAPH_INFERRED}))
    before = set(given)
    closure = rdflib.Graph()
    for triple in before:
        if not isinstance(triple[2], rdflib.Literal):  # see the module docstring
            closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    relations = relation_scores(gs).keys()
    symmetric = {rdflib.URIRef(iri) for iri in symmetric_relations(gs)}
    inverses = _inverses(given)
    kept = sorted(
        (triple, _kind(triple, given, symmetric, inverses))
        for triple in set(closure) - before
        if _meaningful(triple, relations)
    )
    triples = tuple((Triple(*(NamedNode(str(term)) for term in t)), kind) for t, kind in kept)
    counts = Counter({kind.value: 0 for kind in Kind})
    counts.update(kind.value for _triple, kind in triples)
    return Inference(triples, dict(counts))


def add_inferred(gs: GraphStore) -> Inference:
    """Infer (:func:`infer`) and replace the inferred graph of ``gs`` with the result."""
    inference = infer(gs)
    _replace_inferred(gs.store, inference)
    return inference


def infer_store(directory: Path) -> Inference:
    """Infer over the on-disk store at ``directory`` and replace its inferred graph.

    The store switches atomically to a new generation that holds the new inferred graph
    (:func:`actorgraph.store.generations.next_generation`): readers see the old or the new,
    never half.
    Raises :class:`~actorgraph.errors.StoreError` if there is no store at ``directory``.
    """
    from ..store.embedded import EmbeddedGraphStore
    from ..store.generations import current_generation, next_generation

    current_generation(directory)  # no store there: fail before taking the writer lock
    with next_generation(directory) as store:
        inference = add_inferred(EmbeddedGraphStore(store))
    return inference


def output_format(path: Path) -> RdfFormat:
    """The format to write the inferred graph to ``path`` in: TriG or N-Quads.

    Raises :class:`UsageError` for an extension other than ``.trig`` or ``.nq``.
    """
    rdf_format = _OUTPUT_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise UsageError(
            f"cannot tell the format of {path}: the inferred graph is written as TriG "
            "(.trig) or N-Quads (.nq); name the file with one of those extensions."
        )
    return rdf_format


def write_inferred(inference: Inference, out: BinaryIO, rdf_format: RdfFormat) -> None:
    """Write the inferred graph (its name included) to ``out`` as TriG or N-Quads."""
    serialize(inference.quads(), out, rdf_format, prefixes=_prefixes(rdf_format))


def _prefixes(rdf_format: RdfFormat) -> dict[str, str] | None:
    return PREFIXES if rdf_format is RdfFormat.TRIG else None


def _replace_inferred(store: Store, inference: Inference) -> None:
    graph = NamedNode(GRAPH_INFERRED)
    store.clear_graph(graph)
    store.extend(inference.quads())


def _rdflib_graph(triples: Iterable[Triple]) -> rdflib.Graph:
    """The triples as an rdflib graph, through N-Triples."""
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def _inverses(graph: rdflib.Graph) -> dict[rdflib.URIRef, set[rdflib.URIRef]]:
    """Each property's declared inverses (``owl:inverseOf`` read both ways)."""
    import rdflib

    inverses: dict[rdflib.URIRef, set[rdflib.URIRef]] = {}
    for first, second in graph.subject_objects(rdflib.URIRef(_OWL_INVERSE)):
        inverses.setdefault(first, set()).add(second)
        inverses.setdefault(second, set()).add(first)
    return inverses


def _meaningful(triple: tuple, relations: Collection[str]) -> bool:
    """Whether an inferred triple is about our resources and worth keeping."""
    subject, predicate, obj = (str(term) for term in triple)
    if not (_is_iri(triple[0]) and _is_iri(triple[2]) and subject.startswith(_RESOURCES)):
        return False
    if predicate == _RDF_TYPE:
        return obj.startswith(AG)
    return predicate in relations and obj.startswith(_RELATED)


def _is_iri(term: object) -> bool:
    import rdflib

    return isinstance(term, rdflib.URIRef)


def _kind(triple: tuple, given: rdflib.Graph, symmetric: set, inverses: Mapping) -> Kind:
    subject, predicate, obj = triple
    if str(predicate) == _RDF_TYPE:
        return Kind.class_
    if predicate in symmetric and (obj, predicate, subject) in given:
        return Kind.symmetric
    if any((obj, inverse, subject) in given for inverse in inverses.get(predicate, ())):
        return Kind.inverse
    return Kind.sub_property
