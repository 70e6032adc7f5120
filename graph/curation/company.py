"""Who acts together: parties that the text makes joint agents of one act.

"قصف سلاح الجو السوري والروسي مواقع المعارضة" (the Syrian and Russian air forces struck the
opposition) says who struck whom, and also that the two air forces fight side by side: a
list of attackers is a coalition in the act, which event coders record as co-operation
between its members (:func:`comrades`).

>>> from actorgraph.curation.cues import Cue, CueHit
>>> from actorgraph.curation.tokens import words
>>> found = words("قصف سلاح الجو السوري والروسي مواقع المعارضة")
>>> syrian = Mention(1, 3, "syrian-air-force", "actor", "ArmedForces", "سلاح الجو السوري")
>>> russian = Mention(4, 4, "russian-air-force", "actor", "ArmedForces", "والروسي")
>>> rebels = Mention(6, 6, "opposition", "actor", "ArmedGroup", "المعارضة")
>>> strike = CueHit(Cue("attacks", "ar", ("قصف",), "active", 0.8, "general"), 0, 0)
>>> [(r, a.id, b.id) for r, _, a, b, _, _ in comrades(found, strike,
...     [(syrian, rebels, 0.9), (russian, rebels, 0.8)])]
[('fightsAlongside', 'syrian-air-force', 'russian-air-force')]
"""

from __future__ import annotations

from itertools import combinations

from ..families import narrower
from .clauses import in_parentheses, reported, run_of
from .cues import CueHit
from .hidden import SUFFERED, Implied
from .mentions import Mention
from .pairing import Pair, closeness
from .ties import KnownTies
from .tokens import FUNCTION_WORDS, Word, gap

__all__ = ["comrades", "companions", "TOGETHER", "WITH"]

TOGETHER = 0.8  # joint attackers fight alongside, though no cue of fighting together says so
#: Words that join a companion to the one who acts: "مع" (with), "with", "alongside".
WITH = frozenset({"مع", "with", "alongside"})
_COMMAS = frozenset({",", "،"})
#: Who joins an attack as a companion: armed groups, coalitions and forces. A state set off
#: with "with" is most often a circumstance ("with US approval", "with Russia distracted").
_ARMED = frozenset({"ArmedGroup", "Coalition", "ArmedForces"})


def comrades(found: list[Word], hit: CueHit, paired: list[Pair]) -> list[Implied]:
    """``fightsAlongside`` between the parties that an attack cue makes its joint subjects
    (a list that attacks one target), in the order the text names them, no closer than
    the farther of the two stands to the cue. Only an act of
    force makes comrades: two states that "support" or "condemn" together are not a
    coalition in arms."""
    if hit.cue.relation not in narrower("attacks"):
        return []
    targets: dict[str, set[str]] = {}
    first: dict[str, Mention] = {}
    nearest: dict[str, float] = {}  # how close each agent stands to the cue
    for subject, target, near in paired:
        if subject.kind == "actor" and target.kind == "actor":
            targets.setdefault(subject.id, set()).add(target.id)
            first.setdefault(subject.id, subject)
            nearest[subject.id] = max(near, nearest.get(subject.id, 0.0))
    agents = _joint(found, list(first.values()), hit)
    implied: list[Implied] = []
    for a, b in combinations(agents, 2):
        if targets[a.id] & targets[b.id] and not {a.id, b.id} & (targets[a.id] | targets[b.id]):
            near = closeness(found, a.first, a.last, b.first, b.last)
            near = min(near, nearest[a.id], nearest[b.id])  # as sure as the act's weaker pair
            weight = hit.cue.weight * TOGETHER
            implied.append(("fightsAlongside", weight, a, b, near, "joint attackers"))
    return implied


def _joint(found: list[Word], subjects: list[Mention], hit: CueHit) -> list[Mention]:
    """The list of ``subjects`` that stands right by the cue, in text order: next to it but
    for function words, with no verb of saying or "إن"/"that" between ("روسيا وتركيا إن
    هجوم هيئة تحرير الشام": the two speak of HTS's attack; "Turkey and Iran condemned the
    attack": they condemn it); empty if there is none of two or more."""
    before = sorted((m for m in subjects if m.last < hit.first), key=lambda m: -m.last)
    after = sorted((m for m in subjects if m.first > hit.last), key=lambda m: m.first)
    for side, forward in ((before, False), (after, True)):
        run = run_of(side, found, forward=forward)
        if len(run) < 2:
            continue
        edge = run[0]
        low, high = (edge.last + 1, hit.first) if not forward else (hit.last + 1, edge.first)
        between = found[low:high]
        if reported(between):
            continue
        if _suffered(found, run, low, high):
            continue
        if all(w.key in FUNCTION_WORDS for w in between):
            return sorted(run, key=lambda m: m.first)
    return []


