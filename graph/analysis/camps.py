"""Camps: groups of actors that back each other and stand against the other groups.

The camps are a partition of the signed network (:mod:`actorgraph.analysis.signed`, one edge per
pair
of actors with its net weight) that minimises **frustration**: the weight of the negative
ties inside camps plus the weight of the positive ties between camps. A partition with
frustration 0 is perfectly (weakly) balanced: friends together, enemies apart. The number
of camps is not fixed: an actor whose only ties are hostile forms a camp of its own rather
than being pushed into its enemy's enemy's camp.

The search (:func:`partition`) is a deterministic local search, so the same graph always
gives the same camps:

1. every actor with a signed tie starts in a camp of its own;
2. each actor in turn, strongest ties first (then by id), moves to the camp it is most
   attached to (the sum of its ties' weights to the camp's members, 0 for a camp of its
   own) if that beats its current camp;
3. the two camps with the most positive net weight between them are merged, if that
   weight is positive;

and steps 2 and 3 repeat until nothing changes. Every move and merge lowers the
frustration, so the search ends.

Actors with no signed tie (only structural ties, only talks, or none) are **unaligned**
rather than forced into a camp. Each actor gets a reason: its strongest positive and
negative ties with the statements behind them.

>>> from actorgraph.ingest import open_graph
>>> groups = camp_groups(open_graph())
>>> groups["iran"] == groups["russia"] == groups["syrian-government"]
True
>>> groups["hts"] == groups["syrian-government"], groups["sana"]
(False, 'unaligned')
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..records import Record
from . import camp_search
from .network import Progress, network
from .signed import signed_network, undirected

if TYPE_CHECKING:
    import networkx

    from ..store.base import GraphStore

__all__ = [
    "UNALIGNED",
    "Member",
    "Camp",
    "CampReport",
    "partition",
    "frustration",
    "camps",
    "camp_groups",
]

#: The group name of actors with no signed tie.
UNALIGNED = "unaligned"
_EPSILON = 1e-9


@dataclass(frozen=True)
class Member(Record):
    """An actor in a camp (or unaligned), with why it is there."""

    id: str
    label: str
    reason: str  # its strongest positive and negative ties ("ally", "enemy"), with evidence
    binds: tuple[str, ...]  # statements behind its positive ties inside its camp
    separates: tuple[str, ...]  # statements behind its negative ties to other camps


@dataclass(frozen=True)
class Camp(Record):
    """A camp: its members, the statements that bind it and those that set it apart."""

    JSON_KEYS = ("camp=number", "name", "members", "binds", "separates", "tensions")

    number: int  # 1 is the largest camp
    name: str  # the label of its anchor: the member with the most weight of signed ties
    members: tuple[Member, ...]
    binds: tuple[str, ...]  # positive ties inside the camp
    separates: tuple[str, ...]  # negative ties to members of other camps
    tensions: tuple[str, ...]  # negative ties inside, positive ties to other camps

    @property
    def title(self) -> str:
        """How the camp is named in listings, e.g. ``camp 1 (Syrian government)``."""
        return f"camp {self.number} ({self.name})"


@dataclass(frozen=True)
class CampReport(Record):
    """The camps, the unaligned actors and the frustration left over."""

    JSON_KEYS = ("camps", "unaligned", "frustration", "total_weight=total")

    camps: tuple[Camp, ...]
    unaligned: tuple[Member, ...]
    frustration: float  # weight of the ties that go against the partition
    total: float  # weight of all signed ties

    def groups(self) -> dict[str, str]:
        """Actor id → the title of its camp, or :data:`UNALIGNED`."""
        groups = {member.id: camp.title for camp in self.camps for member in camp.members}
        groups.update((member.id, UNALIGNED) for member in self.unaligned)
        return groups


def partition(graph: networkx.Graph) -> list[set[str]]:
    """The camps of a signed graph (edge attribute ``weight``), by the search above.

    Nodes without a non-zero tie are left out.

    >>> import networkx
    >>> g = networkx.Graph()
    >>> g.add_weighted_edges_from([("a", "b", 2), ("b", "c", 1), ("a", "c", -3), ("c", "d", 5)])
    >>> sorted(sorted(camp) for camp in partition(g))
    [['a', 'b'], ['c', 'd']]
    """
    strength = defaultdict(float)
    for start, end, weight in graph.edges(data="weight"):
        if weight:
            strength[start] += abs(weight)
            strength[end] += abs(weight)
    nodes = sorted(strength, key=lambda node: (-strength[node], node))
    camp_of = {node: number for number, node in enumerate(nodes)}
    fresh = itertools.count(len(nodes))
    while _move_nodes(graph, nodes, camp_of, fresh) | _merge_camps(graph, camp_of):
        pass
    members: defaultdict[int, set[str]] = defaultdict(set)
    for node, number in camp_of.items():
        members[number].add(node)
    return list(members.values())


def frustration(graph: networkx.Graph, groups: Iterable[Iterable[str]]) -> float:
    """The weight of negative ties inside ``groups`` plus positive ties between them.

    >>> import networkx
    >>> g = networkx.Graph()
    >>> g.add_weighted_edges_from([("a", "b", 2), ("b", "c", -1)])
    >>> frustration(g, [{"a", "b"}, {"c"}]), frustration(g, [{"a"}, {"b", "c"}])
    (0.0, 3.0)
    """
    camp_of = {node: number for number, group in enumerate(groups) for node in group}
    total = 0.0
    for start, end, weight in graph.edges(data="weight"):
        same = start in camp_of and camp_of.get(start) == camp_of.get(end)
        if (weight < 0 and same) or (weight > 0 and not same):
            total += abs(weight)
    return total


def camps(
    gs: GraphStore,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
    progress: Progress | None = None,
    reference: bool = False,
) -> CampReport:
    """The camps of the graph's signed network, with reasons and evidence.

    ``at`` and ``derived`` choose the statements as in
    :func:`actorgraph.analysis.signed.signed_network`.
    Camps are numbered largest first (then by the weight that binds them, then by name).
    The network is read by :func:`actorgraph.analysis.network.network` and searched by
    :func:`actorgraph.analysis.camp_search.partition`; ``reference`` uses
    ``signed_network`` and :func:`partition` instead, which find the same camps, slowly.
    ``progress`` is told when each step starts.
    """
    say = progress or (lambda _message: None)
    if reference:
        graph = undirected(signed_network(gs, at=at, derived=derived))
        found = partition(graph)
    else:
        graph = undirected(network(gs, at=at, derived=derived, progress=progress))
        say(f"finding camps among {graph.number_of_nodes():,} actors")
        found = camp_search.partition(graph)
    say("explaining the camps")
    camp_of = {node: number for number, group in enumerate(found) for node in group}
    _index(graph, camp_of)
    ordered = sorted(
        (_camp(graph, group, camp_of) for group in found),
        key=lambda camp: (-len(camp.members), -_inner_weight(graph, camp), camp.name.casefold()),
    )
    numbered = tuple(replace(camp, number=number) for number, camp in enumerate(ordered, start=1))
    unaligned = tuple(
        _member(graph, node, camp_of)
        for node in sorted(graph, key=lambda node: _label_key(graph, node))
        if node not in camp_of
    )
    signed = sum(abs(weight) for _, _, weight in graph.edges(data="weight"))
    return CampReport(numbered, unaligned, frustration(graph, found), signed)


def camp_groups(
    gs: GraphStore, at: datetime.date | None = None, derived: bool = True
) -> dict[str, str]:
    """Actor id → its camp's title (e.g. ``camp 1 (Syrian government)``) or ``unaligned``.

    Meant for colouring a picture of the graph by camp.
    """
    return camps(gs, at=at, derived=derived).groups()


def _move_nodes(
    graph: networkx.Graph, nodes: Sequence[str], camp_of: dict[str, int], fresh: Iterator[int]
) -> bool:
    """One pass of step 2; True if any actor moved. ``fresh`` numbers new camps."""
    moved = False
    sizes = Counter(camp_of.values())
    for node in nodes:
        attachment: defaultdict[int, float] = defaultdict(float)
        for neighbour, data in graph[node].items():
            if neighbour in camp_of and neighbour != node:
                attachment[camp_of[neighbour]] += data["weight"]
        current = camp_of[node]
        options = sorted(attachment.items())
        if sizes[current] > 1:
            options.append((-1, 0.0))  # a camp of its own
        best, gain = current, attachment.get(current, 0.0)
        for camp, weight in options:
            if weight > gain + _EPSILON:
                best, gain = camp, weight
        if best != current:
            best = next(fresh) if best == -1 else best
            sizes[current] -= 1
            sizes[best] += 1
            camp_of[node] = best
            moved = True
    return moved


def _merge_camps(graph: networkx.Graph, camp_of: dict[str, int]) -> bool:
    """Step 3: merge the two camps with the most positive weight between them, if any."""
    between: defaultdict[tuple[int, int], float] = defaultdict(float)
    for start, end, weight in graph.edges(data="weight"):
        if start in camp_of and end in camp_of and camp_of[start] != camp_of[end]:
            between[tuple(sorted((camp_of[start], camp_of[end])))] += weight
    if not between:
        return False
    (keep, gone), weight = max(between.items(), key=lambda item: (item[1], [-n for n in item[0]]))
    if weight <= _EPSILON:
        return False
    for node, camp in camp_of.items():
        if camp == gone:
            camp_of[node] = keep
    return True


def _camp(graph: networkx.Graph, group: set[str], camp_of: dict[str, int]) -> Camp:
    """A camp (numbered 0 for now) with its members, evidence and anchor."""
    members = [
        _member(graph, node, camp_of)
        for node in sorted(group, key=lambda node: _label_key(graph, node))
    ]
    binds, separates, tensions = [], [], []
    for node in group:
        for neighbour, data in graph[node].items():
            inside = neighbour in group
            if data["weight"] > 0:
                (binds if inside else tensions).append(data)
            elif data["weight"] < 0:
                (tensions if inside else separates).append(data)
    anchor = max(group, key=lambda node: (_strength(graph, node), _label(graph, node)))
    return Camp(
        0,
        _label(graph, anchor),
        tuple(members),
        _statements(graph, binds),
        _statements(graph, separates),
        _statements(graph, tensions),
    )


def _member(graph: networkx.Graph, node: str, camp_of: dict[str, int]) -> Member:
    """An actor with its reason and the evidence for its place."""
    camp = camp_of.get(node)
    binds, separates = [], []
    for neighbour, data in graph[node].items():
        other = camp_of.get(neighbour)
        if camp is None or other is None:
            continue
        if data["weight"] > 0 and other == camp:
            binds.append(data)
        elif data["weight"] < 0 and other != camp:
            separates.append(data)
    return Member(
        node,
        _label(graph, node),
        _reason(graph, node, camp_of) if camp is not None else _unaligned_reason(graph, node),
        _statements(graph, binds),
        _statements(graph, separates),
    )


def _reason(graph: networkx.Graph, node: str, camp_of: dict[str, int]) -> str:
    """Its net tie to the rest of its camp (if any), its strongest ally and enemy."""
    ties = [(data["weight"], neighbour) for neighbour, data in graph[node].items()]
    ally = max((tie for tie in ties if tie[0] > 0), default=None, key=_tie_order)
    enemy = max((tie for tie in ties if tie[0] < 0), default=None, key=_tie_order)
    parts = [
        f"strongest {kind}: " + (_tie(graph, node, tie) if tie else "none")
        for kind, tie in (("ally", ally), ("enemy", enemy))
    ]
    camp = camp_of[node]
    if graph.graph["camp sizes"][camp] > 1:
        net = sum(weight for weight, other in ties if camp_of.get(other) == camp)
        parts.insert(0, f"net tie to its camp: {net:+g}")
    return "; ".join(parts)


def _unaligned_reason(graph: networkx.Graph, node: str) -> str:
    """Why an actor is unaligned: it only talks, or only has structural ties, or none."""
    parts = ["no supporting or opposing ties"]
    contacts = sorted((_label(graph, neighbour), neighbour) for neighbour in graph[node])
    if contacts:
        parts.append(
            "talks with: "
            + ", ".join(
                f"{label} ({', '.join(graph[node][other]['statements'])})"
                for label, other in contacts
            )
        )
    structure = [
        f"{row.relation} {row.object_label} ({row.statement})"
        if row.subject == node
        else f"{row.subject_label} {row.relation} it ({row.statement})"
        for row in graph.graph["structural by actor"].get(node, ())
    ]
    if structure:
        parts.append("structural: " + ", ".join(structure))
    return "; ".join(parts)


def _tie_order(tie: tuple[float, str]) -> tuple[float, str]:
    weight, neighbour = tie
    return (abs(weight), neighbour)


def _tie(graph: networkx.Graph, node: str, tie: tuple[float, str]) -> str:
    """``Iran (+29: aleppo-022, ...)``: the statements whose sign is the tie's."""
    weight, neighbour = tie
    edge = graph[node][neighbour]
    weights = graph.graph["weights"]
    evidence = [s for s in edge["statements"] if weights[s] * weight > 0]
    return f"{_label(graph, neighbour)} ({weight:+g}: {', '.join(evidence)})"


