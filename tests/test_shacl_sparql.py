"""The shapes compiled to SPARQL (graph/validation/compile.py, run by shacl_sparql.py) report
exactly what pyshacl reports, violations and warnings alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.ingest.read import read_inputs
from actorgraph.namespaces import AG, GRAPH_DERIVED, compact
from actorgraph.validation import check_quads, check_store, compile_shapes, validate_store
from pyoxigraph import NamedNode, Quad, Store

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted(FIXTURES.glob("shapes_bad_*.ttl"))
WARN = sorted(FIXTURES.glob("shapes_warn_*.ttl"))


@pytest.fixture(scope="module")
def checks():
    return compile_shapes()


def _store(inputs) -> Store:
    store = Store()
    for quads in inputs.quads():
        store.extend(quads)
    return store


def _results(found) -> set:
    return {("violation", v.focus, v.path, v.message) for v in found.violations} | {
        ("warning", v.focus, v.path, v.message) for v in found.warnings
    }


def _both(
    paths: list[Path], checks, *, seeds: bool = True, shapes: Path | None = None
) -> tuple[set, set]:
    """What pyshacl and the compiled checks find in ``paths``, as sets of (severity, focus,
    path, message)."""
    inputs = read_inputs(paths, seeds=seeds)
    reference = check_quads(inputs.data, inputs.seeds | inputs.ontology, shapes=shapes)
    compiled = check_store(_store(inputs), checks, file="f")
    return _results(reference), _results(compiled)


def test_seeds_are_valid_in_both(checks):
    reference, compiled = _both([], checks)
    assert {r for r in reference if r[0] == "violation"} == set()
    assert compiled == reference


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_same_violations_as_pyshacl(fixture, checks):
    reference, compiled = _both([fixture], checks, seeds=False)
    assert any(r[0] == "violation" for r in reference)  # the fixture is invalid
    assert compiled == reference


@pytest.mark.parametrize("fixture", WARN, ids=[p.stem for p in WARN])
def test_same_warnings_as_pyshacl(fixture, checks):
    reference, compiled = _both([FIXTURES / "shapes_valid.ttl", fixture], checks, seeds=False)
    assert {r[0] for r in reference} == {"warning"}
    assert compiled == reference


def test_warnings_do_not_fail_validate_store(checks):
    inputs = read_inputs([FIXTURES / "shapes_valid.ttl", *WARN], seeds=False)
    store = _store(inputs)
    assert check_store(store, checks, file="f").warnings
    assert validate_store(store, checks, file="f") == []


# Counts other than "exactly one", qualified counts with one bound, and a value constraint
# on the focus node itself: compile paths that ontology/shapes.ttl does not use.
_COUNT_SHAPES = """
@prefix ex: <urn:ex:> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 2 ; sh:message "two p" ] ,
        [ sh:path ex:q ; sh:qualifiedValueShape [ sh:languageIn ( "en" ) ] ;
          sh:qualifiedMinCount 2 ; sh:message "two or more English q" ] ,
        [ sh:path ex:q ; sh:qualifiedValueShape [ sh:languageIn ( "fr" ) ] ;
          sh:qualifiedMaxCount 1 ; sh:message "at most one French q" ] .
ex:OtherShape a sh:NodeShape ; sh:targetObjectsOf ex:r ; sh:class ex:Other ;
    sh:message "ex:r points to an ex:Other" .
"""
_COUNT_DATA = """
@prefix ex: <urn:ex:> .
ex:a a ex:Thing ; ex:p 1 ; ex:q "x"@en , "y"@en .
ex:b a ex:Thing ; ex:p 1 , 2 , 3 ; ex:q "x"@en .
ex:c a ex:Thing ; ex:p 1 , 2 ; ex:q "x"@en , "y"@en , "z"@fr ; ex:r ex:o .
ex:d a ex:Thing ; ex:p 1 , 2 ; ex:q "x"@en , "y"@en , "z"@fr , "w"@fr ; ex:r ex:a .
ex:o a ex:Other .
"""


def test_counts_and_focus_class_as_pyshacl(tmp_path):
    shapes, data = tmp_path / "shapes.ttl", tmp_path / "data.ttl"
    shapes.write_text(_COUNT_SHAPES)
    data.write_text(_COUNT_DATA)
    reference, compiled = _both([data], compile_shapes(shapes), seeds=False, shapes=shapes)
    assert {focus for _, focus, _, _ in reference} == {"<urn:ex:a>", "<urn:ex:b>", "<urn:ex:d>"}
    assert compiled == reference


# sh:hasValue (top level and nested), sh:lessThanOrEquals on literals of several kinds,
# sh:severity and sh:targetSubjectsOf: the constructs added for the order and warning shapes.
_PAIR_SHAPES = """
@prefix ex: <urn:ex:> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:OrderShape a sh:NodeShape ; sh:targetSubjectsOf ex:high ;
    sh:property [ sh:path ex:low ; sh:lessThanOrEquals ex:high ; sh:message "low <= high" ] .
