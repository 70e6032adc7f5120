"""The shapes compiled to SPARQL report exactly what pyshacl reports (graph/shacl_sparql.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Store

from graph.load import read_inputs
from graph.shacl_sparql import compile_shapes, validate_store
from graph.validate import validate_quads

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted(FIXTURES.glob("shapes_bad_*.ttl"))


@pytest.fixture(scope="module")
def checks():
    return compile_shapes()


def _both(paths: list[Path], checks, *, seeds: bool = True) -> tuple[set, set]:
    inputs = read_inputs(paths, seeds=seeds)
    reference = validate_quads(inputs.data, inputs.seeds | inputs.ontology)
    store = Store()
    for quads in inputs.quads():
        store.extend(quads)
    compiled = validate_store(store, checks, file="f")
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


def test_unsupported_constraint_is_refused(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ;"
        " sh:hasValue 1 ] .\n"
    )
    with pytest.raises(NotImplementedError, match="hasValue"):
        compile_shapes(shapes)
