"""Commands that check and load data: load, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from .common import bytes_progress, example, say, show
from .options import (
    EndpointOption,
    FormatOption,
    LoadDataOption,
    NoSeedsOption,
    UpdateEndpointOption,
)
from .render import OutputFormat, render, terminal_safe

__all__ = ["commands"]

commands = typer.Typer()


@commands.command(
    epilog=example(
        "actorgraph load --data my-statements.ttl",
        "actorgraph load --store db --data my-statements.ttl",
        "actorgraph load --store db --data more.ttl        (adds to what db holds)",
        "cat call.ttl | actorgraph load --store db --data - --name press-call",
        "actorgraph load --store db --replace --no-seeds --data other-conflict/",
        "actorgraph load --endpoint http://localhost:7878/query "
        "--update-endpoint http://localhost:7878/update --data more.ttl   (adds, as --store)",
    )
)
def load(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="DIR",
            file_okay=False,
            help="Add to the on-disk store in DIR (created if needed; changed atomically).",
        ),
    ] = None,
    data: LoadDataOption = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="Load the one --data file as the source NAME (standard input needs one); "
            "default: a source per file, keyed by a hash of its path.",
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Start the store (or endpoint) over: drop every source loaded before (and "
            "the seeds, with --no-seeds).",
        ),
    ] = False,
    no_seeds: NoSeedsOption = False,
    endpoint: EndpointOption = None,
    update_endpoint: UpdateEndpointOption = None,
) -> None:
    """Load your data files (and the seeds), validating them first.

    With --store, into an on-disk store that later commands read with --store DIR. Loads
    are additive: each file is a source of its own; loading a file again replaces only
    its earlier version, and --replace starts over. Everything is validated and the store
    changed only if all is well; inferred triples are rebuilt. 'actorgraph sources'
    lists what a store holds. With --endpoint, into a SPARQL 1.1 server that later
    commands read with --endpoint URL, additively as into a store: the graph is built
    here, then replaces actorgraph's graphs on the server in one update request. Without
    either, into memory
    only: everything is validated and a summary printed, and nothing is saved.
    """
    if update_endpoint is not None and endpoint is None:
        raise UsageError("--update-endpoint needs --endpoint URL (the query endpoint) too.")
    if endpoint is not None and store is not None:
        raise UsageError("--store and --endpoint are two places to load into; choose one.")
    stdin = any(str(p) == "-" for p in data or ())
    if store is None and endpoint is None and (stdin or name is not None or replace):
        raise UsageError(
            "--name, --replace and --data - (standard input) apply to a store or an "
            "endpoint; add --store DIR or --endpoint URL"
        )
    if endpoint is not None:
        from ..ingest.sources import data_inputs
        from ..ingest.targets import load_into_endpoint

        inputs = data_inputs(data or (), name, read_stdin)
        with bytes_progress("loading", steps=True) as on_bytes:
            report = load_into_endpoint(
                endpoint,
                update_endpoint,
                inputs,
                on_bytes,
                replace=replace,
                seeds=not no_seeds,
                progress=on_bytes.describe,
            )
        for line in report.lines(endpoint, "--endpoint"):
            say(line)
    elif store is None:
        from ..ingest.targets import load_in_memory

        loaded = load_in_memory(data or (), seeds=not no_seeds)
        show(loaded.summary, OutputFormat.table)
        say(
            f"OK: validated and loaded {loaded.quads} quads, {loaded.statements} statements "
            f"and {loaded.actors} actors in memory in {loaded.seconds:.1f} s "
            "(nothing saved; add --store DIR to keep them)"
        )
    else:
        from ..ingest.sources import data_inputs, load_sources

        inputs = data_inputs(data or (), name, read_stdin)
        with bytes_progress("loading", steps=True) as on_bytes:
            report = load_sources(
                store,
                inputs,
                replace=replace,
                seeds=not no_seeds,
                progress=on_bytes.describe,
                on_bytes=on_bytes,
            )
        for line in report.lines(store):
            say(line)


def read_stdin() -> bytes:
    """Standard input's bytes (for --data -)."""
    return typer.get_binary_stream("stdin").read()


