"""Candidate statements of a document: actor mentions, relation cues and the syntax around them.

For each line the document calls its own (lines listed in its ``ag:notOwnLines`` are skipped,
and so are empty lines and ``-`` link markers), :func:`suggest` reads, sentence by sentence:

- **mentions**: the actors, places and unnamed sources the lexicon names (:mod:`.mentions`),
  and the words that refer to an actor without naming it (:mod:`.referents`): demonyms
  ("Russian", "الأميركية"), the document's own voice ("we" in a White House briefing: the
  actor given as ``voice``, else the publisher's name read through the lexicon) and
  "بلاده" (the country of the person speaking or last named).
- **relation cues** (:mod:`.cues`), each pairing the mentions around it (:mod:`.pairing`:
  voice, agent markers, lists that share a cue).
- **known ties** (:mod:`.ties`): a structural tie the graph already holds from another
  document (a minister and his state) between two mentions of one sentence; and a force or
  body whose name carries a demonym ("القوات الأميركية") is proposed as part of that state.
- **stance, attribution and date** (:mod:`.attribution`).
- **score**: the cue's weight times the closeness of the mentions, lowered for actors the
  lexicon does not know and for mentions read through a referent. Candidates below
  ``threshold`` are dropped; of several for the same subject, family and object on a line
  the best is kept. Rows recorded as rejected (see :mod:`.review`) are never proposed again,
  and neither is a statement the graph already cites at that line (``curated``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal

from ..errors import UsageError
from ..families import relation_families, symmetric_relations
from ..resources import query_text
from .attribution import continues, date_of, opening_person, speaker, stance
from .coreference import Context, line_mentions
from .cues import Cue, CueHit, find_cues, load_cues
from .mentions import Lexicon, Mention, lexicon
from .pairing import agentless, closeness, pairs
from .referents import find_referents
from .ties import KnownTies, known_ties
from .tokens import MAX_EXCERPT_WORDS, Word, excerpt, sentence_ends, words

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "Candidate",
    "Document",
    "suggest",
    "suggest_lines",
    "read_document",
    "parse_ranges",
    "DEFAULT_THRESHOLD",
]

DEFAULT_THRESHOLD = 0.45
_TIE_WEIGHT = 0.6  # a known structural tie restated: no cue, so less than most cues
_KNOWN_WEIGHT = 0.6  # a supports/opposes/talksTo relation another document states
_EMBEDDED_WEIGHT = 0.55  # a body whose own name carries a state's demonym
_IMPLICIT = 0.85  # a mention read through a referent, not a name
_BODIES = frozenset({"ArmedForces", "Government", "Media"})
_REPORTERS = frozenset({"Monitor"})  # they report what others do; they are not parties
_LOCATIVE = frozenset({"in", "inside", "across", "throughout", "into", "في", "داخل"})
Key = tuple[str, int, str, str, str]
_WE_ARE = re.compile(r"\bWe, ((?:the )?[^,]{3,80}),")


@dataclass(frozen=True)
class Document:
    """A document to read: its file name, lines, date and the lines that are not its own."""

    name: str
    lines: tuple[str, ...]
    date: date | None = None
    not_own: frozenset[int] = frozenset()
    voice: str | None = None  # the actor "we" and "our" stand for


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


def read_document(
    gs: GraphStore, path: Path, when: date | None = None, voice: str | None = None
) -> Document:
    """``path`` as a :class:`Document`, with the date, own lines and voice its description
    gives (the voice: ``voice``, else the actor its publisher's name refers to)."""
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
    lines = tuple(text.splitlines())
    if voice is None:
        lex = lexicon(gs)
        voice = _self_named(lex, lines)
        if voice is None and "publisher" in described:
            voice = _refers_to(lex, described["publisher"].value)
    return Document(path.name, lines, when, not_own, voice)


def _self_named(lex: Lexicon, lines: tuple[str, ...]) -> str | None:
    """The actor a text names as "we" in an apposition ("We, the leaders of the Group of
    Seven (G7), ..."): a joint statement speaks for its signatories, not its publisher."""
    for line in lines:
        apposition = _WE_ARE.search(line)
        if apposition is not None:
            return _refers_to(lex, apposition.group(1))
    return None


def _refers_to(lex: Lexicon, name: str) -> str | None:
    """The one actor that ``name`` names or refers to, if there is exactly one."""
    found = words(name)
    named = {m.id for m in line_mentions(lex, found, name, None) if m.kind == "actor"}
    return named.pop() if len(named) == 1 else None


def suggest(
    gs: GraphStore,
    document: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    rejected: Iterable[Key] = (),
    cues: Sequence[Cue] | None = None,
    skip_curated: bool = True,
) -> list[Candidate]:
    """The candidate statements of ``document``, in line order, best first within a line.

    Known ties come from the graph's statements that cite other documents. With
    ``skip_curated``, a candidate the graph already holds for that line (same subject, family
    and object, cited within one line) is left out.
    """
    lex = lexicon(gs)
    ties = known_ties(gs, lex.types, leave_out=document.name)
    found = suggest_lines(
        lex, document, threshold=threshold, rejected=rejected, cues=cues, ties=ties
    )
    if not skip_curated:
        return found
    from .evaluate import curated_statements, matches

    held = curated_statements(gs, document.name)
    return [c for c in found if not any(matches(c, s) for s in held)]


def suggest_lines(
    lex: Lexicon,
    document: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    rejected: Iterable[Key] = (),
    cues: Sequence[Cue] | None = None,
    ties: KnownTies | None = None,
) -> list[Candidate]:
    """:func:`suggest` with a lexicon (and known ties) already built; nothing is skipped as
    curated (the bench and the evaluation use this)."""
    reading = _Reading(
        document,
        load_cues() if cues is None else cues,
        Context(lex, ties or KnownTies({}, lex.types), document.voice),
        frozenset(i for i, t in lex.types.items() if t == "Monitor"),
    )
    refused = set(rejected)
    found: list[Candidate] = []
    standing: set[tuple[str, str, str]] = set()
    for number, line in enumerate(document.lines, 1):
        if number in document.not_own or line.strip() in {"", "-"}:
            continue
        for candidate in reading.line(number, line):
            if candidate.score < threshold or candidate.key() in refused:
                continue
            if candidate.family == "structural":
                # A standing fact (a minister and his state) needs one citation, not one
                # per line that repeats it: only its first line is proposed.
                fact = (candidate.subject, candidate.relation, candidate.object)
                if fact in standing:
                    continue
                standing.add(fact)
            found.append(candidate)
    return found


@dataclass
class _Reading:
    """The state of reading one document: its cues, and what a reader knows at each line."""

    document: Document
    cues: Sequence[Cue]
    context: Context
    monitors: frozenset[str]

    def line(self, number: int, text: str) -> list[Candidate]:
        found = words(text)
        mentions = line_mentions(self.context.lex, found, text, self.context)
        self.context.said_by = (
            speaker(found, mentions, 0, len(found) - 1)
            or (self.context.said_by if continues(found) else None)
            or opening_person(found, mentions)
        )
        ends = sentence_ends(text, found)
        best: dict[tuple[str, str, str], Candidate] = {}
        for start, end in sorted(set((ends.index(e), e) for e in ends)):
            sentence = _Sentence(self, number, text, found, mentions, start, end)
            for candidate in sentence.candidates():
                ends_key = sorted((candidate.subject, candidate.object))
                slot = (
                    (*ends_key, candidate.family)
                    if candidate.relation in symmetric_relations()
                    else (candidate.subject, candidate.object, candidate.family)
                )
                if slot not in best or best[slot].score < candidate.score:
                    best[slot] = candidate
        self.context.remember(text, found, mentions)
        return sorted(best.values(), key=lambda c: (-c.score, c.subject, c.relation, c.object))


@dataclass(frozen=True)
class _Sentence:
    """One sentence (words ``start``..``end``) of a line being read."""

    reading: _Reading
    number: int
    text: str
    words: list[Word]
    mentions: list[Mention]
    start: int
    end: int

    def candidates(self) -> list[Candidate]:
        usable = [
            m for m in self.mentions if m.kind != "source" and self.start <= m.first <= self.end
        ]
        said_by = (
            speaker(self.words, self.mentions, self.start, self.end) or self.reading.context.said_by
        )
        named = {k for m in usable if m.kind != "unknown" for k in range(m.first, m.last + 1)}
        parties = [m for m in usable if m.type not in _REPORTERS and not self._located(m)]
        found: list[Candidate] = []
        for hit in find_cues(self.words[self.start : self.end + 1], self.reading.cues):
            hit = CueHit(hit.cue, hit.first + self.start, hit.last + self.start)
            if not named.isdisjoint(range(hit.first, hit.last + 1)):
                continue  # the cue word is part of a name ("سلاح الجو السوري", "the offensive")
            symmetric = hit.cue.relation in symmetric_relations()
            ends = usable if hit.cue.relation == "controls" or hit.cue.voice == "role" else parties
            why = f"cue {self.words[hit.first].text!r} ({hit.cue.voice})"
            for subject, obj, near in pairs(self.words, ends, hit, symmetric):
                found += self._candidate(
                    hit.cue.relation, hit.cue.weight, subject, obj, near, said_by, why, hit
                )
            patient = agentless(self.words, parties, hit)
            voice = self.reading.document.voice
            if patient is not None and voice in self.reading.context.lex.types:
                agent = Mention(
                    hit.first,
                    hit.last,
                    voice,
                    "actor",
                    self.reading.context.lex.types[voice],
                    self.words[hit.first].text,
                    "voice",
                )
                found += self._candidate(
                    hit.cue.relation,
                    hit.cue.weight,
                    agent,
                    patient,
                    closeness(self.words, patient.first, patient.last, hit.first, hit.last),
                    said_by,
                    why + ", no agent: the voice",
                    hit,
                )
        return found + self._ties(usable, parties, said_by)

    def _located(self, mention: Mention) -> bool:
        """Whether a state or its capital is named as a place ("in Syria", "في سوريا",
        "بسوريا", "بدمشق"), not as a party."""
        if mention.type not in ("State", "Government") or mention.via:
            return False
        first = self.words[mention.first]
        before = self.words[mention.first - 1].key if mention.first > 0 else ""
        attached = first.key[:1] == "ب" or first.key[:2] in ("وب", "فب")
        return before in _LOCATIVE or (
            attached and not self.reading.context.lex.starts_name(first.key)
        )

    def _ties(
        self, usable: list[Mention], parties: list[Mention], said_by: Mention | None
    ) -> list[Candidate]:
        """Known structural ties between two mentions, and bodies named with a demonym."""
        found: list[Candidate] = []
        ties = self.reading.context.ties or KnownTies({}, {})
        for a in usable:
            for b in usable:
                if a.id == b.id:
                    continue
                near = closeness(self.words, a.first, a.last, b.first, b.last)
                for relation in ties.between(a.id, b.id):
                    found += self._candidate(
                        relation, _TIE_WEIGHT, a, b, near, said_by, "known tie"
                    )
                if a in parties and b in parties:
                    for relation in ties.known(a.id, b.id):
                        found += self._candidate(
                            relation, _KNOWN_WEIGHT, a, b, near, said_by, "known relation"
                        )
            if a.type in _BODIES and not a.via:
                found += self._embedded(a, said_by)
        return found

    def _embedded(self, body: Mention, said_by: Mention | None) -> list[Candidate]:
        """A body whose name, as written, carries a state's demonym ("وكالة الأنباء
        السورية") is part of that state's apparatus: of its main force, its government or
        the state itself, whichever the graph has and is nearest (:meth:`Context.container`)."""
        context = self.reading.context
        inside = self.words[body.first : body.last + 1]
        states = {r.refers_to for _, _, r in find_referents(inside, ())}
        found: list[Candidate] = []
        for state in sorted(s for s in states if context.lex.types.get(s) == "State"):
            whole = context.container(body.id, state)
            if whole is not None:
                named = Mention(
                    body.first,
                    body.last,
                    whole,
                    "actor",
                    context.lex.types[whole],
                    body.surface,
                    "demonym",
                )
                found += self._candidate(
                    "partOf", _EMBEDDED_WEIGHT, body, named, 1.0, said_by, "demonym in name"
                )
        return found

    def _candidate(
        self,
        relation: str,
        weight: float,
        subject: Mention,
        obj: Mention,
        closeness: float,
        said_by: Mention | None,
        why: str,
        hit: CueHit | None = None,
    ) -> list[Candidate]:
        if subject.kind == "place" and obj.kind != "place":
            subject, obj = obj, subject  # a place is what is held, wherever the text puts it
        if subject.id == obj.id or subject.kind == "place":
            return []
        if (relation == "controls") != (obj.kind == "place"):
            return []
        unknown = tuple(m.id for m in (subject, obj) if m.kind == "unknown")
        implicit = sum(1 for m in (subject, obj) if m.via)
        score = round(weight * closeness * 0.7 ** len(unknown) * _IMPLICIT**implicit, 3)
        sentence = self.words[self.start : self.end + 1]
        stance_, attributed = stance(sentence, subject.id, said_by, self.reading.monitors)
        spans = [subject.first, subject.last, obj.first, obj.last]
        if hit is not None:
            spans += [hit.first, hit.last]
        unknown += (said_by.id,) if said_by and said_by.kind == "unknown" else ()
        return [
            Candidate(
                document=self.reading.document.name,
                line=self.number,
                subject=subject.id,
                relation=relation,
                family=relation_families()[relation],
                object=obj.id,
                stance=stance_,
                attributed_to=attributed,
                date=date_of(self.words, self.reading.document.date),
                excerpt=excerpt(self.text, self.words, min(spans), max(spans), MAX_EXCERPT_WORDS),
                score=score,
                reason=f"{_shown(subject)} · {why} · {_shown(obj)}",
                unknown=unknown,
            )
        ]


def _shown(mention: Mention) -> str:
    return f"{mention.surface!r}" + (f" ({mention.via}: {mention.id})" if mention.via else "")


def without(candidates: Iterable[Candidate], **changes: object) -> list[Candidate]:
    """``candidates`` with the given fields replaced (for tests and the evaluation)."""
    return [replace(c, **changes) for c in candidates]
