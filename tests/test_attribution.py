"""Who speaks, and who "I" and "our" are: graph/curation/attribution.py, read through suggest
with the seeds as the graph."""

from __future__ import annotations

import pytest
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
        "وقال عراقجي “مشاوراتنا مع تركيا كانت دائما حول قضايا مختلفة”.",
    )
    found = suggested(gs, *lines, known=False)
    assert ("iran", "talksTo", "turkey") in found, found
    # The same words with no "our" name no one who consults.
    plain = suggested(gs, lines[0], "وقال عراقجي “المشاورات مع تركيا كانت دائما حول قضايا مختلفة”.")
    assert ("iran", "talksTo", "turkey") not in plain, plain


def test_our_in_a_bodys_statement_is_the_bodys(gs):
    # "Fidan said Turkey backs the opposition", then "HTS said in a statement: 'our attacks
    # on the Syrian army go on'": the attacks are HTS's, not Turkey's
    lines = (
        "قال وزير الخارجية التركي هاكان فيدان إن تركيا تدعم المعارضة السورية.",
        "وقالت هيئة تحرير الشام في بيان “هجماتنا على الجيش السوري مستمرة”.",
    )
    found = suggested(gs, *lines, known=False)
    assert ("hts", "opposes", "syrian-army") in found, found
    assert ("turkey", "opposes", "syrian-army") not in found, found


def test_us_after_a_verb_is_not_our(gs):
    # "al-Sudani added that ISIS attacked us on the border": ISIS attacked, not Iraq
    lines = (
        "قال رئيس الوزراء العراقي محمد شياع السوداني إن العراق يواجه تحديات.",
        "وأضاف السوداني إن تنظيم داعش هاجمنا على الحدود.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("mohammed-shia-al-sudani", "accuses", "isis") in found, found
    assert not any(o == "iraq" for _, r, o in found if r != "leaderOf"), found


def test_a_name_in_quotation_marks_after_a_verb_of_saying_speaks(gs):
    lines = (
        "وقال فيدان إن تركيا تدعم المعارضة.",
        "وأعلنت «قوات سوريا الديمقراطية» أنها صدت هجوما للفصائل المدعومة من تركيا.",
    )
    found = _attributions(gs, *lines)
    said = [who for (line, *_), who in found.items() if line == 2]
    assert said and not any("hakan-fidan" in who for who in said), found


def test_i_is_the_speaker_of_its_own_clause(gs):
    # "Araghchi said Iran supports Syria, while Assad said: 'I will hold a meeting with Fidan'"
    lines = (
        "وصل وزير الخارجية الإيراني عباس عراقجي إلى أنقرة.",
        "وقال عراقجي إن إيران تدعم سوريا، فيما قال الأسد “سأعقد اجتماعا مع فيدان”.",
    )
    found = suggested(gs, *lines, by="relation", known=False)
    assert ("abbas-araghchi", "meetsWith", "hakan-fidan") not in found, found
    asked = suggested(gs, "وقال عراقجي إن الصحفيين سألوه عن فيدان.", by="relation", known=False)
    assert not any(s == "abbas-araghchi" and o == "hakan-fidan" for s, _, o in asked), asked


def test_a_fronted_vow_with_his_on_it_is_the_speakers(gs):
    # "The day after his vow to crush HTS, Assad said the army would win"
    text = "وغداة توعّده بدحر هيئة تحرير الشام، قال الأسد إن الجيش سينتصر."
    found = suggested(gs, text, by="relation", known=False)
    assert ("bashar-al-assad", "threatens", "hts") in found, found
    # Named before the vow, someone else is whose vow it may be: no speaker is read into it.
    named = "وقالت إيران غداة توعّده بدحر هيئة تحرير الشام إن الأسد سينتصر."
    assert ("bashar-al-assad", "threatens", "hts") not in suggested(
        gs, named, by="relation", known=False
    )


@pytest.mark.parametrize(
    "text, absent",
    [
        # "after *her* support for HTS for years, Assad said Turkey is responsible": Turkey's
        (
            "وبعد دعمها هيئة تحرير الشام لسنوات، قال الأسد إن تركيا تتحمل المسؤولية.",
            ("bashar-al-assad", "supports", "hts"),
        ),
        # "after *his* vow to crush the SDF, Russia (feminine) said Fidan miscalculates"
        (
            "وغداة توعده بدحر قوات سوريا الديمقراطية، قالت روسيا إن هاكان فيدان يخطئ الحساب.",
            ("russia", "threatens", "sdf"),
        ),
    ],
)
def test_his_must_agree_with_the_verb_of_saying(gs, text, absent):
    assert absent not in suggested(gs, text, by="relation", known=False)
