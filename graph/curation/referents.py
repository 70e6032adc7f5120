"""Words that refer to an actor without naming it: demonyms, the voice, pronouns, descriptions.

A curated statement often names an actor only indirectly: "Russian jets", "القوات الأميركية",
"we" in a White House briefing, "بلاده" (his country) after a foreign minister, "الإرهابيين"
(the terrorists) in a government's statement, "الحكومة" (the government). The referent
lexicon, ``referents.tsv`` beside this module (its header documents the columns), lists such
words. :func:`find_referents` finds them among the words that no actor name covers; the
caller resolves ``@voice``, ``@speaker-country`` and the other ``@`` targets against the
document (see :mod:`.coreference`).

>>> found = words("We back the Iranian plan")
>>> [(first, r.refers_to, r.kind) for first, _, r in find_referents(found, set())]
[(0, '@voice', 'voice'), (3, 'iran', 'demonym')]
>>> [r.refers_to for _, _, r in find_referents(words("القوات الأميركية"), set())]
['united-states']
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import UsageError
from .tokens import Word, words

__all__ = [
    "Referent",
    "load_referents",
    "find_referents",
    "REFERENTS_FILE",
    "VOICE",
    "SPEAKER",
    "LAST_PERSON",
    "LAST_PARTY",
    "LAST_PARTIES",
    "FORCES_OF_PARTY",
    "FORCES_OF_PERSON",
    "AIR_FORCE_OF_PARTY",
    "DESIGNATED",
    "GOVERNMENT_IN_FOCUS",
    "FORCES_IN_FOCUS",
    "COUNTERPART",
    "OFFICE",
    "FIGHTERS",
    "FIGHTERS_OF",
]

REFERENTS_FILE = Path(__file__).resolve().parent / "referents.tsv"
VOICE = "@voice"
SPEAKER = "@speaker-country"
LAST_PERSON = "@last-person"
LAST_PARTY = "@last-party"
LAST_PARTIES = "@last-parties"
FORCES_OF_PARTY = "@forces-of-last-party"
FORCES_OF_PERSON = "@forces-of-last-person"
AIR_FORCE_OF_PARTY = "@air-force-of-last-party"
DESIGNATED = "@designated"
GOVERNMENT_IN_FOCUS = "@government-in-focus"
FORCES_IN_FOCUS = "@forces-in-focus"
COUNTERPART = "@counterpart"
OFFICE = "@office-of-speaker-country"
FIGHTERS = "@fighters-named-last"
# the Arabic words before a party that make its fighters ("مقاتلي الحشد الشعبي"); English
# writes "fighters of HTS" or "HTS fighters"
FIGHTERS_OF = frozenset({"مقاتلي", "مقاتلو"})
_KINDS = frozenset({"demonym", "voice", "pronoun", "description"})
_COLUMNS = ("form", "lang", "refers_to", "kind")
# Arabic adjective endings a form marked with * may carry (normalised: ة is written ه).
_ENDINGS = ("", "ه", "ين", "ون", "ا", "ان", "يه", "يين")


@dataclass(frozen=True)
class Referent:
    """One referent: its words (keys), what it refers to and what kind of word it is."""

    words: tuple[str, ...]
    refers_to: str
    kind: str


@cache
def load_referents(path: Path = REFERENTS_FILE) -> dict[str, tuple[Referent, ...]]:
    """The referents of ``path``, indexed by their first word's key, longest first."""
    index: dict[str, list[Referent]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if row and not row[0].startswith("#"):
                for referent in _referents(f"{path}:{number}", row):
                    index.setdefault(referent.words[0], []).append(referent)
    return {k: tuple(sorted(v, key=lambda r: -len(r.words))) for k, v in index.items()}


def _referents(where: str, row: list[str]) -> list[Referent]:
    if len(row) != len(_COLUMNS):
        raise UsageError(f"{where}: expected {len(_COLUMNS)} tab-separated columns: {_COLUMNS}")
    form, _lang, refers_to, kind = (cell.strip() for cell in row)
    if kind not in _KINDS:
        raise UsageError(f"{where}: kind {kind!r} is not one of {sorted(_KINDS)}")
    keys = tuple(w.key for w in words(form.rstrip("*")))
    if not keys:
        raise UsageError(f"{where}: the form {form!r} has no words")
    endings = _ENDINGS if form.endswith("*") else ("",)
    return [Referent((*keys[:-1], keys[-1] + e), refers_to, kind) for e in endings]


def find_referents(
    found: list[Word],
    covered: Collection[int],
    index: dict[str, tuple[Referent, ...]] | None = None,
) -> list[tuple[int, int, Referent]]:
    """``(first, last, referent)`` for each referent among the words not in ``covered``."""
    table = load_referents() if index is None else index
    hits: list[tuple[int, int, Referent]] = []
    i = 0
    while i < len(found):
        hit = None if i in covered else _match(found, i, table)
        if hit is None:
            i += 1
            continue
        last = i + len(hit.words) - 1
        hits.append((i, last, hit))
        i = last + 1
    return hits


def _match(found: list[Word], i: int, table: dict[str, tuple[Referent, ...]]) -> Referent | None:
    for form in found[i].forms:
        for referent in table.get(form, ()):
            end = i + len(referent.words)
            if end <= len(found) and all(
                w in found[i + k].inner for k, w in enumerate(referent.words[1:], 1)
            ):
                return referent
    return None
