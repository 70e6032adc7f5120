"""What a cell names: vocabulary terms, actors, places, unnamed sources, events, documents.

A :class:`Resolver` is built from the quads a sheet may refer to (the ontology, the seeds,
earlier data files, and the sheet set's own rows). Actor cells resolve as every command
does, through :func:`actorgraph.query.actors.resolve_actor` (id, ``actor:id``, English or
Arabic label, alias), on a small in-memory store of those quads. Places, unnamed sources
and events resolve the same way by ``prefix:id``, id, English or Arabic label, or alias
(``skos:altLabel``, the ``aliases`` column of ``places.csv``), and then by the same names
without the Arabic article; documents also by file name. An id beats a label, and a label
beats another node's alias. A name that fits nothing raises
:class:`~actorgraph.curation.codecs.CellProblem` with the nearest names as the hint.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property

from pyoxigraph import NamedNode, Quad, Store

from ..errors import AmbiguousActorError, UnknownActorError
from ..namespaces import AG, DOCUMENT, EVENT, PLACE, PREFIXES, RDF, RDFS, SOURCE
from ..text import normalise, strip_article, vocab_key
from .codecs import CellProblem

__all__ = ["Resolver", "nearest"]

_TYPE = RDF + "type"
_SUBCLASS = RDFS + "subClassOf"
_ALIAS = PREFIXES["skos"] + "altLabel"
#: The properties that name a node, in the order they win: labels and file names, then aliases.
_NAMING = ((RDFS + "label", AG + "fileName"), (_ALIAS,))
_KINDS = {
    "place": (PLACE, AG + "Place"),
    "source": (SOURCE, AG + "UnnamedSource"),
    "event": (EVENT, AG + "Event"),
    "document": (DOCUMENT, AG + "Document"),
}
_WHAT = {"place": "place", "source": "unnamed source", "event": "event", "document": "document"}


def nearest(text: str, names: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` of ``names`` closest to ``text`` (difflib), best first.

    >>> nearest("suports", ["supports", "opposes", "talksTo"])
    ['supports']
    """
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(normalise(name), name)
    close = difflib.get_close_matches(normalise(text), list(by_key), n=n, cutoff=0.5)
    return [by_key[key] for key in close]


