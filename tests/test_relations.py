"""Tests for actorgraph.query.relations: statement rows, who supports/opposes/talks to, and
stats."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import Actor, resolve_actor
from actorgraph.query.relations import (
    Direction,
    Family,
    RelationRow,
    Stance,
    all_statements,
    parse_family,
    relation_names,
    relations,
    stats,
    who,
)
from actorgraph.store.base import GraphStore

FIXTURE = Path(__file__).parent / "fixtures" / "query_graph.ttl"
ROLLUP_MEETING = "q-006/rollup/role~ruritanian-government/syldavia"
ROLLUP_ACCUSATION = "q-012/rollup/role~ruritanian-government/freedom-front"


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph(data=[FIXTURE], seeds=False)


def actor(gs: GraphStore, name: str) -> Actor:
    return resolve_actor(gs, name)


def rollup_by_ruritania(statement: str) -> str:
    """The part-of roll-up of an act of the army, as Ruritania's (q-009)."""
    return f"{statement}/rollup/part-of~ruritania/freedom-front"


def rollup_on_ruritania(statement: str) -> str:
    """The part-of roll-up of an act on the army, as one on Ruritania (q-009)."""
    return f"{statement}/rollup/freedom-front/part-of~ruritania"


def statements(rows: list[RelationRow]) -> list[str]:
    return [row.statement for row in rows]


def by_id(rows: list[RelationRow], statement: str) -> RelationRow:
    return next(row for row in rows if row.statement == statement)


def test_rows_cover_both_sides_curated_and_derived_in_date_order(gs: GraphStore) -> None:
    rows = relations(gs, actor(gs, "ruritanian-government"))
    assert statements(rows) == [
        "q-011",  # 2024-11 counts from 2024-11-01
        "q-001",  # 2024-11-28
        ROLLUP_MEETING,  # 2024-12-01
        "q-005",  # no date: the report's publication date, 2024-12-02
        ROLLUP_ACCUSATION,  # 2024-12-02, after q-005 by id
    ]


def test_a_curated_row_in_full(gs: GraphStore) -> None:
    row = by_id(relations(gs, actor(gs, "freedom-front")), "q-002")
    assert row.to_dict() == {
        "statement": "q-002",
        "subject": "freedom-front",
        "subject_label": "Freedom Front",
        "relation": "attacks",
        "family": "opposes",
        "object": "ruritanian-army",
        "object_label": "Ruritanian army",
        "date": "2024-11-27",
        "date_precision": "day",
        "valid_from": None,
        "valid_until": None,
        "known_by": None,  # dated: no document date needed to bound it
        "ended": None,
        "stance": "asserted",
        "attributed_to": ["Conflict Watch"],
        "derived": False,
        "rule": None,
        "via": [],
        "sources": [
            {"document": "query_report.txt", "line": 5, "excerpt": None},
            {"document": "query_report.txt", "line": 7, "excerpt": "the front attacked"},
        ],
        "documents": 1,  # two lines of one document
        "attributions": 1,  # Conflict Watch
        "note": "The Freedom Front attacks army positions, says Conflict Watch.",
        "kind": "event",  # ag:attacks is an event
        "ending": False,
        "modality": "actual",  # the default
        "place": None,
        "geo_precision": None,
        "fatalities_low": None,
        "fatalities_best": None,
        "fatalities_high": None,
        "event": None,
        "source_type": None,  # neither the statement nor its document has one
    }


def test_a_rollup_row_takes_sources_and_note_from_its_original(gs: GraphStore) -> None:
    row = by_id(relations(gs, actor(gs, "syldavia")), ROLLUP_MEETING)
    data = row.to_dict()
    assert data["derived"] is True
    assert (data["subject"], data["relation"], data["object"]) == (
        "ruritanian-government",
        "meetsWith",
        "syldavia",
    )
    assert data["via"] == ["q-006", "q-005"]
    assert data["sources"] == [{"document": "query_report.txt", "line": 11, "excerpt": None}]
    assert data["note"] == "Novák meets Syldavian officials."
    assert data["date"] == "2024-12-01"


def test_dates_are_kept_as_written(gs: GraphStore) -> None:
    rows = all_statements(gs)
    assert by_id(rows, "q-010").date == "2023"
    assert by_id(rows, "q-011").date == "2024-11"
    assert by_id(rows, "q-005").date is None
    assert by_id(rows, "q-010").effective_date == datetime.date(2023, 1, 1)


def test_direction_picks_the_actor_side(gs: GraphStore) -> None:
    front = actor(gs, "freedom-front")
    outgoing = relations(gs, front, direction=Direction.out)
    incoming = relations(gs, front, direction=Direction.in_)
    assert {row.subject for row in outgoing} == {"freedom-front"}
    assert {row.object for row in incoming} == {"freedom-front"}
    assert sorted(statements(outgoing + incoming)) == sorted(statements(relations(gs, front)))
    assert statements(relations(gs, front, direction="in")) == statements(incoming)


