"""Which statements a page draws: by relation family, stance, date, roll-ups, and the
neighbourhood of one actor.

>>> sorted(parse_families(["talks-to,Supports"]))
['supports', 'talksTo']
"""

from __future__ import annotations

import datetime
from collections import defaultdict, deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..families import families, family_named
from ..query.actors import Actor
from ..query.relations import RelationRow, Stance, all_statements

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["FAMILIES", "Selection", "parse_families"]

#: The relation families, in the order the page lists them (the ontology's order).
FAMILIES = tuple(family.name for family in families())


def parse_families(names: Iterable[str]) -> frozenset[str]:
    """Family names as the ontology spells them; each name may list several, comma-separated.

    >>> sorted(parse_families(["talks-to,Supports", "structural"]))
    ['structural', 'supports', 'talksTo']
    """
    return frozenset(
        family_named(name).name
        for name in (part.strip() for text in names for part in text.split(","))
    )


@dataclass(frozen=True)
class Selection:
    """The options of :func:`build_page_data` that choose the statements (``until`` is
    ``at`` when ``at`` is given)."""

    focus: Actor | None
    depth: int
    families: frozenset[str] | None
    stances: Collection[Stance] | None
    since: datetime.date | None
    until: datetime.date | None
    at: datetime.date | None
    derived: bool

    def rows(self, gs: GraphStore) -> list[RelationRow]:
        """The statements of ``gs`` chosen. Each option given is one pass over the rows;
        an option not given costs nothing."""
        rows = all_statements(gs)
        if self.families is not None:
            rows = [row for row in rows if row.family in self.families]
        if self.stances is not None:
            rows = [row for row in rows if row.stance in self.stances]
        if not self.derived:
            rows = [row for row in rows if not row.derived]
        if self.since is not None or self.until is not None:
            rows = [row for row in rows if _in_range(row.effective_date, self.since, self.until)]
        if self.focus is not None:
            reach = _neighbourhood(rows, self.focus.iri, self.depth)
            rows = [row for row in rows if row.subject_iri in reach and row.object_iri in reach]
        return rows

    def describe(self) -> str:
        """The options that chose the statements, in words."""
        parts = []
        if self.focus is not None:
            hops = f"{self.depth} hop{'s' if self.depth != 1 else ''}"
            parts.append(f"around {self.focus.label} ({hops})")
        if self.families is not None:
            parts.append("families: " + ", ".join(f for f in FAMILIES if f in self.families))
        if self.stances is not None:
            parts.append("stances: " + ", ".join(s.value for s in Stance if s in self.stances))
        if self.at is not None:
            parts.append(f"as of {self.at.isoformat()}")
        elif self.since is not None or self.until is not None:
            start = self.since.isoformat() if self.since else "…"
            end = self.until.isoformat() if self.until else "…"
            parts.append(f"from {start} to {end}")
        if not self.derived:
            parts.append("without roll-ups")
        return " · ".join(parts) or "all statements"


def _in_range(
    day: datetime.date | None, since: datetime.date | None, until: datetime.date | None
) -> bool:
    """Whether ``day`` is known and within the range (either end may be open)."""
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _neighbourhood(rows: Iterable[RelationRow], start: str, depth: int) -> set[str]:
    """The IRIs within ``depth`` hops of ``start`` over non-denied statements, either way."""
    links: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.stance is not Stance.denied:
            links[row.subject_iri].add(row.object_iri)
            links[row.object_iri].add(row.subject_iri)
    reached = {start}
    frontier = deque([(start, 0)])
    while frontier:
        iri, hops = frontier.popleft()
        if hops < depth:
            for other in links[iri] - reached:
                reached.add(other)
                frontier.append((other, hops + 1))
    return reached
