"""Tests for actorgraph.analysis.signed: the signed, weighted network of the statements."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from actorgraph.analysis.signed import (
    STANCE_FACTOR,
    evidence,
    relation_scores,
    sign,
    signed_network,
    undirected,
)
from actorgraph.ingest.pipeline import open_graph
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"
AG = "https://w3id.org/actorgraph/ns#"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def test_scores_come_from_the_ontology(gs: GraphStore) -> None:
    scores = relation_scores(gs)
    assert scores[AG + "militarySupport"] == 8
    assert scores[AG + "airStrike"] == -10
    assert scores[AG + "phoneCall"] == 2
    assert scores[AG + "ministerOf"] == 0


def test_weight_is_score_times_stance(gs: GraphStore) -> None:
    weights = signed_network(gs).graph["weights"]
    assert weights["a-001"] == 8.0  # militarySupport, asserted
    assert weights["a-005"] == -10 * STANCE_FACTOR["claimed"] == -5.0  # airStrike, claimed
    assert weights["a-013"] == 2.5  # politicalSupport, claimed


def test_a_denial_counts_nothing(gs: GraphStore) -> None:
    network = signed_network(gs)
    assert "a-011" not in network.graph["rows"]
    assert network["blue-state"]["red-militia"]["statements"] == ["a-013"]


def test_talking_is_neutral_by_default_and_can_count_as_weak_support(gs: GraphStore) -> None:
    edge = signed_network(gs)["grey-state"]["red-state"]
    assert (edge["sign"], edge["weight"], edge["statements"]) == (0, 0.0, ["a-007"])
    weak = signed_network(gs, talk_weight=0.25)["grey-state"]["red-state"]
    assert (weak["sign"], weak["weight"]) == (1, 0.5)  # phoneCall 2 x 0.25


def test_symmetric_relations_go_both_ways_and_count_once_undirected(gs: GraphStore) -> None:
    network = signed_network(gs)
    assert network["red-militia"]["red-army"]["statements"] == ["a-002"]
    assert network["red-army"]["red-militia"]["statements"] == ["a-002"]
    assert not network.has_edge("red-army", "red-state")  # militarySupport is directed
    assert undirected(network)["red-army"]["red-militia"]["weight"] == 7.0


def test_undirected_sums_both_directions(gs: GraphStore) -> None:
    pair = undirected(signed_network(gs))["red-army"]["blue-rebels"]
    assert sorted(pair["statements"]) == ["a-004", "a-005"]
    assert (pair["weight"], pair["sign"]) == (-14.0, -1)


def test_rollups_count_unless_left_out(gs: GraphStore) -> None:
    rollup = "a-010/rollup/role~red-state/blue-rebels"
    assert signed_network(gs)["red-state"]["blue-rebels"]["statements"] == [rollup]
    without = signed_network(gs, derived=False)
    assert not without.has_edge("red-state", "blue-rebels")
    assert rollup not in without.graph["rows"]


def test_at_keeps_what_was_known_by_that_day(gs: GraphStore) -> None:
    network = signed_network(gs, at=datetime.date(2024, 11, 10))
    assert sorted(network.graph["rows"]) == ["a-001", "a-002", "a-003", "a-004"]
    assert "a-006" in signed_network(gs, at=datetime.date(2024, 12, 2)).graph["rows"]


def test_structural_statements_are_kept_apart(gs: GraphStore) -> None:
    network = signed_network(gs)
    assert [row.statement for row in network.graph["structural"]] == ["a-009"]
    assert not network.has_edge("red-minister", "red-state")


def test_every_actor_is_a_node_with_its_label(gs: GraphStore) -> None:
    network = signed_network(gs)
    assert network.nodes["hermit-state"] == {"label": "Hermit State", "type": "State"}
    assert network.degree("hermit-state") == 0


def test_evidence_carries_relation_stance_and_sources(gs: GraphStore) -> None:
    item = evidence(signed_network(gs), "a-005")
    assert item.to_dict() == {
        "statement": "a-005",
        "subject": "red-army",
        "relation": "airStrike",
        "object": "blue-rebels",
        "stance": "claimed",
        "weight": -5.0,
        "sources": [{"document": "analysis_report.txt", "line": 5, "excerpt": None}],
    }


def test_sign() -> None:
    assert [sign(w) for w in (3.0, -0.5, 0.0)] == [1, -1, 0]
