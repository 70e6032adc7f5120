"""Candidate statements of a document: actor mentions, relation cues and the syntax around them.

For each line the document calls its own (lines listed in its ``ag:notOwnLines`` are skipped,
and so are empty lines and ``-`` link markers), :func:`suggest` reads, sentence by sentence
(:class:`.sentence.Sentence`):

- **mentions**: the actors, places and unnamed sources the lexicon names (:mod:`.mentions`),
  and the words that refer to an actor without naming it (:mod:`.referents`): demonyms
  ("Russian", "الأميركية"), the document's own voice ("we" in a White House briefing: the
  actor given as ``voice``, else the one the text names in "We, the ...", else the
  publisher's name read through the lexicon), "بلاده" (the country of the person speaking or
  last named), pronouns and "its forces", resolved by :mod:`.coreference`.
- **relation cues** (:mod:`.cues`), each pairing the mentions around it (:mod:`.pairing`:
  voice, agent markers, lists that share a cue).
- **known ties** (:mod:`.ties`): a structural tie the graph already holds from another
  document (a minister and his state) between two mentions of one sentence, and with less
  weight a supports or opposes relation between two parties; and a force or body whose name
  carries a demonym ("القوات الأميركية") is proposed as part of the nearest whole the graph
  has for that state (its main force, its government, the state).
- **stance, attribution and date** (:mod:`.attribution`).
- **score**: the cue's weight times the closeness of the mentions, lowered for actors the
  lexicon does not know and for mentions read through a referent. Candidates below
  ``threshold`` are dropped; of several for the same subject, family and object on a line
  the best is kept. Rows recorded as rejected (see :mod:`.review`) are never proposed again,
  and neither is a statement the graph already cites at that line (``curated``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import count
from typing import TYPE_CHECKING

from .attribution import (
    continues,
    first_person,
    opening_person,
    speaker,
)
from .candidate import Candidate, Key, keep_best
from .clauses import topic
from .coreference import Context, line_mentions, read_ahead
from .cues import Cue, load_cues
from .documents import Document
from .holding import Holders
from .mentions import Lexicon, lexicon
from .offices import Offices
from .sentence import Sentence
from .ties import KnownTies, known_ties
from .tokens import sentence_ends, words
from .withdrawal import Withdrawals

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "suggest",
    "suggest_lines",
    "DEFAULT_THRESHOLD",
]

DEFAULT_THRESHOLD = 0.40  # the precision and recall it gives: docs/curation.md, Evaluation


def suggest(
    gs: GraphStore,
    document: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    rejected: Iterable[Key] = (),
    cues: Sequence[Cue] | None = None,
    skip_curated: bool = True,
    lex: Lexicon | None = None,
) -> list[Candidate]:
    """The candidate statements of ``document``, in line order, best first within a line.

    Known ties come from the graph's statements that cite other documents. With
    ``skip_curated``, a candidate the graph already holds for that line (same subject, family
    and object, cited within one line) is left out. ``lex``: the graph's lexicon, if the
    caller has built it already (:func:`.documents.read_document` needs it too).
    """
    lex = lex or lexicon(gs)
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
    read_ahead(reading.context, (line for _, line in document.own_lines()))
    refused = set(rejected)
    found: list[tuple[int, Candidate]] = []  # in the order read: by line, best first
    # A standing fact (a minister and his state) needs one citation, not one per line that
    # repeats it: the first line that states it, unless a later one names more of its ends
    # where the first read them through a pronoun or a description, and does not merely
    # carry the fact from another document ("قواتها" at line 65, "قوات موسكو" at 67).
    standing: dict[tuple[str, str, str], tuple[int, Candidate]] = {}
    order = count()
    for number, line in document.own_lines():
        for candidate in reading.line(number, line):
            if candidate.score < threshold or candidate.key() in refused:
                continue
            read = (next(order), candidate)
            fact = (candidate.subject, candidate.relation, candidate.object)
            if candidate.family != "structural" or candidate.ending:
                found.append(read)  # an end of a holding is news, not the holding restated
            elif fact not in standing or _names_more(candidate, standing[fact][1]):
                standing[fact] = read
    return [c for _, c in sorted(found + list(standing.values()), key=lambda r: r[0])]


def _names_more(later: Candidate, first: Candidate) -> bool:
    """Whether ``later`` states a standing fact better than ``first``: by more of its ends'
    names or demonyms, and from the line itself rather than a tie another document holds."""
    return later.named > first.named and not later.known


@dataclass
class _Reading:
    """The state of reading one document: its cues, and what a reader knows at each line."""

    document: Document
    cues: Sequence[Cue]
    context: Context
    monitors: frozenset[str]
    holders: Holders = field(default_factory=Holders)
    offices: Offices = field(default_factory=Offices)
    withdrawals: Withdrawals = field(default_factory=Withdrawals)

    @cached_property
    def sides(self) -> dict[str, str]:
        """The sides of the conflict of the document's state: its government and its
        opposition, when the lexicon knows both (:mod:`.conflict`). The state is the one the
        document names most, counted before any line is read, so this is read once."""
        context = self.context
        state = context.in_focus()
        government = context.bodies.governments.get(state or "")
        opposition = context.bodies.oppositions.get(state or "")
        if government is None or opposition is None:
            return {}
        return {a: context.lex.types[a] for a in (government, opposition)}

    def line(self, number: int, text: str) -> list[Candidate]:
        found = words(text)
        mentions = line_mentions(self.context.lex, found, text, self.context)
        self.context.said_by = (
            speaker(found, mentions, 0, len(found) - 1, text)
            or (self.context.said_by if continues(found) else None)
            or opening_person(found, mentions)
        )
        mentions = first_person(found, mentions, self.context.said_by, text)
        self.context.topic = topic(text, found, mentions)
        ends = sentence_ends(text, found)
        best: dict[tuple[str, str, str], Candidate] = {}
        for start, end in sorted(set((ends.index(e), e) for e in ends)):
            sentence = Sentence(self, number, text, found, mentions, start, end)
            for candidate in sentence.candidates():
                keep_best(best, candidate)
        self.context.remember(ends, found, mentions)
        self.offices.read(list(best.values()), number, self.context)
        for capture in self.holders.read(list(best.values()), number):
            keep_best(best, capture)
        return sorted(best.values(), key=lambda c: (-c.score, c.subject, c.relation, c.object))
