"""The parties to "the conflict" a mediator works on: graph/curation/conflict.py, read through
suggest with the seeds as the graph and no known ties (only the lines speak)."""

from __future__ import annotations

import pytest
from conftest import suggested


def test_a_mediator_of_the_conflict_stands_between_the_government_and_its_opposition(gs):
    # "Damascus said Syria would not negotiate. The UN's efforts to settle the conflict failed."
    lines = (
        "وقالت الحكومة السورية إن سوريا لن تتفاوض.",
        "وفشلت جهود الأمم المتحدة لتسوية النزاع.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    for side in ("syrian-government", "syrian-opposition"):
        assert ("united-nations", "offersMediation", side) in found, found


def test_a_conflict_of_no_known_state_has_no_sides(gs):
    found = suggested(gs, "وفشلت جهود الأمم المتحدة لتسوية النزاع.", by="relation", known=False)
    assert not any(r == "offersMediation" for _, r, _ in found), found


@pytest.mark.parametrize(
    "later",
    [
        "وأعلنت تركيا استعدادها لتسوية النزاع في السودان.",  # another conflict
        "ودعت المعارضة السورية إلى تسوية النزاع.",  # a side calls for a settlement
    ],
)
def test_no_mediation_of_another_conflict_or_by_a_side(gs, later):
    found = suggested(
        gs, "وقالت الحكومة السورية إن سوريا لن تتفاوض.", later, by="relation", known=False
    )
    assert not any(r == "offersMediation" for _, r, _ in found), found


def test_a_refusal_to_mediate_is_no_mediation(gs):
    lines = (
        "Syria said Syria would not negotiate with the Syrian opposition.",
        "Jordan refused to mediate the conflict.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert not any(r == "offersMediation" for _, r, _ in found), found
