"""Who a bare title stands for: "الوزير الإيراني", "the Turkish foreign minister".

A report names an official in full once ("وزير الخارجية الإيراني عباس عراقجي") and later by
the title alone ("قال الوزير الإيراني"), sometimes before the full name comes at all ("سأعقد
اجتماعا مع وزير الخارجية التركي" ten lines before "بنظيره التركي هاكان فيدان"). A reader of
the whole document knows who is meant. :meth:`Titles.learn` notes, over the whole document
(:func:`.coreference.read_ahead`), each person named right after a title and a state's
demonym; :meth:`Titles.read` reads a bare title (a role word and a demonym, no name after
them) as its holder when the document names exactly one for that role, state and portfolio.
:func:`learn_states` ties a person named right after a demonym or a body of one state to that
state ("متحدث وزارة الداخلية العراقية مقداد ميري": Miri is Iraqi).

>>> from actorgraph.curation.mentions import Name, Lexicon
>>> from actorgraph.curation.tokens import words
>>> lex = Lexicon([Name(("عباس", "عراقجي"), "araghchi", "actor", "Person", True)])
>>> def iranian(at):
...     return Mention(at, at, "iran", "actor", "State", "الإيراني", "demonym")
>>> titles = Titles()
>>> text = "وصل وزير الخارجية الإيراني عباس عراقجي"
>>> titles.learn(words(text), lex.find(words(text), text) + [iranian(3)])
>>> text = "وقال الوزير الإيراني إن الزيارة جيدة"
>>> [(m.id, m.surface, m.via) for m in titles.read(words(text), text, [iranian(2)])]
[('araghchi', 'الوزير الإيراني', 'title')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ..text import strip_article
from .cues import Cue, CueHit, find_cues, load_cues
from .mentions import Mention
from .modifiers import former, plural_role
from .tokens import FUNCTION_WORDS, Word, sentence_ends, words

if TYPE_CHECKING:
    from .coreference import Context

__all__ = ["Titles", "learn_states"]

_REACH = 3  # words from a title's role word to its demonym
_NAMED = 2  # a person this close after a title is the one it names
_COUNTERPART = frozenset({"نظيره", "counterpart"})
_RANKS = frozenset(w.key for w in words("نائب مساعد وكيل deputy vice assistant acting under"))
_UNSETTLED = frozenset(w.key for w in words("المنتخب المكلف بالوكالة elect designate"))


@dataclass(frozen=True)
class _Title:
    """A role word and the demonym that qualifies it, with the portfolio words between."""

    hit: CueHit
    state: Mention
    portfolio: frozenset[str]

    @property
    def end(self) -> int:
        return max(self.hit.last, self.state.last)

    @property
    def counterpart(self) -> bool:
        """ "His counterpart" ("نظيره"): a title only by the other side's."""
        return self.hit.cue.words[0] in _COUNTERPART


