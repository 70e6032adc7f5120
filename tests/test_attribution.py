"""Who speaks, and who "I" and "our" are: graph/curation/attribution.py, read through suggest
with the seeds as the graph."""

from __future__ import annotations

from conftest import suggested


def _attributions(gs, *lines: str) -> dict[tuple[int, str, str, str], tuple[str, ...]]:
    from actorgraph.curation.documents import Document
    from actorgraph.curation.mentions import lexicon
    from actorgraph.curation.suggest import suggest_lines
    from actorgraph.curation.ties import KnownTies

    lex = lexicon(gs)
    found = suggest_lines(
        lex, Document("s.txt", lines), threshold=0.3, ties=KnownTies({}, lex.types)
    )
    return {(c.line, c.subject, c.relation, c.object): c.attributed_to for c in found}


def test_a_quotation_after_a_verb_of_saying_does_not_name_the_speaker(gs):
    # "Fidan said Turkey backs the talks." then "He said: 'the army and the government are able;
    # Iran will give support to the government'": the army is quoted, not speaking.
    lines = (
        "وقال فيدان إن تركيا تدعم سوريا.",
        "وقال “الجيش السوري قادر على ذلك، وستقدم إيران الدعم للحكومة السورية”.",
    )
    found = _attributions(gs, *lines)
    said = [who for (line, *_), who in found.items() if line == 2]
    assert said and all(who == ("hakan-fidan",) for who in said), found


def test_a_verb_of_saying_inside_the_quotation_is_the_speakers(gs):
    # "He explained: 'I announced Iran's support ...'": the quoted "announced" names no one new
    lines = ("وقال فيدان إن تركيا تدعم سوريا.", "وبين “لقد أعلنت بوضوح دعم إيران للحكومة السورية”.")
    found = _attributions(gs, *lines)
    said = [who for (line, *_), who in found.items() if line == 2]
    assert said and all(who == ("hakan-fidan",) for who in said), found


def test_i_in_the_future_tense_is_the_person_speaking(gs):
    # "Araghchi said: 'I will hold a meeting with Hakan Fidan on Monday'"
    lines = (
        "وقال عراقجي إن تركيا تدعم سوريا.",
        "وأضاف “سأعقد اجتماعا مع هاكان فيدان يوم الاثنين”.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("abbas-araghchi", "meetsWith", "hakan-fidan") in found, found


def test_i_is_no_object_of_an_earlier_cue(gs):
    # "... Iran will give any support needed,' adding 'I will hold a meeting ...'": the
    # speaker is the subject of his own verb, not the one Iran supports
    lines = (
        "وقال عراقجي إن تركيا تدعم سوريا.",
        "وأضاف “ستقدم إيران أي دعم” مضيفا سأعقد اجتماعا مع هاكان فيدان.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("iran", "supports", "abbas-araghchi") not in found, found
    assert ("abbas-araghchi", "meetsWith", "hakan-fidan") in found, found


def test_a_verb_that_only_starts_like_i_will_is_not_i(gs):
    # "سارعت" (hastened) starts with the same letters as "سأ" (I will) without its hamza:
    # "Araghchi said the situation is hard", then "Turkey hastened to support Syria"
    lines = ("وقال عراقجي إن الوضع صعب.", "وأضاف “سارعت تركيا إلى دعم سوريا”.")
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("turkey", "supports", "syria") in found, found
    assert not any(s == "abbas-araghchi" for s, _, _ in found), found


def test_our_on_a_cue_is_the_speakers_state(gs):
    # Araghchi, Iranian from the first line: "our consultations with Turkey were always ..."
    lines = (
        "وصل وزير الخارجية الإيراني عباس عراقجي إلى أنقرة.",
        "وأضاف “مشاوراتنا مع تركيا كانت دائما حول قضايا مختلفة”.",
    )
    found = suggested(gs, *lines, known=False)
    assert ("iran", "talksTo", "turkey") in found, found
    # The same words with no "our" name no one who consults.
    plain = suggested(gs, lines[0], "وأضاف “المشاورات مع تركيا كانت دائما حول قضايا مختلفة”.")
    assert ("iran", "talksTo", "turkey") not in plain, plain
