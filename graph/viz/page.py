"""Interactive HTML network pages of the graph: one self-contained file that works offline.

:func:`build_page_data` picks the statements to draw (by family, stance, date, roll-ups, or
the neighbourhood of one actor) and turns them into nodes (actors, and places for
``controls``) and edges (one per statement, or one per actor pair and family with a count
when the graph is large). :func:`render_page` puts that data into
``graph/templates/viz.html`` with every script and style inline: the vis-network build that
the pyvis package ships, and the page's own ``viz.js`` and ``viz.css``. Nothing is loaded
from the network, and a Content-Security-Policy that only admits the page's own two
scripts (by hash) stops anything else from running.

The data travels as JSON in a ``<script type="application/json">`` element with ``<``,
``>``, ``&``, U+2028 and U+2029 escaped, so no label, note or excerpt can end the element;
the page builds its DOM with ``textContent`` only. See docs/viz.md.

>>> escape_json({"note": "</script><b>"})
'{"note":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ActorGraphError, UsageError
from ..files import write_atomically
from ..gc_pause import collector_paused
from ..namespaces import compact, local_id
from ..query.actors import Actor, actor_by_iri
from ..query.relations import RelationRow, Stance, all_statements, symmetric_relations
from ..resources import query_text, templates_dir
from ..text import vocab_key

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "FAMILIES",
    "DEFAULT_AGGREGATE_ABOVE",
    "ColorBy",
    "VizNode",
    "VizEdge",
    "PageData",
    "parse_families",
    "node_groups_for",
    "build_page_data",
    "render_page",
    "write_page",
    "escape_json",
]

#: The relation families, in the order the page lists them.
FAMILIES = ("supports", "opposes", "talksTo", "structural")
#: Above this many statements, parallel statements (same pair, same family) become one edge.
DEFAULT_AGGREGATE_ABOVE = 5000

_TEMPLATES = templates_dir()
_VIS_DIR = ("lib", "vis-9.1.2")  # inside the installed pyvis package
_PLACE = "Place"
_STANCE_STRENGTH = {Stance.asserted: 2, Stance.claimed: 1, Stance.denied: 0}
_MAX_ROUNDNESS = 0.8  # the most a parallel edge is bent (vis-network roundness)
_CURVE_STEP = 0.22
_SMALL_GRAPH = 150  # nodes up to which vis-network's slower, nicer initial layout is used
_STABILISATION_BUDGET = 1_200_000  # iterations x (nodes + edges): about 4 s in Chromium
_DASHED_EDGES_MAX = 3000  # above, claimed/denied links are faded instead of dashed (speed)
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# What may not appear raw in JSON inside <script>: "</script", "<!--", and the JavaScript
# line terminators; each is written as its \uXXXX escape (valid JSON, same value). The
# escapes are made in the UTF-8 bytes: no multi-byte sequence holds an ASCII byte or another.
_JSON_ESCAPES = tuple(
    (raw.encode("utf-8"), f"\\u{ord(raw):04x}".encode("ascii")) for raw in "<>&\u2028\u2029"
)

# Shape and colour of a node by actor type (vis-network shapes with the label below).
_TYPE_STYLES = {
    "State": ("square", "#3b6fb6"),
    "Government": ("diamond", "#2a8c8c"),
    "ArmedForces": ("triangle", "#5b8c2a"),
    "ArmedGroup": ("triangleDown", "#c8661e"),
    "Coalition": ("hexagon", "#7b55c7"),
    "Person": ("dot", "#c0407f"),
    "InternationalOrganisation": ("star", "#b48a12"),
    "Monitor": ("star", "#52606d"),
    "Media": ("hexagon", "#8a6d5a"),
    _PLACE: ("square", "#a7b1bc"),
}
_OTHER_TYPE_STYLE = ("dot", "#7b8794")
_FAMILY_COLORS = {
    "supports": "#2b9348",
    "opposes": "#d62828",
    "talksTo": "#1f6fd1",
    "structural": "#9aa5b1",
}
_DENIED_COLOR = "#b08080"
_SINGLE_CAMPS = "single-actor camps"
# Groups that are not a camp: greys, listed last. "unaligned" is
# actorgraph.analysis.camps.UNALIGNED.
_NEUTRAL_GROUPS = {_SINGLE_CAMPS: "#9aa5b1", "unaligned": "#cbd2d9", "other": _OTHER_TYPE_STYLE[1]}
_GROUP_PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)


class ColorBy(StrEnum):
    """What a node's colour shows (``viz --color``); its shape always shows the actor type."""

    type = "type"
    camp = "camp"


