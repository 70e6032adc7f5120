"""Centrality: who is most backed, who backs most, and who sits between the sides.

Four measures per actor, all on the signed network of :mod:`actorgraph.analysis.signed`:

- **in-support** / **out-support**: the summed weight of the positive edges into / out of
  the actor (the support it receives / gives; a symmetric alliance counts both ways).
- **PageRank** on the support subgraph (positive edges, weighted): being backed by actors
  who are themselves well backed counts more. "Who is most backed."
- **betweenness** on all ties, whatever their sign, as undirected and unweighted links
  (normalised to 0..1): the share of shortest chains between other actors that pass
  through the actor. A high value marks a broker between camps, which the support
  subgraph alone cannot show since camps are joined by hostile or neutral ties.

Only actors with at least one tie are listed.

>>> from actorgraph.ingest import open_graph
>>> top = centrality(open_graph())[0]
>>> top.id, top.in_support
('syrian-government', 139.0)
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..records import Record
from .network import Progress, network
from .signed import signed_network, undirected

if TYPE_CHECKING:
    import networkx

    from ..store.base import GraphStore

__all__ = ["Measure", "CentralityRow", "centrality", "pagerank"]

_DIGITS = 4


class Measure(StrEnum):
    """The measures :func:`centrality` can sort by."""

    pagerank = "pagerank"
    in_support = "in-support"
    out_support = "out-support"
    betweenness = "betweenness"


@dataclass(frozen=True)
class CentralityRow(Record):
    """One actor's centrality measures (in JSON, rounded to 4 decimals)."""

    JSON_KEYS = (
        "id", "label", "in_support", "out_support",
        "pagerank=pagerank_rounded", "betweenness=betweenness_rounded",
    )  # fmt: skip

    id: str
    label: str
    in_support: float
    out_support: float
    pagerank: float
    betweenness: float

    def value(self, measure: Measure) -> float:
        return getattr(self, Measure(measure).name)

    @property
    def pagerank_rounded(self) -> float:
        return round(self.pagerank, _DIGITS)

    @property
    def betweenness_rounded(self) -> float:
        return round(self.betweenness, _DIGITS)


def centrality(
    gs: GraphStore,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
    by: Measure = Measure.pagerank,
    progress: Progress | None = None,
    reference: bool = False,
) -> list[CentralityRow]:
    """The centrality of every actor with a tie, highest ``by`` first (then by label).

    ``at`` and ``derived`` choose the statements as in
    :func:`actorgraph.analysis.signed.signed_network`. PageRank and betweenness are
    computed by igraph (C); ``reference`` computes them with networkx and :func:`pagerank`
    on ``signed_network`` instead (the same values within 1e-9; docs/analysis.md).
    ``progress`` is told when each step starts.
    """
    import networkx

    say = progress or (lambda _message: None)
    if reference:
        signed = signed_network(gs, at=at, derived=derived)
    else:
        signed = network(gs, at=at, derived=derived, progress=progress)
    ties = undirected(signed)
    ties.remove_nodes_from([node for node, degree in ties.degree if degree == 0])
    support = [(a, b, w) for a, b, w in signed.edges(data="weight") if w > 0 and a in ties]
    if reference:
        graph = networkx.DiGraph()
        graph.add_nodes_from(ties)
        graph.add_weighted_edges_from(support)
        ranks = pagerank(graph)
        between = networkx.betweenness_centrality(ties)
    else:
        say(f"ranking {ties.number_of_nodes():,} actors (PageRank, betweenness)")
        ranks, between = _igraph_measures(ties, support)
    given: defaultdict[str, float] = defaultdict(float)
    received: defaultdict[str, float] = defaultdict(float)
    for start, end, weight in support:
        given[start] += weight
        received[end] += weight
    rows = [
        CentralityRow(
            id=node,
            label=ties.nodes[node]["label"],
            in_support=float(received[node]),
            out_support=float(given[node]),
            pagerank=ranks[node],
            betweenness=between[node],
        )
        for node in ties
    ]
    # values equal to 12 decimals are ties, so that rounding does not order them
    return sorted(rows, key=lambda row: (-round(row.value(by), 12), row.label.casefold(), row.id))


