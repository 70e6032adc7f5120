"""What the labels say of forces and governments: graph/curation/bodies.py, on the seeds."""

from __future__ import annotations

import pytest
from actorgraph.curation.bodies import bodies_of
from actorgraph.curation.mentions import lexicon
from actorgraph.ingest.pipeline import open_graph


@pytest.fixture(scope="module")
def lex():
    return lexicon(open_graph(None, ()))


def test_each_state_has_its_government_main_force_and_air_force(lex):
    bodies = bodies_of(lex)
    assert bodies.governments["syria"] == "syrian-government"
    assert bodies.forces["syria"] == "syrian-army"
    assert bodies.forces["russia"] == "russian-armed-forces"
    assert bodies.air_forces["russia"] == "russian-air-force"
    assert bodies.labelled["sana"] == ("syria",)


def test_a_government_in_its_own_right_is_told_from_an_organ(lex):
    named = bodies_of(lex).named_governments
    assert {"syrian-government", "future-syrian-government"} <= named
    assert "syrian-presidency" not in named


def test_it_is_computed_once_per_lexicon(lex):
    assert bodies_of(lex) is bodies_of(lex)
    other = lexicon(open_graph(None, ()))
    assert bodies_of(other) is not bodies_of(lex)


def test_a_states_opposition_is_the_coalition_named_opposition_and_its_demonym(lex):
    oppositions = bodies_of(lex).oppositions
    # "المعارضة السورية"; not "الفصائل المعارضة" (the opposing factions), nor the factions
    # "موالية لتركيا" (loyal to Turkey), which are no opposition of Turkey
    assert oppositions.get("syria") == "syrian-opposition", oppositions
    assert "turkey" not in oppositions, oppositions
