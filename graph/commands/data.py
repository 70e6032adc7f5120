"""Commands that check and load data: load, validate."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from graph.commands.common import example, open_from, say
from graph.options import DataOption

__all__ = ["commands"]

commands = typer.Typer()


@commands.command(
    epilog=example(
        "actorgraph load --data my-statements.ttl",
        "actorgraph load --store db --data my-statements.ttl",
    )
)
def load(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="DIR",
            file_okay=False,
            help="Build the on-disk store in DIR (created if needed; replaced atomically).",
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Load the seeds and your data files, validating them first.

    With --store, into an on-disk store that later commands read with --store DIR;
    everything is validated and the store is replaced only if all is well. Without it,
    into memory only: a quick check that your files load (run 'actorgraph validate' to
    check the seeds as well).
    """
    if store is None:
        from graph.relations import stats as graph_stats

        started = time.perf_counter()
        gs = open_from(None, data)
        summary = graph_stats(gs)
        say(
            f"OK: {len(gs.store)} quads, {summary['statements']} statements, "
            f"{summary['actors']} actors loaded in memory in {time.perf_counter() - started:.1f} s "
            "(nothing saved; add --store DIR to keep them)"
        )
        return
    from rich.console import Console

    from graph.store import load_store

    with Console(stderr=True).status("loading") as status:
        report = load_store(store, data or (), progress=status.update)
    say(
        f"Loaded {report.quads} quads, {report.statements} statements, {report.actors} actors "
        f"into {store} in {report.seconds:.1f} s"
    )


@commands.command(
    epilog=example("actorgraph validate", "actorgraph validate my-statements.ttl more-data/")
)
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILES",
            help="Data files or directories; default: the shipped seeds.",
        ),
    ] = None,
) -> None:
    """Check data files against the SHACL shapes, together with the ontology and seeds.

    Each violation is printed as 'file: node (path): message'; the exit code is 1 if
    there are any.
    """
    from graph.load import collect_files
    from graph.resources import seed_files
    from graph.validate import validate_files

    paths = collect_files(files) if files else seed_files()
    violations = validate_files(paths)
    for violation in violations:
        typer.echo(str(violation))
    if violations:
        where = len({violation.file for violation in violations})
        say(f"{len(violations)} violation(s) in {where} file(s)")
        raise typer.Exit(1)
    say(f"OK: {len(paths)} file{'s' if len(paths) != 1 else ''} valid")