def _pagerank_arrays(
    count: int,
    edges: list[tuple[int, int, float]],
    damping: float = 0.85,
    tolerance: float = 1e-12,
    max_iterations: int = 1000,
) -> list[float]:
    """:func:`pagerank`'s power iteration on numbered nodes, with numpy arrays.

    The same steps in the same order as :func:`pagerank`, so the ranks agree with it to
    rounding (about 1e-16), not merely to the tolerance.
    """
    import numpy

    if not count:
        return []
    start = numpy.array([a for a, _, _ in edges], dtype=numpy.int64)
    end = numpy.array([b for _, b, _ in edges], dtype=numpy.int64)
    weight = numpy.array([w for _, _, w in edges], dtype=numpy.float64)
    out = numpy.bincount(start, weights=weight, minlength=count)
    dangling = out == 0
    share = weight / numpy.where(dangling, 1.0, out)[start]
    rank = numpy.full(count, 1.0 / count)
    for _ in range(max_iterations):
        spread = damping * rank[dangling].sum() / count
        following = numpy.full(count, (1.0 - damping) / count + spread)
        following += numpy.bincount(end, weights=damping * rank[start] * share, minlength=count)
        change = numpy.abs(following - rank).sum()
        rank = following
        if change < tolerance * count:
            break
    return rank.tolist()


def _igraph_measures(
    ties: networkx.Graph, support: list[tuple[str, str, float]]
) -> tuple[dict[str, float], dict[str, float]]:
    """PageRank on the support edges and normalised betweenness on ``ties``, by igraph.

    PageRank is :func:`pagerank`'s iteration on arrays (:func:`_pagerank_arrays`); igraph's
    betweenness counts each unordered pair once, so it is scaled by 2 / ((n − 1)(n − 2)),
    as networkx normalises it.
    """
    import igraph

    nodes = list(ties)
    number = {node: index for index, node in enumerate(nodes)}
    undirected_graph = igraph.Graph(
        n=len(nodes), edges=[(number[a], number[b]) for a, b in ties.edges]
    )
    count = len(nodes)
    scale = 2.0 / ((count - 1) * (count - 2)) if count > 2 else 1.0
    between = undirected_graph.betweenness(directed=False)
    ranks = _pagerank_arrays(count, [(number[a], number[b], w) for a, b, w in support])
    return (
        {node: ranks[index] for index, node in enumerate(nodes)},
        {node: between[index] * scale for index, node in enumerate(nodes)},
    )


def pagerank(
    graph: networkx.DiGraph,
    damping: float = 0.85,
    tolerance: float = 1e-12,
    max_iterations: int = 1000,
) -> Mapping[Hashable, float]:
    """PageRank of a directed graph with edge attribute ``weight``, by power iteration.

    A node with no outgoing edge spreads its rank over all nodes, as does the random jump
    (1 − ``damping``). The ranks sum to 1. (networkx's own ``pagerank`` needs SciPy,
    which actorgraph does not depend on for a graph this small.)

    >>> import networkx
    >>> ranks = pagerank(networkx.DiGraph([("a", "b", {"weight": 1.0})]))
    >>> round(ranks["a"], 4), round(ranks["b"], 4)
    (0.3509, 0.6491)
    """
    nodes = list(graph)
    if not nodes:
        return {}
    count = len(nodes)
    out = {node: graph.out_degree(node, weight="weight") for node in nodes}
    rank = dict.fromkeys(nodes, 1.0 / count)
    for _ in range(max_iterations):
        spread = damping * sum(rank[node] for node in nodes if not out[node]) / count
        following = dict.fromkeys(nodes, (1.0 - damping) / count + spread)
        for start, end, weight in graph.edges(data="weight"):
            following[end] += damping * rank[start] * weight / out[start]
        change = sum(abs(following[node] - rank[node]) for node in nodes)
        rank = following
        if change < tolerance * count:
            break
    return rank
