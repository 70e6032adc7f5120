"""Counts that describe the graph."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import TYPE_CHECKING, Any

from .actors import find_actors
from .rows import Stance, vocabulary
from .statements import all_statements

if TYPE_CHECKING:
    from ..store.embedded import GraphStore

__all__ = ["stats"]


def stats(gs: GraphStore, at: datetime.date | None = None) -> dict[str, Any]:
    """Counts that describe the graph.

    ``statements``, ``by_family``, ``by_stance`` and ``sources`` count curated statements
    only (roll-ups are left out); ``sources`` is the number of distinct document lines
    cited. ``actors`` counts every actor. ``at`` counts only what holds on that day
    (see :func:`actorgraph.query.statements.known_by`).
    """
    curated = [row for row in all_statements(gs, at) if not row.derived]
    by_family = Counter({name: 0 for name in vocabulary(gs).families()})
    by_family.update(row.family for row in curated)
    by_stance = Counter({stance.value: 0 for stance in Stance})
    by_stance.update(row.stance.value for row in curated)
    cited = {(source.document, source.line) for row in curated for source in row.sources}
    return {
        "actors": len(find_actors(gs)),
        "statements": len(curated),
        "by_family": dict(by_family),
        "by_stance": dict(by_stance),
        "sources": len(cited),
    }
