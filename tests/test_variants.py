"""The other ways English writes a group's name: graph/curation/variants.py, with the
seeds' lexicon."""

from __future__ import annotations

import pytest
from actorgraph.curation.mentions import lexicon
from actorgraph.curation.tokens import words
from actorgraph.ingest.pipeline import open_graph


@pytest.fixture(scope="module")
def lex():
    return lexicon(open_graph(None, ()))


def _ids(lex, text: str) -> list[str]:
    return [m.id for m in lex.find(words(text), text) if m.kind != "unknown"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("the Iranian-backed militias pulled out", "iran-backed-groups"),
        ("HTS or other rebel groups", "opposition-factions"),
        ("pro-Turkish fighters took the town", "turkey-backed-factions"),
    ],
)
def test_a_variant_of_a_group_name_names_the_group(lex, text, actor):
    assert actor in _ids(lex, text)


def test_a_variant_never_takes_a_name_from_another_actor(lex):
    # "Hamas" is a name, not the plural of "Hama"; the Syrian opposition stays itself
    assert _ids(lex, "Hama groups") == []
    assert _ids(lex, "the Syrian opposition") == ["syrian-opposition"]
    # a state's name is swapped for its demonym only before "backed", "led" and the like
    names = {n.words for n in lex.names()}
    assert ("iranian", "networks", "in", "syria") in names
    assert ("iranian", "networks", "in", "syrian") not in names
