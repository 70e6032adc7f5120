"""Who a bare title stands for: "الوزير الإيراني", "the Turkish foreign minister".

A report names an official in full once ("وزير الخارجية الإيراني عباس عراقجي") and later by
the title alone ("قال الوزير الإيراني"), sometimes before the full name comes at all ("سأعقد
اجتماعا مع وزير الخارجية التركي" ten lines before "بنظيره التركي هاكان فيدان"). A reader of
the whole document knows who is meant. :meth:`Titles.learn` notes, over the whole document
(:func:`.coreference.read_ahead`), each person named right after a title and a state's
demonym; :meth:`Titles.read` reads a bare title (a role word and a demonym, no name after
them) as its holder when the document names exactly one for that role, state and portfolio.

>>> from actorgraph.curation.mentions import Name, Lexicon
>>> from actorgraph.curation.tokens import words
>>> lex = Lexicon([Name(("عباس", "عراقجي"), "araghchi", "actor", "Person", True)])
>>> titles = Titles()
>>> text = "وصل وزير الخارجية الإيراني عباس عراقجي"
>>> titles.learn(words(text), lex.find(words(text), text) + [_demonym(3, "iran")])
>>> text = "وقال الوزير الإيراني إن الزيارة جيدة"
>>> [(m.id, m.surface, m.via) for m in titles.read(words(text), text, [_demonym(2, "iran")])]
[('araghchi', 'الوزير الإيراني', 'title')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from .cues import Cue, CueHit, find_cues, load_cues
from .mentions import Mention
from .modifiers import former
from .tokens import FUNCTION_WORDS, Word

__all__ = ["Titles"]

_REACH = 3  # words from a title's role word to its demonym
_NAMED = 2  # a person this close after a title is the one it names


@dataclass
class Titles:
    """(role relation, state) -> each person a document names with that title -> the
    portfolio words written with it (empty for "his counterpart": any portfolio)."""

    held: dict[tuple[str, str], dict[str, frozenset[str]]] = field(default_factory=dict)

    def learn(self, found: list[Word], mentions: list[Mention]) -> None:
        """Note the titled people of a line: "وزير الخارجية الإيراني عباس عراقجي", "Iranian
        Foreign Minister Abbas Araghchi", "بنظيره التركي هاكان فيدان"."""
        for hit, state, portfolio in _titles(found, mentions):
            people = [m for m in _named(mentions, hit, state) if not m.via]
            if people and not former(found, hit.first, hit.last):
                holders = self.held.setdefault((hit.cue.relation, state.id), {})
                holders[people[0].id] = holders.get(people[0].id, frozenset()) | portfolio

    def read(self, found: list[Word], text: str, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` with each bare title read as the one person the document names
        with it (the title's demonym gives way to the person)."""
        for hit, state, portfolio in _titles(found, mentions):
            if _named(mentions, hit, state):
                continue  # the title of the person named next
            if former(found, hit.first, hit.last + 2):
                continue
            holders = self.held.get((hit.cue.relation, state.id), {})
            fit = [
                p for p, held in holders.items() if not (portfolio and held) or portfolio == held
            ]
            if len(fit) != 1:
                continue
            first, last = min(hit.first, state.first), max(hit.last, state.last)
            surface = text[found[first].start : found[last].end]
            person = Mention(first, last, fit[0], "actor", "Person", surface, "title")
            mentions = sorted([m for m in mentions if m is not state] + [person], key=_at)
        return mentions


def _named(mentions: list[Mention], hit: CueHit, state: Mention) -> list[Mention]:
    """The person a title names: right after it, or one word on ("الوزير الإيراني إسماعيل
    بقائي"; not "الوزير الإيراني إنه التقى مع هاكان فيدان", where a clause comes between)."""
    end = max(hit.last, state.last)
    return [m for m in mentions if m.type == "Person" and 0 < m.first - end <= _NAMED]


def _at(mention: Mention) -> int:
    return mention.first


def _titles(found: list[Word], mentions: list[Mention]) -> list[tuple[CueHit, Mention, frozenset]]:
    """Each role word with the state's demonym that qualifies it (after it in Arabic, "وزير
    الخارجية الإيراني"; before it in English, "Iranian Foreign Minister") and the portfolio
    words between them ("الخارجية", "foreign"), articles left out. A plural ("ministers")
    names no one person; a counterpart has no portfolio of its own."""
    covered = {k for m in mentions if m.via != "demonym" for k in range(m.first, m.last + 1)}
    demonyms = [m for m in mentions if m.via == "demonym" and m.type == "State"]
    found_titles = []
    for hit in find_cues(found, _role_cues()):
        if not covered.isdisjoint(hit.whole_words):
            continue  # part of a name ("الرئيس السوري" is a name of Assad)
        if hit.cue.lang == "en":
            plural = found[hit.last].key == hit.cue.words[-1] + "s"
            side = [d for d in demonyms if 0 < hit.first - d.last <= _REACH and not plural]
            between = range(side[-1].last + 1, hit.first) if side else range(0)
        else:
            side = [d for d in demonyms if 0 < d.first - hit.last <= _REACH]
            between = range(hit.last + 1, side[0].first) if side else range(0)
        if not side or not covered.isdisjoint(between):
            continue
        portfolio = frozenset(
            found[k].key.removeprefix("ال") for k in between if found[k].key not in FUNCTION_WORDS
        )
        found_titles.append((hit, side[-1] if hit.cue.lang == "en" else side[0], portfolio))
    return found_titles


@cache
def _role_cues() -> tuple[Cue, ...]:
    """The role words of the cue lexicon ("وزير", "minister", "نظيره")."""
    return tuple(c for c in load_cues() if c.voice == "role")


def _demonym(at: int, state: str) -> Mention:
    """A demonym mention, for the examples."""
    return Mention(at, at, state, "actor", "State", "", "demonym")
