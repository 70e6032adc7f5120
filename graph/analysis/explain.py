"""Explaining how two actors relate: every chain of statements between them, with its sign.

"Why would Iran care about HTS?" :func:`explain` lists every simple path of up to
``max_hops`` steps between two actors in the signed network (:mod:`actorgraph.analysis.signed`: not
denied, not structural, each statement usable in either direction). Each step carries
every statement that links its two actors (relation, stance, direction, weight and the
document lines it rests on) and the sign of their net weight: +1 ally, −1 enemy, 0 a
contact (talks only).

A path's sign is the product of its steps' signs, the logic of structural balance: an
ally of an ally is +, an enemy of an enemy is +, an ally of an enemy is −. A path with a
neutral step has sign 0. Its ``reading`` says it in words from the first actor's side:
"an enemy of an ally" means the second actor is an enemy of an ally of the first.

Unlike :func:`actorgraph.query.paths.shortest_paths`, which finds the shortest chains only, this
lists them all, so that an analyst sees every reason two actors might be aligned.

>>> from actorgraph.query.actors import resolve_actor
>>> from actorgraph.ingest import open_graph
>>> gs = open_graph()
>>> first = explain(gs, resolve_actor(gs, "Iran"), resolve_actor(gs, "HTS"), max_hops=2)[0]
>>> first.sign, first.reading, [step.end for step in first.steps]
(-1, 'an enemy', ['hts'])
"""

from __future__ import annotations

import datetime
import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..records import Record
from .network import Progress, network
from .signed import Tie, signed_network, tie, undirected

if TYPE_CHECKING:
    import networkx

    from ..query.actors import Actor
    from ..store.base import GraphStore

__all__ = ["SignedPath", "explain"]

_WORDS = {1: "an ally", -1: "an enemy", 0: "a contact"}


@dataclass(frozen=True)
class SignedPath(Record):
    """A chain of steps from the first actor to the second, with its sign."""

    JSON_KEYS = ("length", "actors", "sign", "reading", "hops=steps")

    steps: tuple[Tie, ...]

    @property
    def actors(self) -> tuple[str, ...]:
        return (self.steps[0].start, *(step.end for step in self.steps))

    @property
    def sign(self) -> int:
        return math.prod(step.sign for step in self.steps)

    @property
    def reading(self) -> str:
        """The second actor as seen from the first, e.g. ``an enemy of an ally``."""
        return " of ".join(_WORDS[step.sign] for step in reversed(self.steps))

    @property
    def length(self) -> int:
        return len(self.steps)


def explain(
    gs: GraphStore,
    a: Actor,
    b: Actor,
    max_hops: int = 3,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
    progress: Progress | None = None,
    reference: bool = False,
) -> list[SignedPath]:
    """Every simple path of at most ``max_hops`` steps between ``a`` and ``b``.

    Paths are ordered by length, then by the labels of their actors. ``at`` and
    ``derived`` choose the statements as in :func:`actorgraph.analysis.signed.signed_network`.

    The network is read by :func:`actorgraph.analysis.network.network` (``reference``:
    by ``signed_network``, the same paths); ``progress`` is told when each step starts.

    Raises :class:`UsageError` when ``a`` and ``b`` are the same actor or ``max_hops``
    is below 1.
    """
    import networkx

    if a.id == b.id:
        raise UsageError(f"explain needs two different actors; both are {a.id!r}.")
    if max_hops < 1:
        raise UsageError(f"the maximum number of hops must be at least 1, not {max_hops}.")
    if reference:
        graph = undirected(signed_network(gs, at=at, derived=derived))
    else:
        graph = undirected(network(gs, at=at, derived=derived, progress=progress))
    if a.id not in graph or b.id not in graph:
        return []
    if progress:
        progress(f"listing the chains of at most {max_hops} hops")
    ties: dict[tuple[str, str], Tie] = {}

    def step(start: str, end: str) -> Tie:
        if (start, end) not in ties:
            ties[start, end] = tie(graph, start, end)
        return ties[start, end]

    paths = [
        SignedPath(tuple(step(start, end) for start, end in itertools.pairwise(chain)))
        for chain in networkx.all_simple_paths(graph, a.id, b.id, cutoff=max_hops)
    ]
    return sorted(paths, key=lambda p: (len(p.steps), [_label_key(graph, n) for n in p.actors]))


def _label_key(graph: networkx.Graph, node: str) -> tuple[str, str]:
    return (graph.nodes[node]["label"].casefold(), node)
