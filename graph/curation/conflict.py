"""The parties to "the conflict" a mediator works on.

"جهود الأمم المتحدة للتوصل إلى تسوية للنزاع فشلت" (the UN's efforts to reach a settlement
of the conflict failed) names a mediator and a conflict, not its parties. In a report about
one state's civil conflict, the parties a mediator stands between are that state's
government and its opposition: :func:`mediated` reads them from the state the document
names most (``Context.in_focus``) and the bodies the lexicon's labels give it
(:attr:`.bodies.Bodies.governments`, :attr:`.bodies.Bodies.oppositions`). A document whose
state has no opposition in the graph gets nothing: the mediator's offer is left for the
curator.

>>> from actorgraph.curation.cues import Cue, CueHit
>>> from actorgraph.curation.tokens import words
>>> found = words("جهود الأمم المتحدة للتوصل إلى تسوية للنزاع")
>>> un = Mention(1, 2, "un", "actor", "InternationalOrganisation", "الأمم المتحدة")
>>> settle = CueHit(Cue("offersMediation", "ar", ("تسويه",), "active", 0.8, "general"), 5, 5)
>>> sides = {"gov": "Government", "opp": "Coalition"}
>>> [(a.id, b.id) for _, _, a, b, _, _ in mediated(found, [un], settle, [], sides)]
[('un', 'gov'), ('un', 'opp')]
"""

from __future__ import annotations

from collections.abc import Callable

from .cues import CueHit
from .hidden import Implied, unreal_before
from .mentions import Mention
from .pairing import Pair, closeness
from .tokens import FUNCTION_WORDS, Word

__all__ = ["mediated", "CONFLICT_WORDS", "BETWEEN_SIDES"]

#: Words for the conflict itself, by their keys ("للنزاع" is read without its clitic).
CONFLICT_WORDS = frozenset({"النزاع", "نزاع", "الصراع", "صراع", "conflict", "war"})
BETWEEN_SIDES = 0.8  # the sides read from the document's state, not named in the sentence
_REACH = 4  # words from the cue to the word for the conflict ("a solution to the conflict")
_IN = frozenset({"في", "in", "of"})
_REFUSED = frozenset({"refused", "rejected", "declined", "رفض", "رفضت", "يرفض", "ترفض"})


def mediated(
    found: list[Word],
    ends: list[Mention],
    hit: CueHit,
    paired: list[Pair],
    sides: dict[str, str],
    state_of: Callable[[str], str | None] = lambda _: None,
) -> list[Implied]:
    """``offersMediation`` from the party named before the cue to each of ``sides`` (actor
    id -> type: the government and the opposition of the document's state), when the cue is
    about "the conflict" and pairs the mediator with no one else. Not for a conflict placed
    elsewhere ("النزاع في السودان"), nor a mediator that is a side or of the sides' state
    (``state_of``: "ودعت المعارضة السورية إلى تسوية النزاع" is a party's call), nor a
    mediation denied ("did not mediate")."""
    if hit.cue.relation != "offersMediation" or not sides:
        return []
    refused = any(w.key in _REFUSED for w in found[max(0, hit.first - 4) : hit.first])
    if any(s.id != o.id for s, o, _ in paired) or refused:
        return []
    if unreal_before(found, hit):
        return []
    k = _conflict_word(found, hit)
    before = [m for m in ends if m.last < hit.first and m.kind == "actor"]
    if k is None or not before:
        return []
    mediator = before[-1]
    home = {state_of(side) for side in sides} - {None}
    if mediator.id in sides or state_of(mediator.id) in home or _placed(found, ends, k, home):
        return []
    near = closeness(found, mediator.first, mediator.last, hit.first, hit.last)
    weight = hit.cue.weight * BETWEEN_SIDES
    return [
        (
            hit.cue.relation,
            weight,
            mediator,
            Mention(k, k, side, "actor", kind, found[k].text, "side"),
            near,
            "a side of the conflict",
        )
        for side, kind in sides.items()
    ]


def _conflict_word(found: list[Word], hit: CueHit) -> int | None:
    """The word for the conflict within reach after the cue, past function words ("a
    political solution to the conflict", "تسوية للنزاع"), or None."""
    for k in range(hit.last + 1, min(len(found), hit.last + 1 + _REACH)):
        if CONFLICT_WORDS & set(found[k].forms):
            return k
        if found[k].key not in FUNCTION_WORDS:
            return None
    return None


def _placed(found: list[Word], ends: list[Mention], k: int, home: set[str | None]) -> bool:
    """Whether the conflict at word ``k`` is placed in a state other than the sides' ("النزاع
    في السودان", "the conflict in Sudan"): "in"/"of" after it, then anything but that state."""
    if k + 1 >= len(found) or found[k + 1].key not in _IN:
        return False
    named = [m for m in ends if m.first == k + 2]
    return not named or named[0].id not in home
