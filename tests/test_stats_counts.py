"""``query.stats.stats`` (counted by the store) returns what ``relations.stats`` (a walk over
every statement) returns: same keys, same order, same counts, with and without ``--at``."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.ingest.synth import synth
from actorgraph.query.stats import stats
from actorgraph.query.stats import walked_stats as walked
from actorgraph.store.base import GraphStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"
DAYS = [None, datetime.date(2016, 6, 30), datetime.date(2024, 11, 30), datetime.date(1990, 1, 1)]


@pytest.fixture(scope="module", params=["seeds", "fixture", "synthetic"])
def graph(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    if request.param == "seeds":
        return open_graph()
    if request.param == "fixture":
        return open_graph(data=[FIXTURE])
    work = tmp_path_factory.mktemp("stats")
    synth(1200, work / "synth.nq", seed=3)
    load_store(work / "store", [work / "synth.nq"])
    return open_graph(work / "store")


@pytest.mark.parametrize("at", DAYS)
def test_counts_equal_the_walk(graph: GraphStore, at: datetime.date | None) -> None:
    counted, expected = stats(graph, at), walked(graph, at)
    assert counted == expected
    assert list(counted) == list(expected)
    assert list(counted["by_family"]) == list(expected["by_family"])


def test_stats_bench_smoke() -> None:
    done = subprocess.run(
        [sys.executable, "bench/stats_bench.py", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "walk / new" in done.stdout