def test_a_family_takes_in_every_sub_property(gs: GraphStore) -> None:
    rows = relations(gs, actor(gs, "ruritanian-army"), type="opposes")
    assert {row.relation for row in rows} == {"attacks", "capturesTerritoryFrom", "airStrike"}


def test_a_relation_type_takes_in_its_sub_properties_only(gs: GraphStore) -> None:
    rows = relations(gs, actor(gs, "freedom-front"), type="attacks")
    # q-009: the army is part of Ruritania, so every attack by or on the army also counts,
    # as a part-of roll-up, for Ruritania (the army is ArmedForces, not an ArmedGroup).
    assert statements(rows) == [
        "q-002",
        rollup_on_ruritania("q-002"),
        "q-018",
        rollup_by_ruritania("q-018"),
        "q-014",
        rollup_by_ruritania("q-014"),
        "q-003",
        rollup_on_ruritania("q-003"),
    ]
    assert {row.rule for row in rows if row.derived} == {"part-of"}
    assert {row.relation for row in rows} == {"attacks", "airStrike", "capturesTerritoryFrom"}


def test_type_names_are_case_insensitive_and_talks_to_is_accepted(gs: GraphStore) -> None:
    government = actor(gs, "ruritanian-government")
    talks = statements(relations(gs, government, type="talks-to"))
    assert talks == ["q-011", ROLLUP_MEETING]
    assert statements(relations(gs, government, type="TALKSTO")) == talks
    assert statements(relations(gs, government, type="MilitarySupport")) == ["q-001"]


def test_structural_statements_are_included_unless_filtered_out(gs: GraphStore) -> None:
    front = actor(gs, "freedom-front")
    assert {"q-004", "q-013"} <= set(statements(relations(gs, front)))
    assert statements(relations(gs, front, type="structural")) == ["q-004", "q-013"]
    assert not {"q-004", "q-013"} & set(statements(relations(gs, front, type="supports")))


def test_unknown_type_is_a_usage_error_listing_the_names(gs: GraphStore) -> None:
    with pytest.raises(UsageError, match="supports.*talksTo.*militarySupport"):
        relations(gs, actor(gs, "syldavia"), type="hugs")
    names = relation_names(gs)
    assert names[:4] == ["opposes", "structural", "supports", "talksTo"]
    assert "airStrike" in names


def test_stances_filter(gs: GraphStore) -> None:
    front = actor(gs, "freedom-front")
    denied = relations(gs, front, stances={Stance.denied})
    assert statements(denied) == ["q-008", "q-015"]
    claimed_or_denied = relations(gs, front, stances=[Stance.claimed, Stance.denied])
    assert statements(claimed_or_denied) == ["q-007", "q-008", "q-015"]


def test_at_keeps_statements_in_effect_by_that_date(gs: GraphStore) -> None:
    front = actor(gs, "freedom-front")
    # q-010: a designation (a state) of 2023, still in force; q-002: an event of that day;
    # q-013: membership, an undated state, holds from before its document (2024-12-02) on.
    assert statements(relations(gs, front, at=datetime.date(2024, 11, 27))) == [
        "q-010",
        "q-002",
        rollup_on_ruritania("q-002"),
        "q-013",
    ]
    government = actor(gs, "ruritanian-government")
    # q-011, offered in 2024-11, counts from the month's first day; q-005 (Novák's role) is
    # an undated state: it holds at any day, as long as it has not ended.
    assert statements(relations(gs, government, at=datetime.date(2024, 11, 1))) == [
        "q-011",
        "q-005",
    ]
    assert statements(relations(gs, government, at=datetime.date(2022, 12, 31))) == ["q-005"]


def test_an_actor_without_statements_has_no_rows(gs: GraphStore) -> None:
    assert relations(gs, actor(gs, "hermit-kingdom")) == []


def test_who_supports_leaves_out_denials_and_actors_with_only_denials(gs: GraphStore) -> None:
    found = who(gs, Family.supports, actor(gs, "freedom-front"))
    assert [w.actor.id for w in found] == ["syldavia"]  # not the UN: its only one is denied
    assert statements(list(found[0].statements)) == ["q-007"]  # q-008 is the denial


def test_who_supports_counts_a_symmetric_relation_both_ways(gs: GraphStore) -> None:
    # q-017: Northern Alliance alliedWith Borduria.
    assert [w.actor.id for w in who(gs, Family.supports, actor(gs, "borduria"))] == [
        "northern-alliance"
    ]
    assert [w.actor.id for w in who(gs, Family.supports, actor(gs, "northern-alliance"))] == [
        "borduria"
    ]


def test_who_opposes_ranks_by_count_then_label_and_counts_rollups(gs: GraphStore) -> None:
    found = who(gs, Family.opposes, actor(gs, "freedom-front"))
    assert [(w.actor.id, len(w.statements)) for w in found] == [
        ("ruritania", 2),  # the army's two, rolled up along q-009 (part-of)
        ("ruritanian-army", 2),  # q-014 airStrike and q-018 attacks
        ("borduria", 1),
        ("jan-novak", 1),
        ("ruritanian-government", 1),
    ]
    assert statements(list(found[-1].statements)) == [ROLLUP_ACCUSATION]
    assert statements(list(found[0].statements)) == [
        rollup_by_ruritania("q-018"),
        rollup_by_ruritania("q-014"),
    ]
    assert who(gs, Family.opposes, actor(gs, "syldavia")) == []


