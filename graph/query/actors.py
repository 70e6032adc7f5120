"""Finding actors by name, and resolving an ACTOR argument to exactly one actor.

Every command that takes an actor goes through :func:`resolve_actor`, so "iran",
"actor:iran", "Iran", "إيران" and an alias such as "Tehran" all name the same actor, and
a name that fits no actor, or several, fails with the same clear message everywhere.

Names are compared by their :func:`actorgraph.text.normalise` key (case, Arabic diacritics and
letter variants ignored). Arabic names are tried as typed first and only then without the
definite article "ال" (:func:`actorgraph.text.strip_article`), so "حكومة سورية" still finds
"الحكومة السورية" but never outranks a name that matches as typed.

Arabic names may also come with clitics glued to their first word ("وإيران", "بدمشق",
"للحشد الشعبي"). When the name as typed matches nothing, the readings of
:func:`actorgraph.text.strip_clitics` are tried in their order, each as above (as typed, then
without the article); a reading is used only if it matches a known name, so a name that
itself starts with one of those letters ("واشنطن", "فرنسا", "بشار الأسد") always resolves
as typed.

The actors are read with one SPARQL query (``actors.rq``; the class hierarchy comes from
``actor-classes.rq``) and kept for the life of the :class:`~actorgraph.store.base.GraphStore`.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..errors import AmbiguousActorError, UnknownActorError, UsageError
from ..namespaces import PREFIXES, local_id
from ..records import Record
from ..resources import query_text
from ..text import normalise, strip_article, strip_clitics, vocab_key

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["Actor", "find_actors", "resolve_actor", "actor_types", "actor_by_iri"]

_SUGGESTIONS = 5


@dataclass(frozen=True)
class Actor(Record):
    """One actor: its IRI, local id, English and Arabic labels, class and aliases."""

    JSON_KEYS = ("id", "label", "label_ar", "type", "aliases")

    iri: str
    id: str
    label: str
    label_ar: str | None
    type: str  # local name of its most specific actor class, e.g. "State"
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class _Keys:
    """An actor's matching keys, in the order :func:`resolve_actor` tries them."""

    id: str
    labels: frozenset[str]
    aliases: frozenset[str]
    loose: frozenset[str]  # every key above without the Arabic article

    def exact(self) -> frozenset[str]:
        return self.labels | self.aliases | {self.id}


@dataclass(frozen=True)
class _Index:
    """Everything about the actors of one graph that lookups need."""

    actors: tuple[Actor, ...]  # sorted by label
    by_iri: dict[str, Actor]
    keys: dict[str, _Keys]  # by IRI
    classes: dict[str, frozenset[str]]  # by IRI: vocab keys of its classes and superclasses
    types: dict[str, str]  # vocab key -> local name of every actor class


_INDEXES: WeakKeyDictionary[GraphStore, _Index] = WeakKeyDictionary()


def find_actors(gs: GraphStore, text: str | None = None, type: str | None = None) -> list[Actor]:
    """Actors whose id, label or alias matches ``text``, best matches first.

    Exact matches come first, then names that start with ``text``, then names that
    contain it; within each, a match as typed beats a match without the Arabic article,
    and ties are ordered by label. Arabic ``text`` with clitics ("بالحشد") also finds
    the names its :func:`~actorgraph.text.strip_clitics` readings match, after every match of
    ``text`` as typed, so "لتركيا" lists the factions whose name holds "لتركيا" and then
    Turkey. Without ``text`` every actor is listed by label.
    ``type`` keeps instances of that actor class or its subclasses ("Actor" keeps all).

    Raises :class:`UsageError` for an unknown ``type``.
    """
    index = _index(gs)
    actors: Iterable[Actor] = index.actors
    if type is not None:
        wanted = _type_key(index, type)
        actors = [actor for actor in actors if wanted in index.classes[actor.iri]]
    if text is None:
        return list(actors)
    key = normalise(text)
    readings = (key, *strip_clitics(key))
    ranked = []
    for actor in actors:
        keys = index.keys[actor.iri]
        for n, reading in enumerate(readings):  # the first reading that matches counts
            rank = _rank(keys, reading)
            if rank is not None:
                ranked.append(((n, rank), actor))
                break
    ranked.sort(key=lambda pair: (pair[0], _label_order(pair[1])))
    return [actor for _, actor in ranked]


def resolve_actor(gs: GraphStore, name: str) -> Actor:
    """The one actor ``name`` refers to: an IRI, ``actor:id``, local id, label or alias.

    Names are tried in tiers, and the first tier with a match decides: the IRI or id as
    written, then normalised ids, labels (English or Arabic), aliases, and the same keys
    without the Arabic article. So a label beats another actor's alias. Only when all of
    them fail are the readings of ``name`` without Arabic clitics tried, one by one in the
    order of :func:`~actorgraph.text.strip_clitics`, through the label, alias and article-less
    tiers: "بدمشق" finds "دمشق", and "لبنان" never loses its first letter when it is a name.

    Raises :class:`UnknownActorError` (with up to five close names) when nothing matches
    and :class:`AmbiguousActorError` when several actors match in the deciding tier.
    """
    index = _index(gs)
    text = name.strip()
    exact = actor_by_iri(gs, _expand(text))
    if exact is not None:
        return exact
    by_id = [actor for actor in index.actors if actor.id == text]
    if by_id:
        return by_id[0]
    key = normalise(text)
    tiers = [lambda k: key == k.id]
    for reading in (key, *strip_clitics(key)):
        tiers += _name_tiers(reading)
    for matches in tiers:
        found = [actor for actor in index.actors if matches(index.keys[actor.iri])]
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousActorError(name, [(actor.id, actor.label) for actor in found])
    raise UnknownActorError(name, _suggestions(index, key))


