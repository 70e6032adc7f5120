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
from .tokens import FUNCTION_WORDS, Word

__all__ = ["Withdrawals", "WITHDREW", "WITHDRAWAL", "HELD_BEFORE"]

#: Verbs of withdrawing: their subject withdraws ("انسحبت القوات", "the forces withdrew").
WITHDREW = frozenset(
    {"انسحبت", "انسحب", "انسحبوا", "تنسحب", "ينسحب", "ينسحبون"}
    | {"withdraw", "withdrew", "withdraws", "withdrawn"}
)
#: Nouns of withdrawing: whose it is, the text must say, or it is the one told last.
WITHDRAWAL = frozenset({"انسحاب", "الانسحاب", "withdrawal", "pullout"})
# verbs whose subject does the withdrawing they take as object: "بدأت الانسحاب", "began the
# withdrawal"; not "دعت إلى الانسحاب", "welcomed the withdrawal"
_BEGAN = frozenset(
    {"بدات", "بدا", "بدءت", "اكملت", "اكمل", "اتمت", "began", "started", "completed"}
)
_FROM = frozenset({"من", "from"})
_OF = frozenset({"of", "by"})
HELD_BEFORE = 0.7  # a holding read from a withdrawal, not from a word of holding


class Withdrawals:
    """The party that withdrew last in a document, as the lines read so far tell."""

    def __init__(self) -> None:
        self.last: Mention | None = None

    def read(
        self, found: list[Word], mentions: list[Mention], start: int, end: int
    ) -> list[tuple[Mention, Mention, int]]:
        """``(party, place, cue)`` for each withdrawal of words ``start``..``end`` from a
        place named after "from" ("من", "from"). The party: the subject of a verb of
        withdrawing (before it, or right after it in Arabic); the one named after a noun of
        withdrawing ("انسحاب قوات النظام من", "the withdrawal of the army from"); the subject
        of a verb that begins it ("بدأت الوحدات الانسحاب"); else, for a noun with none of
        these, the party that withdrew last in the document. One who calls for a withdrawal
        or welcomes it withdraws from nothing."""
        found_pairs = []
        parties = [m for m in mentions if m.kind == "actor" and start <= m.first <= end]
        for k in range(start, end + 1):
            forms = set(found[k].forms)
            if forms.isdisjoint(WITHDREW | WITHDRAWAL):
                continue
            party, at = self._party(found, parties, k, bool(forms & WITHDREW))
            if party is not None:
                self.last = party
            remembered = party is None
            party = party or (self.last if forms & WITHDRAWAL else None)
            if party is None or at + 1 > end or found[at + 1].key not in _FROM:
                continue
            places = [m for m in mentions if m.kind == "place" and m.first == at + 2]
            found_pairs += [(party, p, k) for p in places if not _qualifies(found, p, remembered)]
        return found_pairs

    @staticmethod
    def _party(
        found: list[Word], parties: list[Mention], k: int, verb: bool
    ) -> tuple[Mention | None, int]:
        """Who withdraws at word ``k``, named in the sentence, and the last word of the
        phrase ("from" follows it): (None, k) if the sentence does not name them."""
        of = 1 if k + 1 < len(found) and found[k + 1].key in _OF else 0
        after = next((m for m in parties if m.first == k + 1 + of), None)
        before = [m for m in parties if m.last < k]
        if not verb and after is not None:  # "انسحاب قوات النظام من", "withdrawal of X from"
            return after, after.last
        if verb and before and k - before[-1].last <= 3:
            return before[-1], k
        if verb and after is not None and not of:  # "انسحبت القوات الكردية من"
            return after, after.last
        if before and _began(found, before[-1], k):
            return before[-1], k
        return None, k


def _qualifies(found: list[Word], place: Mention, remembered: bool) -> bool:
    """Whether ``place`` only qualifies what follows it ("withdrew from Istanbul talks"), or,
    for a withdrawal whose party the document remembers, another party is named after it
    ("the withdrawal from Idlib of its own troops")."""
    if place.last + 1 >= len(found):
        return False
    after = found[place.last + 1]
    if after.start - found[place.last].end > 1:
        return False  # punctuation: the place ends its phrase
    if after.text.isascii() and after.text.islower() and after.key not in FUNCTION_WORDS:
        return True
    return remembered and after.key in _OF


def _began(found: list[Word], party: Mention, k: int) -> bool:
    """Whether ``party`` is the subject of a verb that begins the withdrawal at word ``k``:
    "الوحدات بدأت الانسحاب", "بدأت الوحدات الانسحاب", "the YPG began the withdrawal"."""
    began = [j for j in range(max(0, party.first - 1), k) if set(found[j].forms) & _BEGAN]
    if not began:
        return False
    return (began[0] == party.first - 1 and party.last == k - 1) or (
        party.last < began[0] and began[0] - party.last <= 2 and began[-1] >= k - 2
    )
