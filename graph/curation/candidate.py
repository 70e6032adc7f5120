"""One suggested statement, as a row of the review sheet (:mod:`.reviewsheet`).

>>> row = Candidate("new.txt", 3, "iran", "supports", "supports", "syria", score=0.8)
>>> row.key()
('new.txt', 3, 'iran', 'supports', 'syria')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..families import symmetric_relations

__all__ = ["Candidate", "Key", "keep_best"]

Key = tuple[str, int, str, str, str]


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
    known: bool = field(default=False, compare=False)  # carried from another document
    named: int = field(default=0, compare=False)  # its ends read by a name or a demonym
    ending: bool = field(default=False, compare=False)  # the state it names ends there

    def key(self) -> tuple[str, int, str, str, str]:
        """What identifies the candidate for the rejected list: document, line, s, r, o."""
        return (self.document, self.line, self.subject, self.relation, self.object)


def keep_best(best: dict[tuple[str, str, str], Candidate], candidate: Candidate) -> None:
    """Keep in ``best`` the highest-scoring candidate for its two ends and family (either
    order for a symmetric relation)."""
    ends = sorted((candidate.subject, candidate.object))
    slot = (
        (ends[0], ends[1], candidate.family)
        if candidate.relation in symmetric_relations()
        else (candidate.subject, candidate.object, candidate.family)
    )
    if slot not in best or best[slot].score < candidate.score:
        best[slot] = candidate
