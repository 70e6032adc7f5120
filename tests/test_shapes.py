"""Tests of ontology/shapes.ttl: a valid data file conforms, and each invalid fixture breaks
exactly one rule, reported on the right node and path with our own message.

pyshacl runs the standard way, the ontology given as the ontology graph (``pyshacl -e``, the
``ont_graph=`` option) and not copied into the data graph: the shapes need only its class
hierarchy.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
from actorgraph.namespaces import ACTOR, DOCUMENT, SOURCE, STATEMENT
from actorgraph.namespaces import AG as AG_IRI
from actorgraph.resources import ontology_dir, ontology_files, seed_files
from pyshacl import validate
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDFS, SH, SKOS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHAPES_FILE = ontology_dir() / "shapes.ttl"
AG = Namespace(AG_IRI)
AGSH = "https://w3id.org/actorgraph/shapes#"
BAD = URIRef(STATEMENT + "bad")


@dataclass(frozen=True)
class Result:
    """One validation result: its focus node, path and message."""

    focus: URIRef | BNode
    path: URIRef | None
    message: str


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_files()[0], format="turtle")


def _validate(
    ontology: Graph, shapes: Graph, *fixtures: str, severity: URIRef = SH.Violation
) -> tuple[Graph, list[Result]]:
    """Validate the fixtures with the ontology as pyshacl's ontology graph; return the data
    and the top-level results of ``severity`` (those a user sees; nested sh:detail results
    are left out)."""
    data = Graph()
    for name in fixtures:
        data.parse(FIXTURES / name, format="turtle")
    conforms, report, _ = validate(
        data, shacl_graph=shapes, ont_graph=ontology, allow_warnings=True
    )
    results = [
        Result(
            focus=report.value(r, SH.focusNode),
            path=report.value(r, SH.resultPath),
            message=str(report.value(r, SH.resultMessage)),
        )
        for top in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(top, SH.result)
        if report.value(r, SH.resultSeverity) == severity
    ]
    if severity == SH.Violation:
        assert conforms == (not results)
    return data, results


def test_shapes_parse_with_pyoxigraph() -> None:
    triples = list(pyoxigraph.parse(path=SHAPES_FILE, format=pyoxigraph.RdfFormat.TURTLE))
    assert triples


def test_valid_fixture_conforms(ontology: Graph, shapes: Graph) -> None:
    assert _validate(ontology, shapes, "shapes_valid.ttl")[1] == []


def test_valid_fixture_covers_the_cases_that_matter() -> None:
    data = Graph().parse(FIXTURES / "shapes_valid.ttl", format="turtle")
    stances = set(data.objects(None, AG.stance))
    assert stances == {AG.asserted, AG.claimed, AG.denied}
    assert (None, AG.relation, AG.controls) in data
    assert set(data.subjects(RDF.type, AG.UnnamedSource)) <= set(
        data.objects(None, AG.attributedTo)
    )
    datatypes = {d.datatype for d in data.objects(None, AG.date)}
    assert {str(t).rsplit("#", 1)[1] for t in datatypes} == {"date", "gYearMonth", "gYear"}
    assert len(set(data.objects(None, RDF.type)) & {AG.State, AG.Government, AG.Person}) == 3


# The focus of a problem inside a source reference: the blank node stmt:bad ag:source points to.
SOURCE_OF_BAD = "source of stmt:bad"
# The focus of a statement written as a blank node.
BLANK_STATEMENT = "the blank statement"

# fixture (shapes_bad_<name>.ttl), focus node, result path, part of the message
INVALID = [
    ("missing_arabic_label", ACTOR + "russia", RDFS.label, "Arabic rdfs:label"),
    ("two_english_labels", ACTOR + "turkey", RDFS.label, "English rdfs:label"),
    ("label_language", ACTOR + "russia", RDFS.label, "@en or @ar"),
    ("untagged_alias", ACTOR + "russia", SKOS.altLabel, "language tag"),
    ("two_comments", ACTOR + "russia", RDFS.comment, "at most one rdfs:comment"),
    ("sameas", ACTOR + "russia", OWL.sameAs, "Wikidata"),
    ("unnamed_source_label", SOURCE + "western-diplomats", RDFS.label, "Arabic"),
    ("document", DOCUMENT + "001_second-report.txt", AG.published, "ag:published"),
    ("subject_not_actor", BAD, AG.subject, "ag:subject"),
    ("role_not_person", BAD, None, "need a subject that is an ag:Person"),
    ("unknown_relation", BAD, AG.relation, "relation properties"),
    ("structural_root", BAD, AG.relation, "root of the structural family"),
    ("controls_actor", BAD, None, "ag:controls needs an object that is an ag:Place"),
    ("supports_place", BAD, None, "needs an object that is an ag:Actor"),
    ("date", BAD, AG.date, "xsd:gYear"),
    ("stance", BAD, AG.stance, "ag:asserted, ag:claimed or ag:denied"),
    ("attribution", BAD, AG.attributedTo, "ag:UnnamedSource"),
    ("missing_source", BAD, AG.source, "at least one ag:source"),
    ("missing_document", SOURCE_OF_BAD, AG.document, "ag:document"),
    ("line_zero", SOURCE_OF_BAD, AG.line, "ag:line"),
    ("long_excerpt", SOURCE_OF_BAD, AG.excerpt, "20 words"),
    ("excerpt_characters", SOURCE_OF_BAD, AG.excerpt, "160 characters"),
    ("missing_note", BAD, AG.note, "ag:note"),
    ("missing_source_and_note", BAD, None, "only derived statements"),
    ("note_language", BAD, AG.note, "tagged @en"),
    ("blank_statement", BLANK_STATEMENT, None, "needs an IRI"),
    ("fatalities_low_above_best", BAD, AG.fatalitiesLow, "above ag:fatalitiesBest"),
    ("fatalities_best_above_high", BAD, AG.fatalitiesBest, "above ag:fatalitiesHigh"),
    ("fatalities_low_above_high", BAD, AG.fatalitiesLow, "above ag:fatalitiesHigh"),
    ("validity_order", BAD, AG.validFrom, "after ag:validUntil"),
]


@pytest.mark.parametrize(("fixture", "focus", "path", "message"), INVALID)
def test_invalid_fixture_breaks_exactly_one_rule(
    ontology: Graph, shapes: Graph, fixture: str, focus: str, path: URIRef, message: str
) -> None:
    data, results = _validate(ontology, shapes, "shapes_valid.ttl", f"shapes_bad_{fixture}.ttl")
    assert len(results) == 1, results
    (result,) = results
    expected = {
        SOURCE_OF_BAD: lambda: data.value(BAD, AG.source),
        BLANK_STATEMENT: lambda: next(
            s for s in data.subjects(RDF.type, AG.Statement) if isinstance(s, BNode)
        ),
    }.get(focus, lambda: URIRef(focus))()
    assert result.focus == expected
    assert result.path == path
    assert message in result.message


def test_a_statement_without_date_is_a_warning_not_a_violation(
    ontology: Graph, shapes: Graph
) -> None:
    fixtures = ("shapes_valid.ttl", "shapes_warn_no_date.ttl")
    assert _validate(ontology, shapes, *fixtures)[1] == []
    warnings = _validate(ontology, shapes, *fixtures, severity=SH.Warning)[1]
    assert [(w.focus, w.path) for w in warnings] == [(BAD, None)]
    assert "ag:beforeDocument true" in warnings[0].message


def test_every_invalid_fixture_is_tested() -> None:
    on_disk = {p.name[len("shapes_bad_") : -len(".ttl")] for p in FIXTURES.glob("shapes_bad_*.ttl")}
    assert on_disk == {case[0] for case in INVALID}


def test_every_shape_is_named_and_every_constraint_has_a_message(shapes: Graph) -> None:
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    for shape in node_shapes | property_shapes:
        assert str(shape).startswith(AGSH), shape
        assert isinstance(shapes.value(shape, SH.name), Literal), shape
    for shape in property_shapes:
        messages = list(shapes.objects(shape, SH.message)) + [
            m for c in shapes.objects(shape, SH.sparql) for m in shapes.objects(c, SH.message)
        ]
        assert len(messages) == 1, shape


def test_every_ag_term_in_the_shapes_is_in_the_ontology(shapes: Graph, ontology: Graph) -> None:
    used = {
        t for triple in shapes for t in triple if isinstance(t, URIRef) and t.startswith(AG_IRI)
    }
    declared = {t for t in ontology.subjects() if isinstance(t, URIRef)}
    assert used
    assert used <= declared


def _listed(shapes: Graph, shape: str) -> set[URIRef]:
    """The relations a relation-fit shape names in its first sh:or branch (sh:in)."""
    from rdflib.collection import Collection

    branches = Collection(shapes, shapes.value(URIRef(AGSH + shape), SH["or"]))
    first = branches[0]
    listing = shapes.value(first, SH["in"]) or shapes.value(
        shapes.value(first, SH["not"]), SH["in"]
    )
    return set(Collection(shapes, listing))


def _inherited(ontology: Graph, axis: URIRef, cls: URIRef) -> set[URIRef]:
    """Properties whose own or inherited rdfs:domain/range (``axis``) is ``cls``."""
    found = set()
    for prop in set(ontology.subjects(RDFS.subPropertyOf, None)):
        for ancestor in ontology.transitive_objects(prop, RDFS.subPropertyOf):
            if (ancestor, axis, cls) in ontology:
                found.add(prop)
    return found


def test_relation_fit_shapes_match_the_ontology(ontology: Graph, shapes: Graph) -> None:
    # The shapes list the relations by name (core SHACL is much faster than a SPARQL
    # constraint); these lists must follow the ontology's domains and ranges.
    assert _listed(shapes, "SubjectFitsRelation") == _inherited(ontology, RDFS.domain, AG.Person)
    assert _listed(shapes, "ControlsNeedsPlace") == _inherited(ontology, RDFS.range, AG.Place)


def test_known_relations_are_the_ontology_relation_properties(
    ontology: Graph, shapes: Graph
) -> None:
    # Written out so that the shapes need no ontology annotation in the data graph.
    from rdflib.collection import Collection

    listed = set(Collection(shapes, shapes.value(URIRef(AGSH + "KnownRelation"), SH["in"])))
    assert listed == set(ontology.subjects(AG.family, None))


# --- the standard way: pyshacl's command line, the ontology as its ontology graph ---------------


def _pyshacl(*data: Path) -> subprocess.CompletedProcess:
    """``pyshacl -s ontology/shapes.ttl -e ontology/actorgraph.ttl DATA...``, as a user runs it."""
    command = [sys.executable, "-m", "pyshacl", "-s", str(SHAPES_FILE)]
    command += ["-e", str(ontology_files()[0]), *map(str, data)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_seeds_conform_with_the_ontology_given_the_standard_way() -> None:
    run = _pyshacl(*seed_files())
    assert run.returncode == 0, run.stdout[-2000:]
    assert "Conforms: True" in run.stdout
    broken = _pyshacl(FIXTURES / "shapes_valid.ttl", FIXTURES / "shapes_bad_stance.ttl")
    assert broken.returncode == 1
    assert "ag:asserted, ag:claimed or ag:denied" in broken.stdout


@pytest.mark.slow
def test_an_export_with_the_derived_layer_conforms(tmp_path: Path) -> None:
    out = tmp_path / "actorgraph.nq"
    export = [sys.executable, "-m", "actorgraph", "export", "--format", "nq", "-o", str(out)]
    subprocess.run(export, check=True, capture_output=True)
    assert "/rollup/" in out.read_text(encoding="utf-8")  # roll-up statements are in it
    run = _pyshacl(out)
    assert run.returncode == 0, run.stdout[-2000:]
