"""Candidate statements of a document: actor mentions, relation cues and the syntax around them.

For each line the document calls its own (lines listed in its ``ag:notOwnLines`` are skipped,
and so are empty lines and ``-`` link markers), :func:`suggest` finds the actor mentions
(:mod:`.mentions`) and relation cues (:mod:`.cues`) of each sentence and pairs them:

- **direction**: with an *active* cue the subject is the nearest mention before it and the
  object the nearest after it; an Arabic clause that starts with its verb ("وأعلنت روسيا ...")
  has both after it. A *passive* cue ("backed by", "المدعومة من") swaps them, and so does an
  agent marker ("by", "بقيادة", "من قبل") before a mention. A *role* cue ("minister", "وزير")
  makes the person the subject and the nearest organisation the object.
- **stance and attribution**: a denial word ("denied", "نفى") makes the stance ``denied``;
  a speaker ("X said", "قال X", "according to X", "بحسب X") goes into ``attributed_to``, and
  the stance is ``claimed`` unless the speaker is the subject or a monitor.
- **date**: a weekday, "today" or "yesterday" in the line, resolved against the document's
  date (its ``ag:published``, or ``--date``).
- **score**: the cue's weight, lowered by the words between the cue and each mention and for
  actors the lexicon does not know. Candidates below ``threshold`` are dropped; of several
  for the same subject, family and object on a line the best is kept. Rows recorded as
  rejected (see :mod:`.review`) are never proposed again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal

from ..errors import UsageError
from ..resources import query_text
from .cues import Cue, CueHit, find_cues, load_cues
from .mentions import Lexicon, Mention, lexicon
from .tokens import MAX_EXCERPT_WORDS, Word, excerpt, sentence_ends, words

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["Candidate", "Document", "suggest", "suggest_lines", "read_document", "parse_ranges"]

DEFAULT_THRESHOLD = 0.45
FAMILIES = {
    "supports": (
        "supports",
        "militarySupport",
        "politicalSupport",
        "sponsors",
        "alliedWith",
        "fightsAlongside",
    ),
    "opposes": (
        "opposes",
        "attacks",
        "airStrike",
        "capturesTerritoryFrom",
        "threatens",
        "designatesTerrorist",
        "accuses",
        "rejects",
        "breaksTiesWith",
        "dismisses",
    ),
    "talksTo": (
        "talksTo",
        "meetsWith",
        "phoneCall",
        "consultsWith",
        "negotiatesWith",
        "agreesWith",
        "jointStatementWith",
        "offersTalks",
        "offersMediation",
        "requestsSupport",
    ),
    "structural": (
        "represents",
        "leaderOf",
        "ministerOf",
        "spokespersonOf",
        "commanderOf",
        "officialOf",
        "partOf",
        "memberOf",
        "formerlyKnownAs",
        "controls",
        "leads",
    ),
}
FAMILY_OF = {relation: family for family, rels in FAMILIES.items() for relation in rels}
SYMMETRIC = frozenset(
    {
        "alliedWith",
        "fightsAlongside",
        "talksTo",
        "meetsWith",
        "phoneCall",
        "consultsWith",
        "negotiatesWith",
        "agreesWith",
        "jointStatementWith",
    }
)
_AGENT = frozenset({"by", "بقياده", "قبل"})
_DENIAL = ("denied", "denies", "deny", "nothing to do with", "نفي", "نفت", "تنفي", "ينفي", "زيف")
_ACCORDING = (("according", "to"), ("بحسب",), ("حسب",), ("حسبما",), ("وفق",), ("نقلت",))
_SAID_EN = ("said", "says", "told", "announced", "stated", "added")
_SAID_AR = (
    "قال",
    "قالت",
    "ذكر",
    "ذكرت",
    "افاد",
    "اعلن",
    "اعلنت",
    "اكد",
    "اكدت",
    "اوضح",
    "اضاف",
    "اشار",
    "يقول",
    "كتب",
    "كتبت",
    "علق",
    "علقت",
    "توقعت",
    "تابع",
    "اردف",
    "بين",
)
_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}
_TODAY = {"today": 0, "tonight": 0, "اليوم": 0, "yesterday": 1, "امس": 1}


@dataclass(frozen=True)
class Document:
    """A document to read: its file name, lines, date and the lines that are not its own."""

    name: str
    lines: tuple[str, ...]
    date: date | None = None
    not_own: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """One suggested statement: a row of the review sheet."""

    document: str
    line: int
    subject: str
    relation: str
    family: str
    object: str
    stance: str = "asserted"
    attributed_to: tuple[str, ...] = ()
    date: str = ""
    excerpt: str = ""
    note: str = ""
    score: float = 0.0
    decision: str = ""
    reason: str = ""
    unknown: tuple[str, ...] = field(default=(), compare=False)

    def key(self) -> tuple[str, int, str, str, str]:
        """What identifies the candidate for the rejected list: document, line, s, r, o."""
        return (self.document, self.line, self.subject, self.relation, self.object)


def parse_ranges(text: str) -> frozenset[int]:
    """The line numbers of an ``ag:notOwnLines`` value.

    >>> sorted(parse_ranges("1, 3-5"))
    [1, 3, 4, 5]
    """
    lines: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        if low.strip():
            lines.update(range(int(low), int(high or low) + 1))
    return frozenset(lines)


def read_document(gs: GraphStore, path: Path, when: date | None = None) -> Document:
    """``path`` as a :class:`Document`, with the date and own lines its description gives."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    rows = gs.select(query_text("curation-document.rq"), {"file": Literal(path.name)})
    described = rows[0] if rows else {}
    published = described.get("published")
    if when is None and published is not None:
        when = date.fromisoformat(published.value[:10])
    not_own = parse_ranges(described["notOwn"].value) if "notOwn" in described else frozenset()
    return Document(path.name, tuple(text.splitlines()), when, not_own)


