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
from .cues import CueHit
from .hidden import Implied
from .mentions import Mention
from .pairing import Pair, closeness
from .ties import KnownTies
from .tokens import Word

__all__ = ["comrades", "companions", "TOGETHER", "WITH"]

TOGETHER = 0.8  # joint attackers fight alongside, though no cue of fighting together says so
#: Words that join a companion to the one who acts: "مع" (with), "with", "alongside".
WITH = frozenset({"مع", "with", "alongside"})


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
    agents = sorted(first.values(), key=lambda m: m.first)
    implied: list[Implied] = []
    for a, b in combinations(agents, 2):
        if targets[a.id] & targets[b.id] and not {a.id, b.id} & (targets[a.id] | targets[b.id]):
            near = closeness(found, a.first, a.last, b.first, b.last)
            near = min(near, nearest[a.id], nearest[b.id])  # as sure as the act's weaker pair
            weight = hit.cue.weight * TOGETHER
            implied.append(("fightsAlongside", weight, a, b, near, "joint attackers"))
    return implied


def companions(
    found: list[Word], text: str, parties: list[Mention], hit: CueHit, start: int, ties: KnownTies
) -> list[Implied]:
    """The party joined "with" the one who launches an attack, before the cue ("بدأت هيئة
    تحرير الشام، مع فصائل معارضة أقل نفوذا، هجوما": HTS, with less influential factions,
    launched an offensive): it fights alongside that party, and belongs to the coalition
    the graph knows that party to lead (``ties``). "With" must open a phrase set off by a
    comma: "a meeting with the President" names no companion. The one who acts is the
    party named last before it, outside parentheses (what they hold only describes a name).
    """
    if hit.cue.relation not in narrower("attacks"):
        return []
    joined = [
        (k, m)
        for m in parties
        for k in range(max(start, 1), hit.first)
        if m.first == k + 1
        and m.last < hit.first
        and WITH & set(found[k].forms)
        and _set_off(text, found, k)
    ]
    implied: list[Implied] = []
    for k, companion in joined:
        leaders = [m for m in parties if m.last < k and not _bracketed(text, found, m)]
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


def _set_off(text: str, found: list[Word], k: int) -> bool:
    """Whether "with" (word ``k``) opens a phrase set off by a comma ("X، مع Y، هجوما"): a
    companion of the subject, not of a noun ("a meeting with the President")."""
    return bool(set(text[found[k - 1].end : found[k].start]) & {",", "،"})


def _bracketed(text: str, found: list[Word], m: Mention) -> bool:
    """Whether mention ``m`` stands within parentheses of ``text``."""
    at = found[m.first].start
    opened = text.rfind("(", 0, at)
    return opened >= 0 and text.rfind(")", opened, at) < 0 and text.find(")", at) >= 0
