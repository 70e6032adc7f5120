"""The fast analyses give what their networkx references give, on small graphs.

Each analysis has a fast path (the lean network of :mod:`actorgraph.analysis.network`,
igraph, numpy, the incremental camp search) and ``reference=True`` (``signed_network`` and
networkx). They must agree: the same JSON for camps, balance and explain, centrality within
1e-9 (PageRank and betweenness are floats computed in another order). No timing here: the
speed is measured by ``bench/analysis_bench.py``.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import networkx
import pytest
from actorgraph.analysis import camp_search, camps
from actorgraph.analysis.balance import balance
from actorgraph.analysis.camps import camps as find_camps
from actorgraph.analysis.centrality import centrality
from actorgraph.analysis.explain import explain
from actorgraph.analysis.network import network
from actorgraph.analysis.signed import signed_network
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.ingest.synth import synth
from actorgraph.query.actors import find_actors
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """An on-disk store of 1,500 synthetic statements (roll-ups and all)."""
    work = tmp_path_factory.mktemp("backends")
    synth(1500, work / "synth.nq")
    load_store(work / "store", [work / "synth.nq"])
    return open_graph(work / "store")


@pytest.fixture(scope="module", params=["seeds", "fixture", "synthetic"])
def graph(request: pytest.FixtureRequest) -> GraphStore:
    if request.param == "seeds":
        return open_graph()
    if request.param == "fixture":
        return open_graph(data=[FIXTURE], seeds=False)
    return request.getfixturevalue("synthetic")


@pytest.mark.parametrize(
    "options",
    [
        {},
        # a day: only what holds then (undated states do; later events and states do not)
        {"at": datetime.date(2024, 11, 28)},
        {"at": datetime.date(2024, 12, 9), "derived": False},
    ],
    ids=["all", "at", "at-no-derived"],
)
def test_network_is_signed_network(graph: GraphStore, options: dict) -> None:
    fast, reference = network(graph, **options), signed_network(graph, **options)
    assert list(fast.nodes(data=True)) == list(reference.nodes(data=True))
    assert list(fast.edges(data=True)) == list(reference.edges(data=True))
    assert fast.graph["weights"] == reference.graph["weights"]
    assert list(fast.graph["rows"]) == list(reference.graph["rows"])
    for statement, row in reference.graph["rows"].items():
        assert fast.graph["rows"][statement] == row
    assert list(fast.graph["structural"]) == list(reference.graph["structural"])


def test_provenance_read_at_once_equals_one_at_a_time(graph: GraphStore) -> None:
    one_by_one = network(graph).graph["rows"]
    at_once = network(graph).graph["rows"]
    at_once.read_all()
    assert all(at_once[s] == one_by_one[s] for s in one_by_one)


def test_sources_read_at_once_equal_the_full_rows(graph: GraphStore) -> None:
    rows = network(graph).graph["rows"]
    expected = {statement: rows[statement].sources for statement in rows}
    assert network(graph).graph["rows"].sources(list(rows), at_once=True) == expected
    some_read = network(graph).graph["rows"]
    assert [some_read[s] for s in list(rows)[:3]]  # these from their full rows, others not
    assert some_read.sources(list(rows), at_once=True) == expected
    assert some_read.sources(list(rows), at_once=False) == expected


@pytest.mark.slow
def test_balance_equals_the_reference_at_10k(tmp_path: Path) -> None:
    """Past SOURCES_AT_ONCE: the sources of the unbalanced triangles read at once."""
    synth(10_000, tmp_path / "synth.nq")
    load_store(tmp_path / "store", [tmp_path / "synth.nq"])
    graph = open_graph(tmp_path / "store")
    assert balance(graph).to_dict() == balance(graph, reference=True).to_dict()


def test_camps_equal_the_reference(graph: GraphStore) -> None:
    assert find_camps(graph).to_dict() == find_camps(graph, reference=True).to_dict()


def test_balance_equals_the_reference(graph: GraphStore) -> None:
    assert balance(graph).to_dict() == balance(graph, reference=True).to_dict()


def test_centrality_within_tolerance(graph: GraphStore) -> None:
    fast, reference = centrality(graph), centrality(graph, reference=True)
    assert [row.id for row in fast] == [row.id for row in reference]
    for mine, theirs in zip(fast, reference, strict=True):
        assert mine.in_support == theirs.in_support
        assert mine.out_support == theirs.out_support
        assert mine.pagerank == pytest.approx(theirs.pagerank, abs=1e-9)
        assert mine.betweenness == pytest.approx(theirs.betweenness, abs=1e-9)


def test_explain_equals_the_reference(graph: GraphStore) -> None:
    first, second = find_actors(graph)[:2]
    fast = [p.to_dict() for p in explain(graph, first, second, 2)]
    assert fast == [p.to_dict() for p in explain(graph, first, second, 2, reference=True)]


@pytest.mark.parametrize("seed", range(8))
def test_camp_search_makes_the_reference_moves(seed: int) -> None:
    """Random signed graphs with ties of equal weight, where the order of moves matters."""
    draw = random.Random(seed)
    graph = networkx.gnm_random_graph(40, 120, seed=seed)
    for start, end in graph.edges:
        graph[start][end]["weight"] = draw.choice([-3, -1, -0.5, 0, 0.5, 1, 2, 5])
    graph = networkx.relabel_nodes(graph, {n: f"n{n:02d}" for n in graph})
    found = camp_search.partition(graph)
    expected = camps.partition(graph)
    assert sorted(map(sorted, found)) == sorted(map(sorted, expected))
    assert camps.frustration(graph, found) == camps.frustration(graph, expected)


def test_progress_names_each_step(graph: GraphStore) -> None:
    steps: list[str] = []
    find_camps(graph, progress=steps.append)
    assert steps[0] == "reading the statements" and "finding camps" in " ".join(steps)


def test_analysis_bench_smoke() -> None:
    """bench/analysis_bench.py runs end to end at its smallest size (no timing asserted)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "bench/analysis_bench.py", "--smoke"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("| 1,000 |") == 4
