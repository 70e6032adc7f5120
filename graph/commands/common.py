"""What every command module shares: opening the graph, printing rows, help examples.

The command modules (:mod:`actorgraph.commands.reading`, :mod:`actorgraph.commands.data`, ...) each
hold a ``commands`` typer app; ``cli.py`` serves them as the one ``actorgraph`` command,
importing a module only when one of its commands is used (a new command is listed in
``cli.COMMANDS``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO

import typer

from ..errors import UsageError
from .render import OutputFormat, TerminalSafeWriter, render, terminal_safe

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "ActorArgument",
    "bytes_progress",
    "example",
    "open_from",
    "progress",
    "reads_graph",
    "show",
    "say",
    "write_stdout",
]

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
    *,
    seeds: bool = True,
) -> GraphStore:
    """The graph to query: the on-disk ``store``, or the seeds (unless ``seeds`` is
    false) in memory, plus ``data``.

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

    return open_graph(store, data or (), seeds=seeds)


def reads_graph(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give ``command`` the options ``--store``, ``--data``, ``--no-seeds`` and
    ``--endpoint``, and call it with the graph they name (:func:`open_from`) as its ``gs``
    argument.

    The three options are defined once here for every command that reads a graph; the
    command's own parameters come first in its help, then these, then ``--format`` if it
    has one.

    >>> @reads_graph
    ... def count(gs, fmt: str = "table") -> None:
    ...     pass
    >>> list(inspect.signature(count).parameters)
    ['store', 'data', 'no_seeds', 'endpoint', 'fmt']
    """
    from .options import DataOption, EndpointOption, NoSeedsOption, StoreOption

    shared = {
        "store": StoreOption,
        "data": DataOption,
        "no_seeds": NoSeedsOption,
        "endpoint": EndpointOption,
    }
    import typing

    # ``gs`` is typed GraphStore, imported by command modules only for type checkers.
    hints = typing.get_type_hints(command, localns={"GraphStore": object}, include_extras=True)
    own = [
        _resolved(p, hints)
        for name, p in inspect.signature(command).parameters.items()
        if name != "gs"
    ]
    fmt = [p for p in own if p.name == "fmt"]
    added = [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=False if name == "no_seeds" else None,
            annotation=hint,
        )
        for name, hint in shared.items()
    ]
    rest = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own if p.name != "fmt"]
    fmt = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in fmt]

    @functools.wraps(command)
    def run(
        *,
        store: Path | None,
        data: list[Path] | None,
        no_seeds: bool,
        endpoint: str | None,
        **kwargs,
    ):
        return command(gs=open_from(store, data, endpoint, seeds=not no_seeds), **kwargs)

    parameters = [*rest, *added, *fmt]
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run


def _resolved(parameter: inspect.Parameter, hints: Mapping[str, Any]) -> inspect.Parameter:
    """``parameter`` with its annotation as evaluated in its command's module (the module's
    ``from __future__ import annotations`` keeps annotations as text, which typer reads
    only from the command's own signature)."""
    return parameter.replace(annotation=hints.get(parameter.name, parameter.annotation))


class _BytesBar:
    """The callbacks a load is given: ``(done, total)`` bytes, and ``describe(step)``."""

    def __init__(self, bar: Any, task: Any) -> None:
        self.bar, self.task = bar, task

    def __call__(self, done: int, total: int | None) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def describe(self, text: str) -> None:
        self.bar.update(self.task, description=terminal_safe(text))


@contextmanager
def bytes_progress(label: str, *, steps: bool = False) -> Iterator[_BytesBar]:
    """A progress bar of bytes on stderr, shown only on a terminal, with a spinner naming
    the step when ``steps``; yields the callbacks to hand to the library."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn

    console = Console(stderr=True)
    columns = (
        *((SpinnerColumn(),) if steps else ()),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
    )
    with Progress(
        *columns, console=console, transient=True, disable=not console.is_terminal
    ) as bar:
        yield _BytesBar(bar, bar.add_task(terminal_safe(label), total=None))


@contextmanager
def progress() -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the step a long command is at, with the time elapsed;
    nothing when stderr is not a terminal. Yields the function to call at each step."""
    import sys

    if not sys.stderr.isatty():  # no rich import (about 20 ms) when nobody would see it
        yield lambda _message: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    console = Console(stderr=True)
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("starting", total=None)
        yield lambda message: bar.update(task, description=terminal_safe(message))


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
    """A message for the user, on stderr (control characters from the data escaped)."""
    typer.echo(terminal_safe(message), err=True)


def write_stdout(data: bytes | Callable[[BinaryIO], Any], *, text: bool = True) -> None:
    """Write ``data`` (bytes, or a function writing to a binary stream) to stdout.

    ``text`` output (every format but a workbook) has its control characters escaped
    (:class:`~actorgraph.commands.render.TerminalSafeWriter`): stdout may be a terminal.
    """
    out: Any = typer.get_binary_stream("stdout")
    if text:
        out = TerminalSafeWriter(out)
    if isinstance(data, bytes):
        out.write(data)
    else:
        data(out)
    out.flush()
