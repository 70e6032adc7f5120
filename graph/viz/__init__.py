"""Interactive network pages of the graph: one self-contained HTML file that works offline.

The modules, in the order data flows through them:

- :mod:`.select`: which statements a page draws (families, stances, dates, roll-ups, focus);
- :mod:`.data`: the nodes, edges and statements of a page (:class:`PageData`);
- :mod:`.overview`: the clusters a large page opens on;
- :mod:`.style`: shapes, colours, palettes and vis-network's options;
- :mod:`.page`: the HTML page, every script and style inline (:func:`write_page`).

See docs/viz.md.

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "DEFAULT_AGGREGATE_ABOVE": "data",
    "VizNode": "data",
    "VizEdge": "data",
    "PageData": "data",
    "build_page_data": "data",
    "Cluster": "overview",
    "OVERVIEW_ACTORS": "overview",
    "OVERVIEW_LINKS": "overview",
    "SMALL_GROUPS": "overview",
    "wants_overview": "overview",
    "clusters": "overview",
    "COMPRESS_ABOVE": "page",
    "render_page": "page",
    "write_page": "page",
    "escape_json": "page",
    "FAMILIES": "select",
    "Selection": "select",
    "parse_families": "select",
    "ColorBy": "style",
    "PLACE": "style",
    "node_groups_for": "style",
    "group_colors": "style",
    "page_style": "style",
    "vis_options": "style",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
