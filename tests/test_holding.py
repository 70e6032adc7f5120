"""A capture read from a change of hands: graph/curation/holding.py, read through suggest."""

from __future__ import annotations

from functools import partial

from conftest import suggested as suggest_from

suggested = partial(suggest_from, by="relation", known=False)


def test_a_new_holder_took_the_place_from_the_last_one(gs):
    # "The regime forces held Aleppo." ... "HTS now holds Aleppo."
    lines = ("وكانت قوات النظام تسيطر على حلب.", "وباتت هيئة تحرير الشام تسيطر على حلب.")
    found = suggested(gs, *lines)
    assert ("hts", "capturesTerritoryFrom", "syrian-army") in found, found
    # of three holders in turn, the third took it from the second, not the first
    third = suggested(gs, *lines, "وباتت قوات سوريا الديمقراطية تسيطر على حلب.")
    assert ("sdf", "capturesTerritoryFrom", "hts") in third, third
    assert ("sdf", "capturesTerritoryFrom", "syrian-army") not in third, third


def test_a_denied_holding_is_not_remembered(gs):
    lines = (
        "The Syrian army controls Aleppo.",
        "HTS denied that it controls Aleppo.",
        "The Syrian army controls Aleppo.",
    )
    found = suggested(gs, *lines)
    assert ("syrian-army", "capturesTerritoryFrom", "hts") not in found, found


def test_those_who_hold_a_place_together_took_nothing_from_each_other(gs):
    lines = (
        "وكانت قوات النظام تسيطر على حلب.",
        "وباتت هيئة تحرير الشام وفصائل معارضة تسيطر على حلب.",
        "وما زالت هيئة تحرير الشام وفصائل معارضة تسيطر على حلب.",
    )
    found = suggested(gs, *lines)
    assert ("opposition-factions", "capturesTerritoryFrom", "syrian-army") in found, found
    assert ("opposition-factions", "capturesTerritoryFrom", "hts") not in found, found
    assert ("hts", "capturesTerritoryFrom", "opposition-factions") not in found, found


def test_who_holds_the_country_around_a_place_does_not_hold_it(gs):
    # "HTS took villages in the Aleppo countryside" says nothing of the city
    around = suggested(gs, "سيطرت هيئة تحرير الشام على قرى في ريف حلب.")
    assert ("hts", "controls", "aleppo") not in around, around
    assert ("hts", "controls", "aleppo") in suggested(gs, "سيطرت هيئة تحرير الشام على حلب.")


def test_a_region_before_another_word_does_not_make_the_place_a_region(gs):
    # "HTS, coming from the north, took Aleppo": "north" qualifies "coming", not Aleppo
    found = suggested(gs, "سيطرت هيئة تحرير الشام القادمة من الشمال على حلب.")
    assert ("hts", "controls", "aleppo") in found, found


def test_the_country_around_a_city_is_not_the_city(gs):
    # "HTS took villages on the outskirts of the city of Aleppo"
    found = suggested(gs, "سيطرت هيئة تحرير الشام على قرى على أطراف مدينة حلب.")
    assert ("hts", "controls", "aleppo") not in found, found
