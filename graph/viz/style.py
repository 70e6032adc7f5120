"""How the page draws things: node shapes and colours, link colours, group palettes, and
vis-network's options (physics, interaction) by graph size.

Colours are chosen so that the three link families that carry meaning (supports green,
opposes red, talks-to blue) never share a hue with a node: actor types and camps use a
palette without pure reds or greens.

>>> _natural_key("camp 10") > _natural_key("camp 2")
True
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .overview import SMALL_GROUPS

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "ColorBy",
    "PLACE",
    "node_groups_for",
    "group_colors",
    "page_style",
    "vis_options",
]

PLACE = "Place"
_SMALL_GRAPH = 150  # nodes up to which vis-network's slower, nicer initial layout is used
_STABILISATION_BUDGET = 1_200_000  # iterations x (nodes + edges): about 4 s in Chromium
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
    PLACE: ("square", "#a7b1bc"),
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
# Camp colours: no pure red or green hue (those are the opposes and supports links), each
# far enough from its neighbours in the list to tell apart (tests/test_viz.py checks hues).
_GROUP_PALETTE = (
    "#3f5fbf",  # indigo
    "#e08a1e",  # orange
    "#8e5bc8",  # purple
    "#17a2b8",  # teal blue
    "#d45fa8",  # magenta
    "#b8860b",  # dark gold
    "#8b6b4a",  # brown
    "#4fb3d9",  # sky
    "#a05195",  # plum
    "#e0b000",  # yellow
)


class ColorBy(StrEnum):
    """What a node's colour shows (``viz --color``); its shape always shows the actor type."""

    type = "type"
    camp = "camp"


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


def group_colors(node_groups: Mapping[str, str]) -> dict[str, str]:
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


# The radius of the smallest and the biggest node, in pixels; clusters use the whole range.
_CLUSTER_SIZE = (10, 90)
# ... and the font size of the smallest and the biggest node's label.
_LABEL_SIZE = (12, 30)


def page_style(group_colors: Mapping[str, str] | None, dashes: bool) -> dict[str, Any]:
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
        "clusters": list(_GROUP_PALETTE),
        "loose_cluster": SMALL_GROUPS,
        "cluster_size": {"min": _CLUSTER_SIZE[0], "max": _CLUSTER_SIZE[1]},
        "cluster_font": {"min": _LABEL_SIZE[0], "max": _LABEL_SIZE[1]},
    }


def vis_options(nodes: int, edges: int, clusters: int | None = None) -> dict[str, Any]:
    """vis-network options: a capped stabilisation, cheaper drawing for large graphs.

    The page turns physics off once the layout is stable, so a large graph stays still
    and responsive. With ``clusters`` (an overview page), only the cluster nodes are laid
    out at first, with room for each cluster to open in place.

    Against overlapping labels in the crowded centre of a small graph: stronger
    repulsion that keeps nodes' boxes apart, node labels scaled with the node (the small
    ones are left out when zoomed far out) and link labels drawn only once readable.
    """
    large = nodes > _SMALL_GRAPH or clusters is not None
    size = nodes + edges if clusters is None else 5 * clusters
    return {
        "autoResize": True,
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based" if not large else "barnesHut",
            "forceAtlas2Based": {
                "gravitationalConstant": -200,
                "centralGravity": 0.012,
                "springLength": 150,
                "springConstant": 0.04,
                "avoidOverlap": 1,
            },
            "barnesHut": {
                "gravitationalConstant": -6000 if clusters is None else -30000,
                "springLength": 120 if clusters is None else 400,
                "theta": 0.8,
                "avoidOverlap": 0 if clusters is None else 1,
            },
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
            "scaling": {
                "min": _CLUSTER_SIZE[0],
                "max": 34 if clusters is None else _CLUSTER_SIZE[1],
                "label": {
                    "enabled": True,
                    "min": _LABEL_SIZE[0],
                    "max": _LABEL_SIZE[1],
                    "drawThreshold": 6,
                },
            },
            "font": {"size": 17, "strokeWidth": 4, "strokeColor": "#ffffff"},
            "borderWidth": 1,
        },
        "edges": {
            "smooth": {"enabled": False},
            "font": {"size": 12, "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
            "scaling": {"label": {"enabled": True, "min": 11, "max": 13, "drawThreshold": 9}},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
    }
