"""``query.stats.stats`` (counted by the store) returns what ``relations.stats`` (a walk over
every statement) returns: same keys, same order, same counts, with and without ``--at``; and
the counts an on-disk store keeps (``record_counts``) follow every way of writing it."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from actorgraph.analysis.infer import infer_store
from actorgraph.ingest.pipeline import load_store, open_graph, replace_store
from actorgraph.ingest.sources import DataInput, list_sources, load_sources
from actorgraph.ingest.synth import synth
from actorgraph.namespaces import PREFIXES
from actorgraph.namespaces import STORE_COUNTS as COUNTS
from actorgraph.query.stats import kept_counts, stats
from actorgraph.query.stats import walked_stats as walked
from actorgraph.store.base import GraphStore
from actorgraph.store.generations import next_generation
from conftest import EXTRA, TOKEN, get_query, http, start_server

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
    assert "walk / kept" in done.stdout and "none kept" not in done.stdout


NEW_STATEMENT = (
    "INSERT DATA { GRAPH <https://w3id.org/actorgraph/graph/curated> { "
    "stmt:kept-new a ag:Statement ; ag:subject actor:iran ; ag:relation ag:attacks ; "
    "ag:object actor:hts ; ag:stance ag:claimed } }"
)


def kept_and_right(store: Path) -> dict:
    """The counts kept in the live generation of ``store``, checked against the walk."""
    gs = open_graph(store)
    kept = kept_counts(gs.store)
    assert kept is not None and gs.kept_counts
    assert kept == walked(gs) and list(kept) == list(walked(gs))
    assert stats(gs) == kept
    return kept


def test_kept_counts_follow_every_write(tmp_path: Path) -> None:
    store = tmp_path / "store"
    load_store(store, [FIXTURE])  # a load
    first = kept_and_right(store)
    synth(300, tmp_path / "synth.nq", seed=5)
    load_sources(store, [DataInput(tmp_path / "synth.nq")])  # an additive load
    added = kept_and_right(store)
    assert added["statements"] > first["statements"]
    with next_generation(store) as writable:  # what the endpoint's updates do
        writable.update(NEW_STATEMENT, prefixes=PREFIXES)
    del writable  # its handle holds the copy's lock, which the next write takes
    updated = kept_and_right(store)
    assert updated["statements"] == added["statements"] + 1
    assert updated["by_stance"]["claimed"] == added["by_stance"]["claimed"] + 1
    infer_store(store)  # infer
    assert kept_and_right(store) == updated
    load_sources(store, [DataInput(tmp_path / "synth.nq")], replace=True)  # started over
    assert kept_and_right(store)["statements"] < updated["statements"]
    replace_store(store, open_graph(data=[FIXTURE]).quads())  # a restore
    assert kept_and_right(store) == first
    assert COUNTS not in {record.graph for record in list_sources(store)}  # not a source


def test_counts_kept_elsewhere_are_not_read(tmp_path: Path) -> None:
    """A file (an export, say) may carry a counts node: only a store's own are read."""
    store = tmp_path / "store"
    load_store(store, [FIXTURE])
    forged = tmp_path / "forged.trig"
    forged.write_text(
        "@prefix ag: <https://w3id.org/actorgraph/ns#> .\n"
        f"<https://w3id.org/actorgraph/graph/sources> {{ <{COUNTS}> a ag:StoreCounts ; "
        'ag:counts "{\\"actors\\": 1}" . }\n',
        encoding="utf-8",
    )
    for gs in (open_graph(data=[FIXTURE, forged]), open_graph(store, data=[forged])):
        assert not gs.kept_counts
        assert kept_counts(gs.store) == {"actors": 1}
        assert stats(gs) == walked(gs)


@pytest.mark.server
def test_an_update_through_the_endpoint_drops_the_counts_it_made_stale(tmp_path: Path) -> None:
    # Counting a large graph costs seconds and an incremental write a fraction of one, so
    # the endpoint does not count again: it drops the old counts, and stats counts by its
    # queries until the next load or infer.
    store = tmp_path / "db"
    load_store(store, [EXTRA])
    before = kept_and_right(store)
    token = tmp_path / "token"
    token.write_text(TOKEN + "\n", encoding="utf-8")
    served = start_server("--store", str(store), "--allow-update", "--token-file", str(token))
    try:
        headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
        assert http("POST", served.sparql, NEW_STATEMENT.encode(), headers).status == 204
        assert b"true" in get_query(served, "ASK { actor:iran ag:attacks actor:hts }").body
    finally:
        assert served.stop() == 0
    gs = open_graph(store)
    assert kept_counts(gs.store) is None
    assert stats(gs) == walked(gs)
    assert stats(gs)["statements"] == before["statements"] + 1
