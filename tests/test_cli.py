"""Tests for the command line (actorgraph.commands.app): every command, its output contracts and
its error paths.

The commands run in-process through typer's CliRunner over the shipped seeds plus
``tests/fixtures/cli_actors.ttl``, whose actors (``test-alpha`` ...) cannot clash with
the seeds. Most tests read an on-disk store built once by ``actorgraph load --store``.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pkgutil
from importlib import import_module
from pathlib import Path

import actorgraph.commands
import pytest
from actorgraph import __version__
from actorgraph.commands import app as cli
from actorgraph.commands.app import app
from pyoxigraph import NamedNode, RdfFormat, parse
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
DATA = FIXTURES / "cli_actors.ttl"
ACTOR_KEYS = {"id", "label", "label_ar", "type", "aliases"}
RELATION_KEYS = {
    "statement",
    "subject",
    "subject_label",
    "relation",
    "family",
    "object",
    "object_label",
    "date",
    "stance",
    "attributed_to",
    "derived",
    "via",
    "sources",
    "note",
    # data model v2 (docs/data-model.md, "What the queries show")
    *("date_precision", "valid_from", "valid_until", "known_by", "ended", "rule"),
    *("documents", "attributions", "kind", "ending", "modality", "source_type"),
    *("place", "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high", "event"),
}
COUNT_KEYS = {"documents", "attributions"}
COMMANDS = ["actors", "relations", "who", "path", "stats", "query", "export", "load", "validate"]

runner = CliRunner()


def run(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """``actorgraph load --store`` of the seeds and the CLI fixture: (directory, result)."""
    directory = tmp_path_factory.mktemp("cli") / "db"
    result = run("load", "--store", directory, "--data", DATA)
    assert result.exit_code == 0, result.output
    return directory, result


@pytest.fixture(scope="module")
def store(loaded) -> Path:
    """The on-disk store most tests read."""
    return loaded[0]


def read(store: Path, *args: str) -> object:
    """Run a command against ``store`` with ``--format json`` and parse its output."""
    result = run(*args, "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_no_command_shows_help():
    result = run()
    assert "Commands:" in result.output
    assert all(command in result.output for command in COMMANDS)


def _every_command() -> list[str]:
    """Every command of the app, sub-commands included ("analyze camps")."""
    import typer.main

    def walk(group, prefix):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, f"{prefix}{name} ")
            else:
                yield f"{prefix}{name}"

    return sorted(walk(typer.main.get_command(app), ""))


def test_every_command_is_covered_by_the_help_check():
    assert set(COMMANDS) <= set(_every_command())


def test_command_table_names_every_command_with_its_module():
    """cli.COMMANDS, from which commands are loaded on demand, matches graph/commands/."""
    import typer.main

    defined = {}
    for info in pkgutil.iter_modules(actorgraph.commands.__path__):
        module = import_module(f"actorgraph.commands.{info.name}")
        if hasattr(module, "commands"):
            defined.update(dict.fromkeys(typer.main.get_group(module.commands).commands, info.name))
    assert defined == cli.COMMANDS


@pytest.mark.parametrize("command", _every_command())
def test_help_ends_with_an_example(command):
    result = run(*command.split(), "--help")
    assert result.exit_code == 0
    lines = result.stdout.rstrip().splitlines()
    assert "Examples:" in result.stdout
    assert lines[-1].strip().startswith(f"actorgraph {command.split()[0]}")


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"actorgraph {__version__}"


# --- actors ------------------------------------------------------------------------------------


def test_actors_json_contract(store):
    rows = read(store, "actors", "test")
    assert {row["id"] for row in rows} >= {"test-alpha", "test-beta", "test-gamma", "test-delta"}
    assert all(set(row) == ACTOR_KEYS for row in rows)
    alpha = next(row for row in rows if row["id"] == "test-alpha")
    assert alpha["label_ar"] == "لواء ألفا التجريبي"
    assert alpha["aliases"] == ["Test Twin", "[bold]Alpha[/bold]"]


def test_actors_by_type_and_arabic_text(store):
    assert [row["id"] for row in read(store, "actors", "Test", "--type", "ArmedGroup")] == [
        "test-alpha"
    ]
    assert read(store, "actors", "لواء ألفا التجريبي")[0]["id"] == "test-alpha"


def test_actors_table_shows_markup_in_data_literally(store):
    result = run("actors", "test", "--store", store)
    assert result.exit_code == 0
    assert "[bold]Alpha[/bold]" in result.stdout
    assert "لواء ألفا التجريبي" in result.stdout


def test_actors_csv_is_guarded(store):
    result = run("actors", "test-delta", "--store", store, "--format", "csv")
    rows = csv_rows(result.stdout)
    assert [row["id"] for row in rows] == ["test-delta"]
    assert rows[0]["aliases"].startswith("'=")


@pytest.mark.parametrize(("fmt", "stdout"), [("table", ""), ("csv", ""), ("json", "[]\n")])
def test_actors_with_no_match(store, fmt, stdout):
    result = run("actors", "zzzz-no-such-name", "--store", store, "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == stdout
    assert ("No results." in result.stderr) is (fmt != "json")


# --- relations ---------------------------------------------------------------------------------


def test_relations_json_contract_with_rollups(store):
    rows = read(store, "relations", "test-alpha")
    assert all(set(row) == RELATION_KEYS for row in rows)
    by_id = {row["statement"]: row for row in rows}
    assert by_id["cli-test-001"]["sources"] == [
        {"document": "cli-test.txt", "line": 3, "excerpt": "alpha sends fighters to beta"}
    ]
    assert by_id["cli-test-004"]["stance"] == "denied"
    rollup = next(row for row in rows if row["derived"])
    assert (rollup["subject"], rollup["relation"], rollup["object"]) == (
        "test-alpha",
        "meetsWith",
        "test-beta",
    )
    assert rollup["via"] == ["cli-test-003", "cli-test-002"]
    assert rollup["rule"] == "role"  # Gamma (a person) leaderOf Alpha
    assert by_id["cli-test-002"]["known_by"] == "2024-12-05"  # undated: its document's date


def test_relations_by_arabic_name_and_alias(store):
    by_arabic = read(store, "relations", "لواء ألفا التجريبي")
    by_alias = read(store, "relations", "[bold]Alpha[/bold]")
    assert by_arabic == by_alias == read(store, "relations", "actor:test-alpha")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--stance", "denied"], {"cli-test-004"}),
        (["--stance", "asserted,claimed", "--type", "supports"], {"cli-test-001"}),
        (["--type", "talks-to"], {"cli-test-003/rollup/role~test-alpha/test-beta"}),
        (["--direction", "in"], {"cli-test-002", "cli-test-004"}),
        # cli-test-001 (support, a state) began on 28 November; cli-test-002 (Gamma's role) is
        # an undated state, which holds at any day until it ends
        (["--at", "2024-11-29"], {"cli-test-001", "cli-test-002"}),
    ],
)
def test_relations_filters(store, options, expected):
    rows = read(store, "relations", "test-alpha", *options)
    assert {row["statement"] for row in rows} == expected


def test_relations_direction_out_keeps_the_subject_side(store):
    rows = read(store, "relations", "test-alpha", "--direction", "out")
    assert rows and all(row["subject"] == "test-alpha" for row in rows)


def test_relations_table_marks_rollups_and_sources(store):
    result = run("relations", "test-alpha", "--store", store)
    assert result.exit_code == 0
    assert "roll-up of; via" in result.stdout
    assert "cli-test-003; cli-test-002" in result.stdout
    assert "cli-test.txt:3" in result.stdout


def test_relations_csv(store):
    result = run("relations", "test-alpha", "--store", store, "--stance", "claimed", "-f", "csv")
    assert result.exit_code == 0
    rows = csv_rows(result.stdout)
    assert len(rows) == 1
    assert rows[0]["statement"] == "cli-test-003/rollup/role~test-alpha/test-beta"
    assert rows[0]["derived"] == "yes"
    assert rows[0]["rule"] == "role"
    assert rows[0]["sources"] == "cli-test.txt:7; cli-test.txt:9"
    assert rows[0]["attributed_to"] == "test insiders"


def test_relations_with_data_instead_of_store():
    result = run("relations", "test-beta", "--data", DATA, "--stance", "denied", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [row["statement"] for row in json.loads(result.stdout)] == ["cli-test-004"]


# --- who, path, stats --------------------------------------------------------------------------


def test_who_supports_json_contract(store):
    rows = read(store, "who", "supports", "test-beta")
    assert [row["id"] for row in rows] == ["test-alpha"]
    assert set(rows[0]) == ACTOR_KEYS | {"statements"} | COUNT_KEYS
    assert [s["statement"] for s in rows[0]["statements"]] == ["cli-test-001"]
    # one document; in the report's own voice, so the document is the one party
    assert (rows[0]["documents"], rows[0]["attributions"]) == (1, 1)
    assert all(set(s) == RELATION_KEYS for s in rows[0]["statements"])


def test_who_talks_to_uses_the_cli_spelling(store):
    rows = read(store, "who", "talks-to", "test-beta")
    assert {row["id"] for row in rows} == {"test-alpha", "test-gamma"}


def test_who_table_summarises_how_and_how_firmly_with_sources(store):
    result = run("who", "supports", "test-beta", "--store", store)
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "test-alpha" in line)
    assert "militarySupport" in row and "asserted" in row and "cli-test.txt:3" in row


def test_who_ignores_denied_statements(store):
    result = run("who", "supports", "test-alpha", "--store", store)  # cli-test-004 is denied
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No results." in result.stderr


def test_path_json_and_table(store):
    paths = read(store, "path", "test-alpha", "test-gamma")
    assert [p["actors"] for p in paths] == [["test-alpha", "test-beta", "test-gamma"]]
    assert paths[0]["length"] == 2
    result = run("path", "test-alpha", "test-gamma", "--store", store)
    assert "militarySupport ->" in result.stdout
    assert "cli-test.txt:3" in result.stdout


def test_path_none_found(store):
    result = run("path", "test-alpha", "test-delta", "--store", store, "--max-length", "3")
    assert result.exit_code == 1
    assert "no path of length <= 3 between Test Alpha Brigade and Test Delta Coalition" in (
        result.stderr
    )
    assert result.stdout == ""


def test_stats_json_contract_and_table(store):
    summary = read(store, "stats")
    assert set(summary) == {"actors", "statements", "by_family", "by_stance", "sources"}
    assert summary["by_stance"]["denied"] >= 1
    table = run("stats", "--store", store).stdout
    assert "by_stance.denied" in table


def test_stats_and_path_take_at(store):
    before = read(store, "stats", "--at", "2024-11-27")
    after = read(store, "stats", "--at", "2024-12-02")
    assert 0 < before["statements"] < after["statements"]
    # On 28 November HTS and Iran meet only through the Syrian government (HTS opposes it,
    # Iran backs it: undated states, which hold from before their document). Araghchi's
    # accusation of the HTS-led offensive on 1 December (aleppo-028, an event) reaches HTS
    # through ag:leads, so by 2 December the shortest path is that one step.
    (early,) = read(store, "path", "hts", "iran", "--at", "2024-11-28")
    assert early["actors"] == ["hts", "syrian-government", "iran"]
    late = read(store, "path", "hts", "iran", "--at", "2024-12-02")
    assert [p["actors"] for p in late] == [["hts", "iran"]]
    assert [link["statement"] for link in late[0]["hops"][0]["links"]] == [
        "aleppo-028/rollup/iran/leads~hts"
    ]
    bad = run("stats", "--at", "yesterday")
    assert bad.exit_code == 2 and "--at" in bad.output


# --- query -------------------------------------------------------------------------------------

SELECT_ALPHA = "SELECT ?actor ?relation ?object WHERE { ?s ag:subject ?actor ; ag:relation ?relation ; ag:object ?object } ORDER BY ?relation"  # noqa: E501


def test_query_list(store):
    result = run("query", "--list", "--format", "json")
    assert result.exit_code == 0
    named = json.loads(result.stdout)
    assert named and all({"name", "title", "params"} <= set(q) for q in named)
    table = run("query", "--list").stdout
    assert named[0]["name"] in table


def test_query_select_with_param_as_table_json_and_csv(store):
    base = ["query", SELECT_ALPHA, "--param", "actor=test-alpha", "--store", store]
    table = run(*base)
    assert table.exit_code == 0, table.output
    assert "ag:militarySupport" in table.stdout
    results = json.loads(run(*base, "--format", "json").stdout)
    assert results["head"]["vars"] == ["actor", "relation", "object"]
    rows = csv_rows(run(*base, "--format", "csv").stdout)
    assert rows[0]["object"] == "https://w3id.org/actorgraph/actor/test-beta"


def test_query_construct_gives_turtle(store):
    text = "CONSTRUCT { ?a rdfs:label ?l } WHERE { ?a rdfs:label ?l FILTER (?a = actor:test-beta) }"
    result = run("query", text, "--store", store)
    assert result.exit_code == 0
    triples = list(parse(result.stdout_bytes, RdfFormat.TURTLE))
    assert {t.subject for t in triples} == {
        NamedNode("https://w3id.org/actorgraph/actor/test-beta")
    }
    assert len(triples) == 2


def test_query_ask(store):
    result = run("query", "ASK { actor:test-alpha ?p ?o }", "--store", store, "-f", "xml")
    assert result.exit_code == 0
    assert "<boolean>true</boolean>" in result.stdout


def test_query_from_file(store, tmp_path):
    file = tmp_path / "q.rq"
    file.write_text("SELECT ?l WHERE { actor:test-gamma rdfs:label ?l FILTER (lang(?l) = 'en') }")
    result = run("query", file, "--store", store, "-f", "csv")
    assert result.stdout.splitlines() == ["l", "Test Gamma Person"]


def test_query_service_is_refused(store):
    text = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    result = run("query", text, "--store", store)
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "SERVICE" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give a SPARQL query"),
        ([SELECT_ALPHA, "--param", "actor"], "is not NAME=VALUE"),
        ([SELECT_ALPHA, "--param", "nosuch=1"], "unknown parameter"),
        (["--list", "--format", "xml"], "table, json or csv"),
        (["SELECT ?x WHERE { ?x ?y }"], "Error:"),
    ],
)
def test_query_usage_errors(store, args, message):
    result = run("query", *args, "--store", store)
    assert result.exit_code in (1, 2)
    assert message in result.stderr


# --- export ------------------------------------------------------------------------------------


def test_export_turtle_to_stdout(store):
    result = run("export", "--format", "ttl", "--store", store)
    assert result.exit_code == 0
    subjects = {t.subject for t in parse(result.stdout_bytes, RdfFormat.TURTLE)}
    assert NamedNode("https://w3id.org/actorgraph/actor/test-alpha") in subjects


def test_export_to_a_file_replaces_it_whole(store, tmp_path):
    target = tmp_path / "graph.csv"
    target.write_text("old content")
    result = run("export", "--format", "csv", "-o", target, "--store", store)
    assert result.exit_code == 0
    rows = csv_rows(target.read_text(encoding="utf-8"))
    assert "cli-test-001" in {row["statement"] for row in rows}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.csv"]  # no temporary left
    assert f"Wrote {target}" in result.stderr


def test_export_to_a_missing_directory_fails_cleanly(store, tmp_path):
    result = run("export", "--format", "nt", "-o", tmp_path / "nope" / "g.nt", "--store", store)
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


# --- load and validate -------------------------------------------------------------------------


def test_load_in_memory_validates_everything_and_prints_a_summary():
    result = run("load", "--data", DATA)
    assert result.exit_code == 0, result.output
    assert "by_stance.denied" in result.stdout
    assert "validated and loaded" in result.stderr and "nothing saved" in result.stderr


def test_load_in_memory_checks_the_shipped_seeds_too(tmp_path, monkeypatch):
    import actorgraph.ingest.read

    bad_seeds = tmp_path / "seeds.ttl"
    bad_seeds.write_bytes((FIXTURES / "cli_invalid.ttl").read_bytes())
    monkeypatch.setattr(actorgraph.ingest.read, "seed_files", lambda: [bad_seeds])
    result = run("load")
    assert result.exit_code == 1
    assert "seeds.ttl: stmt:cli-test-invalid" in result.stderr


def test_load_store_summary(loaded):
    directory, result = loaded
    summary = result.stderr.strip()
    assert summary.startswith("Loaded ") and f"into {directory}" in summary
    assert " quads, " in summary and " statements, " in summary and " actors " in summary
    assert result.stdout == ""


def test_load_refuses_a_store_in_use(tmp_path):
    directory = tmp_path / "db"
    directory.mkdir()
    with open(directory / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        result = run("load", "--store", directory)
    assert result.exit_code == 1
    assert "in use" in result.stderr
    assert not (directory / "CURRENT").exists()


def test_load_refuses_invalid_data_and_keeps_the_store(store):
    before = (store / "CURRENT").read_text()
    result = run("load", "--store", store, "--data", FIXTURES / "cli_invalid.ttl")
    assert result.exit_code == 1
    assert "stmt:cli-test-invalid (ag:note)" in result.stderr
    assert (store / "CURRENT").read_text() == before


def test_validate_the_shipped_data():
    result = run("validate")
    assert result.exit_code == 0, result.output
    # the last line says it; before it only the note that no corpus was found to check
    # citations against may stand (a clone without ../shared beside it)
    *before, last = result.stderr.strip().splitlines()
    assert last.startswith("OK: ") and "files valid" in last, result.stderr
    assert all(line.startswith("note: corpus not found") for line in before), result.stderr


def test_validate_a_valid_file():
    result = run("validate", DATA)
    assert result.exit_code == 0
    assert "OK: 1 file valid" in result.stderr


def test_validate_reports_violations():
    bad = FIXTURES / "cli_invalid.ttl"
    result = run("validate", bad)
    assert result.exit_code == 1
    assert f"{bad}: stmt:cli-test-invalid (ag:stance): " in result.stdout
    assert f"{bad}: stmt:cli-test-invalid (ag:note): " in result.stdout
    assert "2 violation(s) in 1 file(s)" in result.stderr


def test_validate_reports_syntax_errors_with_position():
    bad = FIXTURES / "cli_syntax_error.ttl"
    result = run("validate", bad)
    assert result.exit_code == 1
    assert f"Error: {bad}:5:" in result.stderr


# --- errors shared by the commands -------------------------------------------------------------


def test_unknown_actor_suggests_names(store):
    result = run("relations", "test-alfa", "--store", store)
    assert result.exit_code == 2
    assert "Error: unknown actor 'test-alfa'" in result.stderr
    assert "Did you mean" in result.stderr and "test-alpha" in result.stderr


def test_ambiguous_actor(store):
    result = run("who", "supports", "Test Twin", "--store", store)
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    assert "test-alpha" in result.stderr and "test-beta" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["relations", "iran", "--at", "2024-13-01"], "is not a date"),
        (["who", "supports", "iran", "--at", "yesterday"], "is not a date"),
        (["relations", "iran", "--type", "befriends"], "unknown relation type"),
        (["actors", "--type", "Planet"], "unknown actor type"),
        (["actors", "--format", "yaml"], "Invalid value for '--format'"),
        (["relations", "iran", "--direction", "sideways"], "Invalid value for '--direction'"),
        (["relations", "iran", "--stance", "rumoured"], "is not a list of stances"),
        (["who", "likes", "iran"], "Invalid value for 'FAMILY'"),
        (["path", "iran", "iran"], "two different actors"),
        (["path", "iran", "hts", "--max-length", "0"], "Invalid value for '--max-length'"),
        (["export", "--format", "xls"], "Invalid value for '--format'"),
        (["stats", "--data", "no-such-file.ttl"], "does not exist"),
        (["nosuchcommand"], "No such command"),
    ],
)
def test_usage_errors_exit_2(store, args, message):
    result = run(*args, "--store", store) if args[0] != "nosuchcommand" else run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_store_that_does_not_exist(tmp_path):
    result = run("stats", "--store", tmp_path / "missing")
    assert result.exit_code == 1
    assert "Error: no actorgraph store at" in result.stderr


def test_data_with_a_syntax_error():
    bad = FIXTURES / "cli_syntax_error.ttl"
    result = run("actors", "--data", bad)
    assert result.exit_code == 1
    assert f"Error: {bad}:5:" in result.stderr


def test_data_with_a_shacl_violation():
    result = run("stats", "--data", FIXTURES / "cli_invalid.ttl")
    assert result.exit_code == 1
    assert "SHACL violation" in result.stderr
    assert "stmt:cli-test-invalid (ag:stance): give exactly one ag:stance" in result.stderr
