"""The relation cue lexicon: graph/curation/cues.py with the shipped cues.tsv."""

from __future__ import annotations

from actorgraph.curation.cues import find_cues, load_cues
from actorgraph.curation.tokens import words


def _relations(text: str) -> list[str]:
    return sorted(h.cue.relation for h in find_cues(words(text), load_cues()))


def test_the_longer_of_two_cues_on_one_word_wins():
    # "leaders" starts with both "lead" (leads) and "leader" (a role): the role it is
    assert _relations("leaders") == ["leaderOf"]
    assert _relations("they lead") == ["leads"]


def test_a_word_that_cues_two_relations_equally_keeps_both():
    # "سيطرت": took (capturesTerritoryFrom) and holds (controls); the mentions decide
    assert _relations("سيطرت") == ["capturesTerritoryFrom", "controls"]


def test_words_of_revolt_and_outreach(gs):
    from conftest import suggested

    rebels = "Syrians who have worked for decades to overthrow the Assad regime"
    assert ("syria", "opposes", "syrian-government") in suggested(gs, rebels, known=False)
    # "his investigation over possible collusion in the mutiny of the Russian Wagner group"
    mutiny = "بتهمة احتمال التواطؤ في تمرد مجموعة فاغنر العسكرية الروسية الخاصة"
    assert ("wagner-group", "opposes", "russia") in suggested(gs, mutiny, known=False)
    outreach = "We did not get any serious outreach from Assad."
    found = suggested(gs, outreach, voice="united-states", by="relation", known=False)
    assert ("bashar-al-assad", "offersTalks", "united-states") in found, found
