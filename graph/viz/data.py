"""The data of a page: nodes (actors, and places for ``controls``), edges (one per
statement, or one per actor pair and family with a count when the graph is large) and the
statements behind them, as the page's JSON.

:func:`build_page_data` picks the statements (:mod:`.select`) and builds the nodes and
edges in one pass over them; :meth:`PageData.to_json_dict` is what the page reads.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..gc_pause import collector_paused
from ..namespaces import compact, local_id
from ..query.actors import Actor, actor_by_iri
from ..query.relations import RelationRow, Stance, symmetric_relations
from ..records import Record
from ..resources import query_text
from .overview import Cluster, clusters, wants_overview
from .select import Selection, parse_families
from .style import PLACE, group_colors, page_style, vis_options

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "DEFAULT_AGGREGATE_ABOVE",
    "VizNode",
    "VizEdge",
    "PageData",
    "build_page_data",
]

#: Above this many statements, parallel statements (same pair, same family) become one edge.
DEFAULT_AGGREGATE_ABOVE = 5000

_STANCE_STRENGTH = {Stance.asserted: 2, Stance.claimed: 1, Stance.denied: 0}
_MAX_ROUNDNESS = 0.8  # the most a parallel edge is bent (vis-network roundness)
_CURVE_STEP = 0.22
_DASHED_EDGES_MAX = 3000  # above, claimed/denied links are faded instead of dashed (speed)


@dataclass(frozen=True)
class VizNode(Record):
    """An actor (or a place) on the page."""

    id: str  # compact IRI, e.g. "actor:iran" or "place:aleppo"
    label: str
    label_ar: str | None
    type: str
    group: str  # what the colour shows: the type, or the node_groups value
    degree: int  # statements drawn that touch it
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class VizEdge(Record):
    """One drawn edge: a statement, or every statement of one pair and family (aggregated).

    ``statements`` are indexes into :attr:`PageData.statements`. ``stance`` is the firmest
    stance among them and ``derived`` is true when all are roll-ups. ``curve`` is the signed
    vis-network roundness that keeps parallel edges apart (0: straight; the sign picks the
    side). ``arrow`` is false for symmetric relations.
    """

    JSON_KEYS = (
        "id",
        "from=source",
        "to=target",
        "family",
        "relation",
        "stance",
        "derived",
        "arrow",
        "curve",
        "statements",
    )

    id: int
    source: str
    target: str
    family: str
    relation: str
    stance: Stance
    derived: bool
    arrow: bool
    curve: float
    statements: tuple[int, ...]


@dataclass(frozen=True)
class PageData:
    """Everything a page shows: nodes, edges, the statements behind them, and how to draw them.

    ``aggregated`` is true when parallel statements were merged into counted edges;
    ``description`` says in words which options chose the statements.
    """

    nodes: tuple[VizNode, ...]
    edges: tuple[VizEdge, ...]
    statements: tuple[RelationRow, ...]
    description: str
    aggregated: bool = False
    group_colors: Mapping[str, str] | None = None  # set when colouring by node_groups
    clusters: tuple[Cluster, ...] | None = None  # set when the page opens on an overview

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON the page reads (see docs/viz.md)."""
        dates = [row.effective_date for row in self.statements if row.effective_date]
        return {
            "description": self.description,
            "aggregated": self.aggregated,
            "nodes": [node.to_dict() for node in self.nodes],
            "edges": [edge.to_dict() for edge in self.edges],
            "statements": self._statement_dicts(),
            "dates": [min(dates).isoformat(), max(dates).isoformat()] if dates else None,
            "style": page_style(self.group_colors, dashes=len(self.edges) <= _DASHED_EDGES_MAX),
            "options": vis_options(
                len(self.nodes),
                len(self.edges),
                None if self.clusters is None else len(self.clusters),
            ),
            "clusters": None
            if self.clusters is None
            else [{"name": c.name, "members": c.members} for c in self.clusters],
        }

    def _statement_dicts(self) -> list[dict[str, Any]]:
        """The statements for the page; their ends are the node ids of the edge drawing them."""
        ends = [("", "")] * len(self.statements)
        for edge in self.edges:
            for index in edge.statements:
                ends[index] = (edge.source, edge.target)
        return [
            _statement_dict(row, source, target)
            for row, (source, target) in zip(self.statements, ends, strict=True)
        ]


