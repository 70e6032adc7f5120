"""Structural balance: which triangles of alignments hold together, and which do not.

In a signed network a triangle of three actors is **balanced** when the product of its
three signs is positive: three allies (``+ + +``), or two allies against a third
(``+ − −``, "the enemy of my enemy is my friend"). It is **unbalanced** otherwise: an
actor allied with two actors who are enemies of each other (``+ + −``), or three mutual
enemies (``− − −``, which weak balance theory accepts). Unbalanced triangles are where an
analyst looks for an unstable alliance, a change of sides or a mistake in the data.

The triangles are those of the undirected signed network
(:func:`actorgraph.analysis.signed.undirected`,
one tie per pair, its sign that of the net weight; neutral ties do not count).

- the **index** is the fraction of triangles that are balanced;
- the **weighted index** weighs each triangle by the product of its three ties' absolute
  weights, so strong, well-attested triangles count more.

Both are ``None`` when there is no triangle. Each unbalanced triangle is listed with the
statements behind its three ties.

>>> from actorgraph.ingest import open_graph
>>> report = balance(open_graph())
>>> 0 <= report.index <= 1, report.triangles > 0
(True, True)
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..gc_pause import collector_paused
from ..records import Record
from .network import LazyRows, Progress, network
from .signed import Evidence, Tie, sign, signed_network, tie, undirected

if TYPE_CHECKING:
    import networkx

    from ..store.base import GraphStore

__all__ = ["Triad", "BalanceReport", "triads", "balance"]

_KINDS = {
    (1, 1, 1): "three allies",
    (1, -1, -1): "two allies against a third",
    (1, 1, -1): "a shared ally of two enemies",
    (-1, -1, -1): "three enemies",
}


@dataclass(frozen=True)
class Triad(Record):
    """A triangle of three signed ties."""

    JSON_KEYS = ("actors", "kind", "balanced", "ties")

    ties: tuple[Tie, Tie, Tie]

    @property
    def actors(self) -> tuple[str, str, str]:
        first, second, _ = self.ties
        return (first.start, first.end, second.end)

    @property
    def balanced(self) -> bool:
        return math.prod(tie.sign for tie in self.ties) > 0

    @property
    def kind(self) -> str:
        """In words: ``three allies``, ``a shared ally of two enemies`` ..."""
        return _KINDS[tuple(sorted((tie.sign for tie in self.ties), reverse=True))]

    @property
    def weight(self) -> float:
        return math.prod(abs(tie.weight) for tie in self.ties)


@dataclass(frozen=True)
class BalanceReport(Record):
    """How balanced the network is, and its unbalanced triangles."""

    triangles: int
    balanced: int
    index: float | None  # balanced / triangles
    weighted_index: float | None
    unbalanced: tuple[Triad, ...]


def triads(graph: networkx.Graph) -> list[Triad]:
    """Every triangle of ties with a sign (``weight`` ≠ 0), ordered by its actors' ids.

    >>> import networkx
    >>> g = networkx.Graph(rows={}, weights={})
    >>> g.add_weighted_edges_from([("a", "b", 2), ("b", "c", 1), ("a", "c", -3)])
    >>> [(t.actors, t.kind, t.balanced) for t in triads(g)]
    [(('a', 'b', 'c'), 'a shared ally of two enemies', False)]
    """
    neighbours = {
        node: {other for other, data in graph[node].items() if data.get("weight")} for node in graph
    }
    found = []
    for first in sorted(neighbours):
        for second in sorted(n for n in neighbours[first] if n > first):
            for third in sorted(n for n in neighbours[first] & neighbours[second] if n > second):
                pairs = ((first, second), (second, third), (first, third))
                found.append(Triad(tuple(tie(graph, a, b, signed_only=True) for a, b in pairs)))
    return found


def balance(
    gs: GraphStore,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
    progress: Progress | None = None,
    reference: bool = False,
) -> BalanceReport:
    """The balance of the graph's signed network (see the module docstring).

    ``at`` and ``derived`` choose the statements as in
    :func:`actorgraph.analysis.signed.signed_network`. The triangles are found by igraph
    in the network :func:`~actorgraph.analysis.network.network` reads, and only the
    unbalanced ones are given their evidence, of which only the sources are read from the
    store; ``reference`` uses
    ``signed_network`` and :func:`triads` instead (the same report, slowly).
    ``progress`` is told when each step starts.
    """
    if not reference:
        with collector_paused():  # hundreds of thousands of rows, ties and triangles
            return _balance(gs, at, derived, progress)
    found = triads(undirected(signed_network(gs, at=at, derived=derived)))
    signs = [tuple(tie.sign for tie in triad.ties) for triad in found]
    weights = [triad.weight for triad in found]
    return _report(signs, weights, [triad for triad in found if not triad.balanced])


def _balance(
    gs: GraphStore, at: datetime.date | None, derived: bool, progress: Progress | None
) -> BalanceReport:
    """:func:`balance`, fast: on the network read by
    :func:`~actorgraph.analysis.network.network`, triangles found by igraph."""
    say = progress or (lambda _message: None)
    graph = undirected(network(gs, at=at, derived=derived, progress=progress))
    say(f"finding the triangles among {graph.number_of_nodes():,} actors")
    triples = _triangles(graph)
    say(f"weighing {len(triples):,} triangles")
    signs, weights, odd = [], [], []
    for triple in triples:
        data = [graph[a][b]["weight"] for a, b in _pairs(triple)]
        signs.append(tuple(sign(w) for w in data))
        weights.append(math.prod(abs(w) for w in data))
        if math.prod(signs[-1]) < 0:
            odd.append(triple)
    say(f"reading the evidence of {len(odd):,} unbalanced triangles")
    ties = _ties(graph, {pair for triple in odd for pair in _pairs(triple)})
    unbalanced = [Triad(tuple(ties[pair] for pair in _pairs(triple))) for triple in odd]
    return _report(signs, weights, unbalanced)


def _report(
    signs: list[tuple[int, ...]], weights: list[float], unbalanced: list[Triad]
) -> BalanceReport:
    """The report on triangles of these signs and weights."""
    balanced = [w for s, w in zip(signs, weights, strict=True) if math.prod(s) > 0]
    total_weight = sum(weights)
    return BalanceReport(
        triangles=len(signs),
        balanced=len(balanced),
        index=len(balanced) / len(signs) if signs else None,
        weighted_index=sum(balanced) / total_weight if signs else None,
        unbalanced=tuple(unbalanced),
    )


def _pairs(triple: tuple[str, str, str]) -> tuple[tuple[str, str], ...]:
    first, second, third = triple
    return ((first, second), (second, third), (first, third))


def _ties(graph: networkx.Graph, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], Tie]:
    """The :class:`Tie` of each pair, as ``tie(graph, *pair, signed_only=True)`` gives it.

    On a network read by :func:`~actorgraph.analysis.network.network`, a piece of evidence
    needs only the statement's sources besides what the network holds: they are read
    alone (:meth:`~actorgraph.analysis.network.LazyRows.sources`), not the full rows
    (at 100,000 statements, 205,688 unbalanced triangles rest on most statements).
    """
    rows, weights = graph.graph["rows"], graph.graph["weights"]
    if not isinstance(rows, LazyRows):
        return {pair: tie(graph, *pair, signed_only=True) for pair in pairs}
    edges = {(start, end): graph[start][end] for start, end in pairs}
    shown = {pair: [s for s in data["statements"] if weights[s]] for pair, data in edges.items()}
    sources = rows.sources({s for statements in shown.values() for s in statements})
    evidence: dict[str, Evidence] = {}

    def evidence_of(statement: str) -> Evidence:
        found = evidence.get(statement)
        if found is None:
            row = rows.lean(statement)
            found = evidence[statement] = Evidence(
                statement, row.subject, row.relation, row.object, row.stance,
                weights[statement], sources[statement],
            )  # fmt: skip
        return found

    nodes = graph.nodes
    return {
        (start, end): Tie(
            start,
            nodes[start].get("label", start),
            end,
            nodes[end].get("label", end),
            edges[start, end]["weight"],
            tuple(map(evidence_of, statements)),
        )  # fmt: skip
        for (start, end), statements in shown.items()
    }


def _triangles(graph: networkx.Graph) -> list[tuple[str, str, str]]:
    """Every triangle of ties with a sign, its actors in id order, ordered as :func:`triads`
    orders them; found by igraph."""
    import igraph

    nodes = list(graph)
    number = {node: index for index, node in enumerate(nodes)}
    edges = [(number[a], number[b]) for a, b, weight in graph.edges(data="weight") if weight]
    found = igraph.Graph(n=len(nodes), edges=edges).list_triangles()
    return sorted(tuple(sorted(nodes[index] for index in triangle)) for triangle in found)