@dataclass
class Titles:
    """(role relation, state) -> each person a document names with that title -> the
    portfolio words written with it."""

    held: dict[tuple[str, str], dict[str, frozenset[str]]] = field(default_factory=dict)

    def learn(self, found: list[Word], mentions: list[Mention]) -> None:
        """Note the titled people of a line, named right after their title: "وزير الخارجية
        الإيراني عباس عراقجي", "Iranian Foreign Minister Abbas Araghchi". A counterpart
        ("بنظيره التركي هاكان فيدان") holds the title of the person named with one before it
        in the line ("وزير الخارجية الأميركي أنتوني بلينكن"), and nothing without one."""
        other: tuple[str, frozenset[str]] | None = None
        for title in _titles(found, mentions):
            named = [m for m in mentions if m.type == "Person" and m.first == title.end + 1]
            if not named or named[0].via or _not_holder(found, title):
                continue
            relation, portfolio = title.hit.cue.relation, title.portfolio
            if title.counterpart:
                if other is None:
                    continue
                relation, portfolio = other
            other = (relation, portfolio)
            holders = self.held.setdefault((relation, title.state.id), {})
            holders[named[0].id] = holders.get(named[0].id, frozenset()) | portfolio

    def read(self, found: list[Word], text: str, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` with each bare title read as the one person the document names
        with it (the title's demonym gives way to the person)."""
        for title in _titles(found, mentions):
            if title.counterpart or _not_holder(found, title) or _named(mentions, title):
                continue
            if title.hit.cue.lang == "en" and _capitalised_next(found, title.end):
                continue  # "the Russian General Staff", "Turkish Foreign Minister Yaşar Güler"
            holders = self.held.get((title.hit.cue.relation, title.state.id), {})
            fit = [
                p for p, held in holders.items() if held == title.portfolio or not title.portfolio
            ]
            if len(fit) != 1:
                continue
            first, last = min(title.hit.first, title.state.first), title.end
            surface = text[found[first].start : found[last].end]
            person = Mention(first, last, fit[0], "actor", "Person", surface, "title")
            mentions = sorted([m for m in mentions if m is not title.state] + [person], key=_at)
        return mentions


def _named(mentions: list[Mention], title: _Title) -> list[Mention]:
    """The person a title names: right after it, or one word on ("الوزير الإيراني إسماعيل
    بقائي"; not "الوزير الإيراني إنه التقى مع هاكان فيدان", where a clause comes between)."""
    return [m for m in mentions if m.type == "Person" and 0 < m.first - title.end <= _NAMED]


def _not_holder(found: list[Word], title: _Title) -> bool:
    """Whether the title is not the office itself: a deputy's or an assistant's ("نائب وزير
    الخارجية", "Deputy Foreign Minister"), one held no more or not yet ("السابق", "المنتخب",
    "former", "elect")."""
    first = min(title.hit.first, title.state.first)
    span = found[max(0, first - 1) : title.end + 1]
    after = found[title.end + 1 : title.end + 2]
    return (
        any(f in _RANKS for w in span for f in w.forms)
        or any(f in _UNSETTLED for w in after for f in w.forms)
        or former(found, title.hit.first, title.end)
    )


def _capitalised_next(found: list[Word], end: int) -> bool:
    """Whether the word after an English title starts with a capital: a name the lexicon does
    not know, or a compound ("General Staff")."""
    return end + 1 < len(found) and found[end + 1].text[:1].isupper()


def _at(mention: Mention) -> int:
    return mention.first


def _titles(found: list[Word], mentions: list[Mention]) -> list[_Title]:
    """Each role word with the state's demonym that qualifies it (after it in Arabic, "وزير
    الخارجية الإيراني"; before it in English, "Iranian Foreign Minister") and the portfolio
    words between them ("الخارجية", "foreign"), articles left out. A plural ("ministers")
    names no one person."""
    covered = {k for m in mentions if m.via != "demonym" for k in range(m.first, m.last + 1)}
    demonyms = [m for m in mentions if m.via == "demonym" and m.type == "State"]
    found_titles = []
    for hit in find_cues(found, _role_cues()):
        if not covered.isdisjoint(hit.whole_words):
            continue  # part of a name ("الرئيس السوري" is a name of Assad)
        if hit.cue.lang == "en":
            plural = plural_role(found, hit)
            side = [d for d in demonyms if 0 < hit.first - d.last <= _REACH and not plural][-1:]
            between = range(side[0].last + 1, hit.first) if side else range(0)
        else:
            side = [d for d in demonyms if 0 < d.first - hit.last <= _REACH][:1]
            between = range(hit.last + 1, side[0].first) if side else range(0)
        if not side or not covered.isdisjoint(between):
            continue
        portfolio = frozenset(
            strip_article(found[k].key) for k in between if found[k].key not in FUNCTION_WORDS
        )
        found_titles.append(_Title(hit, side[0], portfolio))
    return found_titles


@cache
def _role_cues() -> tuple[Cue, ...]:
    """The role words of the cue lexicon ("وزير", "minister", "نظيره")."""
    return tuple(c for c in load_cues() if c.voice == "role")


def learn_states(
    context: Context, named: list[Mention], extra: list[Mention], found: list[Word], text: str
) -> None:
    """Tie each person named up to three words after a state's demonym, or right after a
    body whose label names one state ("متحدث وزارة الداخلية العراقية مقداد ميري"), in the same
    sentence (:func:`.tokens.sentence_ends`), to that state ("the Turks. I think Lloyd Austin
    spoke" says nothing of him); not the next member of a list ("وفد سوري وهاكان فيدان"), nor
    a person the graph already ties to a state."""
    labelled, ties = context.bodies.labelled, context.ties
    states = [(m, m.id) for m in extra if m.via == "demonym" and m.type == "State"]
    # a body's title before a name that nothing else ties: not a list ("ممثلو الحكومة السورية
    # وهاكان فيدان": Fidan is no Syrian), nor a person the graph already places
    states += [(m, labelled[m.id][0]) for m in named if len(labelled.get(m.id, ())) == 1]
    close = [
        (mention, state, person)
        for mention, state in states
        for person in named
        if person.type == "Person"
        and 0 < person.first - mention.last <= (3 if mention.via == "demonym" else 1)
        and ties.country_of(person.id) is None
        and not _joined(found, text, mention.last, person.first)
    ]
    ends = sentence_ends(text, found) if close else []
    for mention, state, person in close:
        if ends[mention.last] == ends[person.first]:
            ties.learn(person.id, state)


def _joined(found: list[Word], text: str, left: int, right: int) -> bool:
    """Whether word ``right`` starts a new member of a list after word ``left``: a comma, or
    "and" ("و" written on a word), between them ("وفد سوري وهاكان فيدان")."""
    between = text[found[left].end : found[right].start]
    joins = any(w.key[:1] == "و" or w.key == "and" for w in found[left + 1 : right + 1])
    return any(c in between for c in ",،") or joins