ex:FlagShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:severity sh:Warning ;
    sh:or ( [ sh:path ex:flag ; sh:hasValue true ] [ sh:path ex:alt ; sh:minCount 1 ] ) ;
    sh:message "flag or alt" .
ex:TagShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:tag ; sh:hasValue "x" ; sh:message "tag x" ] .
"""
_PAIR_DATA = """
@prefix ex: <urn:ex:> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a ex:Thing ; ex:low 1 ; ex:high 2 ; ex:flag true ; ex:tag "x" .
ex:b a ex:Thing ; ex:low 3 , 1 ; ex:high 2 ; ex:flag false ; ex:tag "x" , "y" .
ex:c a ex:Thing ; ex:low "2024-01-02"^^xsd:date ; ex:high "2024-01-01"^^xsd:date ; ex:alt 1 .
ex:d a ex:Thing ; ex:low "2024-01-01"^^xsd:date ; ex:high "2024-01-01"^^xsd:date ;
    ex:tag "x"@en ; ex:flag "true" .
ex:e ex:low "a" ; ex:high "b" .
ex:f ex:low "b" ; ex:high "a" .
ex:g ex:low 5 .
"""


def test_pairs_values_and_severity_as_pyshacl(tmp_path):
    shapes, data = tmp_path / "shapes.ttl", tmp_path / "data.ttl"
    shapes.write_text(_PAIR_SHAPES)
    data.write_text(_PAIR_DATA)
    reference, compiled = _both([data], compile_shapes(shapes), seeds=False, shapes=shapes)
    assert {(severity, focus) for severity, focus, _, _ in reference} == {
        ("violation", "<urn:ex:b>"),
        ("violation", "<urn:ex:c>"),
        ("violation", "<urn:ex:d>"),
        ("violation", "<urn:ex:f>"),
        ("warning", "<urn:ex:b>"),
        ("warning", "<urn:ex:d>"),
    }
    assert compiled == reference


def test_a_triple_in_two_graphs_counts_once(checks):
    store = _store(read_inputs([]))
    copy = NamedNode("urn:copy")
    store.extend([Quad(q.subject, q.predicate, q.object, copy) for q in store])
    assert validate_store(store, checks, file="f") == []


@pytest.mark.parametrize(
    ("shape", "refused"),
    [
        ("sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:equals <urn:q> ]", "equals"),
        ("sh:targetNode <urn:n> ; sh:nodeKind sh:IRI", "targetNode"),
        ("sh:targetClass <urn:C> ; sh:or ( [ sh:path <urn:p> ; sh:maxCount 1 ] )", "maxCount"),
    ],
)
def test_unsupported_constraint_is_refused(tmp_path, shape, refused):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        f"@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> a sh:NodeShape ; {shape} .\n"
    )
    with pytest.raises(NotImplementedError, match=refused):
        compile_shapes(shapes)


def test_graphs_limits_the_checks_to_those_graphs(checks):
    """A violation only in a graph left out of ``graphs`` is not reported; it is when that
    graph is included, or when ``graphs`` is not given (the union of all graphs)."""
    store = _store(read_inputs([]))
    given = sorted({q.graph_name for q in store}, key=str)
    excluded = NamedNode(GRAPH_DERIVED)
    assert excluded not in given
    statement = next(q.subject for q in store if q.predicate == NamedNode(AG + "stance"))
    # a second, different stance: too many for ag:stance (maxCount 1)
    store.add(Quad(statement, NamedNode(AG + "stance"), NamedNode(AG + "bogus"), excluded))
    assert validate_store(store, checks, file="f", graphs=given) == []
    broken = {(v.focus, v.path) for v in validate_store(store, checks, file="f")}
    assert broken == {(compact(statement.value), "ag:stance")}
    included = validate_store(store, checks, file="f", graphs=[*given, excluded])
    assert {(v.focus, v.path) for v in included} == broken
