"""The shapes compiled to SPARQL report exactly what pyshacl reports (graph/shacl_sparql.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from actorgraph.ingest.read import read_inputs
from actorgraph.namespaces import AG, GRAPH_DERIVED, compact
from actorgraph.validation.shacl_sparql import compile_shapes, validate_store
from actorgraph.validation.validate import validate_quads
from pyoxigraph import NamedNode, Quad, Store

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted(FIXTURES.glob("shapes_bad_*.ttl"))


@pytest.fixture(scope="module")
def checks():
    return compile_shapes()


def _store(inputs) -> Store:
    store = Store()
    for quads in inputs.quads():
        store.extend(quads)
    return store


def _both(
    paths: list[Path], checks, *, seeds: bool = True, shapes: Path | None = None
) -> tuple[set, set]:
    inputs = read_inputs(paths, seeds=seeds)
    reference = validate_quads(inputs.data, inputs.seeds | inputs.ontology, shapes=shapes)
    compiled = validate_store(_store(inputs), checks, file="f")
    return {(v.focus, v.path, v.message) for v in reference}, {
        (v.focus, v.path, v.message) for v in compiled
    }


def test_seeds_are_valid_in_both(checks):
    assert _both([], checks) == (set(), set())


@pytest.mark.parametrize("fixture", BAD, ids=[p.stem for p in BAD])
def test_same_violations_as_pyshacl(fixture, checks):
    reference, compiled = _both([fixture], checks, seeds=False)
    assert reference  # the fixture is invalid
    assert compiled == reference


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
    assert {focus for focus, _, _ in reference} == {"<urn:ex:a>", "<urn:ex:b>", "<urn:ex:d>"}
    assert compiled == reference


def test_a_triple_in_two_graphs_counts_once(checks):
    store = _store(read_inputs([]))
    copy = NamedNode("urn:copy")
    store.extend([Quad(q.subject, q.predicate, q.object, copy) for q in store])
    assert validate_store(store, checks, file="f") == []


def test_unsupported_constraint_is_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ;"
        " sh:hasValue 1 ] .\n"
    )
    with pytest.raises(NotImplementedError, match="hasValue"):
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