def _suffered(found: list[Word], run: list[Mention], low: int, high: int) -> bool:
    """Whether a verb of suffering stands before the list or between it and the cue: "وتعرضت
    روسيا وتركيا لهجوم", "Russia and Turkey were attacked" name victims, not attackers."""
    first = min(m.first for m in run)
    words_near = found[max(0, first - 2) : first] + found[low:high]
    return any(set(w.forms) & SUFFERED for w in words_near)


def companions(
    found: list[Word], text: str, parties: list[Mention], hit: CueHit, start: int, ties: KnownTies
) -> list[Implied]:
    """The party joined "with" the one who launches an attack, before the cue ("بدأت هيئة
    تحرير الشام، مع فصائل معارضة أقل نفوذا، هجوما": HTS, with less influential factions,
    launched an offensive): it fights alongside that party, and belongs to the coalition
    the graph knows that party to lead (``ties``). "With" must open a phrase set off by
    commas that names an armed group, coalition or force by its name: "a meeting with the
    President", "with US approval", "with Turkish backing" name no companion. The one who
    acts is the party named last before it, outside parentheses (what they hold only
    describes a name).
    """
    if hit.cue.relation not in narrower("attacks"):
        return []
    joined = [
        (k, m)
        for m in parties
        for k in range(max(start, 1), hit.first)
        if (m.first == k + 1 or (m.first == k + 2 and found[k + 1].key == "the"))
        and m.last < hit.first
        and WITH & set(found[k].forms)
        and _set_off(text, found, k, m, hit)
        and m.type in _ARMED
        and not m.via
        and not _in_a_state(found, m)
    ]
    implied: list[Implied] = []
    for k, companion in joined:
        leaders = [
            m for m in parties if m.last < k and not in_parentheses(text, found[m.first].start)
        ]
        if not leaders or leaders[-1].id == companion.id:
            continue
        leader = leaders[-1]
        near = closeness(found, leader.first, leader.last, companion.first, companion.last)
        weight = hit.cue.weight * TOGETHER
        implied.append(("fightsAlongside", weight, leader, companion, near, "attacks with it"))
        coalition = ties.coalition_led_by(leader.id)
        if coalition is not None and coalition != companion.id:
            led = Mention(k, k, coalition, "actor", "Coalition", found[k].text, "led")
            why = f"attacks with {leader.surface!r}, which leads {coalition}"
            near = closeness(found, companion.first, companion.last, hit.first, hit.last)
            implied.append(("memberOf", weight, companion, led, near, why))
    return implied


def _set_off(text: str, found: list[Word], k: int, m: Mention, hit: CueHit) -> bool:
    """Whether "with" (word ``k``) and ``m`` are a phrase set off by commas before the cue
    ("X، مع Y أقل نفوذا، هجوما"), closed within three words after ``m``, with nothing said
    between it and the cue: a companion of the subject, not of a noun ("a meeting with the
    President") nor one who looks on ("with Turkey watching" is no co-agent either, but
    it is a state: see :data:`_ARMED`)."""
    if not set(gap(text, found, k)) & _COMMAS:
        return False
    closes = range(m.last + 1, min(hit.first, m.last + 4) + 1)
    closed = any(set(gap(text, found, j)) & _COMMAS for j in closes)
    return closed and not reported(found[m.last + 1 : hit.first])


def _in_a_state(found: list[Word], m: Mention) -> bool:
    """Whether the words right after ``m`` say what state it is in, making "with" a
    circumstance ("with Hezbollah weakened", "with the army collapsing", "مع حزب الله
    المنسحب"): an English participle, or an Arabic adjective with the article."""
    if m.last + 1 >= len(found):
        return False
    after = found[m.last + 1]
    if after.text.isascii():
        return after.key.endswith(("ed", "ing")) or after.key in {"gone", "out", "busy"}
    return after.key.startswith("ال")
