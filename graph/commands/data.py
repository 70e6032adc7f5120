"""Commands that check and load data: load, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .common import bytes_progress, example, say, show
from .options import DataOption, EndpointOption, UpdateEndpointOption
from .render import OutputFormat, render

__all__ = ["commands"]

commands = typer.Typer()


@commands.command(
    epilog=example(
        "actorgraph load --data my-statements.ttl",
        "actorgraph load --store db --data my-statements.ttl",
        "actorgraph load --endpoint http://localhost:7878/query "
        "--update-endpoint http://localhost:7878/update",
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
    endpoint: EndpointOption = None,
    update_endpoint: UpdateEndpointOption = None,
) -> None:
    """Load the seeds and your data files, validating them first.

    With --store, into an on-disk store that later commands read with --store DIR;
    everything is validated and the store is replaced only if all is well. With
    --endpoint, into a SPARQL 1.1 server that later commands read with --endpoint URL:
    the graph is built here, then replaces actorgraph's graphs on the server in one
    update request. Without either, into memory only: everything is validated and a
    summary printed, and nothing is saved.
    """
    if update_endpoint is not None and endpoint is None:
        raise UsageError("--update-endpoint needs --endpoint URL (the query endpoint) too.")
    if endpoint is not None and store is not None:
        raise UsageError("--store and --endpoint are two places to load into; choose one.")
    if endpoint is not None:
        from ..ingest.targets import load_into_endpoint

        with bytes_progress("sending") as on_bytes:
            loaded = load_into_endpoint(endpoint, update_endpoint, data or (), on_bytes)
        say(
            f"Loaded {loaded.quads} quads, {loaded.statements} statements, {loaded.actors} "
            f"actors into {endpoint} in {loaded.seconds:.1f} s"
        )
    elif store is None:
        from ..ingest.targets import load_in_memory

        loaded = load_in_memory(data or ())
        show(loaded.summary, OutputFormat.table)
        say(
            f"OK: validated and loaded {loaded.quads} quads, {loaded.statements} statements "
            f"and {loaded.actors} actors in memory in {loaded.seconds:.1f} s "
            "(nothing saved; add --store DIR to keep them)"
        )
    else:
        from ..ingest.pipeline import load_store

        with bytes_progress("loading", steps=True) as on_bytes:
            report = load_store(store, data or (), progress=on_bytes.describe, on_bytes=on_bytes)
        say(
            f"Loaded {report.quads} quads, {report.statements} statements, {report.actors} "
            f"actors into {store} in {report.seconds:.1f} s"
        )


@commands.command(
    epilog=example(
        "actorgraph validate",
        "actorgraph validate my-statements.ttl more-data/",
        "actorgraph validate my-statements.ttl --format json",
    )
)
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILES",
            help="Data files or directories; default: the shipped seeds.",
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="table: one line per problem; json or csv: file, line, column, node, path "
            "and message of each problem (a syntax error too).",
        ),
    ] = OutputFormat.table,
) -> None:
    """Check data files against the SHACL shapes, together with the ontology and seeds.

    Each violation is printed as 'file: node (path): message'; the exit code is 1 if
    there are any.
    """
    from ..errors import DataSyntaxError
    from ..ingest.read import collect_files
    from ..resources import seed_files
    from ..validation.validate import validate_files

    paths = collect_files(files) if files else seed_files()
    if fmt is OutputFormat.table:
        violations = validate_files(paths)
        for violation in violations:
            typer.echo(str(violation))
        problems = [{"file": violation.file} for violation in violations]
    else:
        try:
            problems = [
                _problem(v.file, None, None, v.focus, v.path, v.message)
                for v in validate_files(paths)
            ]
        except DataSyntaxError as error:
            problems = [_problem(error.file, error.line, error.column, None, None, error.message)]
        if problems or fmt is OutputFormat.json:
            typer.echo(render(problems, fmt))
    if problems:
        where = len({problem["file"] for problem in problems})
        kind = "violation(s)" if fmt is OutputFormat.table else "problem(s)"
        say(f"{len(problems)} {kind} in {where} file(s)")
        raise typer.Exit(1)
    say(f"OK: {len(paths)} file{'s' if len(paths) != 1 else ''} valid")


def _problem(
    file: str,
    line: int | None,
    column: int | None,
    node: str | None,
    path: str | None,
    message: str,
) -> dict[str, str | int | None]:
    """One problem for JSON and CSV: where (file, line, column; node and path), and what."""
    return {
        "file": file,
        "line": line,
        "column": column,
        "node": node,
        "path": path,
        "message": message,
    }