def suggest(
    gs: GraphStore,
    document: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    rejected: Iterable[tuple[str, int, str, str, str]] = (),
    cues: Sequence[Cue] | None = None,
) -> list[Candidate]:
    """The candidate statements of ``document``, in line order, best first within a line."""
    return suggest_lines(lexicon(gs), document, threshold=threshold, rejected=rejected, cues=cues)


def suggest_lines(
    lex: Lexicon,
    document: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    rejected: Iterable[tuple[str, int, str, str, str]] = (),
    cues: Sequence[Cue] | None = None,
) -> list[Candidate]:
    """:func:`suggest` with a lexicon already built (the bench and evaluation reuse one)."""
    cue_list = load_cues() if cues is None else cues
    refused = set(rejected)
    found: list[Candidate] = []
    speaker: Mention | None = None
    for number, line in enumerate(document.lines, 1):
        if number in document.not_own or line.strip() in {"", "-"}:
            continue
        line_words = words(line)
        mentions = lex.find(line_words, line)
        context = _Line(document, number, line, line_words, mentions, lex)
        speaker = _speaker(context, 0, len(line_words) - 1) or (
            speaker if _continues(line_words) else None
        )
        for candidate in _line_candidates(context, cue_list, speaker):
            if candidate.score >= threshold and candidate.key() not in refused:
                found.append(candidate)
    return found


@dataclass(frozen=True)
class _Line:
    document: Document
    number: int
    text: str
    words: list[Word]
    mentions: list[Mention]
    lex: Lexicon


def _line_candidates(line: _Line, cues: Sequence[Cue], speaker: Mention | None) -> list[Candidate]:
    ends = sentence_ends(line.text, line.words)
    best: dict[tuple[str, str, str], Candidate] = {}
    for hit in find_cues(line.words, cues):
        end = ends[hit.first]
        start = ends.index(end)
        said_by = _speaker(line, start, end) or speaker
        for subject, obj, score in _pairs(line, hit, start, end):
            candidate = _candidate(line, hit, subject, obj, score, said_by, start, end)
            if candidate is None:
                continue
            ends_key = (candidate.subject, candidate.object)
            if candidate.relation in SYMMETRIC:
                ends_key = tuple(sorted(ends_key))
            slot = (ends_key[0], candidate.family, ends_key[1])
            if slot not in best or best[slot].score < candidate.score:
                best[slot] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, c.subject, c.relation, c.object))


def _pairs(line: _Line, hit: CueHit, start: int, end: int) -> list[tuple[Mention, Mention, float]]:
    """(subject, object, closeness) for a cue, by its voice and the words around it."""
    usable = [m for m in line.mentions if m.kind != "source" and start <= m.first <= end]
    before = sorted((m for m in usable if m.last < hit.first), key=lambda m: -m.last)
    after = [m for m in usable if m.first > hit.last]
    near = lambda m: 1 / (1 + 0.08 * max(hit.first - m.last - 1, m.first - hit.last - 1))  # noqa: E731
    voice = hit.cue.voice
    pairs: list[tuple[Mention, Mention, float]] = []
    if voice == "role":
        people = sorted((m for m in before + after if m.type == "Person"), key=lambda m: -near(m))
        others = sorted((m for m in before + after if m.type != "Person"), key=lambda m: -near(m))
        for person in people[:1]:
            pairs += [
                (person, o, near(person) * near(o) * 0.9**k) for k, o in enumerate(others[:2])
            ]
        return pairs
    for k, b in enumerate(before[:3]):
        for j, a in enumerate(after[:3]):
            closeness = near(b) * near(a) * 0.85 ** (k + j)
            agent = voice == "passive" or _marked(line.words, a, _AGENT, hit.last)
            pairs.append((a, b, closeness) if agent else (b, a, closeness))
    if hit.cue.lang == "ar" and len(after) >= 2:
        verb_first = 1.0 if not before or hit.first - before[0].last > 4 else 0.7
        for j, a in enumerate(after[1:3]):
            closeness = near(after[0]) * near(a) * verb_first * 0.85**j
            pairs.append((after[0], a, closeness))
    return pairs


