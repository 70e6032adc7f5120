"""Tests for actorgraph.query.paths: shortest chains of relations between two actors."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import Actor, resolve_actor
from actorgraph.query.paths import shortest_paths
from actorgraph.query.relations import Family
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def actor(gs: GraphStore, name: str) -> Actor:
    return resolve_actor(gs, name)


def chains(gs: GraphStore, a: str, b: str, **options) -> list[list[str]]:
    return [
        p.to_dict()["actors"] for p in shortest_paths(gs, actor(gs, a), actor(gs, b), **options)
    ]


def test_all_shortest_paths_are_found_in_label_order(gs: GraphStore) -> None:
    assert chains(gs, "borduria", "syldavia") == [
        ["borduria", "freedom-front", "syldavia"],
        ["borduria", "ruritanian-government", "syldavia"],
    ]


def test_a_path_in_full_with_directions_and_sources(gs: GraphStore) -> None:
    first, second = shortest_paths(gs, actor(gs, "borduria"), actor(gs, "syldavia"))
    assert first.to_dict() == {
        "length": 2,
        "actors": ["borduria", "freedom-front", "syldavia"],
        "hops": [
            {
                "from": "borduria",
                "from_label": "Borduria",
                "to": "freedom-front",
                "to_label": "Freedom Front",
                "links": [
                    {
                        "statement": "q-010",
                        "relation": "designatesTerrorist",
                        "family": "opposes",
                        "direction": "forward",
                        "sources": ["query_report.txt:16"],
                    }
                ],
            },
            {
                "from": "freedom-front",
                "from_label": "Freedom Front",
                "to": "syldavia",
                "to_label": "Syldavia",
                "links": [
                    {
                        "statement": "q-007",  # claimed: usable; q-008 (denied) is not
                        "relation": "militarySupport",
                        "family": "supports",
                        "direction": "backward",
                        "sources": ["query_report.txt:13"],
                    }
                ],
            },
        ],
    }
    rollup = second.hops[1].links[0]
    assert rollup.statement == "q-006/rollup/role~ruritanian-government/syldavia"
    assert rollup.sources == ("query_report.txt:11",)  # the original's source


def test_a_hop_lists_every_statement_between_its_two_actors(gs: GraphStore) -> None:
    (path,) = shortest_paths(gs, actor(gs, "ruritanian-army"), actor(gs, "freedom-front"))
    links = {(link.statement, link.forward) for link in path.hops[0].links}
    assert links == {("q-002", False), ("q-003", False), ("q-014", True), ("q-018", True)}


def test_denied_statements_are_not_used(gs: GraphStore) -> None:
    # The UN's only direct link to the Front is the denied q-015.
    paths = shortest_paths(gs, actor(gs, "united-nations"), actor(gs, "freedom-front"))
    assert [p.to_dict()["actors"] for p in paths] == [
        ["united-nations", "ruritanian-government", "freedom-front"]
    ]
    used = {link.statement for p in paths for hop in p.hops for link in hop.links}
    assert "q-015" not in used


def test_structural_statements_are_not_used(gs: GraphStore) -> None:
    # q-013 (memberOf) links them directly, but it is structural.
    assert chains(gs, "freedom-front", "northern-alliance") == [
        ["freedom-front", "borduria", "northern-alliance"]
    ]


def test_no_path_within_the_limit_gives_an_empty_list(gs: GraphStore) -> None:
    assert chains(gs, "borduria", "hermit-kingdom") == []
    assert chains(gs, "borduria", "syldavia", max_length=1) == []
    assert len(chains(gs, "borduria", "syldavia", max_length=2)) == 2


def test_families_restrict_the_edges(gs: GraphStore) -> None:
    assert chains(gs, "borduria", "syldavia", families=[Family.supports]) == []
    assert chains(gs, "borduria", "syldavia", families=[Family.opposes, Family.supports]) == [
        ["borduria", "freedom-front", "syldavia"]
    ]


def test_longer_paths_are_found(gs: GraphStore) -> None:
    paths = chains(gs, "northern-alliance", "syldavia")
    assert paths and all(len(chain) == 4 for chain in paths)
    assert ["northern-alliance", "borduria", "freedom-front", "syldavia"] in paths


def test_same_actor_and_bad_length_are_usage_errors(gs: GraphStore) -> None:
    with pytest.raises(UsageError, match="two different actors"):
        shortest_paths(gs, actor(gs, "borduria"), actor(gs, "borduria"))
    with pytest.raises(UsageError, match="at least 1"):
        shortest_paths(gs, actor(gs, "borduria"), actor(gs, "syldavia"), max_length=0)


def test_at_keeps_only_statements_known_on_that_day(gs: GraphStore) -> None:
    import datetime

    def on(day: str) -> list[list[str]]:
        return chains(gs, "borduria", "syldavia", at=datetime.date.fromisoformat(day))

    assert on("2024-11-28") == []
    assert on("2024-11-29") == [["borduria", "freedom-front", "syldavia"]]
    assert on("2024-12-01") == chains(gs, "borduria", "syldavia")
