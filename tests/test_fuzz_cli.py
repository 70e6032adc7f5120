"""Fuzzing the command line's text inputs: no traceback ever reaches the user (issue 7).

Actor names, SPARQL text, dates and ``--param`` values are drawn by hypothesis and run
through the real CLI (CliRunner) against an on-disk store. Whatever the input, the
command ends with exit code 0, 1 or 2 and a message, never a Python traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.ingest.pipeline import load_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

runner = CliRunner()

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
#: Any text, and text built from the pieces SPARQL and dates are made of.
ANY_TEXT = st.text(max_size=40)
SPARQL_PIECES = st.lists(
    st.sampled_from(
        [
            "SELECT",
            "ASK",
            "CONSTRUCT",
            "DESCRIBE",
            "WHERE",
            "{",
            "}",
            "?s",
            "?p",
            "?o",
            "*",
            "(",
            ")",
            "FILTER",
            "OPTIONAL",
            "UNION",
            "GRAPH",
            "SERVICE",
            "VALUES",
            "<urn:x>",
            "ag:Statement",
            '"x"',
            "'",
            "#",
            "\n",
            ".",
            ";",
            "COUNT",
            "AS",
            "LIMIT",
            "-1",
            "99999999999999999999",
            "BIND",
            "REGEX",
            "\\",
            "@ar",
            "^^xsd:date",
            "a",
            "<",
            ">",
        ]
    ),
    max_size=25,
).map(" ".join)
DATES = st.one_of(
    ANY_TEXT,
    st.from_regex(r"-?\d{1,6}-\d{1,3}-\d{1,3}", fullmatch=True),
    st.sampled_from(["2024-02-30", "0000-01-01", "9999-12-31", "2024-13-01", "2024-12"]),
)


def assert_no_traceback(result) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("fuzz") / "db"
    load_store(directory)
    return directory


def run(store: Path, *args: str):
    return runner.invoke(app, [*args, "--store", str(store)])


@settings(FUZZ, max_examples=20)
@given(name=ANY_TEXT)
def test_actor_names(store: Path, name: str) -> None:
    for command in (
        ["actors", name],
        ["relations", name],
        ["who", "supports", name],
        ["path", name, "Iran"],
        ["explain", name, "Iran"],
    ):
        assert_no_traceback(run(store, *command))


@FUZZ
@given(text=st.one_of(SPARQL_PIECES, ANY_TEXT))
def test_sparql_text(store: Path, text: str) -> None:
    assert_no_traceback(run(store, "query", text))


@FUZZ
@given(date=DATES)
def test_dates(store: Path, date: str) -> None:
    for command in (["relations", "Iran", "--at", date], ["stats", "--at", date]):
        assert_no_traceback(run(store, *command))


@FUZZ
@given(name=st.text(min_size=0, max_size=10), value=ANY_TEXT)
def test_param_values(store: Path, name: str, value: str) -> None:
    query = "SELECT ?x ?actor WHERE { BIND (?x AS ?y) }"
    for param in (f"x={value}", f"actor={value}", f"{name}={value}", value):
        assert_no_traceback(run(store, "query", query, "--param", param))
    assert_no_traceback(run(store, "query", "who-supports", "--param", f"actor={value}"))
