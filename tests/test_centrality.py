"""Tests for actorgraph.analysis.centrality: support received and given, PageRank, betweenness."""

from __future__ import annotations

from pathlib import Path

import actorgraph.analysis.centrality
import networkx
import pytest
from actorgraph.analysis.centrality import Measure, centrality, pagerank
from actorgraph.ingest.pipeline import open_graph
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


@pytest.fixture(scope="module")
def rows(gs: GraphStore) -> dict[str, actorgraph.analysis.centrality.CentralityRow]:
    return {row.id: row for row in centrality(gs)}


def test_in_and_out_support_are_weighted_sums_of_positive_edges(rows) -> None:
    # Red Army: armed by Red State (+8), fights alongside the Red Militia (+7, both ways).
    assert (rows["red-army"].in_support, rows["red-army"].out_support) == (15.0, 7.0)
    # Red Militia: the army (+7) and a claimed political backing (+5 x 0.5).
    assert rows["red-militia"].in_support == 9.5
    # Blue State gives support and receives none; attacks are not support.
    assert (rows["blue-state"].in_support, rows["blue-state"].out_support) == (0.0, 9.5)
    assert rows["blue-rebels"].out_support == 0.0


def test_only_actors_with_ties_are_listed(rows) -> None:
    assert "hermit-state" not in rows
    assert "grey-state" in rows  # talks only, but that is a tie


def test_betweenness_marks_brokers(rows) -> None:
    assert rows["green-group"].betweenness == 0.0  # a leaf
    assert rows["blue-rebels"].betweenness == max(r.betweenness for r in rows.values())


def test_sorted_by_pagerank_unless_asked_otherwise(gs: GraphStore) -> None:
    ranked = centrality(gs)
    assert [r.pagerank for r in ranked] == sorted((r.pagerank for r in ranked), reverse=True)
    assert ranked[0].id == "red-army"
    assert centrality(gs, by=Measure.out_support)[0].id == "blue-state"


def test_pagerank_sums_to_one_and_follows_weights() -> None:
    g = networkx.DiGraph()
    g.add_edge("a", "b", weight=3.0)
    g.add_edge("a", "c", weight=1.0)
    g.add_edge("b", "a", weight=1.0)
    ranks = pagerank(g)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert ranks["b"] > ranks["c"]
    assert pagerank(networkx.DiGraph()) == {}


def test_pagerank_of_a_cycle_is_uniform() -> None:
    ranks = pagerank(
        networkx.DiGraph([(1, 2, {"weight": 1}), (2, 3, {"weight": 1}), (3, 1, {"weight": 1})])
    )
    assert all(value == pytest.approx(1 / 3) for value in ranks.values())


def test_seeds_the_syrian_government_is_most_backed() -> None:
    seeds = open_graph()
    ranked = centrality(seeds, by=Measure.in_support)
    assert ranked[0].id == "syrian-government"
    between = centrality(seeds, by=Measure.betweenness)
    assert between[0].betweenness > 0
