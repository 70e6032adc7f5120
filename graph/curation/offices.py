"""Who holds which office in a document, and what follows from it.

- A report names a general's command ("سيرجي كيسيل، الجنرال المسؤول عن قواتها") and later
  his successor ("ألكسندر تشيكو سيحل محل كيسيل", "Chaiko will replace Kisel"): the successor
  takes the offices the document has given the one he replaces (:func:`successions`,
  :class:`Offices`).
- A person's own state is the one that dismisses or demotes him when the text names no one
  who does ("خُفضت رتبة سوروفيكين": Surovikin was demoted): only his superiors can
  (:func:`demoted`).

:class:`Offices` remembers, line by line, the offices (``represents`` and the relations
under it: minister, commander, spokesperson ...) that the document's own candidates give each
person, and ties the person to the state of that office for the rest of the reading.

>>> from actorgraph.curation.tokens import words
>>> found = words("ذكرت تقارير أن ألكسندر تشيكو سيحل محل كيسيل")
>>> chaiko = Mention(3, 4, "chaiko", "actor", "Person", "ألكسندر تشيكو")
>>> kisel = Mention(7, 7, "kisel", "actor", "Person", "كيسيل")
>>> [(a.id, b.id) for a, b, _, _ in successions(found, [chaiko, kisel])]
[('chaiko', 'kisel')]
>>> [(a.id, b.id) for a, b, _, _ in successions(words("Kisel was replaced by Chaiko"),
...     [Mention(0, 0, "kisel", "actor", "Person", "Kisel"),
...      Mention(4, 4, "chaiko", "actor", "Person", "Chaiko")])]
[('chaiko', 'kisel')]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..families import narrower
from ..text import normalise
from .hidden import Implied
from .mentions import Mention, possessor
from .tokens import FUNCTION_WORDS, Word

if TYPE_CHECKING:
    from .coreference import Context
    from .cues import CueHit

__all__ = ["Offices", "successions", "demoted", "SUCCESSION", "OWN_STATE"]

SUCCESSION = 0.8  # the successor's office, read from the one he replaces
OWN_STATE = 0.8  # a dismissal whose agent is read as the person's own state
SURE = 0.5  # an office read with less confidence is not remembered
_TAKES_PLACE = frozenset({"يحل", "سيحل", "حل", "تحل", "ستحل"})  # "يحل محل": takes the place of
_PLACE = frozenset({"محل"})
_REPLACES = frozenset({"replace", "replaces", "replaced", "succeed", "succeeds", "succeeded"})
_DEPUTIES = frozenset(normalise(w) for w in ("نائب", "مساعد", "deputy", "aide"))
_MAYBE = frozenset(normalise(w) for w in ("could", "may", "might", "would", "قد", "ربما"))
_AUXILIARIES = frozenset({"was", "were", "is", "has", "had", "been", "will"})
_REACH = 3  # words between the successor and the verb ("Chaiko will soon replace")


class Offices:
    """The offices each person holds, as the lines read so far give them."""

    def __init__(self) -> None:
        self._held: dict[str, dict[tuple[str, str], int]] = {}

    def of(self, person: str) -> list[tuple[str, str, int]]:
        """``(relation, body, line)`` for each office ``person`` was given, in line order."""
        held = self._held.get(person, {})
        return [(r, b, n) for (r, b), n in sorted(held.items(), key=lambda kv: kv[1])]

    def read(self, candidates: list[Any], line: int, context: Context) -> None:
        """Remember the offices that ``candidates`` (of one line) give, not denied and read
        with some confidence; tie a person the graph places nowhere to the office's state."""
        for c in candidates:
            if c.relation not in narrower("represents") or c.score < SURE:
                continue
            if c.stance == "denied" or context.lex.types.get(c.subject) != "Person":
                continue
            self._held.setdefault(c.subject, {}).setdefault((c.relation, c.object), line)
            state = context.state_of(c.object)
            if state is not None and context.ties.country_of(c.subject) is None:
                context.ties.learn(c.subject, state)


