"""SHACL validation of data files with pyshacl (graph/validation/validate.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.errors import DataSyntaxError, ValidationError, Violation
from actorgraph.ingest.read import read_data_files, read_ontology, relation_properties
from actorgraph.validation import check_files, validate_files, validate_quads
from actorgraph.validation.validate import validate

SHAPES_FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def options(fixtures: Path) -> dict:
    """Validate against the fixture ontology and shapes, without the shipped seeds."""
    return {
        "seeds": False,
        "ontology": [fixtures / "load_ontology.ttl"],
        "shapes": fixtures / "load_shapes.ttl",
    }


def test_valid_files_have_no_violations(fixtures: Path, options: dict) -> None:
    paths = [fixtures / "load_actors.ttl", fixtures / "load_statements_good.ttl"]
    assert validate_files(paths, **options) == []
    validate(paths, **options)  # does not raise


def test_each_violation_names_file_focus_path_and_message(fixtures: Path, options: dict) -> None:
    bad = fixtures / "load_statements_bad.ttl"
    violations = validate_files([fixtures / "load_actors.ttl", bad], **options)
    actor_class = "Value does not have class <https://w3id.org/actorgraph/ns#Actor>"
    expected = [
        Violation(str(bad), "stmt:bad-1", "ag:note", "a statement needs a note"),
        Violation(str(bad), "stmt:bad-1", "ag:source/ag:line", "a source needs a line number"),
        Violation(str(bad), "stmt:bad-1", "ag:subject", actor_class),
    ]
    # pyshacl also reports the failed sh:node on ag:source itself; the line is what matters.
    assert [v for v in violations if v.path != "ag:source"] == expected
    assert violations == sorted(violations, key=lambda v: (v.file, v.focus))


def test_validate_raises_with_the_violations(fixtures: Path, options: dict) -> None:
    with pytest.raises(ValidationError) as caught:
        validate([fixtures / "load_actors.ttl", fixtures / "load_statements_bad.ttl"], **options)
    assert "stmt:bad-1 (ag:note): a statement needs a note" in str(caught.value)
    assert "nothing was loaded" in str(caught.value)


def test_a_syntax_error_is_reported_before_validating(tmp_path: Path, options: dict) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<http://a> <http://b> .\n")
    with pytest.raises(DataSyntaxError, match=r"broken.ttl:1:"):
        validate_files([path], **options)


def test_context_the_data_mentions_is_used_but_not_blamed(fixtures: Path) -> None:
    ontology = read_ontology([fixtures / "load_ontology.ttl"])
    relations = relation_properties(ontology)
    actors = read_data_files([fixtures / "load_actors.ttl"], relations)
    good = read_data_files([fixtures / "load_statements_good.ttl"], relations)
    shapes = fixtures / "load_shapes.ttl"
    assert validate_quads(good, {"ontology": ontology}, shapes=shapes) != []  # actors unknown
    assert validate_quads(good, {**actors, "ontology": ontology}, shapes=shapes) == []


def test_a_user_file_may_rely_on_the_shipped_seeds(fixtures: Path) -> None:
    assert validate_files([fixtures / "store_seed_user.ttl"]) == []


def test_the_shipped_shapes_catch_a_missing_note(fixtures: Path) -> None:
    bad = fixtures / "store_bad.ttl"
    violations = validate_files([fixtures / "store_small.ttl", bad], seeds=False)
    assert [(v.file, v.focus, v.path) for v in violations] == [
        (str(bad), "stmt:test-bad", "ag:note")
    ]


def test_warnings_are_reported_apart_and_do_not_fail() -> None:
    paths = [SHAPES_FIXTURES / "shapes_valid.ttl", SHAPES_FIXTURES / "shapes_warn_no_date.ttl"]
    found = check_files(paths, seeds=False)
    assert found.conforms
    assert found.violations == []
    assert [(w.file, w.focus, w.path) for w in found.warnings] == [
        (str(paths[1]), "stmt:bad", None)
    ]
    assert "ag:beforeDocument true" in found.warnings[0].message
    assert validate_files(paths, seeds=False) == []
    validate(paths, seeds=False)  # does not raise


def test_the_package_exports_its_api_lazily() -> None:
    import actorgraph.validation as validation

    assert set(validation.__all__) <= set(dir(validation))
    for name in validation.__all__:
        assert getattr(validation, name) is not None
    with pytest.raises(AttributeError):
        validation.no_such_name  # noqa: B018
