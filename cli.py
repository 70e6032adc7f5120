"""actorgraph's command line: parse the options, call one library function, render.

All logic lives in the ``graph`` package. The commands live in ``graph/commands/`` (one
module per concern) and are merged here into one typer app; each turns its options into a
library call and hands the result to :func:`graph.render.render`. Errors are reported in
one place, :meth:`_Commands.invoke`: an :class:`~graph.errors.ActorGraphError` becomes
``Error: <message>`` on stderr with its exit code (1 for failures, 2 for usage errors and
unknown actors). typer reports its own usage errors (exit 2), turns Ctrl-C into a quiet
exit 130 and stops quietly when stdout is a closed pipe. Data goes to stdout, messages to
stderr.

Library modules that pull in rdflib, pyshacl or networkx are imported inside the commands
that need them, so ``actorgraph relations Iran`` starts quickly.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from graph import __version__
from graph.commands import analysis, data, maintenance, reading, scale, serve, viz
from graph.commands.common import example
from graph.errors import ActorGraphError

__all__ = ["app", "main"]

#: The command modules, in the order their commands are listed by ``--help``.
COMMAND_MODULES = (reading, analysis, data, maintenance, serve, viz, scale)


class _Commands(TyperGroup):
    """The command group; :meth:`invoke` is the one place library errors are reported."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActorGraphError as error:
            typer.echo(f"Error: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_Commands,
    name="actorgraph",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,
)


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


for _module in COMMAND_MODULES:
    app.registered_commands.extend(_module.commands.registered_commands)
    app.registered_groups.extend(_module.commands.registered_groups)