def _name_tiers(key: str) -> list[Callable[[_Keys], bool]]:
    """The tests of ``key`` against an actor's names: labels, aliases, then article-less."""
    loose = strip_article(key)
    return [lambda k: key in k.labels, lambda k: key in k.aliases, lambda k: loose in k.loose]


def actor_types(gs: GraphStore) -> list[str]:
    """The local names of every actor class, sorted: the valid ``type`` filters."""
    return sorted(_index(gs).types.values())


def actor_by_iri(gs: GraphStore, iri: str) -> Actor | None:
    """The actor with this IRI, or None if the IRI is not an actor's."""
    return _index(gs).by_iri.get(iri)


def _index(gs: GraphStore) -> _Index:
    """The actor index of ``gs``, built on first use."""
    index = _INDEXES.get(gs)
    if index is None:
        index = _INDEXES[gs] = _build_index(gs)
    return index


def _build_index(gs: GraphStore) -> _Index:
    supers: defaultdict[str, set[str]] = defaultdict(set)
    for row in gs.select(query_text("actor-classes.rq")):
        supers[row["class"].value].add(row["super"].value)
    declared: defaultdict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    labels_ar: dict[str, str] = {}
    aliases: defaultdict[str, set[str]] = defaultdict(set)
    for row in gs.select(query_text("actors.rq")):
        iri = row["actor"].value
        declared[iri].add(row["class"].value)
        for name, table in (("label", labels), ("label_ar", labels_ar)):
            if row.get(name) is not None:
                table[iri] = min(table.get(iri, row[name].value), row[name].value)
        if row.get("alias") is not None:
            aliases[iri].add(row["alias"].value)
    actors = [
        Actor(
            iri=iri,
            id=local_id(iri),
            label=labels.get(iri, local_id(iri)),
            label_ar=labels_ar.get(iri),
            type=local_id(_most_specific(classes, supers)),
            aliases=tuple(sorted(aliases[iri])),
        )
        for iri, classes in declared.items()
    ]
    actors.sort(key=_label_order)
    return _Index(
        actors=tuple(actors),
        by_iri={actor.iri: actor for actor in actors},
        keys={actor.iri: _keys(actor) for actor in actors},
        classes={
            iri: frozenset(vocab_key(local_id(s)) for c in classes for s in supers[c])
            for iri, classes in declared.items()
        },
        types={vocab_key(local_id(c)): local_id(c) for c in supers},
    )


def _most_specific(classes: set[str], supers: dict[str, set[str]]) -> str:
    """The first (by IRI) of ``classes`` that has no other of ``classes`` below it."""
    above = {s for c in classes for s in supers[c] if s != c}
    return min(c for c in classes if c not in above)


def _keys(actor: Actor) -> _Keys:
    labels = frozenset(normalise(text) for text in (actor.label, actor.label_ar) if text)
    aliases = frozenset(normalise(text) for text in actor.aliases)
    exact = labels | aliases | {normalise(actor.id)}
    return _Keys(
        id=normalise(actor.id),
        labels=labels,
        aliases=aliases,
        loose=frozenset(strip_article(key) for key in exact),
    )


def _rank(keys: _Keys, key: str) -> tuple[int, bool] | None:
    """How well ``key`` matches: (0 exact, 1 prefix or 2 substring, article-less only?).

    A match of the name as typed beats the same kind of match without the Arabic article.
    """
    forms = ((False, key, keys.exact()), (True, strip_article(key), keys.loose))
    ranks = [
        (kind, loose) for loose, query, names in forms if (kind := _kind(query, names)) is not None
    ]
    return min(ranks, default=None)


def _kind(query: str, names: frozenset[str]) -> int | None:
    if query in names:
        return 0
    if any(name.startswith(query) for name in names):
        return 1
    if any(query in name for name in names):
        return 2
    return None


def _label_order(actor: Actor) -> tuple[str, str]:
    return (actor.label.casefold(), actor.id)


def _type_key(index: _Index, name: str) -> str:
    key = vocab_key(name)
    if key not in index.types:
        valid = ", ".join(sorted(index.types.values()))
        raise UsageError(f"unknown actor type {name!r}; use one of: {valid}.")
    return key


def _expand(text: str) -> str:
    """``<iri>`` without brackets, ``prefix:local`` expanded; other text unchanged."""
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    prefix, sep, rest = text.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return text


def _suggestions(index: _Index, key: str) -> list[str]:
    """Up to five names closest to ``key``, one per actor.

    A name is shown as written when it belongs to that actor alone; a name several actors
    share is replaced by the actor's id, so every suggestion can be typed as is.
    """
    names: defaultdict[str, dict[str, str]] = defaultdict(dict)  # key -> IRI -> name
    for actor in index.actors:
        for text in (actor.label, actor.label_ar, *actor.aliases, actor.id):
            if text:
                names[normalise(text)].setdefault(actor.iri, text)
    chosen: dict[str, str] = {}
    for close in difflib.get_close_matches(key, names, n=max(len(names), 1), cutoff=0.6):
        owners = names[close]
        for iri, text in owners.items():
            chosen.setdefault(iri, text if len(owners) == 1 else index.by_iri[iri].id)
        if len(chosen) >= _SUGGESTIONS:
            break
    return list(chosen.values())[:_SUGGESTIONS]
