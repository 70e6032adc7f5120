"""Commands that analyse the graph: analyze (centrality, camps, balance), explain, timeline,
diff and infer.

``analyze`` is a group of its own (``actorgraph analyze camps``); the others are top-level
commands. The analyses read the signed network of :mod:`actorgraph.analysis.signed`; see
docs/analysis.md for how statements are weighted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..analysis.centrality import Measure
from ..errors import ActorGraphError, UsageError
from ..files import write_atomically
from .analysis_tables import (
    CAMP_COLUMNS,
    CAMP_SUMMARY_COLUMNS,
    CENTRALITY_COLUMNS,
    EXPLAIN_COLUMNS,
    TIMELINE_COLUMNS,
    TRIAD_COLUMNS,
    evidence_cells,
    explain_rows,
    progress,
    show_titled,
)
from .common import example, open_from, reads_graph, say, show
from .options import (
    AtOption,
    DataOption,
    DerivedOption,
    FormatOption,
    NoSeedsOption,
    parse_date,
)
from .render import OutputFormat, render

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["commands", "analyze_app"]

commands = typer.Typer()
analyze_app = typer.Typer(
    no_args_is_help=True,
    help="Analyse the whole graph: centrality, camps and structural balance.",
)
commands.add_typer(analyze_app, name="analyze")


@analyze_app.command(
    "centrality",
    epilog=example(
        "actorgraph analyze centrality",
        "actorgraph analyze centrality --sort betweenness --at 2024-12-01",
    ),
)
@reads_graph
def centrality_command(
    gs: GraphStore,
    sort: Annotated[Measure, typer.Option("--sort", help="The measure to sort by.")] = (
        Measure.pagerank
    ),
    derived: DerivedOption = True,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Who is most backed and who brokers between camps.

    in-support / out-support: the weight of the support an actor receives / gives.
    pagerank: being backed by well-backed actors. betweenness: how often the actor lies
    on the shortest chains between others, over ties of any sign.
    """
    from ..analysis.centrality import centrality

    with progress() as say_step:
        rows = centrality(gs, at=at, derived=derived, by=sort, progress=say_step)
    show([row.to_dict() for row in rows], fmt, CENTRALITY_COLUMNS)


