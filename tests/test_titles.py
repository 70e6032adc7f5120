"""A bare title read as the one person the document names with it: graph/curation/titles.py,
read through suggest with the seeds as the graph and no known ties (only the lines speak)."""

from __future__ import annotations

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


def test_a_portfolio_that_differs_is_another_person(gs):
    # The foreign minister is named; "the Iranian interior minister" is someone else.
    lines = (
        "استقبل الأسد وزير الخارجية الإيراني عباس عراقجي.",
        "وقال وزير الداخلية الإيراني إنه التقى مع هاكان فيدان.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("abbas-araghchi", "meetsWith", "hakan-fidan") not in found, found


def test_a_former_title_names_no_holder(gs):
    lines = (
        "استقبل الأسد وزير الخارجية الإيراني عباس عراقجي.",
        "وقال وزير الخارجية الإيراني السابق إنه التقى مع هاكان فيدان.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("abbas-araghchi", "meetsWith", "hakan-fidan") not in found, found
