"""Mentions of known actors, places and unnamed sources in a line, from the graph's lexicon.

The lexicon is every English and Arabic label and alias of the graph's actors
(:func:`actorgraph.query.actors.find_actors`), places and unnamed sources, matched word by
word on :mod:`.tokens` keys: case, Arabic letter variants and diacritics are ignored, the
first word of a name may carry Arabic clitics ("وبدمشق", "للحشد الشعبي") and any word may
lack the article. The longest name wins; between names of the same length an actor beats a
place or a source, then a label beats an alias. Short all-capital aliases ("US", "UK") match
only when written in capitals, so the pronoun "us" is not the United States.

English text also yields *unknown* mentions: runs of capitalised words that no name covers
("Sean Savett"), reported as ``?`` + the surface text.

>>> lex = Lexicon([Name(("iran",), "iran", "actor", "State", True),
...                Name(("us",), "united-states", "actor", "State", False, capitals="US")])
>>> text = "Let us ask Iran and the US."
>>> [(m.id, m.surface) for m in lex.find(words(text), text)]
[('iran', 'Iran'), ('united-states', 'US')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..namespaces import local_id
from ..resources import query_text
from ..text import normalise, strip_article
from .tokens import Word, words

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "Name",
    "Mention",
    "Lexicon",
    "lexicon",
    "places_in_it",
    "possessor",
    "THE_COUNTRY",
]

_DEMONSTRATIVES = ("this", "that")
_REGIONS = frozenset(
    {"middle", "east", "west", "north", "south", "near", "far", "gulf", "levant", "region"}
    | {"europe", "asia", "africa", "eastern", "western", "northern", "southern", "central"}
)
_IN_IT = frozenset({"فيها", "فيه"})  # "in it", after a place's head words
THE_COUNTRY = frozenset({"البلاد"})  # "the country": the state a document is about
_CAPITALS = re.compile(r"^[A-Z]{2,5}$")
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "but",
        "or",
        "in",
        "on",
        "at",
        "of",
        "to",
        "for",
        "by",
        "with",
        "we",
        "i",
        "he",
        "she",
        "it",
        "they",
        "this",
        "that",
        "these",
        "there",
        "here",
        "as",
        "so",
        "if",
        "q",
        "thank",
        "thanks",
        "yes",
        "no",
        "well",
        "look",
        "now",
        "mr",
        "ms",
        "our",
        "my",
        "you",
        "senior",
        "administration",
        "official",
        "moderator",
        "president",
        "secretary",
    ]
)


@dataclass(frozen=True)
class Name:
    """One name of the lexicon: its words (keys), what it names, and how."""

    words: tuple[str, ...]
    id: str
    kind: str  # "actor", "place" or "source"
    type: str  # the actor class ("Person", "State" ...), or the kind for the others
    label: bool  # a label (True) or an alias
    capitals: str | None = None  # the spelling a short all-capital alias must have


@dataclass(frozen=True)
class Mention:
    """A name found in a line: words ``first``..``last`` (inclusive)."""

    first: int
    last: int
    id: str  # an actor, place or source id; "?" + surface text when unknown
    kind: str  # "actor", "place", "source" or "unknown"
    type: str
    surface: str
    via: str = ""  # how a name-less mention was read: "demonym", "voice", "pronoun" (referents)


class Lexicon:
    """The names of a graph, indexed by their first word, longest first."""

    def __init__(self, names: list[Name]):
        self._by_first: defaultdict[str, list[Name]] = defaultdict(list)
        for name in names:
            self._by_first[name.words[0]].append(name)
        for group in self._by_first.values():
            group.sort(key=lambda n: (-len(n.words), n.kind != "actor", not n.label, n.id))
        self._names = tuple(names)
        self.types = {name.id: name.type for name in names}
        self.kinds = {name.id: name.kind for name in names}

    def names(self) -> tuple[Name, ...]:
        """Every name of the lexicon."""
        return self._names

    def starts_name(self, key: str) -> bool:
        """Whether some name starts with the word ``key`` as written (so that a leading
        "ب" is part of the name, as in "بشار الأسد", not a clitic)."""
        return key in self._by_first

    def find(self, found: list[Word], line: str) -> list[Mention]:
        """The mentions in the words ``found`` of ``line``, left to right, not overlapping."""
        mentions: list[Mention] = []
        i = 0
        while i < len(found):
            name = self._match(found, i)
            if name is None:
                i += 1
                continue
            last = i + len(name.words) - 1
            surface = line[found[i].start : found[last].end]
            mentions.append(Mention(i, last, name.id, name.kind, name.type, surface))
            i = last + 1
            sibling = self._coordinated(found, mentions[-1], line)
            if sibling is not None:
                mentions.append(sibling)
                i = sibling.last + 1
        return _with_unknown(mentions, found, line)

    def _coordinated(self, found: list[Word], mention: Mention, line: str) -> Mention | None:
        """A second body that shares all of ``mention``'s name but its last word, written as
        that word alone just after it: "سلاح الجو السوري والروسي" names the Syrian and the
        Russian air forces."""
        k = mention.last + 1
        if mention.kind != "actor" or k >= len(found) or mention.last == mention.first:
            return None
        text = found[k].text
        bare = text[1:] if text[:1] == "و" and len(text) > 3 else text
        head = found[mention.first : mention.last]
        name = self._match([*head, words(bare)[0]], 0)
        if name is None or len(name.words) != len(head) + 1:
            return None
        if name.id == mention.id or name.type != mention.type:
            return None
        return Mention(k, k, name.id, name.kind, name.type, line[found[k].start : found[k].end])

    def _match(self, found: list[Word], i: int) -> Name | None:
        for form in found[i].forms:
            for name in self._by_first.get(form, ()):
                if _fits(name, found, i):
                    return name
        return None


def possessor(found: list[Word], m: Mention) -> bool:
    """Whether mention ``m`` is written as the possessor of what follows ("Iran's enemies",
    "Chaiko's deputy"): then what is named is not ``m`` itself.

    >>> text = "Iran's enemies"
    >>> possessor(words(text), Mention(0, 0, "iran", "actor", "State", "Iran"))
    True
    """
    return m.last + 1 < len(found) and found[m.last + 1].key in ("s", "'s")


def places_in_it(
    lex: Lexicon,
    found: list[Word],
    text: str,
    mentions: list[Mention],
    country: str | None = None,
) -> list[Mention]:
    """``mentions`` and the places named through another: with "فيها" (in it) for the place
    named last before them ("مدينة حلب ... للأحياء الشرقية فيها" is "الأحياء الشرقية في
    حلب", Eastern Aleppo), and with "البلاد" (the country) for ``country``, the state the
    document is about ("شمال شرق البلاد" in a report on Syria is "شمال شرق سوريا"), when the
    lexicon has that name.

    >>> lex = Lexicon([Name(("حلب",), "aleppo", "place", "place", True),
    ...                Name(("الاحياء", "الشرقيه", "في", "حلب"), "east", "place", "place", True),
    ...                Name(("سوريا",), "syria", "actor", "State", True),
    ...                Name(("شمال", "سوريا"), "north", "place", "place", True)])
    >>> text = "حاصرت القوات حلب والأحياء الشرقية فيها"
    >>> named = lex.find(words(text), text)
    >>> [(m.id, m.surface) for m in places_in_it(lex, words(text), text, named)]
    [('aleppo', 'حلب'), ('east', 'والأحياء الشرقية فيها')]
    >>> text = "انسحبوا إلى شمال البلاد"
    >>> [m.id for m in places_in_it(lex, words(text), text, [], "syria")]
    ['north']
    """
    found_places: list[Mention] = []
    covered = {k for m in mentions for k in range(m.first, m.last + 1)}
    for k, word in enumerate(found):
        if word.key in _IN_IT:
            before = [m for m in mentions if m.kind == "place" and m.last < k]
            if not before:
                continue
            where, joiner, low = before[-1].id, ("في",), before[-1].last
        elif word.key in THE_COUNTRY and country is not None:
            where, joiner, low = country, (), -1
        else:
            continue
        for n in (3, 2, 1):
            if k - n <= low or covered & set(range(k - n, k + 1)):
                continue
            place = _named_in(lex, found[k - n : k], where, joiner)
            if place is not None:
                surface = text[found[k - n].start : word.end]
                found_places.append(Mention(k - n, k, place.id, "place", place.type, surface))
                break
    return sorted(mentions + found_places, key=lambda m: m.first) if found_places else mentions


def _named_in(lex: Lexicon, head: list[Word], where: str, joiner: tuple[str, ...]) -> Name | None:
    """The place whose name is the words ``head``, ``joiner`` and a name of ``where``."""
    for name in (n for n in lex.names() if n.id == where):
        phrase = " ".join([*(w.text for w in head), *joiner, *name.words])
        found = words(phrase)
        match = lex._match(found, 0)
        if match is not None and match.kind == "place" and len(match.words) == len(found):
            return match
    return None


def _fits(name: Name, found: list[Word], i: int) -> bool:
    end = i + len(name.words)
    if end > len(found):
        return False
    if name.capitals is not None and found[i].text != name.capitals:
        return False
    return all(w in found[i + k].inner for k, w in enumerate(name.words[1:], 1))


def _with_unknown(mentions: list[Mention], found: list[Word], line: str) -> list[Mention]:
    """``mentions`` plus runs of capitalised English words that they do not cover, but for
    the names of world regions ("the Middle East", "the Gulf"), which are where, not who."""
    covered = {k for m in mentions for k in range(m.first, m.last + 1)}
    extra: list[Mention] = []
    run: list[int] = []
    for i, word in enumerate([*found, None]):
        if word is not None and i not in covered and _capitalised(word, found, i, line):
            run.append(i)
            continue
        if run and not all(found[k].key in _REGIONS for k in run):  # "the Middle East"
            surface = line[found[run[0]].start : found[run[-1]].end]
            extra.append(Mention(run[0], run[-1], "?" + surface, "unknown", "", surface))
        run = []
    return sorted(mentions + extra, key=lambda m: m.first)


def _capitalised(word: Word, found: list[Word], i: int, line: str) -> bool:
    text = word.text
    if not text[:1].isascii() or not text[:1].isupper() or word.key in _NOT_NAMES:
        return False
    at_start = i == 0 or line[found[i - 1].end : word.start].strip()[-1:] in {".", "?", "!"}
    return not at_start or (i + 1 < len(found) and found[i + 1].text[:1].isupper())


def lexicon(gs: GraphStore) -> Lexicon:
    """The lexicon of the actors, places and unnamed sources of ``gs``."""
    from ..query.actors import find_actors

    names: list[Name] = []
    for actor in find_actors(gs):
        labels = [actor.label, actor.label_ar or ""]
        for text in (*labels, *actor.aliases):
            names.extend(_names(text, actor.id, "actor", actor.type, text in labels))
    for row in gs.select(query_text("curation-places.rq")):
        label = row["alias"].value != "true"
        names.extend(_names(row["name"].value, local_id(row["place"].value), "place", "", label))
    for row in gs.select(query_text("curation-sources.rq")):
        names.extend(_names(row["label"].value, local_id(row["source"].value), "source"))
    from .variants import name_variants  # here: variants imports this module

    return Lexicon(names + name_variants(names))


def _names(text: str, ident: str, kind: str, type: str = "", label: bool = True) -> list[Name]:
    """The lexicon entries of one name: as written and without the Arabic article."""
    key = tuple(w.key for w in words(text))
    if not key:
        return []
    capitals = text if _CAPITALS.match(text) else None
    loose = tuple(strip_article(w) for w in key)
    # Without its article a one-word name is a common noun: "هجوم" is an attack, not "الهجوم"
    # (the offensive), and "أسد" a lion. Longer names keep their meaning without it.
    bare = normalise(text) == " ".join(loose) or len(key) == 1
    forms = dict.fromkeys([key] if bare else [key, loose])
    if key[0] == "the" and len(key) > 1:
        # "this regime", "that offensive": a demonstrative picks out the same thing as "the"
        forms.update(dict.fromkeys((word, *key[1:]) for word in _DEMONSTRATIVES))
    return [Name(k, ident, kind, type or kind, label, capitals) for k in forms]
