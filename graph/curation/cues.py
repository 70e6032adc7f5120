"""The relation cue lexicon: words that signal a relation, in English and Arabic.

The lexicon is a documented data file, ``cues.tsv`` beside this module (installed as package
data); its header says what each column means. :func:`load_cues` reads it, or another file
of the same form. :func:`find_cues` finds the cues in the words of a line: a cue's first
word matches a word that *starts with* it after Arabic clitics and the article are taken
off ("دعم" matches "ودعمها", "support" matches "supported"), its other words match the
following words the same way. Where cues overlap, the longest wins ("backed by" over
"backed").

>>> cue = Cue("supports", "en", ("backed", "by"), "passive", 0.9, "general")
>>> [(h.cue.relation, h.first, h.last) for h in find_cues(words("groups backed by Iran"), [cue])]
[('supports', 1, 2)]
>>> len([c for c in load_cues() if c.relation == "phoneCall"]) > 0
True
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import UsageError
from .tokens import Word, words

__all__ = ["Cue", "CueHit", "load_cues", "find_cues", "CUES_FILE", "VOICES"]
# (word before, word) pairs in which the word is not the cue it looks like
_IDIOMS = frozenset((p, "backs") for p in ("their", "its", "his", "her", "our", "my", "your"))

CUES_FILE = Path(__file__).resolve().parent / "cues.tsv"
VOICES = frozenset({"active", "passive", "role", "after", "wrong"})
_COLUMNS = ("relation", "lang", "cue", "voice", "weight", "origin")


@dataclass(frozen=True)
class Cue:
    """One cue: the relation it signals, its language, its words (keys), voice, weight, origin."""

    relation: str
    lang: str
    words: tuple[str, ...]
    voice: str
    weight: float
    origin: str


@dataclass(frozen=True)
class CueHit:
    """A cue found in a line, on words ``first``..``last``."""

    cue: Cue
    first: int
    last: int

    @property
    def whole_words(self) -> range:
        """The words the cue takes whole: not the next word whose proclitic the cue's last
        word is ("التابعة ل" ends on the "ل" of "لوزارة الداخلية", a name)."""
        clitic = len(self.cue.words[-1]) == 1 and self.last > self.first
        return range(self.first, self.last + (0 if clitic else 1))


@cache
def load_cues(path: Path = CUES_FILE, exclude_origin: str | None = None) -> tuple[Cue, ...]:
    """The cues of ``path`` (default: the shipped lexicon), without those learnt from
    ``exclude_origin`` (a corpus file name). Raises :class:`UsageError` for a malformed row."""
    cues = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), 1):
            if not row or row[0].startswith("#"):
                continue
            cue = _cue(path, number, row)
            if cue.origin != exclude_origin:
                cues.append(cue)
    return tuple(cues)


def _cue(path: Path, number: int, row: list[str]) -> Cue:
    where = f"{path}:{number}"
    if len(row) != len(_COLUMNS):
        raise UsageError(f"{where}: expected {len(_COLUMNS)} tab-separated columns: {_COLUMNS}")
    relation, lang, text, voice, weight, origin = (cell.strip() for cell in row)
    if voice not in VOICES:
        raise UsageError(f"{where}: voice {voice!r} is not one of {sorted(VOICES)}")
    keys = tuple(w.key for w in words(text))
    if not keys:
        raise UsageError(f"{where}: the cue {text!r} has no words")
    try:
        value = float(weight)
    except ValueError:
        raise UsageError(f"{where}: weight {weight!r} is not a number from 0 to 1") from None
    return Cue(relation, lang, keys, voice, value, origin)


def _idiom(found: list[Word], i: int) -> bool:
    """Whether word ``i`` is a noun in an idiom that a cue would misread: "turned their
    backs on Syria" is no backing."""
    return i > 0 and (found[i - 1].key, found[i].key) in _IDIOMS


def find_cues(found: list[Word], cues: Sequence[Cue]) -> list[CueHit]:
    """The cues in ``found``, left to right; of overlapping cues the longest is kept, and of
    cues on the very same words one per relation."""
    by_first = _index(cues)
    hits: list[CueHit] = []
    for i, word in enumerate(found):
        for first in {form[:n] for form in word.forms for n in by_first.lengths}:
            for cue in by_first.cues.get(first, ()):
                if _fits(cue, found, i) and not _idiom(found, i):
                    hits.append(CueHit(cue, i, i + len(cue.words) - 1))
    hits.sort(
        key=lambda h: (
            h.first - h.last,
            -_letters(h.cue),
            -h.cue.weight,
            h.first,
            h.cue.relation,
            h.cue.words,
        )
    )
    kept: list[CueHit] = []
    for hit in hits:
        # a word that cues two relations ("سيطرت": took, and holds) keeps both; the
        # mentions around it decide which applies (only a place can be held). Of two cues
        # that match the same word as prefixes, the longer says more: "leaders" is "leader"
        # (a role), not "lead".
        if all(
            hit.last < k.first
            or hit.first > k.last
            or (
                (k.first, k.last) == (hit.first, hit.last)
                and k.cue.relation != hit.cue.relation
                and _letters(k.cue) == _letters(hit.cue)
            )
            for k in kept
        ):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.first, h.cue.relation))


def _letters(cue: Cue) -> int:
    """How much of the text a cue spells out: the letters of its words."""
    return sum(len(w) for w in cue.words)


def _fits(cue: Cue, found: list[Word], i: int) -> bool:
    if not any(form.startswith(cue.words[0]) for form in found[i].forms):
        return False
    if i + len(cue.words) > len(found):
        return False
    return all(
        any(form.startswith(w) for form in found[i + k].inner)
        for k, w in enumerate(cue.words[1:], 1)
    )


@dataclass(frozen=True)
class _ByFirst:
    cues: dict[str, list[Cue]]
    lengths: frozenset[int]


_INDEXES: dict[int, tuple[Sequence[Cue], _ByFirst]] = {}  # by the id of a cue list kept here


def _index(cues: Sequence[Cue]) -> _ByFirst:
    """The cues by their first word, built once per cue list (:func:`load_cues` returns the
    same tuple each time; hashing its few hundred cues on every line would cost more than the
    lookups it saves)."""
    known = _INDEXES.get(id(cues))
    if known is not None and known[0] is cues:
        return known[1]
    index: dict[str, list[Cue]] = {}
    for cue in cues:
        index.setdefault(cue.words[0], []).append(cue)
    built = _ByFirst(index, frozenset(len(k) for k in index))
    if len(_INDEXES) > 64:
        _INDEXES.clear()
    _INDEXES[id(cues)] = (cues, built)
    return built
