"""The command line as people expect it: -h, --version, completion, NO_COLOR, stdin, formats."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from actorgraph import __version__
from actorgraph.commands import render
from actorgraph.commands.app import app
from actorgraph.commands.reference import reference_markdown
from typer.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def run(*args: str | Path, **kwargs):
    return runner.invoke(app, [str(arg) for arg in args], **kwargs)


def command_paths() -> list[list[str]]:
    """Every command and group, as its words after ``actorgraph``."""
    root = typer.main.get_command(app)
    context = typer.Context(root, info_name="actorgraph")
    paths = [[]]
    for name in root.list_commands(context):
        command = root.get_command(context, name)
        paths.append([name])
        if hasattr(command, "list_commands"):
            paths += [[name, sub] for sub in command.list_commands(context)]
    return paths


@pytest.mark.parametrize("words", command_paths(), ids=" ".join)
def test_every_command_takes_h_as_well_as_help(words: list[str]) -> None:
    short, long = run(*words, "-h"), run(*words, "--help")
    assert short.exit_code == 0, short.output
    assert short.output == long.output
    assert "-h, --help" in short.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"actorgraph {__version__}\n"


def test_shell_completion_is_on() -> None:
    result = run("--show-completion", "bash", env={"SHELL": "/bin/bash"})
    assert result.exit_code == 0, result.output
    assert "_ACTORGRAPH_COMPLETE" in result.output
    assert "--install-completion" in run("--help").output


@pytest.mark.parametrize(("no_color", "styled"), [("1", False), ("", True)])
def test_no_color_removes_every_style_bold_included(
    monkeypatch: pytest.MonkeyPatch, no_color: str, styled: bool
) -> None:
    monkeypatch.setattr(render, "_on_terminal", lambda: True)
    # color=True: the runner keeps escape codes as a terminal would (click strips them for
    # other streams), so the test sees exactly what the table wrote.
    environment = {"NO_COLOR": no_color, "TERM": "xterm-256color"}
    result = run("who", "supports", "Iran", env=environment, color=True)
    assert result.exit_code == 0, result.output
    assert ("\x1b[" in result.output) is styled
    assert "Syrian government" in result.output


def test_who_csv_has_the_columns_of_the_table() -> None:
    result = run("who", "supports", "Iran", "--format", "csv")
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == ["id", "label", "relations", "stances", "sources"]
    government = next(row for row in table if row["id"] == "syrian-government")
    assert "alliedWith" in government["relations"]
    assert "000_4ad9e107abaa6dbd.txt:" in government["sources"]


def test_query_reads_the_query_from_standard_input() -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { actor:iran a ag:State }"
    result = run("query", "-", "--format", "csv", input=query)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["n", "1"]


def test_query_with_empty_standard_input_is_a_usage_error() -> None:
    result = run("query", "-", input="")
    assert result.exit_code == 2
    assert "standard input held no query" in result.stderr


def test_validate_json_lists_a_syntax_error_with_its_position() -> None:
    result = run("validate", FIXTURES / "cli_syntax_error.ttl", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)
    assert set(problem) == {"file", "line", "column", "node", "path", "message"}
    assert problem["file"].endswith("cli_syntax_error.ttl")
    assert isinstance(problem["line"], int) and isinstance(problem["column"], int)


def test_validate_json_lists_each_shacl_violation() -> None:
    result = run("validate", FIXTURES / "cli_invalid.ttl", "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert problems and all(p["file"].endswith("cli_invalid.ttl") for p in problems)
    assert all(p["node"] and p["message"] for p in problems)


def test_validate_json_of_valid_files_is_an_empty_list() -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_every_command_that_prints_data_takes_format() -> None:
    """Commands that write files, serve or build stores are the only ones without it."""
    text = reference_markdown()
    sections = re.split(r"\n#{3,4} ", text)[1:]
    without = sorted(
        section.split("`")[1] for section in sections if "`-f, --format" not in section
    )
    assert without == [
        "actorgraph analyze",  # a group: its commands have --format
        "actorgraph backup",
        "actorgraph load",
        "actorgraph restore",
        "actorgraph review",  # writes a seeds file
        "actorgraph serve",
        "actorgraph synth",
        "actorgraph viz",
    ]


def _on_a_terminal(*args: str) -> bytes:
    """What ``actorgraph ARGS`` writes on a pseudo-terminal (stdout and stderr together)."""
    import os
    import pty
    import sys

    script = os.path.join(os.path.dirname(sys.executable), "actorgraph")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the console script, on the terminal
        os.execv(script, [script, *args])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child has ended and the terminal closed
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_a_long_command_names_its_step_on_a_terminal_only(tmp_path) -> None:
    page = tmp_path / "page.html"
    assert b"writing " in _on_a_terminal("viz", "-o", str(page))  # the last step, shown at exit
    result = subprocess.run(
        [str(Path(sys.executable).parent / "actorgraph"), "viz", "-o", str(page)],
        capture_output=True,
        check=True,
    )
    assert b"writing" not in result.stderr and b"\x1b[" not in result.stderr
