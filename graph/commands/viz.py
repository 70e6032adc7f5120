"""The ``viz`` command: an interactive HTML page of the network that works offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import UsageError
from ..viz import DEFAULT_AGGREGATE_ABOVE, ColorBy
from .common import example, progress, reads_graph, say
from .options import (
    AtOption,
    DerivedOption,
    StanceOption,
    parse_date,
)

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["commands"]

commands = typer.Typer()

DEFAULT_OUTPUT = Path("actorgraph.html")


@commands.command(
    epilog=example(
        "actorgraph viz",
        "actorgraph viz --focus Iran --depth 2 -o iran.html --open",
        "actorgraph viz --type supports --type opposes --from 2024-11-27 --to 2024-12-02",
    )
)
@reads_graph
def viz(
    gs: GraphStore,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write the page to FILE (atomically).",
        ),
    ] = DEFAULT_OUTPUT,
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus",
            metavar="ACTOR",
            help="Only the actors within --depth hops of ACTOR (id, name or alias).",
        ),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            metavar="N",
            min=0,
            help="Hops from --focus, over statements that are not denied. Default: 1.",
        ),
    ] = None,
    families: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            metavar="FAMILY",
            help="Only this relation family: supports, opposes, talks-to or structural; "
            "repeatable.",
        ),
    ] = None,
    stance: StanceOption = None,
    at: AtOption = None,
    since: Annotated[
        date | None,
        typer.Option(
            "--from",
            metavar="YYYY-MM-DD",
            parser=parse_date,
            help="Only statements in effect on or after this date.",
        ),
    ] = None,
    until: Annotated[
        date | None,
        typer.Option(
            "--to",
            metavar="YYYY-MM-DD",
            parser=parse_date,
            help="Only statements in effect on or before this date.",
        ),
    ] = None,
    derived: DerivedOption = True,
    color: Annotated[
        ColorBy, typer.Option("--color", help="What a node's colour shows.")
    ] = ColorBy.type,
    aggregate_above: Annotated[
        int,
        typer.Option(
            "--aggregate-above",
            metavar="N",
            min=0,
            help="Above N statements, draw the statements between the same two actors "
            "in the same family as one link with a count.",
        ),
    ] = DEFAULT_AGGREGATE_ABOVE,
    overview: Annotated[
        bool | None,
        typer.Option(
            "--overview/--no-overview",
            help="Open the page on clusters of actors, each opened by a click. "
            "Default: above 2000 actors or 6000 links.",
        ),
    ] = None,
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in the web browser when written.")
    ] = False,
) -> None:
    """Write an interactive network page: one HTML file that works offline.

    Actors are drawn by type, links by family (supports green, opposes red, talks-to blue,
    structural thin grey); claimed links are dashed, denied ones dotted with ✕, roll-ups
    thin. The page has a legend, filters, search by English or Arabic name, and a panel
    listing the statements and sources of the actor or link you click. A large graph opens
    on an overview of clusters (camps with --color camp); click one to open it.
    """
    from ..query.actors import resolve_actor
    from ..viz import build_page_data, node_groups_for, write_page

    if depth is not None and focus is None:
        raise UsageError("--depth needs --focus ACTOR.")
    center = resolve_actor(gs, focus) if focus is not None else None
    with progress() as step:
        step("choosing the statements and laying out the page")
        page = build_page_data(
            gs,
            focus=center,
            depth=1 if depth is None else depth,
            families=families,
            stances=stance,
            since=since,
            until=until,
            at=at,
            derived=derived,
            node_groups=node_groups_for(gs, color, at=at, derived=derived),
            aggregate_above=aggregate_above,
            overview=overview,
        )
        title = f"actorgraph: {center.label}" if center is not None else "actorgraph"
        step(f"writing {output}")
        write_page(output, page, title=title)
    if page.aggregated:
        say(
            f"Warning: {len(page.statements)} statements is more than --aggregate-above "
            f"{aggregate_above}; the statements between the same two actors in the same "
            "family are drawn as one link with a count."
        )
    clusters = f", an overview of {len(page.clusters)} clusters" if page.clusters else ""
    say(f"Wrote {output} ({len(page.nodes)} actors, {len(page.statements)} statements{clusters}).")
    if open_page:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())
