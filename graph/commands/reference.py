"""The CLI reference, docs/cli.md, generated from the commands themselves.

:func:`reference_markdown` walks the command tree that ``actorgraph --help`` shows (the
groups and commands of :mod:`actorgraph.commands.app`) and writes, for each command, its
usage line, its help text, its arguments and options with their help, and its examples
(the help epilog). ``tests/test_cli_reference.py`` fails when docs/cli.md differs from what
this module writes, so the reference cannot drift from the code. Regenerate it with::

    python -m actorgraph.commands.reference docs/cli.md
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

__all__ = ["reference_markdown", "REGENERATE", "main"]

#: The command that rewrites docs/cli.md (run from the checkout's root).
REGENERATE = "python -m actorgraph.commands.reference docs/cli.md"

_HEADER = """\
# actorgraph command-line reference

Generated from the commands by `{regenerate}`; do not edit by hand
(a test fails when this file is stale). Every command also prints its own help with `-h` or
`--help`.

Shell completion (bash, zsh, fish, PowerShell): `actorgraph --install-completion` installs it
for the current shell; `actorgraph --show-completion` prints the script instead.
"""


def reference_markdown() -> str:
    """The Markdown reference of every command, in the order ``--help`` lists them."""
    import typer

    from .app import app

    root = typer.main.get_command(app)
    context = typer.Context(root, info_name="actorgraph", **root.context_settings)
    parts = [_HEADER.format(regenerate=REGENERATE)]
    parts.extend(_sections(root, context, level=2))
    return "\n".join(parts).rstrip("\n") + "\n"


def _sections(command: Any, context: Any, level: int) -> list[str]:
    """The section of ``command``, then those of its subcommands (for a group)."""
    import typer

    parts = [_section(command, context, level)]
    if hasattr(command, "list_commands"):
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            sub_context = typer.Context(sub, info_name=name, parent=context)
            parts.extend(_sections(sub, sub_context, min(level + 1, 4)))
    return parts


def _section(command: Any, context: Any, level: int) -> str:
    path = context.command_path
    lines = [f"{'#' * level} `{path}`", ""]
    help_text = _plain(command.help or "")
    if help_text:
        lines += [help_text, ""]
    usage = " ".join([path, *command.collect_usage_pieces(context)])
    lines += ["```text", f"Usage: {usage}", "```", ""]
    arguments, options = [], []
    for param in command.get_params(context):
        record = param.get_help_record(context)
        if record is None:
            continue
        name, text = record
        entry = f"- `{name}`" + (f": {_one_line(text)}" if text else "")
        (arguments if param.param_type_name == "argument" else options).append(entry)
    if arguments:
        lines += ["Arguments:", "", *arguments, ""]
    if options:
        lines += ["Options:", "", *options, ""]
    if hasattr(command, "list_commands"):
        names = command.list_commands(context)
        lines += ["Commands: " + ", ".join(f"`{name}`" for name in names), ""]
    examples = _examples(command.epilog or "")
    if examples:
        lines += ["Examples:", "", "```sh", *examples, "```", ""]
    return "\n".join(lines)


def _plain(text: str) -> str:
    r"""Help text without click's ``\b`` (no-rewrap) markers, paragraphs kept."""
    return "\n".join(line for line in text.splitlines() if line.strip() != "\b").strip()


def _one_line(text: str) -> str:
    """A help text on one line (its own line breaks are only wrapping)."""
    return " ".join(text.split())


def _examples(epilog: str) -> list[str]:
    """The command lines after ``Examples:`` in a help epilog (see ``common.example``)."""
    lines = epilog.splitlines()
    if "Examples:" not in lines:
        return []
    return [line.strip() for line in lines[lines.index("Examples:") + 1 :] if line.strip()]


def main(argv: list[str] | None = None) -> None:
    """Write the reference to the file named in ``argv`` (or print it):
    ``python -m actorgraph.commands.reference [FILE]``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m actorgraph.commands.reference",
        description="Write the CLI reference (docs/cli.md) from the commands themselves.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="where to write it (default: stdout)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    text = reference_markdown()
    if args.file is not None:
        args.file.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
