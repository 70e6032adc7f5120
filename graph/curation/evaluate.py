"""Candidates scored against the curated statements of the same document.

A candidate **matches** a curated statement at the family level when both have the same
subject, family and object (either order for ``talksTo``), and one of the lines the statement
cites in this document is within one line of the candidate's. At the relation level the
relation must be the same too. Precision is the share of candidates that match some
statement; recall the share of the document's statements that some candidate matches.
Direction accuracy counts, among candidates that match a statement of the same family on the
same two actors in *either* order (``talksTo`` left out: it has no direction), those in the
right order.

The cue lexicon used is the shipped one without the cues whose ``origin`` is the scored
document (:func:`actorgraph.curation.cues.load_cues`), and the known ties are those of the
statements that cite other documents (:mod:`.ties`), so figures are leave-one-document-out.

>>> s = Curated("x", "iran", "supports", "supports", "syria", frozenset({4}))
>>> c = Candidate("d", 5, "iran", "militarySupport", "supports", "syria")
>>> score([c], [s])["family"]
{'precision': 1.0, 'recall': 1.0, 'matched': 1, 'candidates': 1, 'statements': 1}
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyoxigraph import Literal

from ..namespaces import local_id
from ..resources import query_text
from .candidate import Candidate
from .cues import load_cues
from .documents import Document
from .suggest import DEFAULT_THRESHOLD, suggest

if TYPE_CHECKING:
    from ..store.base import GraphStore
    from .mentions import Lexicon

__all__ = ["Curated", "curated_statements", "score", "evaluate", "matches"]


@dataclass(frozen=True)
class Curated:
    """A curated statement as the evaluation sees it: ends, relation and cited lines."""

    id: str
    subject: str
    relation: str
    family: str
    object: str
    lines: frozenset[int]


def curated_statements(gs: GraphStore, document: str) -> list[Curated]:
    """The curated statements of ``gs`` that cite the file ``document``."""
    rows = gs.select(query_text("curation-curated.rq"), {"file": Literal(document)})
    lines: defaultdict[tuple[str, ...], set[int]] = defaultdict(set)
    for row in rows:
        key = tuple(
            local_id(row[n].value) for n in ("statement", "subject", "relation", "family", "object")
        )
        lines[key].add(int(row["line"].value))
    return [Curated(*key, frozenset(found)) for key, found in sorted(lines.items())]


def evaluate(
    gs: GraphStore,
    document: Document,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    lex: Lexicon | None = None,
) -> dict[str, Any]:
    """The figures of :func:`score` for ``document``'s candidates (cues from other sources)."""
    cues = load_cues(exclude_origin=document.name)
    candidates = suggest(gs, document, threshold=threshold, cues=cues, skip_curated=False, lex=lex)
    result = score(candidates, curated_statements(gs, document.name))
    return {"document": document.name, "lines": len(document.lines), **result}


def score(candidates: list[Candidate], statements: list[Curated]) -> dict[str, Any]:
    """Precision, recall (family and relation level) and direction accuracy."""
    return {
        "family": _level(candidates, statements, relation=False),
        "relation": _level(candidates, statements, relation=True),
        "direction": _direction(candidates, statements),
    }


def _level(candidates: list[Candidate], statements: list[Curated], *, relation: bool) -> dict:
    hits = [(c, s) for c in candidates for s in statements if matches(c, s, relation)]
    good = {id(c) for c, _ in hits}
    found = {s.id for _, s in hits}
    return {
        "precision": _ratio(len(good), len(candidates)),
        "recall": _ratio(len(found), len(statements)),
        "matched": len(found),
        "candidates": len(candidates),
        "statements": len(statements),
    }


def matches(c: Candidate, s: Curated, relation: bool = False, ordered: bool = True) -> bool:
    """Whether ``c`` matches ``s``: same family (and relation, if asked), ends in order
    (either order for ``talksTo``, or if not ``ordered``), a line within one of a cited line."""
    if c.family != s.family or (relation and c.relation != s.relation):
        return False
    if not any(abs(c.line - line) <= 1 for line in s.lines):
        return False
    if (c.subject, c.object) == (s.subject, s.object):
        return True
    swapped = (c.object, c.subject) == (s.subject, s.object)
    return swapped and (s.family == "talksTo" or not ordered)


def _direction(candidates: list[Candidate], statements: list[Curated]) -> dict:
    either = right = 0
    for c in candidates:
        same = [s for s in statements if s.family != "talksTo" and matches(c, s, False, False)]
        if same:
            either += 1
            right += any(matches(c, s, False) for s in same)
    return {"accuracy": _ratio(right, either), "right": right, "pairs": either}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
