"""Statement rows for an actor, who supports / opposes / talks to an actor, and graph stats.

The one import point for these, split by concern into :mod:`.rows` (what a row is and how
the query answers fold into rows), :mod:`.statements` (the rows of an actor or the graph,
on a day), :mod:`.who` and :mod:`.stats`.
"""

from __future__ import annotations

from .rows import RelationRow, SourceRef, Stance, date_precision, statement_id
from .statements import (
    Direction,
    all_statements,
    count_support,
    known_by,
    relation_names,
    relations,
    symmetric_relations,
)
from .stats import stats
from .who import Family, WhoRow, parse_family, who

__all__ = [
    "Direction",
    "Stance",
    "Family",
    "parse_family",
    "SourceRef",
    "RelationRow",
    "WhoRow",
    "relations",
    "all_statements",
    "count_support",
    "date_precision",
    "known_by",
    "who",
    "stats",
    "relation_names",
    "symmetric_relations",
    "statement_id",
]
