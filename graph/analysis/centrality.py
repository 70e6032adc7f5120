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
('syrian-government', 67.0)
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

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
class CentralityRow:
    """One actor's centrality measures."""

    id: str
    label: str
    in_support: float
    out_support: float
    pagerank: float
    betweenness: float

    def value(self, measure: Measure) -> float:
        return getattr(self, Measure(measure).name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "in_support": self.in_support,
            "out_support": self.out_support,
            "pagerank": round(self.pagerank, _DIGITS),
            "betweenness": round(self.betweenness, _DIGITS),
        }


def centrality(
    gs: GraphStore,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
    by: Measure = Measure.pagerank,
) -> list[CentralityRow]:
    """The centrality of every actor with a tie, highest ``by`` first (then by label).

    ``at`` and ``derived`` choose the statements as in
    :func:`actorgraph.analysis.signed.signed_network`.
    """
    import networkx

    network = signed_network(gs, at=at, derived=derived)
    ties = undirected(network)
    ties.remove_nodes_from([node for node, degree in ties.degree if degree == 0])
    support = networkx.DiGraph()
    support.add_nodes_from(ties)
    support.add_edges_from(
        (start, end, data) for start, end, data in network.edges(data=True) if data["weight"] > 0
    )
    ranks = pagerank(support)
    between = networkx.betweenness_centrality(ties)
    rows = [
        CentralityRow(
            id=node,
            label=ties.nodes[node]["label"],
            in_support=float(support.in_degree(node, weight="weight")),
            out_support=float(support.out_degree(node, weight="weight")),
            pagerank=ranks[node],
            betweenness=between[node],
        )
        for node in ties
    ]
    return sorted(rows, key=lambda row: (-row.value(by), row.label.casefold(), row.id))


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
