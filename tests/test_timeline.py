"""Tests for actorgraph.analysis.timeline: statements in date order, and what changed between two
dates."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from actorgraph.analysis.timeline import diff, timeline
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import resolve_actor
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "analysis_graph.ttl"
DAY = datetime.date


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def ids(entries) -> list[str]:
    return [entry.row.statement for entry in entries]


def test_the_timeline_is_in_date_order_with_every_stance(gs: GraphStore) -> None:
    assert ids(timeline(gs)) == [
        "a-001",
        "a-003",
        "a-002",
        "a-004",
        "a-005",
        "a-011",  # denied, still listed
        "a-012",
        "a-007",
        "a-008",
        "a-010",
        "a-010/rollup/role~red-state/blue-rebels",
        "a-014",
        "a-013",
        "a-006",  # undated: placed by the report's publication
        "a-009",
    ]


def test_dates_are_shown_as_given_or_as_placed(gs: GraphStore) -> None:
    when = {entry.row.statement: entry.when for entry in timeline(gs)}
    assert when["a-001"] == "2024-11-01"
    assert when["a-006"] == "before 2024-12-02"
    entry = timeline(gs)[-1].to_dict()
    assert (entry["when"], entry["effective_date"], entry["statement"]) == (
        "before 2024-12-02",
        "2024-12-02",
        "a-009",
    )


def test_one_actor_up_to_a_day_without_rollups(gs: GraphStore) -> None:
    red = resolve_actor(gs, "Red State")
    assert ids(timeline(gs, red)) == [
        "a-001",
        "a-007",
        "a-010/rollup/role~red-state/blue-rebels",
        "a-006",
        "a-009",
    ]
    # a-009 (the minister's role) is an undated state: it holds from before its document,
    # so on any day, though the timeline places it at its document's date
    assert ids(timeline(gs, red, at=DAY(2024, 11, 30), derived=False)) == [
        "a-001",
        "a-007",
        "a-009",
    ]


def test_diff_is_what_appeared_after_the_first_day_up_to_the_second(gs: GraphStore) -> None:
    assert ids(diff(gs, DAY(2024, 11, 10), DAY(2024, 11, 20))) == [
        "a-005",
        "a-011",
        "a-012",
        "a-007",
    ]
    blue = resolve_actor(gs, "Blue State")
    assert ids(diff(gs, DAY(2024, 11, 20), DAY(2024, 12, 31), blue)) == ["a-008", "a-013", "a-006"]


def test_diff_needs_the_first_date_before_the_second(gs: GraphStore) -> None:
    with pytest.raises(UsageError, match="must be before"):
        diff(gs, DAY(2024, 12, 1), DAY(2024, 12, 1))


def test_seeds_a_year_is_shown_as_a_year() -> None:
    first = timeline(open_graph())[0]
    # the earliest statement of the v2 seeds: eastern Aleppo held by the factions from 2012
    # (aleppo-151, M26), with wh-call-041 (the Nusra listing, "2012") of the same year
    assert (first.when, first.row.effective_date) == ("2012", DAY(2012, 1, 1))
    assert (first.row.date, first.row.to_dict()["date_precision"]) == ("2012", "year")
