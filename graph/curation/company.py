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
from .tokens import Word

__all__ = ["comrades", "TOGETHER"]

TOGETHER = 0.8  # joint attackers fight alongside, though no cue of fighting together says so


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
