"""Every reading command gives the same answer from the three places the graph can live.

The seeds plus tests/fixtures/server_extra.trig are read (1) in memory (``--data``), (2)
from an on-disk store (``load --store``) and (3) from a real ``oxigraph serve`` filled by
``load --endpoint`` (``--endpoint``). The compared command lines and their normalisation
(JSON lists sorted, SPARQL results as sets of rows, RDF by isomorphism) are shared with
tests/test_virtuoso.py: see ``parity_cases`` in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from conftest import parity_answer, parity_cases, parity_id, start_oxigraph, stop_process
from typer.testing import CliRunner

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXTRA = FIXTURES / "server_extra.trig"

pytestmark = pytest.mark.server
runner = CliRunner()


@pytest.fixture(scope="module")
def places(tmp_path_factory) -> Iterator[dict[str, list[str]]]:
    """The options that select each place: embedded, on-disk store, remote endpoint."""
    root = tmp_path_factory.mktemp("parity")
    store = root / "db"
    loaded = runner.invoke(app, ["load", "--store", str(store), "--data", str(EXTRA)])
    assert loaded.exit_code == 0, loaded.output
    process, server = start_oxigraph(root / "oxigraph")
    pushed = runner.invoke(
        app,
        ["load", "--endpoint", server.query, "--update-endpoint", server.update]
        + ["--data", str(EXTRA)],
    )
    assert pushed.exit_code == 0, pushed.output
    yield {
        "embedded": ["--data", str(EXTRA)],
        "store": ["--store", str(store)],
        "endpoint": ["--endpoint", server.query],
    }
    stop_process(process)


@pytest.mark.parametrize("case", parity_cases(), ids=parity_id)
def test_same_answer_everywhere(places, case):
    kind, args = case
    answers = {name: parity_answer(kind, args, where) for name, where in places.items()}
    expected = answers["embedded"]
    assert expected[1] if kind == "results" else expected, "nothing found to compare"
    if kind in ("nq", "ttl"):
        assert len(expected) > 3000
    for name, answer in answers.items():
        assert answer == expected, f"{name} differs from embedded"
