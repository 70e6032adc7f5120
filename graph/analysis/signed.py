"""The signed network: who is for and who is against whom, how strongly, and on what evidence.

Every analysis (camps, centrality, balance, explain) reads the statements through this one
network, so they all weigh the evidence the same way. Each statement that is not denied
and not structural becomes part of a directed edge from its subject to its object, with a
signed weight::

    weight = score(relation) × stance factor × family factor

- **score** is the relation's ``ag:score`` in the ontology (−10 … +10): ``militarySupport``
  +8, ``supports`` +5, ``accuses`` −3, ``airStrike`` −10.
- **stance factor** (:data:`STANCE_FACTOR`): an assertion counts in full, a claim half, a
  denial not at all (denied statements are left out).
- **family factor**: 1 for supports and opposes; ``talk_weight`` for talksTo (default 0,
  so talking is *neutral*: the statement stays on the edge as evidence of contact, but
  gives it no sign; pass e.g. 0.25 to count talking as weak support).

An edge's ``weight`` is the sum over its statements and its ``sign`` is that sum's sign
(+1, −1, or 0 for contact only). A symmetric relation (``alliedWith``, ``fightsAlongside``,
the symmetric talksTo relations) puts its statement on both directions. Roll-ups count
unless ``derived`` is false. Structural statements (roles, membership, control of places)
are not edges: they are kept in ``network.graph["structural"]`` to explain placements.

Every actor of the graph is a node (``label`` and ``type`` attributes), tied or not; each
edge keeps ``statements``, the ids of the statements behind it, and
``network.graph["rows"]`` / ``network.graph["weights"]`` give each statement's
:class:`~actorgraph.query.relations.RelationRow` and weight.

>>> from actorgraph.ingest import open_graph
>>> network = signed_network(open_graph())
>>> edge = network["iran"]["syrian-government"]
>>> edge["sign"], edge["weight"], len(edge["statements"])  # a meeting (weight 0) is one
(1, 47.0, 11)
>>> network.graph["weights"]["aleppo-042"]  # PMF militarySupport (+8), claimed: × 0.5
4.0
>>> undirected(network)["hts"]["syrian-government"]["sign"]
-1
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..families import families
from ..query.actors import find_actors
from ..query.relations import (
    RelationRow,
    SourceRef,
    Stance,
    all_statements,
    symmetric_relations,
)
from ..records import Record
from ..resources import query_text

if TYPE_CHECKING:
    import networkx

    from ..store.base import GraphStore

__all__ = [
    "STANCE_FACTOR",
    "Evidence",
    "relation_scores",
    "statement_weight",
    "signed_network",
    "undirected",
    "evidence",
    "sign",
    "Tie",
    "tie",
]

#: How much a statement counts by its stance.
STANCE_FACTOR = {Stance.asserted: 1.0, Stance.claimed: 0.5, Stance.denied: 0.0}
#: The families whose statements are signed ties (:attr:`actorgraph.families.Family.signed`).
SIGNED_FAMILIES = frozenset(family.name for family in families() if family.signed)


@dataclass(frozen=True)
class Evidence(Record):
    """One statement behind an edge, as a reader checks it: who, what, how sure, where."""

    statement: str
    subject: str
    relation: str
    object: str
    stance: Stance
    weight: float
    sources: tuple[SourceRef, ...]


def relation_scores(gs: GraphStore) -> dict[str, int]:
    """Each relation property IRI's ``ag:score``, read from the ontology."""
    return {
        s["property"].value: int(s["score"].value)
        for s in gs.select(query_text("analysis-relation-scores.rq"))
    }


def statement_weight(row: RelationRow, score: int, talk_weight: float = 0.0) -> float:
    """The signed weight of one statement (see the module docstring); 0 for structural.

    >>> from actorgraph.query.relations import RelationRow, Stance
    >>> row = RelationRow("s-1", "a", "A", "attacks", "opposes", "b", "B", None,
    ...                   Stance.claimed, (), False, (), (), None, "", "", "")
    >>> statement_weight(row, -9)
    -4.5
    """
    if row.family in SIGNED_FAMILIES:
        family_factor = 1.0
    elif row.family == "talksTo":
        family_factor = talk_weight
    else:
        return 0.0
    return score * STANCE_FACTOR[row.stance] * family_factor


