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