def build_page_data(
    gs: GraphStore,
    focus: Actor | None = None,
    depth: int = 1,
    families: Collection[str] | None = None,
    stances: Collection[Stance] | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    at: datetime.date | None = None,
    derived: bool = True,
    node_groups: Mapping[str, str] | None = None,
    aggregate_above: int = DEFAULT_AGGREGATE_ABOVE,
    overview: bool | None = None,
) -> PageData:
    """The nodes and edges of a page showing the statements of ``gs`` that pass the options.

    ``families`` (supports, opposes, talks-to, structural), ``stances`` and ``derived``
    (roll-ups) keep those statements. ``at`` keeps statements whose effective date is on
    or before it; ``since``/``until`` keep those within the range (either end may be open);
    a date option leaves out statements without an effective date. ``focus`` keeps the
    actors within ``depth`` hops of it over the statements kept (denied ones do not link),
    and the statements among them. The nodes are the actors (and places) the statements
    kept touch, plus ``focus``.

    ``node_groups`` maps actor ids to group names (e.g. camps) that colour the nodes
    instead of the actor type; actors it does not name are grouped as "other". Above
    ``aggregate_above`` statements, the statements of one pair and family become one edge.
    ``overview`` (None: when :func:`.overview.wants_overview` says so) makes the page open
    on clusters of actors (:mod:`.overview`): the ``node_groups`` if given, else
    communities of the links drawn.

    Raises :class:`UsageError` for an unknown family, a negative depth, or ``at`` together
    with ``since``/``until``.
    """
    if at is not None and (since is not None or until is not None):
        raise UsageError("use either --at or --from/--to, not both.")
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}.")
    wanted = parse_families(families) if families is not None else None
    selection = Selection(focus, depth, wanted, stances, since, at or until, at, derived)
    with collector_paused():
        rows = selection.rows(gs)
        aggregated = len(rows) > aggregate_above
        node_id = cache(compact)
        nodes = _nodes(gs, rows, focus, node_groups, node_id)
        edges = _edges(rows, symmetric_relations(gs), aggregated, node_id)
        if overview is None:
            overview = wants_overview(len(nodes), len(edges))
        found = _clusters(nodes, edges, node_groups is not None) if overview else None
    return PageData(
        nodes=tuple(nodes),
        edges=tuple(edges),
        statements=tuple(rows),
        description=selection.describe(),
        aggregated=aggregated,
        group_colors=group_colors(node_groups) if node_groups is not None else None,
        clusters=found,
    )


def _clusters(
    nodes: Sequence[VizNode], edges: Sequence[VizEdge], by_group: bool
) -> tuple[Cluster, ...]:
    """The overview's clusters: the nodes' groups when ``by_group``, else communities."""
    groups = {node.id: node.group for node in nodes} if by_group else None
    links = ((e.source, e.target, e.family, len(e.statements)) for e in edges)
    return tuple(clusters([node.id for node in nodes], links, groups=groups))


def _nodes(
    gs: GraphStore,
    rows: Sequence[RelationRow],
    focus: Actor | None,
    node_groups: Mapping[str, str] | None,
    node_id: Callable[[str], str],
) -> list[VizNode]:
    """The nodes the statement ``rows`` touch (and ``focus``), by label; ids by ``node_id``."""
    degree = Counter(map(attrgetter("subject_iri"), rows))
    degree.update(map(attrgetter("object_iri"), rows))
    if focus is not None:
        degree.setdefault(focus.iri, 0)
    actors = {iri: actor_by_iri(gs, iri) for iri in degree}
    places = _places(gs) if None in actors.values() else {}
    nodes = []
    for iri, count in degree.items():
        actor = actors[iri]
        if actor is not None:
            label, label_ar, kind, aliases = actor.label, actor.label_ar, actor.type, actor.aliases
        else:
            label, label_ar = places.get(iri, (_row_label(rows, iri), None))
            kind, aliases = PLACE, ()
        group = kind if node_groups is None else node_groups.get(local_id(iri), "other")
        nodes.append(VizNode(node_id(iri), label, label_ar, kind, group, count, aliases))
    return sorted(nodes, key=lambda node: (node.label.casefold(), node.id))


def _places(gs: GraphStore) -> dict[str, tuple[str, str | None]]:
    """Every place's English and Arabic label, by IRI."""
    found = {}
    for s in gs.select(query_text("places.rq")):
        iri = s["place"].value
        label = s["label"].value if "label" in s else compact(iri)
        found[iri] = (label, s["label_ar"].value if "label_ar" in s else None)
    return found


