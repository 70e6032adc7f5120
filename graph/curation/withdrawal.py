"""Who held a place, read from who withdrew from it.

"بدأت وحدات حماية الشعب الانسحاب من ..." and then "الاتفاق على الانسحاب من الشيخ مقصود"
(the agreement on the withdrawal from Sheikh Maqsoud): a party withdraws only from where it
was, so the one withdrawing held the place. "The withdrawal", named again with no one
withdrawing, is the one the document told of last: :class:`Withdrawals` remembers who that
was.

>>> from actorgraph.curation.tokens import words
>>> found = words("بدأت الوحدات الانسحاب من الشيخ مقصود")
>>> ypg = Mention(1, 1, "ypg", "actor", "ArmedGroup", "الوحدات")
>>> place = Mention(4, 5, "sheikh-maqsoud", "place", "place", "الشيخ مقصود")
>>> [(w.id, p.id) for w, p, _ in Withdrawals().read(found, [ypg, place], 0, 5)]
[('ypg', 'sheikh-maqsoud')]
"""

from __future__ import annotations

from .mentions import Mention
from .tokens import Word

__all__ = ["Withdrawals", "WITHDRAWING", "HELD_BEFORE"]

#: Words of withdrawing (keys and forms), Arabic and English.
WITHDRAWING = frozenset(
    {"انسحاب", "انسحبت", "انسحب", "انسحبوا", "تنسحب", "ينسحب"}
    | {"withdraw", "withdrew", "withdrawn", "withdrawal", "withdrawing"}
)
_FROM = frozenset({"من", "from", "out"})
HELD_BEFORE = 0.7  # a holding read from a withdrawal, not from a word of holding


class Withdrawals:
    """The party that withdrew last in a document, as the lines read so far tell."""

    def __init__(self) -> None:
        self.last: Mention | None = None

    def read(
        self, found: list[Word], mentions: list[Mention], start: int, end: int
    ) -> list[tuple[Mention, Mention, int]]:
        """``(party, place, cue)`` for each withdrawal of words ``start``..``end`` from a
        place named right after "from" ("من", "from"): the party is the one named last
        before the word of withdrawing, else the one that withdrew last in the document."""
        found_pairs = []
        for k in range(start, end + 1):
            if WITHDRAWING.isdisjoint(found[k].forms):
                continue
            parties = [m for m in mentions if start <= m.first and m.last < k]
            parties = [m for m in parties if m.kind == "actor"]
            if parties:
                self.last = parties[-1]
            if self.last is None or k + 1 > end or found[k + 1].key not in _FROM:
                continue
            places = [m for m in mentions if m.kind == "place" and m.first == k + 2]
            found_pairs += [(self.last, place, k) for place in places]
        return found_pairs