def test_who_talks_to_counts_either_direction(gs: GraphStore) -> None:
    found = who(gs, Family.talksTo, actor(gs, "ruritanian-government"))
    assert [w.actor.id for w in found] == ["syldavia", "united-nations"]
    assert statements(list(found[0].statements)) == [ROLLUP_MEETING]


def test_who_at_a_date(gs: GraphStore) -> None:
    found = who(gs, Family.opposes, actor(gs, "freedom-front"), at=datetime.date(2024, 11, 30))
    assert [(w.actor.id, len(w.statements)) for w in found] == [
        ("ruritania", 2),
        ("ruritanian-army", 2),
        ("borduria", 1),
    ]


def test_who_row_to_dict_is_the_actor_plus_its_statements(gs: GraphStore) -> None:
    (row,) = who(gs, Family.supports, actor(gs, "freedom-front"))
    data = row.to_dict()
    assert set(data) == {
        *("id", "label", "label_ar", "type", "aliases", "statements"),
        *("documents", "attributions"),
    }
    assert data["id"] == "syldavia"
    assert [s["statement"] for s in data["statements"]] == ["q-007"]
    assert data["statements"][0]["attributed_to"] == ["two officers"]


@pytest.mark.parametrize(
    ("text", "family"),
    [("supports", Family.supports), ("OPPOSES", Family.opposes), ("talks-to", Family.talksTo)],
)
def test_parse_family(text: str, family: Family) -> None:
    assert parse_family(text) is family


def test_parse_family_refuses_other_names() -> None:
    with pytest.raises(UsageError, match="talks-to"):
        parse_family("structural")


def test_stats_count_curated_statements(gs: GraphStore) -> None:
    assert stats(gs) == {
        "actors": 11,
        "statements": 18,
        "by_family": {"opposes": 6, "structural": 4, "supports": 6, "talksTo": 2},
        "by_stance": {"asserted": 15, "claimed": 1, "denied": 2},
        "sources": 17,  # 19 references; lines 9 and 11 are cited twice
    }


def test_all_statements_include_the_rollups(gs: GraphStore) -> None:
    rows = all_statements(gs)
    assert len(rows) == 25  # 18 curated, 7 roll-ups
    assert {row.statement for row in rows if row.derived} == {
        ROLLUP_MEETING,  # role: Novák -> government
        ROLLUP_ACCUSATION,
        # part-of (q-009): the army -> Ruritania, on both sides of a statement
        rollup_on_ruritania("q-002"),
        rollup_on_ruritania("q-003"),
        rollup_by_ruritania("q-014"),
        rollup_by_ruritania("q-018"),
        "q-016/rollup/syldavia/part-of~ruritania",
    }


def test_stats_at_a_date_count_only_what_was_known_then(gs: GraphStore) -> None:
    import datetime

    counts = [
        stats(gs, at=datetime.date.fromisoformat(day))["statements"]
        for day in ("2024-11-26", "2024-11-29", "2024-12-02")
    ]
    assert counts == sorted(counts) and counts[0] < counts[-1] <= stats(gs)["statements"]
    # Long before any dated statement, only the undated states hold (they held from an
    # unknown time before their document): q-005 (a role), q-009 (part-of), q-013 (membership).
    early = stats(gs, at=datetime.date(2000, 1, 1))
    assert early["statements"] == 3
    assert early["by_family"] == {"opposes": 0, "structural": 3, "supports": 0, "talksTo": 0}


QUOTED_STATEMENT = """
stmt:x-001 a ag:Statement ;
    ag:subject actor:borduria ; ag:relation ag:militarySupport ; ag:object actor:syldavia ;
    ag:date "2024-11-28"^^xsd:date ; ag:stance ag:asserted ;
    ag:source [ ag:document doc:query_report.txt ; ag:line 3 ; ag:excerpt {excerpt}@ar ] ;
    ag:note {note}@en .
"""


def test_rows_keep_text_that_csv_quotes(tmp_path: Path) -> None:
    # The statement rows are read through SPARQL CSV: commas, quotes, line breaks and the
    # JavaScript line terminators in a note or an excerpt must come back as written.
    note = 'Says "no", then\r\nyes;\nthen\u2028maybe, again.'
    excerpt = 'قال "لا"،\nثم, نعم'
    header = FIXTURE.read_text(encoding="utf-8").split("stmt:q-001 a ag:Statement")[0]
    # JSON's string escapes are valid Turtle ones.
    statement = QUOTED_STATEMENT.format(excerpt=json.dumps(excerpt), note=json.dumps(note))
    data = tmp_path / "quoted.ttl"
    data.write_text(header + statement, encoding="utf-8")
    (row,) = all_statements(open_graph(data=[data], seeds=False))
    assert (row.note, row.sources[0].excerpt) == (note, excerpt)
