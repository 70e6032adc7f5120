"""The tables of the analysis commands (:mod:`actorgraph.commands.analysis`): their columns,
the rows of paths and ties, and a progress display for the long analyses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import typer

from .common import progress, show
from .render import OutputFormat, render

__all__ = [
    "CENTRALITY_COLUMNS",
    "CAMP_SUMMARY_COLUMNS",
    "CAMP_COLUMNS",
    "TRIAD_COLUMNS",
    "EXPLAIN_COLUMNS",
    "TIMELINE_COLUMNS",
    "progress",
    "explain_rows",
    "evidence_cells",
    "show_titled",
]

CENTRALITY_COLUMNS = ["id", "label", "in_support", "out_support", "pagerank", "betweenness"]
CAMP_SUMMARY_COLUMNS = ["camp", "size", "members", "tensions"]
CAMP_COLUMNS = {"camp": "camp", "label": "actor", "reason": "why (statements)"}
TRIAD_COLUMNS = {
    "triad": "triad",
    "kind": "kind",
    "from": "from",
    "to": "to",
    "sign": "sign",
    "statements": "statements",
    "sources": "source(s)",
}
EXPLAIN_COLUMNS = {
    "path": "path",
    "sign": "sign",
    "reading": "reading",
    "step": "step",
    "from": "from",
    "tie": "tie",
    "to": "to",
    "statements": "statements",
    "sources": "source(s)",
}
TIMELINE_COLUMNS = {
    "when": "when",
    "subject": "subject",
    "relation": "relation",
    "object": "object",
    "stance": "stance",
    "statement": "statement",
    "sources": "source(s)",
}


def explain_rows(paths: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per step of each path (``SignedPath.to_dict()``), its statements in a cell."""
    return [
        {
            "path": number,
            "sign": path["sign"],
            "reading": path["reading"],
            "step": step,
            "from": hop["from"],
            "tie": hop["sign"],
            "to": hop["to"],
            **evidence_cells(hop["statements"]),
        }
        for number, path in enumerate(paths, start=1)
        for step, hop in enumerate(path["hops"], start=1)
    ]


def evidence_cells(items: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """The statements behind a tie (``Evidence.to_dict()``) as two cells.

    ``statements``: each id with its relation, and "(claimed)" for a claim; ``sources``:
    the document lines, once each.
    """
    lines = {(s["document"], s["line"]) for item in items for s in item["sources"]}
    return {
        "statements": [
            f"{item['statement']} {item['relation']}"
            + (" (claimed)" if item["stance"] == "claimed" else "")
            for item in items
        ],
        "sources": [{"document": d, "line": n} for d, n in sorted(lines)],
    }


def show_titled(
    rows: Sequence[Mapping[str, Any]],
    fmt: OutputFormat,
    columns: Sequence[str] | Mapping[str, str],
    title: str,
) -> None:
    """Like :func:`actorgraph.commands.common.show`, with ``title`` above a table."""
    if fmt is OutputFormat.table:
        typer.echo(render(rows, fmt, columns, title=title) if rows else title)
    else:
        show(rows, fmt, columns)