@dataclass(frozen=True)
class VizNode:
    """An actor (or a place) on the page."""

    id: str  # compact IRI, e.g. "actor:iran" or "place:aleppo"
    label: str
    label_ar: str | None
    type: str
    group: str  # what the colour shows: the type, or the node_groups value
    degree: int  # statements drawn that touch it
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the node (tuples are written as arrays)."""
        return {
            "id": self.id,
            "label": self.label,
            "label_ar": self.label_ar,
            "type": self.type,
            "group": self.group,
            "degree": self.degree,
            "aliases": self.aliases,
        }


@dataclass(frozen=True)
class VizEdge:
    """One drawn edge: a statement, or every statement of one pair and family (aggregated).

    ``statements`` are indexes into :attr:`PageData.statements`. ``stance`` is the firmest
    stance among them and ``derived`` is true when all are roll-ups. ``curve`` is the signed
    vis-network roundness that keeps parallel edges apart (0: straight; the sign picks the
    side). ``arrow`` is false for symmetric relations.
    """

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

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the edge (tuples are written as arrays)."""
        return {
            "id": self.id,
            "from": self.source,
            "to": self.target,
            "family": self.family,
            "relation": self.relation,
            "stance": self.stance.value,
            "derived": self.derived,
            "arrow": self.arrow,
            "curve": self.curve,
            "statements": self.statements,
        }


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
            "style": _style(self.group_colors, dashes=len(self.edges) <= _DASHED_EDGES_MAX),
            "options": _vis_options(len(self.nodes), len(self.edges)),
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


def parse_families(names: Iterable[str]) -> frozenset[str]:
    """Family names as the ontology spells them; each name may list several, comma-separated.

    >>> sorted(parse_families(["talks-to,Supports", "structural"]))
    ['structural', 'supports', 'talksTo']
    """
    known = {vocab_key(family): family for family in FAMILIES}
    chosen = set()
    for name in (part.strip() for text in names for part in text.split(",")):
        if vocab_key(name) not in known:
            raise UsageError(
                f"unknown relation family {name!r}; use supports, opposes, talks-to or structural."
            )
        chosen.add(known[vocab_key(name)])
    return frozenset(chosen)


def node_groups_for(
    gs: GraphStore,
    color: ColorBy,
    at: datetime.date | None = None,
    derived: bool = True,
) -> Mapping[str, str] | None:
    """The ``node_groups`` that colour nodes by ``color``: None for the actor type, the
    camps of :func:`actorgraph.analysis.camps.camp_groups` (as known on day ``at``) for ``camp``."""
    if ColorBy(color) is ColorBy.camp:
        from ..analysis.camps import camp_groups

        groups = camp_groups(gs, at=at, derived=derived)
        sizes = Counter(groups.values())
        # One colour per camp of two or more; lone actors share a neutral one.
        return {
            actor: name if sizes[name] > 1 or name in _NEUTRAL_GROUPS else _SINGLE_CAMPS
            for actor, name in groups.items()
        }
    return None


@dataclass(frozen=True)
class _Selection:
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

    Raises :class:`UsageError` for an unknown family, a negative depth, or ``at`` together
    with ``since``/``until``.
    """
    if at is not None and (since is not None or until is not None):
        raise UsageError("use either --at or --from/--to, not both.")
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}.")
    wanted = parse_families(families) if families is not None else None
    selection = _Selection(focus, depth, wanted, stances, since, at or until, at, derived)
    with collector_paused():
        rows = selection.rows(gs)
        aggregated = len(rows) > aggregate_above
        node_id = cache(compact)
        nodes = _nodes(gs, rows, focus, node_groups, node_id)
        edges = _edges(rows, symmetric_relations(gs), aggregated, node_id)
    return PageData(
        nodes=tuple(nodes),
        edges=tuple(edges),
        statements=tuple(rows),
        description=selection.describe(),
        aggregated=aggregated,
        group_colors=_group_colors(node_groups) if node_groups is not None else None,
    )


def render_page(data: PageData, title: str = "actorgraph") -> str:
    """The HTML page showing ``data``, every script and style inline; ``title`` heads it."""
    return b"".join(_page(data, title)).decode("utf-8")


def write_page(path: Path, data: PageData, title: str = "actorgraph") -> None:
    """Write the page of ``data`` to ``path`` as UTF-8, atomically."""
    parts = _page(data, title)
    write_atomically(path, lambda out: out.writelines(parts))


def escape_json(value: Any) -> str:
    """``value`` as JSON that is safe inside a ``<script>`` element (and still valid JSON)."""
    return _script_json(value).decode("utf-8")


def _script_json(value: Any) -> bytes:
    """:func:`escape_json` as UTF-8; the escapes are made in the bytes, the faster way."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    data = text.encode("utf-8")
    for raw, escaped in _JSON_ESCAPES:
        data = data.replace(raw, escaped)
    return data


