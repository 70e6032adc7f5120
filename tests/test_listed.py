"""A counted phrase that announces a list: graph/curation/listed.py, read through suggest with
the seeds as the graph and no known ties (only the lines speak)."""

from __future__ import annotations

from actorgraph.curation.listed import announced
from actorgraph.curation.mentions import Mention
from actorgraph.curation.tokens import words
from conftest import suggested


def test_the_members_of_an_announced_list_are_the_subjects_of_its_clause(gs):
    # "The opposition forces turned on the three parties that had worn them down through the
    # war: Iran, Russia and Hezbollah"
    text = (
        "وقال محللون إن قوات المعارضة التفتت إلى الجهات الثلاثة التي أنهكتها طوال الحرب: "
        "إيران وروسيا وحزب الله."
    )
    found = suggested(gs, text, by="relation", known=False)
    for member in ("iran", "russia", "hezbollah"):
        assert (member, "opposes", "opposition-factions") in found, found
        assert ("opposition-factions", "opposes", member) not in found, found


def test_a_count_that_differs_from_the_list_announces_nothing():
    text = "the four parties that wore it down: Iran, Russia and Hezbollah"
    named = [
        Mention(7, 7, "iran", "actor", "State", "Iran"),
        Mention(8, 8, "russia", "actor", "State", "Russia"),
        Mention(10, 10, "hezbollah", "actor", "ArmedGroup", "Hezbollah"),
    ]
    assert announced(words(text), text, named) == named


def test_a_count_of_years_announces_no_list(gs):
    text = "The opposition fought for three years against its enemies: Iran, Russia and Hezbollah."
    found = suggested(gs, text, known=False)
    assert ("syrian-opposition", "opposes", "iran") in found, found


def test_a_pronoun_on_a_relative_verb_is_the_head_it_describes(gs):
    # "Turkey said the factions it supports will fight on": the factions are supported
    text = "وقالت تركيا إن الفصائل التي تدعمها ستواصل القتال."
    found = suggested(gs, text, by="relation", known=False)
    assert ("opposition-factions", "supports", "turkey") not in found, found


def test_a_relative_verb_with_its_own_subject_has_the_list_as_object(gs):
    # "Russia attacked the three factions that Turkey supports: HTS, the resistance
    # factions and the SDF"
    text = (
        "وهاجمت روسيا الفصائل الثلاثة التي تدعمها تركيا: هيئة تحرير الشام وفصائل المقاومة"
        " وقوات سوريا الديمقراطية."
    )
    found = suggested(gs, text, by="relation", known=False)
    for member in ("hts", "resistance-factions", "sdf"):
        assert ("turkey", "supports", member) in found, found
        assert (member, "supports", "turkey") not in found, found