def _marked(found: list[Word], mention: Mention, markers: frozenset[str], after: int) -> bool:
    """Whether one of ``markers`` stands just before ``mention`` (after word ``after``)."""
    return any(
        found[k].key in markers for k in range(max(after + 1, mention.first - 2), mention.first)
    )


def _candidate(
    line: _Line,
    hit: CueHit,
    subject: Mention,
    obj: Mention,
    closeness: float,
    speaker: Mention | None,
    start: int,
    end: int,
) -> Candidate | None:
    relation = hit.cue.relation
    if subject.id == obj.id or subject.kind == "place":
        return None
    if (relation == "controls") != (obj.kind == "place"):
        return None
    unknown = tuple(m.id for m in (subject, obj) if m.kind == "unknown")
    score = round(hit.cue.weight * closeness * (0.7 ** len(unknown)), 3)
    stance, attributed = _stance(line, subject, speaker, start, end)
    first = min(hit.first, subject.first, obj.first)
    last = max(hit.last, subject.last, obj.last)
    return Candidate(
        document=line.document.name,
        line=line.number,
        subject=subject.id,
        relation=relation,
        family=FAMILY_OF[relation],
        object=obj.id,
        stance=stance,
        attributed_to=attributed,
        date=_date(line),
        excerpt=excerpt(line.text, line.words, first, last, MAX_EXCERPT_WORDS),
        score=score,
        reason=f"{subject.surface!r} · cue {line.words[hit.first].text!r} ({hit.cue.voice})"
        f" · {obj.surface!r}",
        unknown=unknown + ((speaker.id,) if speaker and speaker.kind == "unknown" else ()),
    )


def _stance(
    line: _Line, subject: Mention, speaker: Mention | None, start: int, end: int
) -> tuple[str, tuple[str, ...]]:
    sentence = " ".join(w.key for w in line.words[start : end + 1])
    attributed = (speaker.id,) if speaker is not None else ()
    if any(f" {d}" in f" {sentence}" for d in _DENIAL):
        return "denied", attributed
    if speaker is None or speaker.id == subject.id or line.lex.types.get(speaker.id) == "Monitor":
        return "asserted", attributed
    return "claimed", attributed


def _speaker(line: _Line, start: int, end: int) -> Mention | None:
    """Who the sentence of words ``start``..``end`` is attributed to, if it says."""
    found = line.words
    for i in range(start, end + 1):
        forms = found[i].forms
        if any(f in _SAID_AR for f in forms) or any(
            tuple(w.key for w in found[i : i + len(a)]) == a for a in _ACCORDING
        ):
            return _nearest(line.mentions, i, end, after=True)
        if found[i].key in _SAID_EN:
            return _nearest(line.mentions, i, start, after=False) or _nearest(
                line.mentions, i, end, after=True
            )
    return None


def _nearest(mentions: list[Mention], i: int, limit: int, *, after: bool) -> Mention | None:
    if after:
        return next((m for m in mentions if i < m.first <= min(limit, i + 6)), None)
    return next((m for m in reversed(mentions) if max(limit, i - 6) <= m.last < i), None)


def _continues(found: list[Word]) -> bool:
    """Whether a line goes on quoting the previous speaker ("وأضاف", "وتابع", "He added")."""
    return bool(found) and any(f in _SAID_AR for f in found[0].forms[1:3])


def _date(line: _Line) -> str:
    when = line.document.date
    if when is None:
        return ""
    for word in line.words:
        for form in word.forms:
            if form in _WEEKDAYS:
                back = (when.weekday() - _WEEKDAYS[form]) % 7
                return (when - timedelta(days=back)).isoformat()
            if form in _TODAY:
                return (when - timedelta(days=_TODAY[form])).isoformat()
    return ""


def without(candidates: Iterable[Candidate], **changes: object) -> list[Candidate]:
    """``candidates`` with the given fields replaced (for tests and the evaluation)."""
    return [replace(c, **changes) for c in candidates]
