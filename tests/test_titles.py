"""A bare title read as the one person the document names with it: graph/curation/titles.py,
read through suggest with the seeds as the graph and no known ties (only the lines speak)."""

from __future__ import annotations

import pytest
from conftest import suggested


def test_a_bare_title_is_the_person_named_with_it_earlier(gs):
    # "... received the Iranian foreign minister Abbas Araghchi" then "the Iranian minister
    # said that he met Turkey's foreign minister"
    named = "استقبل الأسد وزير الخارجية الإيراني عباس عراقجي."
    later = "وقال الوزير الإيراني إنه التقى مع وزير الخارجية التركي هاكان فيدان."
    found = suggested(gs, named, later, by="relation", known=False)
    assert ("abbas-araghchi", "meetsWith", "hakan-fidan") in found, found
    # Without the line that names him, "the Iranian minister" is only Iran.
    alone = suggested(gs, later, by="relation", known=False)
    assert not any("abbas-araghchi" in (s, o) for s, _, o in alone), alone


def test_a_title_named_only_later_in_the_document_is_known(gs):
    # "I will hold a meeting with the Turkish foreign minister", and only a later line names
    # him: "Blinken called his Turkish counterpart Hakan Fidan"
    said = "وقال عراقجي “سأعقد اجتماعا مع وزير الخارجية التركي يوم الاثنين”."
    later = "واتصل وزير الخارجية الأميركي أنتوني بلينكن بنظيره التركي هاكان فيدان."
    found = suggested(gs, said, later, by="relation", known=False)
    assert ("abbas-araghchi", "meetsWith", "hakan-fidan") in found, found
    assert ("abbas-araghchi", "meetsWith", "turkey") not in found, found


def test_an_english_title_before_the_demonym_reads_the_same(gs):
    lines = (
        "Turkish Foreign Minister Hakan Fidan arrived in Doha.",
        "Jordan said it met the Turkish foreign minister on Sunday.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("jordan", "meetsWith", "hakan-fidan") in found, found


def test_two_holders_of_one_title_leave_it_unread(gs):
    # Two Iranian ministers named: "the Iranian minister" could be either.
    lines = (
        "استقبل الأسد وزير الخارجية الإيراني عباس عراقجي.",
        "واستقبل الأسد الوزير الإيراني إسماعيل بقائي.",
        "وقال الوزير الإيراني إنه التقى مع هاكان فيدان.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert not any(
        s in ("abbas-araghchi", "esmaeil-baghaei") and o == "hakan-fidan" for s, _, o in found
    ), found


_ARAGHCHI = "استقبل الأسد وزير الخارجية الإيراني عباس عراقجي."
_BIDEN = "وقال الرئيس الأميركي جو بايدن إن الولايات المتحدة تدعم الشعب السوري."


@pytest.mark.parametrize(
    "lines, wrong",
    [
        # "the Iranian interior minister" is not the foreign minister named before
        ((_ARAGHCHI, "وقال وزير الداخلية الإيراني إنه التقى مع هاكان فيدان."), "abbas-araghchi"),
        # a former minister, a deputy, a president-elect hold no office now
        (
            (_ARAGHCHI, "وقال وزير الخارجية الإيراني السابق إنه التقى مع هاكان فيدان."),
            "abbas-araghchi",
        ),
        (
            (_ARAGHCHI, "وقال نائب وزير الخارجية الإيراني إنه التقى مع هاكان فيدان."),
            "abbas-araghchi",
        ),
        ((_BIDEN, "والتقى الرئيس الأميركي المنتخب مع هاكان فيدان."), "joe-biden"),
    ],
)
def test_a_title_that_is_not_the_office_names_no_holder(gs, lines, wrong):
    found = suggested(gs, *lines, by="relation", known=False)
    assert not any(s == wrong and o == "hakan-fidan" for s, _, o in found), found


def test_a_counterpart_holds_only_the_title_of_the_other_side(gs):
    # Fidan is Blinken's counterpart: a foreign minister. Turkey's defence minister is
    # someone else, and a president's counterpart is no foreign minister.
    blinken = "اتصل وزير الخارجية الأميركي أنتوني بلينكن بنظيره التركي هاكان فيدان."
    defence = "وقال وزير الدفاع التركي إن تركيا تدعم المعارضة السورية."
    found = suggested(gs, blinken, defence, by="relation", known=False)
    assert ("hakan-fidan", "supports", "syrian-opposition") not in found, found
    call = "واتصل الرئيس الأميركي جو بايدن بنظيره التركي."
    found = suggested(gs, blinken, call, by="relation", known=False)
    assert ("joe-biden", "phoneCall", "hakan-fidan") not in found, found
    # With no titled person before it, a counterpart learns nothing.
    alone = ("اتصل بلينكن بنظيره التركي هاكان فيدان.", "والتقى وزير الخارجية التركي مع بلينكن.")
    found = suggested(gs, *alone, by="relation", known=False)
    assert ("hakan-fidan", "meetsWith", "antony-blinken") not in found, found


def test_a_person_met_after_a_title_does_not_hold_it(gs):
    # "The Iranian foreign minister met Hakan Fidan in Ankara": Fidan is not the minister
    lines = (
        "والتقى وزير الخارجية الإيراني مع هاكان فيدان في أنقرة.",
        "وقال الوزير الإيراني إن إيران تدعم الحكومة السورية.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("hakan-fidan", "supports", "syrian-government") not in found, found


def test_an_english_title_before_a_capitalised_word_is_no_bare_title(gs):
    lines = (
        "Russian General Sergei Surovikin led the campaign in Syria.",
        "The Russian General Staff said it met Hakan Fidan to discuss Idlib.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("sergei-surovikin", "meetsWith", "hakan-fidan") not in found, found