@analyze_app.command(
    "camps",
    epilog=example("actorgraph analyze camps", "actorgraph analyze camps --at 2024-11-30"),
)
@reads_graph
def camps_command(
    gs: GraphStore,
    derived: DerivedOption = True,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Split the actors into camps: allies together, enemies apart.

    The table lists each camp with the statements that bind it (positive ties inside),
    separate it (negative ties to other camps) and strain it (ties against the split),
    then each actor with its camp and why: its strongest ally and enemy, with the
    statements behind them. CSV has one row per actor, with the statements binding it to
    its camp and separating it from others. Actors with no supporting or opposing tie
    are 'unaligned'.
    """
    from ..analysis.camps import UNALIGNED, camps

    with progress() as say_step:
        report = camps(gs, at=at, derived=derived, progress=say_step)
    if fmt is OutputFormat.json:
        show(report.to_dict(), fmt)
        return
    rows = [
        {"camp": camp.title, **member.to_dict()} for camp in report.camps for member in camp.members
    ] + [{"camp": UNALIGNED, **member.to_dict()} for member in report.unaligned]
    if not report.camps:
        say("No camps: no supporting or opposing statement is known on that day.")
        return
    if fmt is OutputFormat.csv:
        show(rows, fmt)
        return
    title = (
        f"{len(report.camps)} camps, {len(report.unaligned)} unaligned actors; frustration "
        f"{report.frustration:g} of {report.total:g} (weight of ties against the split)"
    )
    summary = [
        {
            **camp.to_dict(),
            "camp": camp.title,
            "size": len(camp.members),
            "members": ", ".join(member.label for member in camp.members),
        }
        for camp in report.camps
    ]
    typer.echo(render(summary, fmt, CAMP_SUMMARY_COLUMNS, title=title))
    typer.echo()
    typer.echo(render(rows, fmt, CAMP_COLUMNS))


@analyze_app.command(
    "balance",
    epilog=example("actorgraph analyze balance", "actorgraph analyze balance --format json"),
)
@reads_graph
def balance_command(
    gs: GraphStore,
    derived: DerivedOption = True,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """How balanced the alignments are, and each unbalanced triangle with its statements.

    A triangle is balanced when the product of its signs is positive (three allies, or
    two allies against a third). The table lists the three ties of each unbalanced
    triangle with their statements.
    """
    from ..analysis.balance import balance

    with progress() as say_step:
        report = balance(gs, at=at, derived=derived, progress=say_step)
    if fmt is OutputFormat.json:
        show(report.to_dict(), fmt)
        return
    rows = [
        {
            "triad": number,
            "kind": triad.kind,
            "from": tie.start_label,
            "to": tie.end_label,
            "sign": tie.sign,
            **evidence_cells([item.to_dict() for item in tie.evidence]),
        }
        for number, triad in enumerate(report.unbalanced, start=1)
        for tie in triad.ties
    ]
    if report.index is None:
        title = "No triangle of signed ties: balance is undefined."
    else:
        title = (
            f"Balance index {report.index:.3f} (weighted {report.weighted_index:.3f}): "
            f"{report.balanced} of {report.triangles} triangles balanced"
        )
    show_titled(rows, fmt, TRIAD_COLUMNS, title)


@commands.command(
    "explain",
    epilog=example("actorgraph explain Iran HTS", "actorgraph explain Turkey Russia --max-hops 2"),
)
@reads_graph
def explain_command(
    gs: GraphStore,
    a: Annotated[str, typer.Argument(metavar="A", help="The actor to start from.")],
    b: Annotated[str, typer.Argument(metavar="B", help="The actor to reach.")],
    max_hops: Annotated[
        int, typer.Option("--max-hops", "-n", min=1, help="The longest chain to list.")
    ] = 3,
    derived: DerivedOption = True,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Every chain of statements linking A and B, with its sign and evidence.

    A chain's sign multiplies the signs of its steps: an ally of an ally (+), an enemy of
    an enemy (+), an enemy of an ally (-); a step where they only talk is neutral (0).
    Denied and structural statements are not used.
    """
    from ..analysis.explain import explain
    from ..query.actors import resolve_actor

    start, end = resolve_actor(gs, a), resolve_actor(gs, b)
    with progress() as say_step:
        found = explain(gs, start, end, max_hops, at=at, derived=derived, progress=say_step)
    paths = [p.to_dict() for p in found]
    if not paths:
        raise ActorGraphError(
            f"no chain of at most {max_hops} hops links {start.label} and {end.label}"
        )
    show(paths if fmt is OutputFormat.json else explain_rows(paths), fmt, EXPLAIN_COLUMNS)


@commands.command(
    "timeline", epilog=example("actorgraph timeline", "actorgraph timeline Iran --at 2024-12-01")
)
@reads_graph
def timeline_command(
    gs: GraphStore,
    actor: Annotated[
        str | None,
        typer.Argument(metavar="[ACTOR]", help="Only statements about this actor."),
    ] = None,
    derived: DerivedOption = True,
    at: AtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The statements in date order, for the whole graph or one actor.

    The date is the one the source gives, or 'undated (published ...)' for a statement
    placed by the publication date of its report. Every stance is listed.
    """
    from ..analysis.timeline import timeline
    from ..query.actors import resolve_actor

    who = resolve_actor(gs, actor) if actor is not None else None
    entries = timeline(gs, who, at=at, derived=derived)
    show([entry.to_dict() for entry in entries], fmt, TIMELINE_COLUMNS)


@commands.command(
    "diff",
    epilog=example(
        "actorgraph diff --from 2024-11-30 --to 2024-12-02",
        "actorgraph diff Russia --from 2020-01-01 --to 2024-12-01",
    ),
)
@reads_graph
def diff_command(
    gs: GraphStore,
    start: Annotated[
        date,
        typer.Option(
            "--from", metavar="YYYY-MM-DD", parser=parse_date, help="The day before the period."
        ),
    ],
    end: Annotated[
        date,
        typer.Option(
            "--to", metavar="YYYY-MM-DD", parser=parse_date, help="The last day of the period."
        ),
    ],
    actor: Annotated[
        str | None,
        typer.Argument(metavar="[ACTOR]", help="Only statements about this actor."),
    ] = None,
    derived: DerivedOption = True,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """What appeared between two dates: statements in effect after --from, up to --to."""
    from ..analysis.timeline import diff
    from ..query.actors import resolve_actor

    who = resolve_actor(gs, actor) if actor is not None else None
    entries = diff(gs, start, end, who, derived=derived)
    show([entry.to_dict() for entry in entries], fmt, TIMELINE_COLUMNS)


@commands.command(
    epilog=example(
        "actorgraph infer",
        "actorgraph infer --output inferred.trig",
        "actorgraph infer --store db",
    )
)
def infer(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Also write the inferred graph to FILE (.trig or .nq), atomically.",
        ),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="DIR",
            file_okay=False,
            help="Add the inferred graph to this on-disk store (atomically) instead of "
            "reasoning over the seeds in memory.",
        ),
    ] = None,
    data: DataOption = None,
    no_seeds: NoSeedsOption = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Run OWL 2 RL reasoning and count the new triples by kind.

    symmetric: a symmetric relation both ways; sub-property: the super-relations of a
    relation (militarySupport implies supports); inverse: declared inverses; class:
    class memberships. The triples go to their own named graph, never mixed with the
    curated data; 'actorgraph query --no-inferred' leaves them out.
    """
    from ..analysis.infer import add_inferred, infer_store, output_format, write_inferred

    if store is not None and data:
        raise UsageError(
            "infer --store reasons over what the store holds; load extra data into it "
            "first (actorgraph load --store DIR --data FILE), then run infer --store DIR."
        )
    rdf_format = output_format(output) if output is not None else None
    if store is not None:
        inference = infer_store(store)
        say(f"Added {inference.total} inferred triples to the store at {store}")
    else:
        inference = add_inferred(open_from(None, data, seeds=not no_seeds))
    if output is not None:
        write_atomically(output, lambda out: write_inferred(inference, out, rdf_format))
        say(f"Wrote {output}")
    show(inference.summary(), fmt)
