"""actorgraph's command line: parse the options, call one library function, render.

All logic lives in the ``actorgraph`` package. The commands live in ``actorgraph.commands``
(one module per concern) and are served here as one typer app; each turns its options into a
library call and hands the result to :func:`actorgraph.commands.render.render`. Errors are reported
in
one place, :meth:`_Commands.invoke`: an :class:`~actorgraph.errors.ActorGraphError` becomes
``Error: <message>`` on stderr with its exit code (1 for failures, 2 for usage errors and
unknown actors). typer reports its own usage errors (exit 2), turns Ctrl-C into a quiet
exit 130 and stops quietly when stdout is a closed pipe. Data goes to stdout, messages to
stderr.

A command module is imported only when one of its commands runs or is listed (see
:data:`COMMANDS`), and library modules that pull in rdflib, pyshacl or networkx are
imported inside the commands that need them, so ``actorgraph relations Iran`` starts
quickly.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.main import get_group_from_info
from typer.models import TyperInfo

from .. import __version__
from ..errors import ActorGraphError
from .common import example
from .render import terminal_safe

__all__ = ["app", "main", "COMMANDS"]

#: Every command (and group) and the module of ``graph/commands/`` that defines it, in the
#: order ``--help`` lists them.
COMMANDS = {
    "actors": "reading",
    "relations": "reading",
    "who": "reading",
    "path": "reading",
    "stats": "reading",
    "query": "reading",
    "export": "reading",
    "explain": "analysis",
    "timeline": "analysis",
    "diff": "analysis",
    "infer": "analysis",
    "load": "data",
    "sources": "data",
    "validate": "data",
    "suggest": "curation",
    "review": "curation",
    "backup": "maintenance",
    "restore": "maintenance",
    "serve": "serve",
    "viz": "viz",
    "synth": "scale",
    "analyze": "analysis",
}


class _LazyCommands(Mapping[str, Any]):
    """The app's commands by name; a command module is imported when it is first needed.

    Importing every module (and the libraries their options need, such as actorgraph.viz.page and
    actorgraph.analysis.centrality) and building every command would cost a simple command about a
    tenth
    of its start-up time.
    """

    def __getitem__(self, name: str) -> Any:
        return _module_commands(COMMANDS[name])[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Commands(TyperGroup):
    """The command group; :meth:`invoke` is the one place library errors are reported."""

    def __init__(self, *, commands: Mapping[str, Any], **attrs: Any) -> None:
        # typer passes the commands registered on the app itself: none, all are in COMMANDS.
        if commands:
            raise TypeError("define commands in graph/commands/ and list them in cli.COMMANDS")
        super().__init__(commands=_LazyCommands(), **attrs)

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActorGraphError as error:
            # the message may quote the data (a label, a parser's excerpt): escape controls
            typer.echo(terminal_safe(f"Error: {error}"), err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_Commands,
    name="actorgraph",
    no_args_is_help=True,
    # typer's --install-completion / --show-completion (bash, zsh, fish, PowerShell).
    add_completion=True,
    # -h beside --help, for the app and (inherited through click's context) every command.
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)


@cache
def _module_commands(module: str) -> Mapping[str, Any]:
    """The commands of ``actorgraph.commands.<module>``, built with the app's settings."""
    typer_app = import_module(f"actorgraph.commands.{module}").commands
    return get_group_from_info(
        TyperInfo(typer_app),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
        suggest_commands=app.suggest_commands,
    ).commands


def main() -> None:
    """The ``actorgraph`` console script."""
    app(prog_name="actorgraph")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"actorgraph {__version__}")
        raise typer.Exit()


@app.callback(epilog=example("actorgraph relations Iran --stance claimed,denied"))
def _main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Who supports, opposes and talks to whom: a knowledge graph of sourced statements.

    Every command reads the shipped seeds in memory, or an on-disk store (--store DIR),
    plus any data files you add (--data FILE_OR_DIR).
    """