def successions(
    found: list[Word], mentions: list[Mention], text: str = ""
) -> list[tuple[Mention, Mention, int, int]]:
    """``(successor, predecessor, first, last)`` for each phrase of succession between two
    people: "A سيحل محل B", "A will replace B", "B was replaced by A" (``first``, ``last``:
    the words of the phrase)."""
    people = [m for m in mentions if m.type == "Person" and m.kind == "actor"]
    found_pairs = []
    for k, word in enumerate(found):
        if word.key in _PLACE and k and set(found[k - 1].forms) & _TAKES_PLACE:
            first, last, passive = k - 1, k, False
        elif word.key in _REPLACES:
            first, last = k, k
            passive = k + 1 < len(found) and found[k + 1].key == "by"
            last += passive
        else:
            continue
        before = [m for m in people if m.last < first and first - m.last <= _REACH]
        after = [m for m in people if last < m.first <= last + 1]
        replaced = before[-1:] if passive else after[:1]
        if replaced and not _whole(found, text, replaced[0], passive):
            continue  # "replace Kisel's deputy", "replace Kisel at the talks": not his office
        successor = after[:1] if passive else before[-1:]
        if successor and not _himself(found, text, successor[0], passive, first):
            continue  # "نائب تشيكو", "by Chaiko's deputy", "could replace": not he, or not yet
        if before and after and before[-1].id != after[0].id:
            a, b = (after[0], before[-1]) if passive else (before[-1], after[0])
            found_pairs.append((a, b, first, last))
    return found_pairs


def _himself(found: list[Word], text: str, m: Mention, passive: bool, verb: int) -> bool:
    """Whether the successor ``m`` is the one who takes the place, and does: not the person
    whose deputy does ("نائب تشيكو", "Chaiko's deputy"), nor one who only might ("could
    replace", "قد يحل"), and after "by" he ends his clause ("replaced by Chaiko.")."""
    if m.first and found[m.first - 1].key in _DEPUTIES:
        return False
    if possessor(found, m):
        return False
    if any(w.key in _MAYBE for w in found[m.last + 1 : verb]):
        return False
    return not passive or _whole(found, text, m, False)


def _whole(found: list[Word], text: str, m: Mention, passive: bool) -> bool:
    """Whether the one replaced, ``m``, is replaced whole: in the active, nothing follows
    him in his clause ("will replace Kisel." but not "Kisel's deputy", "Kisel at the
    talks"); in the passive, the verb follows him ("Kisel was replaced by")."""
    if m.last + 1 >= len(found):
        return not passive
    gap = text[found[m.last].end : found[m.last + 1].start] if text else " "
    if passive:
        return not set(gap) & set("'’") and found[m.last + 1].key in _AUXILIARIES
    return not text or bool(set(gap) & set(".,،;:"))


def demoted(
    found: list[Word],
    parties: list[Mention],
    hit: CueHit,
    paired: list,
    country_of: Callable[[str], str | None],
    start: int = 0,
) -> list[Implied]:
    """The dismissal of the person an Arabic dismissal cue that opens its clause (words from
    ``start``) names right after it with no agent ("وخُفضت رتبة سوروفيكين"), by his own state
    (``country_of``: the state a person belongs to, as far as the reading knows). An
    English "X dismissed Y" names its agent, known or not ("Analysts dismissed ..."), and an
    English passive is the voice's (:func:`.hidden.voice_agent`)."""
    if paired or hit.cue.relation != "dismisses" or hit.cue.lang != "ar":
        return []
    if any(w.key not in FUNCTION_WORDS for w in found[start : hit.first]):
        return []  # only a verb that opens its clause has no agent before it
    after = [m for m in parties if m.type == "Person" and hit.last < m.first <= hit.last + 1]
    state = country_of(after[0].id) if after else None
    if state is None:
        return []
    agent = Mention(hit.first, hit.last, state, "actor", "State", found[hit.first].text, "employer")
    return [("dismisses", hit.cue.weight * OWN_STATE, agent, after[0], 1.0, "no agent: his state")]