def _row_label(rows: Iterable[RelationRow], iri: str) -> str:
    """The English label the statement rows give ``iri``."""
    for row in rows:
        if row.object_iri == iri:
            return row.object_label
        if row.subject_iri == iri:
            return row.subject_label
    return compact(iri)


def _edges(
    rows: Sequence[RelationRow],
    symmetric: frozenset[str],
    aggregated: bool,
    node_id: Callable[[str], str],
) -> list[VizEdge]:
    """One edge per statement, or per (subject, object, family) when ``aggregated``."""
    if aggregated:
        bundles: defaultdict[tuple[str, str, str], list[int]] = defaultdict(list)
        for index, row in enumerate(rows):
            bundles[(row.subject_iri, row.object_iri, row.family)].append(index)
        groups = list(bundles.values())
    else:
        groups = [[index] for index in range(len(rows))]
    firsts = [rows[members[0]] for members in groups]
    curves = _curves([(row.subject_iri, row.object_iri) for row in firsts])
    edges = []
    for number, (members, first) in enumerate(zip(groups, firsts, strict=True)):
        relation, stance, derived, arrow = _drawn_as([rows[i] for i in members], symmetric)
        edges.append(
            VizEdge(
                id=number,
                source=node_id(first.subject_iri),
                target=node_id(first.object_iri),
                family=first.family,
                relation=relation,
                stance=stance,
                derived=derived,
                arrow=arrow,
                curve=curves[number],
                statements=tuple(members),
            )
        )
    return edges


def _drawn_as(
    chosen: Sequence[RelationRow], symmetric: frozenset[str]
) -> tuple[str, Stance, bool, bool]:
    """The relation label, firmest stance, roll-up flag and arrow of an edge for ``chosen``.

    Several statements are labelled by their family; a single one (the usual case, worked
    out directly) by its relation.
    """
    if len(chosen) == 1:
        row = chosen[0]
        return row.relation, row.stance, row.derived, row.relation_iri not in symmetric
    return (
        chosen[0].family,
        max((row.stance for row in chosen), key=_STANCE_STRENGTH.__getitem__),
        all(row.derived for row in chosen),
        any(row.relation_iri not in symmetric for row in chosen),
    )


def _curves(ends: Sequence[tuple[str, str]]) -> list[float]:
    """A signed roundness per edge so that edges between the same two nodes fan out.

    The edges of a pair take the slots 0, +1, -1, +2, -2 ... (an even number of edges
    skips 0); the sign is flipped for edges drawn the other way round, so that a
    clockwise curve of one and a counter-clockwise curve of the other bend to different
    sides.

    >>> _curves([("a", "b"), ("b", "a"), ("a", "c")])
    [0.22, 0.22, 0.0]
    """
    by_pair: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (source, target) in enumerate(ends):
        by_pair[(source, target) if source <= target else (target, source)].append(index)
    curves = [0.0] * len(ends)
    for (low, _high), members in by_pair.items():
        if len(members) == 1:
            continue  # a lone edge stays straight
        first_slot = 1 if len(members) % 2 == 0 else 0
        slots = [_slot(k) for k in range(first_slot, first_slot + len(members))]
        widest = max(abs(slot) for slot in slots)
        step = min(_CURVE_STEP, _MAX_ROUNDNESS / widest) if widest else 0.0
        for index, slot in zip(members, slots, strict=True):
            sign = 1 if ends[index][0] == low else -1
            curves[index] = round(sign * slot * step, 3) + 0.0
    return curves


def _slot(k: int) -> int:
    """0, 1, -1, 2, -2 ... for k = 0, 1, 2, 3, 4 ..."""
    return (k + 1) // 2 * (1 if k % 2 else -1)


def _statement_dict(row: RelationRow, source: str, target: str) -> dict[str, Any]:
    """A statement for the page, from node ``source`` to node ``target`` (tuples are
    written as arrays)."""
    return {
        "statement": row.statement,
        "relation": row.relation,
        "family": row.family,
        "from": source,
        "to": target,
        "date": row.date,
        "effective": row.effective_date.isoformat() if row.effective_date else None,
        "stance": row.stance.value,
        "attributed_to": row.attributed_to,
        "derived": row.derived,
        "via": row.via,
        "sources": [source.to_dict() for source in row.sources],
        "note": row.note,
    }
