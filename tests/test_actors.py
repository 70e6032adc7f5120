"""Tests for actorgraph.query.actors: finding actors by name and resolving an ACTOR argument."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.errors import AmbiguousActorError, UnknownActorError, UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.namespaces import ACTOR
from actorgraph.query.actors import Actor, actor_by_iri, actor_types, find_actors, resolve_actor
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def ids(actors: list[Actor]) -> list[str]:
    return [actor.id for actor in actors]


def test_every_actor_is_listed_by_label_with_its_most_specific_type(gs: GraphStore) -> None:
    actors = find_actors(gs)
    assert ids(actors) == [
        "borduria",
        "conflict-watch",
        "freedom-front",
        "hermit-kingdom",
        "jan-novak",
        "northern-alliance",
        "ruritania",
        "ruritanian-army",
        "ruritanian-government",
        "syldavia",
        "united-nations",
    ]
    types = {actor.id: actor.type for actor in actors}
    assert types["ruritanian-government"] == "Government"
    assert types["jan-novak"] == "Person"
    assert types["united-nations"] == "InternationalOrganisation"


def test_to_dict_has_exactly_the_documented_fields(gs: GraphStore) -> None:
    actor = resolve_actor(gs, "ruritanian-government")
    assert actor.to_dict() == {
        "id": "ruritanian-government",
        "label": "Ruritanian government",
        "label_ar": "الحكومة الروريتانية",
        "type": "Government",
        "aliases": ["Ruritania", "the regime", "النظام"],
    }


def test_exact_matches_come_before_prefixes_and_ties_go_by_label(gs: GraphStore) -> None:
    # "Ruritania" is the state's label and the government's alias (both exact), and the
    # start of "Ruritanian army" (a prefix).
    assert ids(find_actors(gs, "ruritania")) == [
        "ruritania",
        "ruritanian-government",
        "ruritanian-army",
    ]


def test_substring_matches_come_last(gs: GraphStore) -> None:
    assert ids(find_actors(gs, "Front")) == ["freedom-front", "northern-alliance"]
    assert ids(find_actors(gs, "alliance")) == ["northern-alliance"]


def test_find_matches_arabic_without_article_or_diacritics(gs: GraphStore) -> None:
    assert ids(find_actors(gs, "حُكومة")) == ["ruritanian-government"]
    assert ids(find_actors(gs, "الجيش")) == ["ruritanian-army"]


def test_a_match_as_typed_beats_a_match_without_the_article(gs: GraphStore) -> None:
    # "الجبهة" starts "الجبهة الشمالية" as typed and "جبهة الحرية" without its article.
    assert ids(find_actors(gs, "الجبهة")) == ["northern-alliance", "freedom-front"]
    assert ids(find_actors(gs, "جبهة")) == ["freedom-front", "northern-alliance"]


def test_find_matches_ids_and_returns_nothing_for_unknown_text(gs: GraphStore) -> None:
    assert ids(find_actors(gs, "jan-novak")) == ["jan-novak"]
    assert find_actors(gs, "zzz") == []


def test_type_filter_is_case_insensitive_and_combines_with_text(gs: GraphStore) -> None:
    assert ids(find_actors(gs, type="state")) == [
        "borduria",
        "hermit-kingdom",
        "ruritania",
        "syldavia",
    ]
    assert ids(find_actors(gs, "ruritania", type="State")) == ["ruritania"]
    assert ids(find_actors(gs, type="armed-group")) == ["freedom-front"]


def test_type_actor_includes_every_subclass(gs: GraphStore) -> None:
    assert len(find_actors(gs, type="Actor")) == len(find_actors(gs))


def test_unknown_type_is_a_usage_error_listing_the_valid_types(gs: GraphStore) -> None:
    with pytest.raises(UsageError, match="ArmedGroup.*Government.*State"):
        find_actors(gs, type="Country")
    assert "Monitor" in actor_types(gs)


@pytest.mark.parametrize(
    "name",
    [
        "syldavia",
        "actor:syldavia",
        ACTOR + "syldavia",
        f"<{ACTOR}syldavia>",
        "Syldavia",
        "  SYLDAVIA ",
        "سيلدافيا",
    ],
)
def test_resolve_accepts_iri_id_and_labels(gs: GraphStore, name: str) -> None:
    assert resolve_actor(gs, name).id == "syldavia"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("the regime", "ruritanian-government"),
        ("النظام", "ruritanian-government"),
        ("الحكومه الروريتانيه", "ruritanian-government"),  # taa marbuta typed as haa
        ("حكومة روريتانية", "ruritanian-government"),  # without the article
        ("jan novak", "jan-novak"),  # without the accent
        ("FF", "freedom-front"),
        ("Ruritania", "ruritania"),  # a label beats another actor's alias
    ],
)
def test_resolve_by_alias_and_normalised_names(gs: GraphStore, name: str, expected: str) -> None:
    assert resolve_actor(gs, name).id == expected


def test_an_alias_of_two_actors_is_ambiguous(gs: GraphStore) -> None:
    with pytest.raises(AmbiguousActorError) as raised:
        resolve_actor(gs, "the front")
    assert raised.value.candidates == [
        ("freedom-front", "Freedom Front"),
        ("northern-alliance", "Northern Alliance"),
    ]
    assert raised.value.exit_code == 2


def test_unknown_actor_suggests_close_names(gs: GraphStore) -> None:
    with pytest.raises(UnknownActorError) as raised:
        resolve_actor(gs, "Borduira")
    assert raised.value.suggestions == ["Borduria"]
    assert "Borduria" in str(raised.value)


def test_unknown_actor_suggests_at_most_five_one_per_actor(gs: GraphStore) -> None:
    with pytest.raises(UnknownActorError) as raised:
        resolve_actor(gs, "ruritanian")
    suggestions = raised.value.suggestions
    assert 1 <= len(suggestions) <= 5
    actors = {resolve_actor(gs, name).id for name in suggestions}
    assert len(actors) == len(suggestions)


def test_nothing_close_means_no_suggestions(gs: GraphStore) -> None:
    with pytest.raises(UnknownActorError) as raised:
        resolve_actor(gs, "qqqqqq")
    assert raised.value.suggestions == []


def test_an_iri_that_is_not_an_actor_is_unknown(gs: GraphStore) -> None:
    with pytest.raises(UnknownActorError):
        resolve_actor(gs, "https://w3id.org/actorgraph/place/klow")
    assert actor_by_iri(gs, "https://w3id.org/actorgraph/place/klow") is None
