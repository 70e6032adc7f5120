"""Interactive network pages of the graph: one self-contained HTML file that works offline.

The modules, in the order data flows through them:

- :mod:`.select`: which statements a page draws (families, stances, dates, roll-ups, focus);
- :mod:`.data`: the nodes, edges and statements of a page (:class:`PageData`);
- :mod:`.overview`: the clusters a large page opens on;
- :mod:`.style`: shapes, colours, palettes and vis-network's options;
- :mod:`.page`: the HTML page, every script and style inline (:func:`write_page`).

See docs/viz.md.
"""

from .data import DEFAULT_AGGREGATE_ABOVE, PageData, VizEdge, VizNode, build_page_data
from .overview import Cluster, wants_overview
from .page import escape_json, render_page, write_page
from .select import FAMILIES, parse_families
from .style import ColorBy, node_groups_for

__all__ = [
    "FAMILIES",
    "DEFAULT_AGGREGATE_ABOVE",
    "ColorBy",
    "VizNode",
    "VizEdge",
    "PageData",
    "Cluster",
    "wants_overview",
    "parse_families",
    "node_groups_for",
    "build_page_data",
    "render_page",
    "write_page",
    "escape_json",
]
