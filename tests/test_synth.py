"""Tests for graph/synth.py and ``actorgraph synth``: valid, realistic, deterministic data."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.ingest.synth import _ROLES, synth
from actorgraph.namespaces import AG
from actorgraph.query.relations import all_statements
from actorgraph.validation.validate import validate_files
from pyoxigraph import NamedNode, RdfFormat, parse
from typer.testing import CliRunner


def _quads(path: Path) -> list:
    fmt = RdfFormat.N_QUADS if path.suffix == ".nq" else RdfFormat.TRIG
    return list(parse(path=path, format=fmt))


@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_output_conforms_to_the_shapes(tmp_path, suffix):
    path = tmp_path / f"synth{suffix}"
    report = synth(300, path, fmt=suffix[1:])
    assert report.statements == 300
    assert validate_files([path]) == []


def test_counts_match_the_file(tmp_path):
    path = tmp_path / "synth.nq"
    report = synth(500, path)
    quads = _quads(path)
    assert len(quads) == report.triples
    statements = {q.subject for q in quads if q.object == NamedNode(AG + "Statement")}
    assert len(statements) == 500


def test_same_seed_same_bytes_other_seed_other_bytes():
    outputs = []
    for seed in (1, 1, 2):
        out = io.BytesIO()
        synth(200, out, seed=seed)
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]


def test_realistic_mix(tmp_path):
    path = tmp_path / "synth.nq"
    synth(3000, path)
    quads = _quads(path)
    stances = Counter(q.object.value for q in quads if q.predicate == NamedNode(AG + "stance"))
    assert 0.05 < stances[AG + "claimed"] / 3000 < 0.12
    assert 0 < stances[AG + "denied"] / 3000 < 0.03
    degrees = Counter(q.object for q in quads if q.predicate == NamedNode(AG + "subject"))
    top, *_ = degrees.most_common(1)
    assert top[1] > 20 * (3000 / len(degrees))  # a hub, far above the mean degree
    dates = {
        q.object.datatype.value.rsplit("#")[1] for q in quads if q.predicate.value == AG + "date"
    }
    assert dates == {"date", "gYearMonth", "gYear"}


def test_every_person_has_exactly_one_role(tmp_path):
    path = tmp_path / "synth.nq"
    synth(3000, path)
    quads = _quads(path)
    persons = {q.subject for q in quads if q.object == NamedNode(AG + "Person")}
    relation = {q.subject: q.object for q in quads if q.predicate == NamedNode(AG + "relation")}
    roles = Counter(
        q.object
        for q in quads
        if q.predicate == NamedNode(AG + "subject")
        and relation[q.subject].value.removeprefix(AG) in _ROLES
    )
    assert persons and roles == Counter(dict.fromkeys(persons, 1))


def test_roll_ups_happen(tmp_path):
    path = tmp_path / "synth.nq"
    synth(300, path)
    rows = all_statements(open_graph(None, [path], seeds=False))
    assert any(row.derived for row in rows)


def test_bad_arguments():
    with pytest.raises(UsageError):
        synth(0, io.BytesIO())
    with pytest.raises(UsageError):
        synth(10, io.BytesIO(), fmt="ttl")


def test_command_writes_the_file(tmp_path):
    target = tmp_path / "out.trig"
    result = CliRunner().invoke(app, ["synth", "--statements", "50", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Wrote 50 statements" in result.output
    assert len(_quads(target)) > 50


def test_command_refuses_other_extensions(tmp_path):
    result = CliRunner().invoke(app, ["synth", "-n", "5", "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 2  # a usage error
    assert ".nq (N-Quads) or .trig" in result.output
    assert not (tmp_path / "out.ttl").exists()
