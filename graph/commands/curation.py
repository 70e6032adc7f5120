"""Commands that help curate statements: suggest, review."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..curation.suggest import DEFAULT_THRESHOLD
from ..errors import UsageError
from .common import example, say, show
from .options import DataOption, NoSeedsOption, StoreOption, parse_date
from .render import OutputFormat, render, terminal_safe

__all__ = ["commands"]

commands = typer.Typer()


@commands.command(
    epilog=example(
        "actorgraph suggest ../shared/corpus/004_readout-biden-abdullah-2024-12-09.txt",
        "actorgraph suggest new-report.txt -o review.csv",
        "actorgraph suggest ../shared/corpus/000_4ad9e107abaa6dbd.txt --evaluate",
    )
)
def suggest(
    document: Annotated[
        Path, typer.Argument(metavar="DOC", help="A text file, one paragraph per line.")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="REVIEW.csv", help="Write the review sheet here."),
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to print the sheet.")
    ] = OutputFormat.csv,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Lowest score of a candidate (0-1).")
    ] = DEFAULT_THRESHOLD,
    when: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="The document's date, if not described."),
    ] = None,
    rejected: Annotated[
        Path | None,
        typer.Option(
            "--rejected", metavar="FILE", help="Rejected rows (default: seeds/rejected.csv)."
        ),
    ] = None,
    evaluate: Annotated[
        bool, typer.Option("--evaluate", help="Score against the document's curated statements.")
    ] = False,
    voice: Annotated[
        str | None,
        typer.Option(
            "--voice",
            metavar="ACTOR",
            help="Who 'we' and 'our' stand for (default: the document's publisher).",
        ),
    ] = None,
    include_curated: Annotated[
        bool,
        typer.Option(
            "--include-curated", help="Also propose statements the graph already cites there."
        ),
    ] = False,
    store: StoreOption = None,
    data: DataOption = None,
    no_seeds: NoSeedsOption = False,
) -> None:
    """Suggest candidate statements from a document, as a review sheet.

    Columns: document, line, subject, relation, family, object, stance, attributed_to, date,
    excerpt, note, score, decision, reason. Unknown actors are written as ?TEXT, and with -o
    also listed in REVIEW.actors.csv. Statements the graph already cites at that line, and
    rows rejected before, are left out. With --evaluate, print precision and recall against
    the curated statements of the document instead.
    """
    from ..curation.documents import read_document
    from ..curation.mentions import lexicon
    from ..curation.review import read_rejected
    from ..curation.reviewsheet import (
        actors_sheet_path,
        render_csv,
        render_json,
        to_row,
        write_actors_sheet,
    )
    from ..curation.suggest import suggest as run
    from ..ingest.pipeline import open_graph
    from ..query.actors import resolve_actor
    from ..resources import seeds_dir

    day: date | None = parse_date(when) if when else None
    gs = open_graph(store, data or (), seeds=not no_seeds)
    who = resolve_actor(gs, voice).id if voice else None
    lex = lexicon(gs)  # built once: reading the document's voice needs it too
    doc = read_document(gs, document, day, who, lex=lex)
    if evaluate:
        from ..curation.evaluate import evaluate as score

        typer.echo(render(score(gs, doc, threshold=threshold, lex=lex), OutputFormat.json))
        return
    shipped = None if no_seeds else seeds_dir() / "rejected.csv"
    skip = read_rejected(rejected or shipped) if (rejected or shipped) else set()
    candidates = run(
        gs, doc, threshold=threshold, rejected=skip, skip_curated=not include_curated, lex=lex
    )
    rows = [to_row(c) for c in candidates]
    if out is not None:
        out.write_text(render_csv(rows), encoding="utf-8")
        unknown = {u for c in candidates for u in c.unknown}
        if unknown:
            write_actors_sheet(actors_sheet_path(out), unknown)
        say(f"Wrote {len(rows)} candidate(s) to {out} ({len(unknown)} unknown actor(s))")
        return
    if fmt is OutputFormat.json:
        typer.echo(terminal_safe(render_json(rows)))
    elif fmt is OutputFormat.csv:
        typer.echo(terminal_safe(render_csv(rows)), nl=False)
    else:
        show(rows, fmt, ["line", "subject", "relation", "object", "stance", "score"])


@commands.command(
    epilog=example(
        "actorgraph review review.csv -o seeds/new-report.ttl",
        "actorgraph review review.csv --accept family=talksTo --min-score 0.9",
        "actorgraph review review.csv --accept family=talksTo --min-score 0.9 --yes",
    )
)
def review(
    sheet: Annotated[Path, typer.Argument(metavar="REVIEW.csv", help="A reviewed sheet.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE.ttl", help="Write the seeds file here."),
    ] = None,
    accept: Annotated[
        list[str] | None,
        typer.Option("--accept", metavar="COLUMN=VALUE", help="Bulk-accept undecided rows."),
    ] = None,
    min_score: Annotated[
        float, typer.Option("--min-score", help="With --accept: lowest score to accept.")
    ] = 0.0,
    yes: Annotated[bool, typer.Option("--yes", help="Apply --accept without asking.")] = False,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", metavar="YYYY-MM-DD", help="Publication date of a new document."
        ),
    ] = None,
    store: StoreOption = None,
    data: DataOption = None,
    no_seeds: NoSeedsOption = False,
) -> None:
    """Compile accepted rows into a seeds file, or bulk-accept rows through a filter.

    Accepted and edited rows need a note; ?actors need a row in REVIEW.actors.csv. Rejected
    rows are recorded with their reason in rejected.csv beside the output, and suggest does
    not propose them again. --accept COLUMN=VALUE first shows how many rows it would accept.
    """
    from ..curation.review import bulk_accept, compile_review

    if accept is not None:
        filters = dict(_pair(item) for item in accept)
        count = bulk_accept(sheet, filters, min_score, apply=False)
        say(f"{count} undecided row(s) match {accept} with score >= {min_score}")
        if count and (yes or typer.confirm("Mark them accepted?", err=True)):
            bulk_accept(sheet, filters, min_score, apply=True)
            say(f"Accepted {count} row(s) in {sheet}; give each a note before compiling.")
        return
    if out is None:
        raise UsageError("give -o FILE.ttl to compile, or --accept COLUMN=VALUE to bulk-accept")
    from ..ingest.pipeline import open_graph

    day = parse_date(published).isoformat() if published else None
    gs = open_graph(store, data or (), seeds=not no_seeds)
    result = compile_review(gs, sheet, out, published=day)
    say(
        f"Wrote {result.statements} statement(s) and {result.actors} new actor(s) to "
        f"{result.out}; {result.rejected} rejected row(s) recorded in {result.rejected_file}"
    )


def _pair(item: str) -> tuple[str, str]:
    column, sep, value = item.partition("=")
    if not sep:
        raise UsageError(f"--accept {item!r}: write COLUMN=VALUE, e.g. family=talksTo")
    return column.strip(), value.strip()