def signed_network(
    gs: GraphStore,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
    talk_weight: float = 0.0,
) -> networkx.DiGraph:
    """The signed, weighted network of the statements of ``gs`` (see the module docstring).

    ``at`` keeps what holds on that day (events on or before it, states begun by it and
    not ended before it); only statements that say their relation holds count (not
    denied, actual, not an ending); ``derived`` false
    leaves roll-ups out; ``talk_weight`` is the family factor of talksTo statements.
    """
    import networkx

    network = networkx.DiGraph(rows={}, weights={}, structural=[])
    for actor in find_actors(gs):
        network.add_node(actor.id, label=actor.label, type=actor.type)
    scores = relation_scores(gs)
    symmetric = symmetric_relations(gs)
    for row in all_statements(gs, at):
        if not row.counts or (row.derived and not derived):
            continue  # denied, planned or expected, or an ending: not a tie
        if row.family == "structural":
            network.graph["structural"].append(row)
            continue
        if row.subject == row.object:
            continue
        network.graph["rows"][row.statement] = row
        weight = network.graph["weights"][row.statement] = statement_weight(
            row, scores.get(row.relation_iri, 0), talk_weight
        )
        for node, label in ((row.subject, row.subject_label), (row.object, row.object_label)):
            if node not in network:  # an endpoint that is not a known actor
                network.add_node(node, label=label, type="")
        _extend(network, row.subject, row.object, row.statement, weight)
        if row.relation_iri in symmetric:
            _extend(network, row.object, row.subject, row.statement, weight)
    return network


def undirected(network: networkx.DiGraph) -> networkx.Graph:
    """The network with each pair of actors joined once: both directions' statements, once.

    A pair's ``weight`` sums the weights of its distinct statements (a symmetric statement,
    present in both directions, counts once); ``sign`` is the sign of that sum.
    """
    import networkx

    graph = networkx.Graph(**network.graph)
    graph.add_nodes_from(network.nodes(data=True))
    weights = network.graph["weights"]
    for start, end, data in network.edges(data=True):
        if graph.has_edge(start, end):
            known = graph[start][end]["statements"]
            known.extend(s for s in data["statements"] if s not in known)
        else:
            graph.add_edge(start, end, statements=list(data["statements"]))
    for _start, _end, data in graph.edges(data=True):
        data["weight"] = sum(weights[s] for s in data["statements"])
        data["sign"] = sign(data["weight"])
    return graph


def evidence(network: networkx.Graph, statement: str) -> Evidence:
    """The evidence of a statement on an edge of ``network`` (directed or not).

    >>> from actorgraph.ingest import open_graph
    >>> [str(source) for source in evidence(signed_network(open_graph()), "aleppo-042").sources]
    ['000_4ad9e107abaa6dbd.txt:15', '000_4ad9e107abaa6dbd.txt:16']
    """
    row = network.graph["rows"][statement]
    return Evidence(
        statement,
        row.subject,
        row.relation,
        row.object,
        row.stance,
        network.graph["weights"][statement],
        row.sources,
    )


@dataclass(frozen=True)
class Tie(Record):
    """Two actors, the net weight of the tie between them and the statements behind it."""

    JSON_KEYS = (
        "from=start", "from_label=start_label", "to=end", "to_label=end_label", "sign",
        "weight", "statements",
    )  # fmt: skip

    start: str
    start_label: str
    end: str
    end_label: str
    weight: float
    evidence: tuple[Evidence, ...]

    @property
    def sign(self) -> int:
        return sign(self.weight)

    @property
    def statements(self) -> list[dict[str, Any]]:
        """Each statement, saying whether it reads from ``start`` (forward) or not."""
        return [
            {**item.to_dict(), "direction": "forward" if item.subject == self.start else "backward"}
            for item in self.evidence
        ]


def tie(network: networkx.Graph, start: str, end: str, *, signed_only: bool = False) -> Tie:
    """The :class:`Tie` on the edge ``start``–``end`` of an undirected ``network``.

    ``signed_only`` leaves out the statements that weigh nothing (talks, denials).
    """
    data = network[start][end]
    weights = network.graph["weights"]
    return Tie(
        start,
        network.nodes[start].get("label", start),
        end,
        network.nodes[end].get("label", end),
        data["weight"],
        tuple(
            evidence(network, s)
            for s in data.get("statements", ())
            if weights[s] or not signed_only
        ),
    )


def sign(weight: float) -> int:
    """+1, −1 or 0: the sign of a weight.

    >>> sign(2.5), sign(-0.5), sign(0.0)
    (1, -1, 0)
    """
    return (weight > 0) - (weight < 0)


def _extend(network: networkx.DiGraph, start: str, end: str, statement: str, weight: float) -> None:
    """Put ``statement`` on the edge start → end, updating its weight and sign."""
    if not network.has_edge(start, end):
        network.add_edge(start, end, statements=[], weight=0.0, sign=0)
    edge = network[start][end]
    edge["statements"].append(statement)
    edge["weight"] += weight
    edge["sign"] = sign(edge["weight"])
