"""The words of a line of text, with where they are and the keys they match by.

A word is a run of letters and digits (Arabic diacritics and tatweel stay inside the word);
everything else separates words. Each :class:`Word` keeps its character span in the line, so
an excerpt cut from word ``i`` to word ``j`` is copied verbatim, and its matching keys:
``key`` (:func:`actorgraph.text.normalise`), ``forms`` (the key, and for Arabic also its
readings without clitics and without the article) for the first word of a name or cue, and
``inner`` (key and article-less key) for the words after it.

>>> [w.text for w in words("وقال مدير المرصد، رامي عبدالرحمن.")]
['وقال', 'مدير', 'المرصد', 'رامي', 'عبدالرحمن']
>>> words("وبتركيا")[0].forms
('وبتركيا', 'بتركيا', 'تركيا')
>>> excerpt("a b c d e f", words("a b c d e f"), 1, 3, limit=15)
'b c d'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import normalise, strip_article, strip_clitics

__all__ = [
    "Word",
    "words",
    "gap",
    "excerpt",
    "sentence_ends",
    "ends_sentence",
    "MAX_EXCERPT_WORDS",
    "FUNCTION_WORDS",
]

MAX_EXCERPT_WORDS = 15
# English function words: they do not put two words further apart in meaning ("we will be
# supporting", "the people of"). Arabic writes most of them as clitics already, and its
# separate particles (على, من, في) often say who does what to whom, so they are not here.
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "it",
        "its",
        "their",
        "there",
        "here",
        "also",
        "just",
        "very",
        "so",
        "not",
        "all",
        "any",
        "some",
    ]
)
_WORD = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]+")
_SENTENCE_END = re.compile(r"[.?!؟؛]\s")


@dataclass(frozen=True)
class Word:
    """One word of a line: its text as written, its span, and its matching keys."""

    text: str
    start: int
    end: int
    key: str
    forms: tuple[str, ...]
    inner: frozenset[str]


def gap(text: str, found: list[Word], j: int) -> str:
    """The text between word ``j - 1`` and word ``j`` of ``text`` (its punctuation).

    >>> text = "Iran, Russia"
    >>> gap(text, words(text), 1)
    ', '
    """
    return text[found[j - 1].end : found[j].start]


def words(line: str) -> list[Word]:
    """The words of ``line``, in order."""
    return [_word(m.group(), m.start(), m.end()) for m in _WORD.finditer(line)]


def _word(text: str, start: int, end: int) -> Word:
    key, forms, inner = _keys(text)
    return Word(text, start, end, key, forms, inner)


@lru_cache(maxsize=65536)
def _keys(text: str) -> tuple[str, tuple[str, ...], frozenset[str]]:
    key = normalise(text).replace(" ", "")
    readings = (key, *strip_clitics(key))
    forms = tuple(dict.fromkeys(f for r in readings for f in (r, strip_article(r))))
    return key, forms, frozenset((key, strip_article(key)))


def sentence_ends(line: str, found: list[Word]) -> list[int]:
    """For each word, the index of the last word of its sentence.

    A sentence ends at ``.``, ``?``, ``!``, ``؟`` or ``؛`` followed by white space, unless
    the word before is a single letter (as in "U.S. forces").

    >>> sentence_ends("Ab cd. Ef gh", words("Ab cd. Ef gh"))
    [1, 1, 3, 3]
    """
    ends: list[int] = []
    start = 0
    for i in range(len(found)):
        if i + 1 == len(found) or ends_sentence(line, found, i):
            ends.extend([i] * (i + 1 - start))
            start = i + 1
    return ends


def ends_sentence(line: str, found: list[Word], i: int) -> bool:
    """Whether word ``i`` of ``line`` is the last of a sentence that another follows (see
    :func:`sentence_ends`)."""
    after = line[found[i].end : found[i + 1].start] if i + 1 < len(found) else ""
    return bool(_SENTENCE_END.search(after + " ")) and len(found[i].text) > 1


def excerpt(line: str, found: list[Word], first: int, last: int, limit: int) -> str:
    """The verbatim text of ``line`` from word ``first`` to word ``last``, at most ``limit``
    words: widened by a word on each side while it fits, cut around the middle if too long."""
    first, last = max(first, 0), min(last, len(found) - 1)
    while last - first + 1 > limit:
        if last - first >= limit:
            last -= 1
        if last - first + 1 > limit:
            first += 1
    return line[found[first].start : found[last].end]
