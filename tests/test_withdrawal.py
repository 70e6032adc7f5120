"""Who held a place, read from who withdrew from it: graph/curation/withdrawal.py, read
through suggest with the seeds as the graph and no known ties (only the lines speak)."""

from __future__ import annotations

import pytest
from conftest import cited_lines


def test_the_party_that_withdraws_from_a_place_held_it_until_then(gs):
    # "Sheikh Maqsoud was under the control of the YPG." ... "The YPG began to withdraw
    # from the city." ... "The agreement on the withdrawal from Sheikh Maqsoud lets ..."
    lines = (
        "وكان حي الشيخ مقصود تحت سيطرة وحدات حماية الشعب الكردية.",
        "وقالت مصادر إن وحدات حماية الشعب الكردية بدأت الانسحاب من المدينة.",
        "وذكرت المصادر أن الاتفاق على الانسحاب من الشيخ مقصود يسمح للمدنيين بالمغادرة.",
    )
    cited = cited_lines(gs, *lines)
    # the holding, and its end where the withdrawal is told: two statements, not one
    assert cited.get(("ypg", "controls", "sheikh-maqsoud")) == [1, 3], cited


def test_a_withdrawal_makes_no_new_holder(gs):
    lines = (
        "وتسيطر هيئة تحرير الشام على حلب.",
        "وبدأت وحدات حماية الشعب الكردية الانسحاب من حلب.",
    )
    cited = cited_lines(gs, *lines)
    assert ("ypg", "controls", "aleppo") in cited, cited
    assert ("ypg", "capturesTerritoryFrom", "hts") not in cited, cited


@pytest.mark.parametrize(
    "lines",
    [
        ("ودعت روسيا إلى الانسحاب من حلب.",),  # Russia calls for a withdrawal
        ("Turkey welcomed the withdrawal from Tal Rifaat.",),
        # "the US announced its withdrawal from the agreement" is no withdrawal from Aleppo
        (
            "وأعلنت الولايات المتحدة الانسحاب من الاتفاق.",
            "وقالت روسيا إن الانسحاب من حلب لم يكتمل.",
        ),
    ],
)
def test_one_who_calls_for_or_welcomes_a_withdrawal_held_nothing(gs, lines):
    cited = cited_lines(gs, *lines)
    assert not any(r == "controls" for _, r, _ in cited), cited


def test_the_party_named_after_a_withdrawal_is_the_one_withdrawing(gs):
    # "the monitor announced the withdrawal of the regime forces from Aleppo"
    cited = cited_lines(gs, "وأعلن المرصد انسحاب قوات النظام من حلب.")
    assert ("syrian-army", "controls", "aleppo") in cited, cited


@pytest.mark.parametrize(
    "lines",
    [
        ("Turkey withdrew from Istanbul talks on Syria.",),  # the place qualifies the talks
        (
            "Russian forces began the withdrawal from Aleppo.",
            "Turkey said the withdrawal from Idlib of its own troops would take months.",
        ),
    ],
)
def test_a_place_that_qualifies_or_a_withdrawal_named_as_anothers_holds_nothing(gs, lines):
    cited = cited_lines(gs, *lines)
    assert ("turkey", "controls", "istanbul") not in cited, cited
    assert ("russia", "controls", "idlib") not in cited, cited
