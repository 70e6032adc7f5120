"""Arabic names with clitics attached ("وإيران", "بدمشق", "للحشد الشعبي") name their actor.

The forms come from the Arabic corpus report (``tests/fixtures/arabic_clitic_forms.tsv``:
form, actor id, line). Each must resolve through
:func:`actorgraph.query.actors.resolve_actor`, be found first by
:func:`actorgraph.query.actors.find_actors`, and really be written on the line it
cites (that check is skipped when the corpus is not there). The negative cases make sure
nothing is stripped from a name that itself starts with و, ف, ب, ل or ك, and that a
word that is no name stays unknown.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import UnknownActorError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import find_actors, resolve_actor
from actorgraph.store.base import GraphStore
from actorgraph.text import normalise, strip_article, strip_clitics
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
FORMS_FILE = REPO / "tests" / "fixtures" / "arabic_clitic_forms.tsv"
DOCUMENT = "000_4ad9e107abaa6dbd.txt"


def _read_forms() -> list[tuple[str, str, int]]:
    rows = []
    for text in FORMS_FILE.read_text(encoding="utf-8").splitlines():
        if text and not text.startswith("#"):
            form, actor, line = text.split("\t")
            rows.append((form, actor, int(line)))
    return rows


FORMS = _read_forms()


@pytest.fixture(scope="module")
def gs() -> GraphStore:
    return open_graph()


@pytest.fixture(scope="module")
def corpus_lines() -> list[str]:
    directory = Path(os.environ.get("ACTORGRAPH_CORPUS", REPO.parent / "shared" / "corpus"))
    if not (directory / DOCUMENT).is_file():
        pytest.skip(f"corpus not found at {directory}; set ACTORGRAPH_CORPUS to check the forms")
    return (directory / DOCUMENT).read_text(encoding="utf-8").split("\n")


# --- forms from the corpus ----------------------------------------------------------------------


def test_the_fixture_holds_at_least_fifty_corpus_forms() -> None:
    assert len(FORMS) >= 50
    assert len({form for form, _, _ in FORMS}) >= 35  # distinct spellings, the rest repeats


@pytest.mark.parametrize(("form", "actor", "line"), FORMS)
def test_a_corpus_form_is_no_name_as_written_but_resolves_to_its_actor(
    gs: GraphStore, form: str, actor: str, line: int
) -> None:
    names = {normalise(n) for a in find_actors(gs) for n in (a.label, a.label_ar, *a.aliases) if n}
    key = normalise(form)
    assert key not in names and strip_article(key) not in {strip_article(n) for n in names}
    assert resolve_actor(gs, form).id == actor
    found = [a.id for a in find_actors(gs, form)]
    # First, unless another name holds the form as typed ("موالية لتركيا" holds "لتركيا").
    assert found[0] == actor or (actor in found and any(key in name for name in names))


@pytest.mark.parametrize(("form", "actor", "line"), FORMS)
def test_a_corpus_form_is_written_on_the_line_it_cites(
    corpus_lines: list[str], form: str, actor: str, line: int
) -> None:
    assert form in corpus_lines[line - 1]


# --- more forms and the search ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "actor"),
    [
        ("وإيران", "iran"),
        ("وَإِيرَان", "iran"),  # diacritics
        ("بدمشق", "syrian-government"),
        ("للحشد الشعبي", "pmf"),  # ل + الحشد الشعبي, an alias
        ("لحشد الشعبي", "pmf"),  # without the article
        ("لقوات سوريا الديمقراطية", "sdf"),
        ("فروسيا", "russia"),
        ("وبتركيا", "turkey"),  # conjunction and preposition
        ("فبالعراق", "iraq"),  # conjunction, preposition and article
        ("كالولايات المتحدة", "united-states"),
        ("ولحزب الله", "hezbollah"),
        ("وواشنطن", "united-states"),  # a name starting with و, with و attached
        ("ففرنسا", "france"),
        ("لبشار الأسد", "bashar-al-assad"),
        ("للواء فاطميون", "fatemiyoun"),  # ل + لواء, not ل + ال + واء
    ],
)
def test_clitics_on_the_first_word_are_read_off(gs: GraphStore, form: str, actor: str) -> None:
    assert resolve_actor(gs, form).id == actor
    assert find_actors(gs, form)[0].id == actor


@pytest.mark.parametrize(
    ("query", "first"),
    [("بالحشد", "pmf"), ("للحشد", "pmf"), ("كالولايات", "united-states"), ("وبتركيا", "turkey")],
)
def test_search_finds_names_that_start_with_a_reading(gs: GraphStore, query, first) -> None:
    assert find_actors(gs, query)[0].id == first


def test_search_lists_matches_as_typed_before_matches_of_a_reading(gs: GraphStore) -> None:
    # "فصائل معارضة موالية لتركيا" holds "لتركيا" as typed; Turkey needs the reading.
    assert [a.id for a in find_actors(gs, "لتركيا")] == ["turkey-backed-factions", "turkey"]


# --- names that start with clitic letters, and words that are no name -------------------------


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("واشنطن", "united-states"),
        ("وكالة مهر", "mehr-news-agency"),
        ("وحدات حماية الشعب", "ypg"),
        ("وزارة الخارجية التركية", "turkish-foreign-ministry"),
        ("فرنسا", "france"),
        ("فاغنر", "wagner-group"),
        ("فيدان", "hakan-fidan"),
        ("فصائل المقاومة", "resistance-factions"),
        ("بشار الأسد", "bashar-al-assad"),
        ("بقائي", "esmaeil-baghaei"),
        ("بلينكن", "antony-blinken"),
        ("لواء فاطميون", "fatemiyoun"),
        ("كتائب حزب الله", "kataib-hezbollah"),
        ("كيسيل", "sergei-kisel"),
    ],
)
def test_names_starting_with_clitic_letters_resolve_as_written(gs, name, actor) -> None:
    assert resolve_actor(gs, name).id == actor
    assert find_actors(gs, name)[0].id == actor


@pytest.fixture(scope="module")
def cities(tmp_path_factory) -> GraphStore:
    """Lebanon and Baghdad beside made-up actors named as if their first letter were a clitic."""
    data = tmp_path_factory.mktemp("clitics") / "cities.ttl"
    actors = [
        ("lebanon", "State", "Lebanon", "لبنان"),
        ("banan", "ArmedGroup", "Banan", "بنان"),
        ("baghdad-government", "Government", "Baghdad", "بغداد"),
        ("ghadad", "ArmedGroup", "Ghadad", "غداد"),
    ]
    data.write_text(
        "@prefix ag: <https://w3id.org/actorgraph/ns#> .\n"
        "@prefix actor: <https://w3id.org/actorgraph/actor/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + "".join(
            f'actor:{id} a ag:{type} ; rdfs:label "{en}"@en , "{ar}"@ar .\n'
            for id, type, en, ar in actors
        ),
        encoding="utf-8",
    )
    return open_graph(data=[data], seeds=False)


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("لبنان", "lebanon"),  # not ل + بنان
        ("بغداد", "baghdad-government"),  # not ب + غداد
        ("للبنان", "lebanon"),  # ل + لبنان comes before ل + ال + بنان
        ("وبغداد", "baghdad-government"),
        ("ببنان", "banan"),
        ("وغداد", "ghadad"),
    ],
)
def test_the_name_as_written_wins_over_a_reading(cities: GraphStore, name, actor) -> None:
    assert resolve_actor(cities, name).id == actor
    assert find_actors(cities, name)[0].id == actor


@pytest.mark.parametrize("word", ["وبالسيارة", "فكتاب", "للمدرسة", "بالأمس"])
def test_a_word_with_clitics_that_is_no_name_matches_nothing(gs: GraphStore, word: str) -> None:
    with pytest.raises(UnknownActorError):
        resolve_actor(gs, word)
    assert find_actors(gs, word) == []


def test_the_cli_says_unknown_actor_for_such_a_word() -> None:
    result = CliRunner().invoke(app, ["relations", "وبالسيارة"])
    assert result.exit_code == 2, result.output
    assert "Error: unknown actor 'وبالسيارة'" in result.stderr
    assert "Traceback" not in result.output


# --- the readings themselves --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("وإيران", ("ايران",)),
        ("وبتركيا", ("بتركيا", "تركيا")),
        ("بالعراق", ("العراق",)),
        ("فبالعراق", ("بالعراق", "العراق")),
        ("للحشد الشعبي", ("لحشد الشعبي", "الحشد الشعبي")),
        ("وللحشد", ("للحشد", "لحشد", "الحشد")),
        ("لقوات سوريا الديمقراطية", ("قوات سوريا الديمقراطيه",)),
        ("سوريا وإيران", ()),  # only the first word carries clitics
        ("بال", ()),  # a reading keeps three letters
        ("ولي", ()),
        ("iran", ()),
        ("", ()),
    ],
)
def test_strip_clitics_readings_in_order(text: str, readings: tuple[str, ...]) -> None:
    assert strip_clitics(normalise(text)) == readings
