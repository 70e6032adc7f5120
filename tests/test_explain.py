"""Tests for actorgraph.analysis.explain: every signed chain of statements between two actors."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.analysis.explain import explain
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import Actor, resolve_actor
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def actor(gs: GraphStore, name: str) -> Actor:
    return resolve_actor(gs, name)


def summary(gs: GraphStore, a: str, b: str, **options) -> list[tuple]:
    return [
        (p.actors, p.sign, p.reading) for p in explain(gs, actor(gs, a), actor(gs, b), **options)
    ]


def test_every_path_with_its_sign(gs: GraphStore) -> None:
    assert summary(gs, "Red State", "Blue Rebels", max_hops=2) == [
        (("red-state", "blue-rebels"), -1, "an enemy"),
        (("red-state", "blue-state", "blue-rebels"), -1, "an ally of an enemy"),
        (("red-state", "red-army", "blue-rebels"), -1, "an enemy of an ally"),
    ]


def test_enemy_of_my_enemy_is_positive(gs: GraphStore) -> None:
    paths = summary(gs, "green-group", "red-army", max_hops=2)
    assert paths == [(("green-group", "blue-rebels", "red-army"), 1, "an enemy of an enemy")]


def test_a_talk_makes_a_path_neutral(gs: GraphStore) -> None:
    (path, *_rest) = summary(gs, "grey-state", "red-state", max_hops=1)
    assert path == (("grey-state", "red-state"), 0, "a contact")


def test_rollups_can_be_left_out(gs: GraphStore) -> None:
    direct = summary(gs, "red-state", "blue-rebels", max_hops=1)
    assert direct == [(("red-state", "blue-rebels"), -1, "an enemy")]  # via the minister
    assert summary(gs, "red-state", "blue-rebels", max_hops=1, derived=False) == []


def test_each_hop_carries_its_evidence(gs: GraphStore) -> None:
    path = explain(gs, actor(gs, "red-army"), actor(gs, "blue-rebels"), max_hops=1)[0]
    (step,) = path.to_dict()["hops"]
    assert step["sign"] == -1 and step["weight"] == -14.0
    links = {link["statement"]: link for link in step["statements"]}
    assert links["a-004"]["direction"] == "backward"  # the rebels attack the army
    assert links["a-005"]["direction"] == "forward"
    assert links["a-005"]["stance"] == "claimed"
    assert links["a-005"]["sources"] == [
        {"document": "analysis_report.txt", "line": 5, "excerpt": None}
    ]


def test_denied_statements_are_never_evidence(gs: GraphStore) -> None:
    paths = explain(gs, actor(gs, "blue-state"), actor(gs, "red-militia"), max_hops=1)
    (step,) = paths[0].steps
    assert [item.statement for item in step.evidence] == ["a-013"]


def test_an_actor_without_ties_has_no_paths(gs: GraphStore) -> None:
    assert summary(gs, "hermit-state", "red-state") == []


@pytest.mark.parametrize(
    ("a", "b", "hops", "message"),
    [
        ("red-state", "red-state", 3, "two different actors"),
        ("red-state", "red-army", 0, "at least 1"),
    ],
)
def test_usage_errors(gs: GraphStore, a: str, b: str, hops: int, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        explain(gs, actor(gs, a), actor(gs, b), max_hops=hops)


def test_seeds_iran_and_hts_are_enemies_directly_and_through_irans_allies() -> None:
    seeds = open_graph()
    paths = explain(seeds, actor(seeds, "Iran"), actor(seeds, "HTS"), 2)
    direct, *longer = paths
    # Araghchi calls the HTS-led offensive a conspiracy of takfiri terrorists (line 8,
    # aleppo-028); HTS leads the offensive (aleppo-125), so it counts for HTS.
    assert (direct.actors, direct.sign, direct.reading) == (("iran", "hts"), -1, "an enemy")
    (hop,) = direct.to_dict()["hops"]
    assert [s["statement"] for s in hop["statements"]] == ["aleppo-028/rollup/iran/leads~hts"]
    # Every two-step chain through an ally of Iran (Assad, the army, the government) reads
    # "an enemy of an ally", and through HTS's ally, the opposition factions (aleppo-003),
    # "an ally of an enemy". The one friendly reading is through a common enemy: the US
    # opposes Iran (8 December call, lines 11 and 14) and lists HTS as terrorist, a
    # triad of three enemies in the sources, not a roll-up.
    assert [(p.actors[1], p.sign, p.reading) for p in longer] == [
        ("bashar-al-assad", -1, "an enemy of an ally"),
        ("syrian-army", -1, "an enemy of an ally"),
        ("syrian-government", -1, "an enemy of an ally"),
        ("opposition-factions", -1, "an ally of an enemy"),
        ("united-states", 1, "an enemy of an enemy"),
    ]
