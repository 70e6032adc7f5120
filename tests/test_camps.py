"""Tests for actorgraph.analysis.camps: signed clustering into camps, with reasons and evidence."""

from __future__ import annotations

import datetime
from pathlib import Path

import networkx
import pytest
from actorgraph.analysis.camps import (
    UNALIGNED,
    CampReport,
    camp_groups,
    camps,
    frustration,
    partition,
)
from actorgraph.ingest.pipeline import open_graph
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"

GOVERNMENT_SIDE = [
    "syrian-government",
    "iran",
    "russia",
    "hezbollah",
    "pmf",
    "kataib-hezbollah",
    "fatemiyoun",
    "iran-backed-groups",
]
# The HTS-led offensive: HTS and the other factions of the coalition it leads (aleppo-003,
# aleppo-126). The Turkey-backed factions are not on this side: they took Tal Rifaat in an
# attack separate from the HTS offensive (line 80), and line 100's "Turkey, backer of
# opposition factions" names no faction of the offensive (the audit's overreach aleppo-075,
# now Turkey supports turkey-backed-factions, aleppo-074); no statement ties them to HTS.
OPPOSITION_SIDE = ["hts", "opposition-factions"]
TURKEY_SIDE = ["turkey", "turkey-backed-factions"]


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


@pytest.fixture(scope="module")
def report(gs: GraphStore) -> CampReport:
    return camps(gs)


@pytest.fixture(scope="module")
def seeds() -> GraphStore:
    return open_graph()


def members(report: CampReport) -> list[list[str]]:
    return [[member.id for member in camp.members] for camp in report.camps]


def test_partition_puts_friends_together_and_enemies_apart() -> None:
    g = networkx.Graph()
    g.add_weighted_edges_from(
        [("a", "b", 3), ("c", "d", 3), ("a", "c", -2), ("b", "d", -2), ("e", "a", -1)]
    )
    g.add_edge("x", "y", weight=0.0)
    found = sorted(sorted(camp) for camp in partition(g))
    assert found == [["a", "b"], ["c", "d"], ["e"]]  # e: an enemy's enemy, not forced in
    assert frustration(g, found) == 0.0


def test_partition_minimises_frustration_when_balance_is_impossible() -> None:
    g = networkx.Graph()
    g.add_weighted_edges_from([("a", "b", 5), ("b", "c", 5), ("a", "c", -1)])
    found = partition(g)
    assert sorted(sorted(camp) for camp in found) == [["a", "b", "c"]]
    assert frustration(g, found) == 1.0


def test_the_fixture_camps(report: CampReport) -> None:
    assert members(report) == [
        ["red-army", "red-militia", "red-state"],
        ["blue-rebels", "blue-state"],
        ["green-group"],
        ["red-minister"],
    ]
    assert [camp.number for camp in report.camps] == [1, 2, 3, 4]
    assert [member.id for member in report.unaligned] == ["grey-state", "hermit-state"]


def test_frustration_is_the_one_tie_across_the_camps(report: CampReport) -> None:
    assert report.frustration == 2.5  # Blue State's claimed political support (a-013)
    assert report.camps[0].tensions == ("a-013",)


def test_camps_list_what_binds_and_what_separates(report: CampReport) -> None:
    red, blue = report.camps[0], report.camps[1]
    assert red.binds == ("a-001", "a-002")
    assert blue.binds == ("a-003",)
    assert set(blue.separates) == {
        "a-004",
        "a-005",
        "a-006",
        "a-010",
        "a-010/rollup/role~red-state/blue-rebels",
        "a-012",
        "a-014",
    }
    militia = next(m for m in red.members if m.id == "red-militia")
    assert militia.binds == ("a-002",)
    assert militia.separates == ("a-014",)


def test_each_actor_has_a_reason_with_statements(report: CampReport) -> None:
    reasons = {m.id: m.reason for camp in report.camps for m in camp.members}
    assert reasons["red-militia"] == (
        "net tie to its camp: +7; strongest ally: Red Army (+7: a-002); "
        "strongest enemy: Blue Rebels (-9: a-014)"
    )
    assert reasons["green-group"] == (
        "strongest ally: none; strongest enemy: Blue Rebels (-9: a-012)"
    )


def test_unaligned_actors_say_why(report: CampReport) -> None:
    grey, hermit = report.unaligned
    assert grey.reason == (
        "no supporting or opposing ties; talks with: Blue State (a-008), Red State (a-007)"
    )
    assert hermit.reason == "no supporting or opposing ties"


def test_at_and_derived_change_the_picture(gs: GraphStore) -> None:
    before = camps(gs, at=datetime.date(2024, 11, 27))
    assert before.frustration == 0.0
    without = camps(gs, derived=False)
    red = without.camps[0]
    assert "a-010/rollup/role~red-state/blue-rebels" not in red.separates


def test_camp_groups_name_each_actor_s_camp(gs: GraphStore) -> None:
    groups = camp_groups(gs)
    assert groups["red-state"] == groups["red-army"] == "camp 1 (Red Army)"
    assert groups["blue-state"] == "camp 2 (Blue Rebels)"
    assert groups["grey-state"] == groups["hermit-state"] == UNALIGNED


def test_the_same_graph_always_gives_the_same_camps(gs: GraphStore) -> None:
    assert camps(gs).to_dict() == camps(gs).to_dict()


def test_json_contract(report: CampReport) -> None:
    data = report.to_dict()
    assert set(data) == {"camps", "unaligned", "frustration", "total_weight"}
    assert set(data["camps"][0]) == {"camp", "name", "members", "binds", "separates", "tensions"}
    assert set(data["camps"][0]["members"][0]) == {"id", "label", "reason", "binds", "separates"}


def test_seeds_government_and_opposition_come_out_apart(seeds: GraphStore) -> None:
    groups = camp_groups(seeds)
    government = {groups[actor] for actor in GOVERNMENT_SIDE}
    opposition = {groups[actor] for actor in OPPOSITION_SIDE}
    turkish = {groups[actor] for actor in TURKEY_SIDE}
    assert len(government) == 1 and len(opposition) == 1 and len(turkish) == 1
    assert government != opposition
    assert government != turkish  # Turkey backs opposition factions (aleppo-074, line 100)
    assert UNALIGNED not in government | opposition | turkish


def test_seeds_sdf_and_us_are_placed_with_reasons(seeds: GraphStore) -> None:
    report = camps(seeds)
    groups = report.groups()
    reasons = {m.id: m.reason for camp in report.camps for m in camp.members}
    assert groups["sdf"] == groups["united-states"]
    assert groups["sdf"] not in {groups["syrian-government"], groups["hts"]}
    # US-backed (aleppo-010, supports +5) and backed by US troops (wh-call-049, +8)
    assert "United States (+13: aleppo-010, wh-call-049)" in reasons["sdf"]
    # the US strikes on ISIS (8 December: wh-call-044, readout-005 ...) outweigh its
    # hostile ties to HTS (-21 over five statements)
    assert "strongest enemy: Islamic State" in reasons["united-states"]
    assert groups["sana"] == UNALIGNED  # a news agency with no signed ties