class Resolver:
    """Resolves cells against ``quads``: see the module docstring."""

    def __init__(self, quads: Sequence[Quad]):
        self.quads = quads

    @cached_property
    def _types(self) -> dict[str, set[str]]:
        """The rdf:type IRIs of every typed node."""
        types: defaultdict[str, set[str]] = defaultdict(set)
        for q in self.quads:
            if q.predicate.value == _TYPE:
                types[q.subject.value].add(q.object.value)
        return types

    @cached_property
    def _vocabularies(self) -> dict[str, dict[str, str]]:
        """For each kind (relation, stance, modality, sourceType, class): key -> IRI."""
        found: dict[str, dict[str, str]] = defaultdict(dict)
        wanted = {
            AG + "Stance": "stance",
            AG + "Modality": "modality",
            AG + "SourceType": "sourceType",
        }
        supers: defaultdict[str, set[str]] = defaultdict(set)
        for q in self.quads:
            name = q.subject.value
            if q.predicate.value == AG + "family":
                found["relation"][vocab_key(name[len(AG) :])] = name
            elif q.predicate.value == _TYPE and q.object.value in wanted:
                found[wanted[q.object.value]][vocab_key(name[len(AG) :])] = name
            elif q.predicate.value == _SUBCLASS:
                supers[name].add(q.object.value)
        for cls in supers:
            if _reaches(cls, AG + "Actor", supers) and cls.startswith(AG):
                found["class"][vocab_key(cls[len(AG) :])] = cls
        return found

    def vocabulary(self, kind: str, text: str) -> NamedNode:
        """The ontology term of ``kind`` that ``text`` names (``ag:`` prefix optional)."""
        terms = self._vocabularies.get(kind, {})
        iri = terms.get(vocab_key(text.removeprefix("ag:")))
        if iri is None:
            names = sorted(i[len(AG) :] for i in terms.values())
            close = nearest(text, names, 1 if kind == "relation" else 3)
            hint = (
                f"did you mean {' or '.join(close)}?"
                if close
                else f"use one of: {', '.join(names)}"
            )
            raise CellProblem(f"unknown {_vocabulary_name(kind)} {text!r}", hint)
        return NamedNode(iri)

    def actor_classes(self) -> frozenset[str]:
        """The IRIs of every actor class."""
        return frozenset(self._vocabularies.get("class", {}).values())

    @cached_property
    def _graph(self):
        """The quads in an in-memory store, for :func:`resolve_actor`."""
        from ..store.embedded import EmbeddedGraphStore

        store = Store()
        store.extend(Quad(q.subject, q.predicate, q.object) for q in self.quads)
        return EmbeddedGraphStore(store)

    def resolve(self, kinds: Sequence[str], text: str) -> NamedNode:
        """The node ``text`` names, trying each of ``kinds`` in turn."""
        if text.startswith("<") and text.endswith(">"):
            return NamedNode(text[1:-1])
        prefix, sep, local = text.partition(":")
        if sep and prefix in PREFIXES and prefix != "actor" and local:
            iri = PREFIXES[prefix] + local
            if any(_KINDS[k][1] in self._types.get(iri, ()) for k in kinds if k in _KINDS):
                return NamedNode(iri)
        failures = []
        for kind in kinds:
            try:
                return self._actor(text) if kind == "actor" else self._named(kind, text)
            except CellProblem as problem:
                failures.append(problem)
        raise failures[0] if len(failures) == 1 else _merge(failures, kinds, text)

    def _actor(self, text: str) -> NamedNode:
        from ..query.actors import resolve_actor

        try:
            return NamedNode(resolve_actor(self._graph, text).iri)
        except UnknownActorError as error:
            close = error.suggestions[:3]
            hint = f"nearest: {', '.join(close)}" if close else "add it to actors.csv"
            raise CellProblem(f"unknown actor {text!r}", hint) from None
        except AmbiguousActorError as error:
            ids = ", ".join(ident for ident, _ in error.candidates)
            raise CellProblem(f"{text!r} names several actors", f"write one id: {ids}") from None

    def _named(self, kind: str, text: str) -> NamedNode:
        namespace, cls = _KINDS[kind]
        names = self._names(cls)
        keys = [normalise(text), normalise(text.removeprefix(kind + ":"))]
        iri = next((names[k] for k in (*keys, *map(strip_article, keys)) if k in names), None)
        if iri is None:
            close = nearest(text, [n for n in self._labels(cls)])
            hint = f"nearest: {', '.join(close)}" if close else f"describe it in {kind}s.csv"
            raise CellProblem(f"unknown {_WHAT[kind]} {text!r}", hint)
        return NamedNode(iri)

    def _labels(self, cls: str) -> list[str]:
        """The ids, labels, file names and aliases of the nodes of class ``cls``."""
        return [name for tier in self._tiers(cls) for name, _iri in tier]

    def _tiers(self, cls: str) -> list[list[tuple[str, str]]]:
        """(name, IRI) of the nodes of class ``cls``: ids, then labels and file names, then
        aliases (:data:`_NAMING`)."""
        nodes = {s for s, types in self._types.items() if cls in types}
        tiers: list[list[tuple[str, str]]] = [[(s.rsplit("/", 1)[-1], s) for s in sorted(nodes)]]
        for predicates in _NAMING:
            tiers.append(
                [
                    (q.object.value, q.subject.value)
                    for q in self.quads
                    if q.subject.value in nodes and q.predicate.value in predicates
                ]
            )
        return tiers

    def _names(self, cls: str) -> dict[str, str]:
        """normalised name -> IRI, for the nodes of class ``cls``: each tier of
        :meth:`_tiers` as written, then all of them without the Arabic article; an earlier
        tier wins."""
        cache = self.__dict__.setdefault("_name_cache", {})
        if cls not in cache:
            names: dict[str, str] = {}
            tiers = self._tiers(cls)
            for loose in (False, True):
                for tier in tiers:
                    for name, iri in tier:
                        key = normalise(name)
                        names.setdefault(strip_article(key) if loose else key, iri)
            cache[cls] = names
        return cache[cls]


def _reaches(cls: str, top: str, supers: dict[str, set[str]]) -> bool:
    """Whether ``cls`` is ``top`` or below it by rdfs:subClassOf."""
    todo, seen = [cls], set()
    while todo:
        node = todo.pop()
        if node == top:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(supers.get(node, ()))
    return False


def _vocabulary_name(kind: str) -> str:
    return {"class": "actor class", "sourceType": "source type"}.get(kind, kind)


def _merge(failures: list[CellProblem], kinds: Sequence[str], text: str) -> CellProblem:
    """One problem for a name that fits none of several kinds."""
    what = " or ".join("actor" if k == "actor" else _WHAT[k] for k in kinds)
    word = "attribution" if "source" in kinds else what
    hints = "; ".join(f.hint for f in failures if f.hint)
    return CellProblem(f"unknown {word} {text!r} (no {what} has this name)", hints or None)
