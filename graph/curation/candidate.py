"""One suggested statement, as a row of the review sheet (:mod:`.reviewsheet`).

>>> row = Candidate("new.txt", 3, "iran", "supports", "supports", "syria", score=0.8)
>>> row.key()
('new.txt', 3, 'iran', 'supports', 'syria')
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Candidate", "Key"]

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

    def key(self) -> tuple[str, int, str, str, str]:
        """What identifies the candidate for the rejected list: document, line, s, r, o."""
        return (self.document, self.line, self.subject, self.relation, self.object)
