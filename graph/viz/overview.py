"""The clusters a large page opens on: groups of actors drawn as one node each.

Nobody reads ten thousand nodes drawn at once, so above :data:`OVERVIEW_ACTORS` actors (or
:data:`OVERVIEW_LINKS` links) the page opens on an overview: one node per cluster, sized
by its members, with the links between clusters counted per family; clicking a cluster
opens it (docs/viz.md).

The clusters are the camps when the page is coloured by camp (``viz --color camp``);
otherwise they come from :func:`clusters`, a signed label propagation over the links
drawn, which takes well under a second at 100,000 statements (the camp search does not
finish at that size, see docs/performance.md). Support and structural ties pull two
actors together, talks pull a little, opposition pushes them apart; a cluster stops
growing at ``cap`` members so that opening one never draws a hairball; what is left over
in small groups is gathered into clusters of "smaller groups".

>>> links = [("a", "b", "supports", 3), ("c", "d", "talksTo", 1), ("a", "c", "opposes", 2)]
>>> clusters(["a", "b", "c", "d"], links, cap=2, min_size=2)
[Cluster(name=None, members=(0, 1)), Cluster(name=None, members=(2, 3))]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "Cluster",
    "OVERVIEW_ACTORS",
    "OVERVIEW_LINKS",
    "SMALL_GROUPS",
    "wants_overview",
    "clusters",
]

#: Above this many actors the page opens on an overview of clusters.
OVERVIEW_ACTORS = 2000
#: ... or above this many links (a dense graph of fewer actors is a hairball too).
OVERVIEW_LINKS = 6000
#: The name of the clusters that gather actors tied to no other cluster.
SMALL_GROUPS = "loosely linked actors"

_WEIGHTS = {"supports": 1.0, "structural": 1.0, "talksTo": 0.5, "opposes": -1.0}
_ROUNDS = 12  # label propagation passes at most (it usually settles in 4-6)
_MIN_CLUSTER = 3  # clusters smaller than this are gathered into "smaller groups"
_MAX_CLUSTERS = 40  # the biggest clusters are kept; the rest join them or are gathered


@dataclass(frozen=True)
class Cluster:
    """Actors drawn as one node on the overview: indexes into the page's nodes; ``name``
    is the group's (a camp, or :data:`SMALL_GROUPS`), or None: the page names the cluster
    after its best-connected member."""

    name: str | None
    members: tuple[int, ...]


def wants_overview(nodes: int, links: int) -> bool:
    """Whether a page of ``nodes`` actors and ``links`` links opens on the overview.

    >>> wants_overview(72, 143), wants_overview(2500, 4000), wants_overview(1000, 15000)
    (False, True, True)
    """
    return nodes > OVERVIEW_ACTORS or links > OVERVIEW_LINKS


def cluster_cap(nodes: int) -> int:
    """The most members a cluster grows to by propagation: about 40 clusters, at least 40
    members each (actors of small clusters join them afterwards)."""
    return max(40, -(-nodes // 40))


def clusters(
    node_ids: Sequence[str],
    links: Iterable[tuple[str, str, str, int]],
    cap: int | None = None,
    groups: Mapping[str, str] | None = None,
    min_size: int = _MIN_CLUSTER,
) -> list[Cluster]:
    """Clusters of ``node_ids`` (members are indexes into it), biggest first.

    ``links`` are (source, target, family, statements). With ``groups`` (node id → group
    name, e.g. camps), the clusters are those groups; otherwise a label propagation where
    each actor, hubs first, joins the cluster its ties pull it to most (summed weights,
    support +1, structural +1, talks +0.5, opposition -1), unless that cluster is full.
    """
    if groups is not None:
        by_name: defaultdict[str, list[int]] = defaultdict(list)
        for index, node in enumerate(node_ids):
            by_name[groups.get(node, "other")].append(index)
        ranked = sorted(by_name.items(), key=lambda item: (-len(item[1]), item[1][0]))
        return [Cluster(name, tuple(members)) for name, members in ranked]
    cap = cap or cluster_cap(len(node_ids))
    index_of = {node: i for i, node in enumerate(node_ids)}
    ties: list[defaultdict[int, float]] = [defaultdict(float) for _ in node_ids]
    for source, target, family, count in links:
        a, b = index_of[source], index_of[target]
        if a != b:
            weight = _WEIGHTS.get(family, 0.5) * count
            ties[a][b] += weight
            ties[b][a] += weight
    label = list(range(len(node_ids)))
    size = [1] * len(node_ids)
    order = sorted(range(len(node_ids)), key=lambda i: (-len(ties[i]), i))
    for _ in range(_ROUNDS):
        moved = False
        for node in order:
            pull: defaultdict[int, float] = defaultdict(float)
            for other, weight in ties[node].items():
                pull[label[other]] += weight
            current = label[node]
            best, best_pull = current, pull.get(current, 0.0)
            for candidate, strength in pull.items():
                if candidate == current or size[candidate] >= cap:
                    continue
                if strength > best_pull or (strength == best_pull > 0 and candidate < best):
                    best, best_pull = candidate, strength
            if best != current:
                size[current] -= 1
                size[best] += 1
                label[node] = best
                moved = True
        if not moved:
            break
    return _gathered(label, ties, cap, min_size)


def _gathered(
    label: list[int], ties: Sequence[Mapping[int, float]], cap: int, min_size: int
) -> list[Cluster]:
    """The clusters of ``label``, biggest first. The actors of small clusters (and of
    those past :data:`_MAX_CLUSTERS`) join the kept cluster they are most tied to, while
    it has fewer than ``cap`` members; the others are gathered in chunks of at most
    ``cap`` (listed last)."""
    members: defaultdict[int, list[int]] = defaultdict(list)
    for node, name in enumerate(label):
        members[name].append(node)
    ranked = sorted(members.values(), key=lambda group: (-len(group), group[0]))
    kept = [g for g in ranked[:_MAX_CLUSTERS] if len(g) >= min_size]
    names = {label[g[0]] for g in kept}
    rest = []
    for node in sorted(i for g in ranked[len(kept) :] for i in g):
        pull: defaultdict[int, float] = defaultdict(float)
        for other, weight in ties[node].items():
            name = label[other]
            if name in names and len(members[name]) < cap:
                pull[name] += weight
        best = max(pull.items(), key=lambda item: (item[1], -item[0]), default=(None, 0.0))
        if best[0] is not None and best[1] > 0:
            members[best[0]].append(node)
        else:
            rest.append(node)
    clusters = [Cluster(None, tuple(sorted(members[label[g[0]]]))) for g in kept]
    clusters.sort(key=lambda c: (-len(c.members), c.members[0]))
    return clusters + [
        Cluster(SMALL_GROUPS, tuple(rest[i : i + cap])) for i in range(0, len(rest), cap)
    ]
