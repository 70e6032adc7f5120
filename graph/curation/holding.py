"""Who held a place before: a capture inferred from a change of hands.

A report says who holds a place ("قواته ... السيطرة على حلب", "the army held Aleppo") and,
later, that someone else holds it ("باتت تسيطر على مدينة حلب"). The second party took the
place from the first, though no word of capture links them. :class:`Holders` remembers, line
by line, who each place was held by, and turns a new holder's ``controls`` candidate into a
``capturesTerritoryFrom`` candidate against the holders that the last line to name any
named, unless they are named holding it with the new one. Only what the text itself says
counts: not a holding it denies, nor one carried over from another document (a known tie).

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class C:
...     subject: str
...     relation: str
...     object: str
...     score: float
...     reason: str = ""
...     family: str = "structural"
...     stance: str = "asserted"
...     known: bool = False
>>> holders = Holders()
>>> holders.read([C("syrian-army", "controls", "aleppo", 0.6)], 2)
[]
>>> taken = holders.read([C("hts", "controls", "aleppo", 0.8)], 9)
>>> [(c.subject, c.relation, c.object) for c in taken]
[('hts', 'capturesTerritoryFrom', 'syrian-army')]
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..families import relation_families

__all__ = ["Holders", "CHANGE_OF_HANDS"]

SURE = 0.55  # a holding read with less confidence is neither remembered nor used
CHANGE_OF_HANDS = 0.8  # a capture read from a change of holder, not from a word of capture


class Holders:
    """The holders of each place named so far in a document, and the line that said so."""

    def __init__(self) -> None:
        self._held: dict[str, dict[str, int]] = {}

    def read(self, candidates: list[Any], line: int) -> list[Any]:
        """The captures that ``candidates`` (of one line) imply, then remember their holders."""
        holding = [c for c in candidates if c.relation == "controls" and _said(c)]
        now: dict[str, set[str]] = {}
        for c in holding:
            now.setdefault(c.object, set()).add(c.subject)
        captures = []
        for c in holding:
            held = self._held.get(c.object, {})
            latest = max(held.values(), default=0)
            for before, said in held.items():
                if before in now[c.object] or said != latest:
                    continue
                captures.append(
                    replace(
                        c,
                        relation="capturesTerritoryFrom",
                        family=relation_families()["capturesTerritoryFrom"],
                        object=before,
                        score=round(c.score * CHANGE_OF_HANDS, 3),
                        reason=f"{c.reason} · held before by {before} (line {said})",
                    )
                )
        for place, subjects in now.items():
            for s in subjects:
                self._held.setdefault(place, {})[s] = line
        return captures


def _said(candidate: Any) -> bool:
    """Whether the text itself asserts or claims the holding, with some confidence: not
    denied, not a known tie restated, not one that ends there (a withdrawal), and scored
    :data:`SURE` or more."""
    if getattr(candidate, "ending", False):
        return False
    return candidate.stance != "denied" and not candidate.known and candidate.score >= SURE