def _page(data: PageData, title: str) -> list[bytes]:
    """The page of ``data`` as UTF-8 pieces: ``viz.html`` with its placeholders filled."""
    import html  # here, not at the top: ``actorgraph`` starts faster

    with collector_paused():
        values = {"data": _script_json(data.to_json_dict())}
    values["title"] = html.escape(title).encode("utf-8")
    values.update(_page_assets())
    # The template split at its placeholders is text, name, text, name, ..., text.
    pieces = _PLACEHOLDER.split(_template("viz.html"))
    return [values[piece] if i % 2 else piece.encode("utf-8") for i, piece in enumerate(pieces)]


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
            kind, aliases = _PLACE, ()
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


def _group_colors(node_groups: Mapping[str, str]) -> dict[str, str]:
    """A colour per group, in natural order (camp 2 before camp 10); neutral groups grey."""
    names = sorted(set(node_groups.values()) - _NEUTRAL_GROUPS.keys(), key=_natural_key)
    colors = {name: _GROUP_PALETTE[i % len(_GROUP_PALETTE)] for i, name in enumerate(names)}
    for name, color in _NEUTRAL_GROUPS.items():
        if name in node_groups.values() or name == "other":
            colors[name] = color
    return colors


def _natural_key(name: str) -> list[Any]:
    """Sort key that orders the numbers inside names by value.

    >>> sorted(["camp 10", "camp 2"], key=_natural_key)
    ['camp 2', 'camp 10']
    """
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _style(group_colors: Mapping[str, str] | None, dashes: bool) -> dict[str, Any]:
    """How the page draws types, families and groups (also its legend).

    ``dashes``: claimed and denied links are dashed and dotted; without it (large
    graphs, where the canvas draws dashes slowly) they are faded instead.
    """
    return {
        "dashes": dashes,
        "types": {name: {"shape": s, "color": c} for name, (s, c) in _TYPE_STYLES.items()},
        "other_type": {"shape": _OTHER_TYPE_STYLE[0], "color": _OTHER_TYPE_STYLE[1]},
        "families": dict(_FAMILY_COLORS),
        "denied": _DENIED_COLOR,
        "groups": dict(group_colors) if group_colors is not None else None,
    }


def _vis_options(nodes: int, edges: int) -> dict[str, Any]:
    """vis-network options: a capped stabilisation, cheaper drawing for large graphs.

    The page turns physics off once the layout is stable, so a large graph stays still
    and responsive.
    """
    large = nodes > _SMALL_GRAPH
    size = nodes + edges
    return {
        "autoResize": True,
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based" if not large else "barnesHut",
            "forceAtlas2Based": {
                "gravitationalConstant": -120,
                "centralGravity": 0.015,
                "springLength": 120,
                "springConstant": 0.05,
                "avoidOverlap": 0.8,
            },
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "theta": 0.8},
            "stabilization": {
                "enabled": True,
                "iterations": max(20, min(1000, _STABILISATION_BUDGET // max(size, 1))),
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "scaling": {"min": 10, "max": 34},
            "font": {"size": 17, "strokeWidth": 4, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "smooth": {"enabled": False},
            "font": {"size": 12, "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
    }


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


def _content_security_policy(*scripts: str) -> str:
    """A policy that lets only ``scripts`` run and nothing be fetched from anywhere."""
    import base64
    import hashlib

    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
        for s in scripts
    )
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    )


@cache
def _page_assets() -> dict[str, bytes]:
    """The scripts, styles and Content-Security-Policy every page has, as UTF-8."""
    import html

    vis_js, vis_css = _vis_assets()
    page_js = _template("viz.js")
    texts = {
        "csp": html.escape(_content_security_policy(vis_js, page_js)),
        "vis_css": vis_css,
        "page_css": _template("viz.css"),
        "vis_js": vis_js,
        "page_js": page_js,
    }
    return {name: text.encode("utf-8") for name, text in texts.items()}


@cache
def _template(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as bundled in the installed pyvis package."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    folder = Path(next(iter(spec.submodule_search_locations or ()), "")) if spec else None
    try:
        if folder is None:
            raise FileNotFoundError("pyvis")
        assets = tuple(
            (folder.joinpath(*_VIS_DIR) / f"vis-network.{ext}").read_text(encoding="utf-8")
            for ext in ("min.js", "css")
        )
    except OSError:
        raise ActorGraphError(
            "cannot find vis-network in the pyvis package; reinstall it: pip install 'pyvis>=0.3.2'"
        ) from None
    for text, end in zip(assets, ("</script", "</style"), strict=True):
        if end in text.lower():
            raise ActorGraphError(f"pyvis's vis-network asset contains {end!r}; cannot inline it.")
    return assets[0], assets[1]
