"""The parties to "the conflict" a mediator works on: graph/curation/conflict.py, read through
suggest with the seeds as the graph and no known ties (only the lines speak)."""

from __future__ import annotations

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
