"""The shortest chains of relations that link two actors.

"How is Iran connected to HTS?" is answered by the shortest paths through statements that
are neither denied nor structural, each statement usable in either direction. A path is a
sequence of actors; each hop between two of them lists every statement that links them
(with its direction, so ``Iran -supports-> Syria`` and ``Syria <-attacks- HTS`` read
correctly) and the document lines it rests on.

The edges are the rows of :func:`~actorgraph.query.statements.all_statements` (one
streaming query), so paths follow the same roll-ups and time rules as ``who`` and
``relations``: only statements that say their relation holds (not denied, actual, not an
ending), and with ``at``, only what holds on that day. The search is a plain breadth-first
search, which is all a graph of this size needs.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..namespaces import local_id
from ..records import Record
from .actors import Actor, actor_by_iri
from .rows import SourceRef
from .statements import all_statements
from .who import Family

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["Link", "Hop", "Path", "shortest_paths"]

_Adjacency = dict[str, dict[str, list["Link"]]]


@dataclass(frozen=True)
class Link(Record):
    """One statement linking the two actors of a hop."""

    JSON_KEYS = ("statement", "relation", "family", "direction", "sources")

    statement: str
    relation: str
    family: str
    forward: bool  # True: the hop's first actor is the statement's subject
    sources: tuple[str, ...]  # "file:line"

    @property
    def direction(self) -> str:
        return "forward" if self.forward else "backward"


@dataclass(frozen=True)
class Hop(Record):
    """One step of a path, from ``start`` to ``end``, with the statements linking them."""

    JSON_KEYS = (
        "from=start.id",
        "from_label=start.label",
        "to=end.id",
        "to_label=end.label",
        "links",
    )

    start: Actor
    end: Actor
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Path(Record):
    """A chain of hops from the first actor to the second."""

    JSON_KEYS = ("length", "actors=actor_ids", "hops")

    hops: tuple[Hop, ...]

    @property
    def actors(self) -> tuple[Actor, ...]:
        return (self.hops[0].start, *(hop.end for hop in self.hops))

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(actor.id for actor in self.actors)

    @property
    def length(self) -> int:
        return len(self.hops)


def shortest_paths(
    gs: GraphStore,
    a: Actor,
    b: Actor,
    max_length: int = 4,
    families: Collection[Family] | None = None,
    at: datetime.date | None = None,
) -> list[Path]:
    """Every shortest path of at most ``max_length`` hops from ``a`` to ``b``.

    Paths use statements that are not denied and not structural, in either direction,
    optionally only those of ``families`` and those known on day ``at`` (effective date on
    or before it); roll-ups are used too. Returns [] when no path is that short. Paths
    are ordered by the labels of their actors.

    Raises :class:`UsageError` when ``a`` and ``b`` are the same actor or ``max_length``
    is below 1.
    """
    if a.iri == b.iri:
        raise UsageError(f"a path needs two different actors; both are {a.id!r}.")
    if max_length < 1:
        raise UsageError(f"the maximum path length must be at least 1, not {max_length}.")
    adjacency = _adjacency(gs, families, at)
    previous = _search(adjacency, a.iri, b.iri, max_length)
    if b.iri not in previous:
        return []
    chains = _chains(previous, a.iri, b.iri)
    paths = [_path(gs, adjacency, chain) for chain in chains]
    return sorted(paths, key=lambda p: [(x.label.casefold(), x.id) for x in p.actors])


@dataclass
class _Edge:
    """A statement usable by a path, with the source lines gathered from its rows."""

    subject: str
    object: str
    relation: str
    family: str
    sources: set[SourceRef] = field(default_factory=set)


def _adjacency(
    gs: GraphStore, families: Collection[Family] | None, at: datetime.date | None = None
) -> _Adjacency:
    """For each actor, its neighbours and the links to each (direction as seen from it)."""
    wanted = None if families is None else {Family(f).value for f in families}
    edges: dict[str, _Edge] = {}
    for row in all_statements(gs, at):
        if not row.counts or row.family == "structural" or row.subject_iri == row.object_iri:
            continue
        if wanted is not None and row.family not in wanted:
            continue
        edges[row.statement] = _Edge(
            row.subject_iri,
            row.object_iri,
            row.relation,
            row.family,
            {SourceRef(s.document, s.line) for s in row.sources},
        )
    adjacency: _Adjacency = defaultdict(lambda: defaultdict(list))
    for statement, edge in sorted(edges.items()):
        sources = tuple(str(ref) for ref in sorted(edge.sources))
        for start, end, forward in (
            (edge.subject, edge.object, True),
            (edge.object, edge.subject, False),
        ):
            link = Link(statement, edge.relation, edge.family, forward, sources)
            adjacency[start][end].append(link)
    return adjacency


def _search(adjacency: _Adjacency, start: str, goal: str, limit: int) -> dict[str, list[str]]:
    """Breadth-first search: each reached node's predecessors on shortest paths from start.

    Stops after the level where ``goal`` is reached, or after ``limit`` levels.
    """
    previous: dict[str, list[str]] = {start: []}
    level = [start]
    for _ in range(limit):
        found: dict[str, list[str]] = defaultdict(list)
        for node in level:
            for neighbour in adjacency.get(node, {}):
                if neighbour not in previous:
                    found[neighbour].append(node)
        previous.update(found)
        if goal in found or not found:
            break
        level = list(found)
    return previous


def _chains(previous: dict[str, list[str]], start: str, goal: str) -> list[list[str]]:
    """Every node sequence from ``start`` to ``goal`` along the predecessor links."""
    if goal == start:
        return [[start]]
    return [chain + [goal] for node in previous[goal] for chain in _chains(previous, start, node)]


def _path(gs: GraphStore, adjacency: _Adjacency, chain: list[str]) -> Path:
    actors = [_actor(gs, iri) for iri in chain]
    return Path(
        tuple(
            Hop(actors[i], actors[i + 1], tuple(adjacency[chain[i]][chain[i + 1]]))
            for i in range(len(chain) - 1)
        )
    )


def _actor(gs: GraphStore, iri: str) -> Actor:
    """The actor at ``iri``; a node that is not a known actor is shown by its local id."""
    actor = actor_by_iri(gs, iri)
    if actor is None:
        actor = Actor(
            iri=iri, id=local_id(iri), label=local_id(iri), label_ar=None, type="", aliases=()
        )
    return actor
