"""What every command module shares: opening the graph, printing rows, help examples.

The command modules (:mod:`actorgraph.commands.reading`, :mod:`actorgraph.commands.data`, ...) each
hold a ``commands`` typer app; ``cli.py`` serves them as the one ``actorgraph`` command,
importing a module only when one of its commands is used (a new command is listed in
``cli.COMMANDS``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from ..errors import UsageError
from .render import OutputFormat, render

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["ActorArgument", "example", "open_from", "show", "say", "write_stdout"]

ActorArgument = Annotated[
    str,
    typer.Argument(metavar="ACTOR", help="An actor: id, name or alias, in English or Arabic."),
]


def example(*lines: str) -> str:
    """A help epilog showing ``lines`` verbatim (``\\b`` stops click re-wrapping them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def open_from(
    store: Path | None,
    data: Sequence[Path] | None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
) -> GraphStore:
    """The graph to query: the on-disk ``store``, or the seeds in memory, plus ``data``.

    With ``endpoint``, the graph a SPARQL server holds instead (see :mod:`actorgraph.store.remote`).
    """
    if endpoint is not None:
        if store is not None or data:
            raise UsageError(
                "--endpoint reads the graph held by the server, so it cannot be combined "
                "with --store or --data; add data to the server with: "
                "actorgraph load --endpoint URL --data FILE"
            )
        from ..store.remote import RemoteGraphStore

        return RemoteGraphStore(endpoint, update_endpoint)
    from ..ingest.pipeline import open_graph

    return open_graph(store, data or ())


def show(
    rows: Sequence[Mapping[str, Any]] | Mapping[str, Any],
    fmt: OutputFormat,
    columns: Sequence[str] | Mapping[str, str] | None = None,
) -> None:
    """Print ``rows`` on stdout; an empty table or CSV is reported on stderr instead."""
    if fmt is not OutputFormat.json and not rows:
        say("No results.")
        return
    typer.echo(render(rows, fmt, columns))


def say(message: str) -> None:
    """A message for the user, on stderr."""
    typer.echo(message, err=True)


def write_stdout(data: bytes | Callable[[BinaryIO], Any]) -> None:
    """Write ``data`` (bytes, or a function writing to a binary stream) to stdout."""
    out = typer.get_binary_stream("stdout")
    if isinstance(data, bytes):
        out.write(data)
    else:
        data(out)
    out.flush()
