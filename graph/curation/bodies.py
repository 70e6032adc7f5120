"""What the labels of a lexicon say of its forces and governments, computed once per lexicon.

A suggestion needs to know that "القوات الروسية" is Russia's, which force is a state's main
one and which body is its government. The labels say it: :class:`Bodies` reads the demonyms
in them (``referents.tsv``). It depends only on the lexicon, so :func:`bodies_of` computes it
once for a lexicon and every document read with that lexicon shares it.

>>> from actorgraph.curation.mentions import Lexicon, Name
>>> lex = Lexicon([Name(("russia",), "russia", "actor", "State", True),
...                Name(("russian", "forces"), "ru-forces", "actor", "ArmedForces", True),
...                Name(("russian", "air", "force"), "ru-air", "actor", "ArmedForces", True)])
>>> facts = bodies_of(lex)
>>> facts.forces, facts.air_forces, facts.labelled["ru-air"]
({'russia': 'ru-forces'}, {'russia': 'ru-air'}, ('russia',))
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from weakref import WeakKeyDictionary

from ..text import strip_article
from .mentions import Lexicon, Name
from .referents import find_referents
from .tokens import words

__all__ = ["Bodies", "bodies_of"]

_GOVERNMENT = frozenset({"government", "حكومه", "الحكومه"})
_OPPOSITION = frozenset({"opposition", "معارضه", "المعارضه"})
_AIR = frozenset({"air", "جو", "الجو", "جويه", "الجويه"})
_BRANCH = _AIR | {"navy", "naval", "بحريه"}
_ARTICLE = frozenset({"the"})
_GENERIC = frozenset({"ministry", "وزاره", "of", "affairs", "department"})
_SHARED: WeakKeyDictionary[Lexicon, Bodies] = WeakKeyDictionary()


def bodies_of(lex: Lexicon) -> Bodies:
    """The :class:`Bodies` of ``lex``, computed once for it."""
    if lex not in _SHARED:
        _SHARED[lex] = Bodies(lex)
    return _SHARED[lex]


class Bodies:
    """The states that the labels of a lexicon's bodies name, and each state's government,
    main force and air force."""

    def __init__(self, lex: Lexicon):
        self.lex = lex

    @cached_property
    def labelled(self) -> dict[str, tuple[str, ...]]:
        """Actor id -> the states the demonyms in its labels name ("القوات الروسية")."""
        found: dict[str, dict[str, None]] = {}
        for name in self.lex.names():
            if name.label and name.kind == "actor" and name.type != "State":
                for _, _, ref in find_referents(words(" ".join(name.words)), ()):
                    if self.lex.types.get(ref.refers_to) == "State":
                        found.setdefault(name.id, {})[ref.refers_to] = None
        return {actor: tuple(states) for actor, states in found.items() if len(states) == 1}

    @cached_property
    def named_governments(self) -> frozenset[str]:
        """The Government actors a label of which says "government" ("الحكومة السورية", "a
        future Syrian government"), as opposed to organs such as a presidency."""
        return frozenset(
            name.id
            for name in self.lex.names()
            if name.type == "Government" and name.label and _GOVERNMENT & set(name.words)
        )

    @cached_property
    def governments(self) -> dict[str, str]:
        """State id -> its government: the Government actor whose label has the word
        "government" ("الحكومة السورية"), the state's demonym and the shortest label."""
        return self._shortest("Government", lambda name: bool(_GOVERNMENT & set(name.words)))

    def _shortest(self, kind: str, fits: Callable[[Name], bool]) -> dict[str, str]:
        """State id -> the ``kind`` actor with the shortest label that ``fits`` and carries
        the state's demonym (ties broken by id)."""
        found: dict[str, tuple[int, str]] = {}
        for name in self.lex.names():
            if name.type != kind or not name.label or not fits(name):
                continue
            for state in self.labelled.get(name.id, ()):
                if (len(name.words), name.id) < found.get(state, (99, "")):
                    found[state] = (len(name.words), name.id)
        return {state: ident for state, (_, ident) in found.items()}

    @cached_property
    def oppositions(self) -> dict[str, str]:
        """State id -> its opposition: the coalition one of whose labels is the word
        "opposition" and the state's demonym, nothing else ("المعارضة السورية", "Syrian
        opposition"; not "الفصائل المعارضة", the opposing factions)."""
        found: dict[str, str] = {}
        for name in self.lex.names():
            rest = [w for w in name.words if w not in _OPPOSITION]
            if name.type != "Coalition" or not name.label or len(name.words) != 2 or len(rest) != 1:
                continue
            for _, _, ref in find_referents(words(rest[0]), ()):
                if ref.kind == "demonym" and self.lex.types.get(ref.refers_to) == "State":
                    found.setdefault(ref.refers_to, name.id)
        return found

    @cached_property
    def air_forces(self) -> dict[str, str]:
        """State id -> its air force: the force whose label carries the state's demonym and
        an air word ("سلاح الجو الروسي")."""
        return self._shortest("ArmedForces", lambda name: bool(_AIR & set(name.words)))

    @cached_property
    def forces(self) -> dict[str, str]:
        """State id -> its main armed force: the force whose label carries the state's
        demonym and no branch word ("air", "الجو"), the shortest such label first."""
        return self._shortest("ArmedForces", lambda name: not _BRANCH & set(name.words))

    def office(self, state: str, keys: tuple[str, ...]) -> str | None:
        """The body of ``state`` whose label, but its demonym, has the telling words of
        ``keys`` (not "ministry", "وزارة", "of"): ("وزاره", "الداخليه") and Iraq give "وزارة
        الداخلية العراقية"; ("the", "foreign", "ministry") and Turkey give "Turkish Ministry of
        Foreign Affairs"."""
        telling = _bare(keys) - _GENERIC
        found = [b for (s, rest), b in self._offices.items() if s == state and telling <= rest]
        return found[0] if telling and len(set(found)) == 1 else None

    @cached_property
    def _offices(self) -> dict[tuple[str, frozenset[str]], str]:
        """(state, the words of a label but its demonym) -> the body of that state."""
        found: dict[tuple[str, frozenset[str]], str] = {}
        for name in self.lex.names():
            states = self.labelled.get(name.id, ())
            if not name.label or name.type != "Government" or len(states) != 1:
                continue
            named = words(" ".join(name.words))
            demonym = {
                k for first, last, _ in find_referents(named, ()) for k in range(first, last + 1)
            }
            rest = _bare(tuple(w.key for k, w in enumerate(named) if k not in demonym))
            if rest:
                found.setdefault((states[0], rest), name.id)
        return found


def _bare(keys: tuple[str, ...]) -> frozenset[str]:
    """``keys`` without articles, as a set: "الداخلية" and "داخلية" are one word here."""
    return frozenset(strip_article(k) for k in keys) - _ARTICLE