@commands.command(
    epilog=example(
        "actorgraph sources --store db",
        "actorgraph sources --store db --format json",
        "actorgraph sources --endpoint http://localhost:7878/query",
    )
)
def sources(
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="DIR",
            file_okay=False,
            help="The on-disk store (made by 'actorgraph load --store DIR').",
        ),
    ] = None,
    endpoint: EndpointOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the sources an on-disk store (or the graph on a SPARQL endpoint) holds: each
    data file (or name) and the seeds, when it was loaded, and how many statements and
    quads it holds."""
    if (store is None) == (endpoint is None):
        raise UsageError("give the store (--store DIR) or the endpoint (--endpoint URL)")
    if endpoint is not None:
        from ..ingest.targets import list_endpoint_sources

        records = list_endpoint_sources(endpoint)
    else:
        from ..ingest.sources import list_sources

        records = list_sources(store)  # type: ignore[arg-type]
    show([record.to_dict() for record in records], fmt)


@commands.command(
    epilog=example(
        "actorgraph validate",
        "actorgraph validate my-statements.ttl more-data/",
        "actorgraph validate sheets/ --corpus ../shared/corpus",
        "actorgraph validate my-statements.ttl --format json",
    )
)
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILES",
            help="Data files, sheets (.csv .tsv .xlsx, or a directory of them) or "
            "directories; default: the shipped seeds.",
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
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            file_okay=False,
            help="Check each cited line and excerpt against the documents in DIR "
            "(default: $ACTORGRAPH_CORPUS, else ../shared/corpus; skipped if absent).",
        ),
    ] = None,
    reanchor: Annotated[
        bool,
        typer.Option(
            "--reanchor",
            help="After a corpus document changed: find each excerpt's new line (exact, "
            "else fuzzy, nearest the old line) and rewrite the line numbers of the Turtle "
            "FILES in place; excerpts that cannot be placed are listed as orphans (exit 1).",
        ),
    ] = False,
) -> None:
    """Check data files and sheets: sheet cells, the SHACL shapes, and citations.

    A sheet's problems are printed as 'file:row:column: message (hint)'; SHACL violations
    as 'file: node (path): message'; a citation whose line or excerpt does not fit the
    corpus document at its row or statement. The exit code is 1 if there are any.
    """
    from ..curation.checks import check_data
    from ..errors import DataSyntaxError
    from ..ingest.read import collect_files
    from ..resources import seed_files

    paths = collect_files(files) if files else seed_files()
    if reanchor:
        _reanchor([p for p in paths if p.suffix == ".ttl"], corpus, fmt)
        return
    try:
        report = check_data(paths, corpus=corpus)
    except DataSyntaxError as error:
        if fmt is OutputFormat.table:
            raise
        report = None
        problems = [_problem(error.file, error.line, error.column, None, None, error.message)]
    if report is not None:
        problems = [
            *(
                _problem(p.file, p.row, p.column, p.node, None, _with_hint(p))
                for p in report.problems
            ),
            *(_problem(v.file, None, None, v.focus, v.path, v.message) for v in report.violations),
        ]
        lines = [*(str(p) for p in report.problems), *(str(v) for v in report.violations)]
        for warning in report.warnings:
            say(f"warning: {warning}")
        if report.corpus_missing:
            say("note: corpus not found; citations not checked (give it with --corpus DIR)")
    if fmt is OutputFormat.table:
        for line in lines:
            typer.echo(terminal_safe(line))
    elif problems or fmt is OutputFormat.json:
        typer.echo(render(problems, fmt))
    if problems:
        _summary(problems, report)
        raise typer.Exit(1)
    say(f"OK: {len(paths)} file{'s' if len(paths) != 1 else ''} valid")


def _reanchor(paths: list[Path], corpus: Path | None, fmt: OutputFormat) -> None:
    """``validate --reanchor``: rewrite moved line numbers, list what moved and the orphans."""
    from ..curation.reanchor import reanchor

    anchors = reanchor(paths, corpus)
    changed = [a for a in anchors if a.how != "kept"]
    if fmt is not OutputFormat.table:
        typer.echo(render([a.to_dict() for a in changed], fmt))
    else:
        for anchor in changed:
            if anchor.how == "orphan":
                typer.echo(f"{anchor.where}: orphan in {anchor.document}: {anchor.excerpt!r}")
            else:
                typer.echo(
                    f"{anchor.where}: moved to line {anchor.new_line} of {anchor.document} "
                    f"({anchor.how}, {anchor.score:g})"
                )
    orphans = sum(a.how == "orphan" for a in anchors)
    moved = len(changed) - orphans
    say(f"{len(anchors)} citation(s): {moved} line number(s) rewritten, {orphans} orphan(s)")
    if orphans:
        raise typer.Exit(1)


def _summary(problems: list[dict], report) -> None:
    """How many SHACL violations and other problems, in how many files."""
    parts = [
        ("violation(s)", report.violations if report else []),
        ("problem(s)", report.problems if report else problems),
    ]
    for kind, found in parts:
        if found:
            files = {p["file"] if isinstance(p, dict) else p.file for p in found}
            say(f"{len(found)} {kind} in {len(files)} file(s)")


def _with_hint(problem) -> str:
    """A sheet or citation problem's message with its fix hint."""
    return f"{problem.message} ({problem.hint})" if problem.hint else problem.message


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
