"""The per-actor and whole-graph statement queries agree, and simple commands start light.

``relations`` reads an actor's statements with ``statements.rq`` (bound to the actor) while
``all_statements`` reads every statement with ``all-statements.rq`` (one streaming pass);
on a synthetic graph with roll-ups, sources and attributions both must give the same rows.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from actorgraph.ingest.derive import derive
from actorgraph.ingest.read import read_ontology
from actorgraph.ingest.synth import synth
from actorgraph.query.actors import find_actors
from actorgraph.query.relations import all_statements, relations
from actorgraph.resources import ontology_files
from actorgraph.store.base import GraphStore
from actorgraph.store.embedded import EmbeddedGraphStore
from pyoxigraph import RdfFormat, Store

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("rdflib", "networkx", "pyvis", "pyshacl", "owlrl")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> GraphStore:
    data = tmp_path_factory.mktemp("scale") / "synth.nq"
    synth(300, data, fmt="nq", seed=3)
    store = Store()
    store.extend(read_ontology(ontology_files()))
    store.bulk_load(path=data, format=RdfFormat.N_QUADS)
    derive(store)
    return EmbeddedGraphStore(store)


def test_all_statements_lists_each_statement_once_with_roll_ups(synthetic):
    rows = all_statements(synthetic)
    ids = [row.statement for row in rows]
    assert len(ids) == len(set(ids))
    assert any(row.derived for row in rows) and any(not row.derived for row in rows)
    assert all(row.sources for row in rows)


def test_relations_of_every_actor_match_all_statements(synthetic):
    everything = all_statements(synthetic)
    for actor in find_actors(synthetic):
        expected = [
            row.to_dict() for row in everything if actor.iri in (row.subject_iri, row.object_iri)
        ]
        assert [row.to_dict() for row in relations(synthetic, actor)] == expected, actor.id


def test_relations_command_imports_no_heavy_library_nor_other_commands():
    # JSON output draws no table, so rich is not needed either; the command's own module
    # is loaded on demand (cli.COMMANDS), not the other command modules.
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from actorgraph.commands.app import app\n"
        "result = CliRunner().invoke(app, ['relations', 'Iran', '--format', 'json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in sys.argv[1:])))\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('actorgraph.commands.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *HEAVY, "rich"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    heavy, commands = done.stdout.split("\n")[:2]
    assert heavy.split() == []
    from actorgraph.commands.app import COMMANDS

    command_modules = {f"actorgraph.commands.{module}" for module in COMMANDS.values()}
    assert set(commands.split()) & command_modules == {"actorgraph.commands.reading"}
