"""A counter-attack answers an attack: the side it is made against attacked first.

"صدت القوات الأوكرانية قوات موسكو في هجوم مضاد خاطف شنته كييف" (Ukrainian forces repelled
Moscow's forces in a swift counter-offensive Kyiv launched) tells of Ukraine's attack, and
also that Russia attacked before: :func:`countered` proposes that earlier attack, state
against state, for the curator to date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..families import relation_families
from .cues import CueHit
from .hidden import Implied, unreal_before
from .mentions import Mention
from .pairing import Pair
from .tokens import Word

__all__ = ["countered"]

# words that make a counter-attack one only spoken of: threatened, planned, conditional
_ONLY_SPOKEN_OF = frozenset(
    {"if", "would", "could", "might", "may", "will", "plan", "plans", "planning", "planned"}
    | {"threatened", "threatens", "warned", "warns", "failed", "any", "اذا", "لو", "هدد"}
    | {"هددت", "تهدد", "يهدد", "حذر", "حذرت", "تعتزم", "يعتزم", "فشل", "فشلت", "سوف"}
)
_COUNTER = frozenset(
    {"مضاد", "المضاد", "مضادا", "مضاده"}
)  # "هجوم مضاد": a counter-attack  # "his full support": the leader's own, not his state's


def countered(
    found: list[Word], hit: CueHit, paired: list[Pair], state_of: Callable[[str], str | None]
) -> list[Implied]:
    """A counter-attack answers an attack: "صدت القوات الأوكرانية قوات موسكو في هجوم مضاد
    شنته كييف" (Ukraine's counter-offensive against Moscow's forces) says that the side it
    is made against attacked first. The earlier attack is told at the level of the war,
    state against state (``state_of``: the state a force or a government belongs to).

    >>> from actorgraph.curation.cues import Cue
    >>> from actorgraph.curation.tokens import words
    >>> found = words("هجوم مضاد شنته كييف على قوات موسكو")
    >>> kyiv = Mention(3, 3, "ukraine", "actor", "State", "كييف")
    >>> moscow = Mention(5, 6, "ru-forces", "actor", "ArmedForces", "قوات موسكو")
    >>> attack = CueHit(Cue("attacks", "ar", ("هجوم",), "active", 0.8, "general"), 0, 0)
    >>> states = {"ukraine": "ukraine", "ru-forces": "russia"}
    >>> [(a.id, p.id) for _, _, a, p, _, _ in countered(found, attack,
    ...     [(kyiv, moscow, 0.9)], states.get)]
    [('russia', 'ukraine')]
    """
    if relation_families()[hit.cue.relation] != "opposes" or not _counter(found, hit):
        return []
    if unreal_before(found, hit) or any(set(w.forms) & _ONLY_SPOKEN_OF for w in found):
        return []  # "ما لم يتمكن من شن هجوم مضاد", "threatened a counter-attack if": none yet
    implied: list[Implied] = []
    for answering, target, near in paired:
        attacker, attacked = _as_state(target, state_of), _as_state(answering, state_of)
        if attacker is None or attacked is None or attacker.id == attacked.id:
            continue
        why = "a counter-attack answers an attack"
        implied.append(("attacks", hit.cue.weight, attacker, attacked, near, why))
    return implied


def _as_state(m: Mention, state_of: Callable[[str], str | None]) -> Mention | None:
    """``m`` read as its state (itself if it is one), or None if it has none."""
    state = state_of(m.id)
    if state is None or state == m.id:
        return m if state == m.id else None
    return replace(m, id=state, type="State", via="its state")


def _counter(found: list[Word], hit: CueHit) -> bool:
    """Whether the cue names a counter-attack: "هجوم مضاد", "counteroffensive",
    "counter-attack", "counter offensive"."""
    word = found[hit.first].key
    after = found[hit.last + 1].key if hit.last + 1 < len(found) else ""
    before = found[hit.first - 1].key if hit.first else ""
    return word.startswith("counter") or before == "counter" or after in _COUNTER
