"""A counted phrase that announces a list: "the three parties ...: Iran, Russia and Hezbollah".

"نظرت المعارضة إلى الجهات الثلاثة التي أنهكتها على مدى سنوات: إيران وروسيا وحزب الله" (the
opposition looked at the three parties that had worn it down for years: Iran, Russia and
Hezbollah). The list after the colon is in apposition to "الجهات الثلاثة": the three parties
stand where the counted phrase stands in the sentence, as the subject of the clause that
describes them. :func:`announced` moves the members of such a list onto the words of the
phrase that counts them, when the count and the list agree.

>>> from actorgraph.curation.tokens import words
>>> text = "the three parties that wore it down: Iran, Russia and Hezbollah"
>>> found = words(text)
>>> named = [Mention(7, 7, "iran", "actor", "State", "Iran"),
...          Mention(8, 8, "russia", "actor", "State", "Russia"),
...          Mention(10, 10, "hezbollah", "actor", "ArmedGroup", "Hezbollah")]
>>> [(m.id, m.first, m.last) for m in announced(found, text, named)]
[('iran', 1, 2), ('russia', 1, 2), ('hezbollah', 1, 2)]
"""

from __future__ import annotations

from dataclasses import replace

from ..text import normalise
from .clauses import run_of
from .mentions import Mention
from .tokens import Word, gap

__all__ = ["announced", "COUNTS", "PARTY_NOUNS"]

#: Number words that count the members of an announced list, by their normalised forms.
COUNTS = {
    **dict.fromkeys(("two", "both"), 2),
    **dict.fromkeys(("three", "الثلاث", "الثلاثة", "ثلاث", "ثلاثة"), 3),
    **dict.fromkeys(("four", "الاربع", "الاربعة", "اربع", "اربعة"), 4),
    **dict.fromkeys(("five", "الخمس", "الخمسة", "خمس", "خمسة"), 5),
}
_COUNTS = {normalise(word): n for word, n in COUNTS.items()}
#: Nouns that count parties (not years, towns or weapons): "الجهات الثلاثة", "three powers".
_PARTY_WORDS = (
    "الجهات جهات الدول دول الأطراف أطراف القوى قوى الفصائل فصائل الجماعات جماعات الحلفاء"
    " حلفاء العواصم الحكومات حكومات parties countries states powers sides groups actors"
    " allies capitals governments nations players factions"
)
PARTY_NOUNS = frozenset(normalise(word) for word in _PARTY_WORDS.split())
_REACH = 12  # words from the counted phrase to the colon that opens its list


def announced(found: list[Word], text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the members of each list that a colon opens moved onto the counted
    phrase that announces it ("الجهات الثلاثة ...: إيران وروسيا وحزب الله"), when the
    phrase counts as many members as the list has; else ``mentions`` unchanged."""
    for k, word in enumerate(found):
        count = _COUNTS.get(word.key)
        if count is None or k == 0 or any(m.first <= k <= m.last for m in mentions):
            continue
        colon = next(
            (j for j in range(k + 1, min(len(found), k + _REACH)) if ":" in gap(text, found, j)),
            None,
        )
        if colon is None:
            continue
        after = [m for m in mentions if m.first >= colon]
        members = run_of(after, found, forward=True)
        if len(members) != count or after[: len(members)] != members:
            continue
        # the counted noun: after an English number ("three parties"), before an Arabic one
        first, last = (k, k + 1) if word.text.isascii() else (k - 1, k)
        noun = found[last if word.text.isascii() else first] if last < len(found) else word
        if PARTY_NOUNS.isdisjoint(noun.forms):
            continue  # "ثلاث سنوات", "three years": not a count of parties
        moved = [replace(m, first=first, last=last) for m in members]
        kept = [m for m in mentions if m not in members]
        return sorted(kept + moved, key=lambda m: (m.first, m.last))
    return mentions
