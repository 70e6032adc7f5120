"""A name said again without its generic head: "قوات المعارضة ... (المعارضة)".

A report names "قوات المعارضة" (the opposition forces) and, a few words later, "المعارضة"
(the opposition). The second is the first again, shortened, not the political opposition
that "المعارضة" alone names in the lexicon: :func:`short_forms` reads it so, within a line.
"""

from __future__ import annotations

from dataclasses import replace

from .mentions import Mention
from .tokens import FUNCTION_WORDS, Word, sentence_ends

__all__ = ["short_forms", "GENERIC_HEADS"]

#: Heads a shortened name drops ("قوات المعارضة" -> "المعارضة", "opposition forces").
GENERIC_HEADS = frozenset({"قوات", "forces", "troops"})
# words that start with "ال" and are no adjective: "إلى", "التي", "الذي", "الذين", "إلا"
_PARTICLES = frozenset({"الي", "التي", "الذي", "الذين", "اللذين", "اللتين", "الا", "الان"})


def short_forms(found: list[Word], mentions: list[Mention], text: str = "") -> list[Mention]:
    """``mentions`` with a name read as the fuller name it shortens, said earlier in the line
    with a generic head: "قوات المعارضة ... (المعارضة)" is one actor, the opposition forces,
    not the political opposition that "المعارضة" alone names. Only a head such as "forces"
    ("قوات") is dropped: "كتائب حزب الله ... حزب الله" names two groups. The two must be
    actors of one kind: "US forces ... the US", "قوات النظام ... النظام", "قوات موسكو ...
    موسكو" name a force and then its state or government. An adjective after the short
    form says it is another ("المعارضة السياسية": the political opposition), and so does a
    sentence boundary between them, given the line's ``text``.

    >>> from actorgraph.curation.tokens import words
    >>> found = words("Opposition forces took Aleppo, the opposition said")
    >>> named = [Mention(0, 1, "factions", "actor", "Coalition", "Opposition forces"),
    ...          Mention(5, 5, "opposition", "actor", "Coalition", "opposition")]
    >>> [m.id for m in short_forms(found, named)]
    ['factions', 'factions']
    """
    shortened = list(mentions)
    ends = sentence_ends(text, found) if text else [0] * len(found)
    for i, m in enumerate(mentions):
        if m.kind != "actor" or m.via:
            continue
        if _qualified(found, m):
            continue  # "المعارضة السياسية": the political opposition, not the forces
        fuller = [
            e
            for e in mentions[:i]
            if e.kind == "actor"
            and not e.via
            and e.id != m.id
            and e.type == m.type
            and ends[e.first] == ends[m.first]  # in one sentence
        ]
        for e in fuller:
            if _shortens(found[e.first : e.last + 1], found[m.first : m.last + 1]):
                shortened[i] = replace(m, id=e.id, type=e.type, via="short form")
    return shortened


def _qualified(found: list[Word], m: Mention) -> bool:
    """Whether an Arabic adjective (a word with the article, not a particle such as "إلى"
    or "التي") follows mention ``m`` with nothing between."""
    if m.last + 1 >= len(found) or found[m.last].text.isascii():
        return False
    after = found[m.last + 1]
    if after.start - found[m.last].end > 1:
        return False  # punctuation between: "(المعارضة) إلى"
    return after.key.startswith("ال") and after.key not in FUNCTION_WORDS | _PARTICLES


def _shortens(full: list[Word], short: list[Word]) -> bool:
    """Whether ``short`` is ``full`` without its one generic head: the first word in Arabic
    ("قوات المعارضة"), the last in English ("opposition forces")."""
    if len(full) != len(short) + 1:
        return False
    for head, rest in ((full[0], full[1:]), (full[-1], full[:-1])):
        same = all(set(a.forms) & set(b.forms) for a, b in zip(rest, short, strict=True))
        if same and set(head.forms) & GENERIC_HEADS:
            return True
    return False
