"""Who holds which office in a document: graph/curation/offices.py, read through suggest with
the seeds as the graph and no known ties (only the lines speak)."""

from __future__ import annotations

import pytest
from conftest import suggested

_COMMAND = "وقال مدونون إن الجنرال سيرجي كيسيل المسؤول عن القوات الروسية في سوريا أقيل."


@pytest.mark.parametrize(
    "later",
    [
        "وأفادت تقارير بأن الجنرال ألكسندر تشيكو سيحل محل كيسيل.",  # "will take Kisel's place"
        "Reports said Alexander Chaiko will replace Kisel.",
        "Reports said Kisel was replaced by Alexander Chaiko.",
    ],
)
def test_a_successor_takes_the_office_of_the_one_he_replaces(gs, later):
    found = suggested(gs, _COMMAND, later, by="relation", known=False)
    assert ("alexander-chaiko", "commanderOf", "russian-armed-forces") in found, found


def test_no_office_passes_without_one_given_before(gs):
    later = "وأفادت تقارير بأن ألكسندر تشيكو سيحل محل كيسيل."
    found = suggested(gs, later, by="relation", known=False)
    assert not any(s == "alexander-chaiko" for s, _, _ in found), found


def test_a_demotion_with_no_agent_is_by_the_persons_own_state(gs):
    # "Surovikin, the general in charge of the Russian forces" ... "Surovikin was demoted"
    named = "وقالت القناة إن سيرغي سوروفيكين كان المسؤول عن القوات الروسية في أوكرانيا."
    demoted = "وخُفضت رتبة سوروفيكين العام الماضي."
    found = suggested(gs, named, demoted, by="relation", known=False)
    assert ("russia", "dismisses", "sergei-surovikin") in found, found
    # Without the line that places him, no state is known to have demoted him.
    alone = suggested(gs, demoted, by="relation", known=False)
    assert not any(r == "dismisses" for _, r, _ in alone), alone


@pytest.mark.parametrize(
    "later",
    [
        "Reports said Alexander Chaiko will replace Kisel's deputy.",
        "Reports said Dmitry Peskov will replace Kisel at the Astana talks.",
    ],
)
def test_one_who_replaces_part_of_what_a_person_did_takes_no_office(gs, later):
    found = suggested(gs, _COMMAND, later, by="relation", known=False)
    assert not any(r == "commanderOf" and s != "sergei-kisel" for s, r, _ in found), found


def test_a_named_agent_dismisses_even_when_the_lexicon_does_not_know_it(gs):
    # "dismissed" here means rejected, by analysts the graph does not know
    found = suggested(
        gs, _COMMAND, "Military bloggers dismissed Kisel as incompetent.", known=False
    )
    assert ("russia", "opposes", "sergei-kisel") not in found, found


@pytest.mark.parametrize(
    "later",
    [
        "Kisel was replaced by Chaiko's deputy.",
        "Kisel was replaced by Chaiko at the talks.",
        "وقالت تقارير إن نائب تشيكو سيحل محل كيسيل.",  # "Chaiko's deputy will replace Kisel"
        "Bloggers speculated that Alexander Chaiko could replace Kisel.",
    ],
)
def test_no_office_passes_to_a_deputy_or_one_who_only_might(gs, later):
    found = suggested(gs, _COMMAND, later, by="relation", known=False)
    assert ("alexander-chaiko", "commanderOf", "russian-armed-forces") not in found, found