def _statements(graph: networkx.Graph, edges: Iterable[dict[str, Any]]) -> tuple[str, ...]:
    """The statements behind ``edges`` with a non-zero weight, once each, in date order."""
    weights, order = graph.graph["weights"], graph.graph["row order"]
    wanted = {s for data in edges for s in data["statements"] if weights[s]}
    return tuple(sorted(wanted, key=order.__getitem__))  # rows are in date order


def _index(graph: networkx.Graph, camp_of: dict[str, int]) -> None:
    """Keep in ``graph.graph`` what the reasons look up for every actor, worked out once:
    each statement's place in date order, each camp's size and each actor's structural
    statements."""
    graph.graph["row order"] = {s: n for n, s in enumerate(graph.graph["rows"])}
    graph.graph["camp sizes"] = Counter(camp_of.values())
    structural = graph.graph["structural"]
    by_actor: defaultdict[str, list] = defaultdict(list)
    for row in getattr(structural, "lean", structural):  # labels are all a reason needs
        by_actor[row.subject].append(row)
        if row.object != row.subject:
            by_actor[row.object].append(row)
    graph.graph["structural by actor"] = by_actor


def _strength(graph: networkx.Graph, node: str) -> float:
    """The weight of all the actor's signed ties, positive or negative."""
    return sum(abs(weight) for _, _, weight in graph.edges(node, data="weight"))


def _inner_strength(graph: networkx.Graph, node: str, group: set[str]) -> float:
    return sum(
        data["weight"]
        for neighbour, data in graph[node].items()
        if neighbour in group and data["weight"] > 0
    )


def _inner_weight(graph: networkx.Graph, camp: Camp) -> float:
    group = {member.id for member in camp.members}
    return sum(_inner_strength(graph, node, group) for node in group)


def _label(graph: networkx.Graph, node: str) -> str:
    return graph.nodes[node].get("label", node)


def _label_key(graph: networkx.Graph, node: str) -> tuple[str, str]:
    return (_label(graph, node).casefold(), node)
