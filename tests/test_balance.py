"""Tests for actorgraph.analysis.balance: balanced and unbalanced triangles, and the balance
index."""

from __future__ import annotations

import datetime
from pathlib import Path

import networkx
import pytest
from actorgraph.analysis.balance import balance, triads
from actorgraph.analysis.signed import signed_network, undirected
from actorgraph.ingest.pipeline import open_graph
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def signed_graph(edges: list[tuple[str, str, float]]) -> networkx.Graph:
    g = networkx.Graph(rows={}, weights={})
    g.add_weighted_edges_from(edges)
    return g


@pytest.mark.parametrize(
    ("weights", "kind", "balanced"),
    [
        ((1, 1, 1), "three allies", True),
        ((1, -1, -1), "two allies against a third", True),
        ((1, 1, -1), "a shared ally of two enemies", False),
        ((-1, -1, -1), "three enemies", False),
    ],
)
def test_the_four_kinds_of_triangle(weights, kind, balanced) -> None:
    ab, bc, ac = weights
    (triad,) = triads(signed_graph([("a", "b", ab), ("b", "c", bc), ("a", "c", ac)]))
    assert (triad.kind, triad.balanced) == (kind, balanced)


def test_neutral_ties_make_no_triangle() -> None:
    assert triads(signed_graph([("a", "b", 1), ("b", "c", 1), ("a", "c", 0)])) == []


def test_the_fixture_has_one_unbalanced_triangle(gs: GraphStore) -> None:
    report = balance(gs)
    assert (report.triangles, report.balanced, report.index) == (4, 3, 0.75)
    # balanced, by |weights|: Red State, Red Army, Blue Rebels (8, 14, 6 by the roll-up);
    # Red Army, Red Militia, Blue Rebels (7, 14, 9); Red State, Blue State, Blue Rebels
    # (3, 7, 6). Unbalanced: Blue State, Blue Rebels, Red Militia (7, 2.5, 9).
    balanced_weight = 8 * 14 * 6 + 7 * 14 * 9 + 3 * 7 * 6
    assert report.weighted_index == pytest.approx(balanced_weight / (balanced_weight + 157.5))
    (triad,) = report.unbalanced
    assert triad.actors == ("blue-rebels", "blue-state", "red-militia")
    assert triad.kind == "a shared ally of two enemies"


def test_an_unbalanced_triangle_shows_its_three_statements(gs: GraphStore) -> None:
    (triad,) = balance(gs).unbalanced
    behind = [
        [(e.statement, e.relation, tuple(map(str, e.sources))) for e in tie.evidence]
        for tie in triad.ties
    ]
    assert behind == [
        [("a-003", "sponsors", ("analysis_report.txt:3",))],
        [("a-013", "politicalSupport", ("analysis_report.txt:13",))],
        [("a-014", "attacks", ("analysis_report.txt:14",))],
    ]


def test_a_denial_does_not_unbalance(gs: GraphStore) -> None:
    # Before the claim a-013 only the denial a-011 links Blue State and the Red Militia.
    report = balance(gs, at=datetime.date(2024, 11, 27))
    assert (report.index, report.unbalanced) == (1.0, ())


def test_no_triangle_no_index(gs: GraphStore) -> None:
    report = balance(gs, at=datetime.date(2024, 11, 1))
    assert (report.triangles, report.index, report.weighted_index) == (0, None, None)


def test_json_contract(gs: GraphStore) -> None:
    data = balance(gs).to_dict()
    assert set(data) == {"triangles", "balanced", "index", "weighted_index", "unbalanced"}
    tie = data["unbalanced"][0]["ties"][0]
    assert set(tie) == {"from", "from_label", "to", "to_label", "sign", "weight", "statements"}


def test_seeds_balance_is_an_index_and_has_a_known_balanced_triangle() -> None:
    seeds = open_graph()
    report = balance(seeds)
    assert 0.0 <= report.index <= 1.0 and 0.0 <= report.weighted_index <= 1.0
    found = {t.actors: t for t in triads(undirected(signed_network(seeds)))}
    allies = found[("iran", "pmf", "syrian-government")]
    assert (allies.kind, allies.balanced) == ("three allies", True)
    against = found[("hts", "opposition-factions", "syrian-government")]
    assert (against.kind, against.balanced) == ("two allies against a third", True)
