"""Tests of ontology/actorgraph.ttl: it parses, declares and labels every term, and its
relation properties agree with the table in docs/data-model.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
from actorgraph.namespaces import AG as AG_IRI
from actorgraph.resources import ontology_files
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

AG = Namespace(AG_IRI)
ONTOLOGY_FILE = ontology_files()[0]
DATA_MODEL = Path(__file__).resolve().parent.parent / "docs" / "data-model.md"
ROOTS = {"supports", "opposes", "talksTo", "structural"}

ACTOR_CLASSES = {
    "State",
    "Government",
    "ArmedForces",
    "ArmedGroup",
    "Coalition",
    "Person",
    "InternationalOrganisation",
    "Monitor",
    "Media",
}
OTHER_CLASSES = {
    "Actor",
    "Place",
    "UnnamedSource",
    "Document",
    "Statement",
    "DerivedStatement",
    "Stance",
    "SourceReference",
    "RelationKind",
    "Modality",
    "Event",
    "SourceType",
    "DataSource",  # an on-disk store's record of its sources
    "StoreCounts",  # the counts stats reads, kept with that record
}
STATEMENT_OBJECT_PROPERTIES = {
    "subject",
    "relation",
    "object",
    "stance",
    "attributedTo",
    "source",
    "document",
    "derivedFrom",
    "via",
    # data model v2: statement fields whose values are individuals
    "modality",
    "place",
    "event",
    "sourceType",
    "ownGraph",  # a data source's own named graphs
}
STATEMENT_DATATYPE_PROPERTIES = {
    "date",
    "line",
    "excerpt",
    "note",
    "effectiveDate",
    "published",
    "fileName",
    # data model v2: statement and document fields with literal values
    "beforeDocument",
    "validFrom",
    "validUntil",
    "ending",
    "geoPrecision",
    "fatalitiesLow",
    "fatalitiesBest",
    "fatalitiesHigh",
    "notOwnLines",
    # data model v2: written by the derive step
    "effectiveEnd",
    "rule",
    # an on-disk store's record of its sources (graph/ingest/sources.py)
    "sourceName",
    "sourceKind",
    "pathHash",
    "loadedAt",
    "statementCount",
    "quadCount",
    "counts",
}
ANNOTATION_PROPERTIES = {"family", "ploverType", "cameoRoot", "score", "relationKind"}
DECLARATION_TYPES = {
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
}


@dataclass(frozen=True)
class TableRow:
    """One relation property as the data-model table describes it."""

    name: str
    family: str
    parent: str | None
    symmetric: bool
    plover: str | None
    cameo: str | None
    score: int


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def table() -> dict[str, TableRow]:
    return {row.name: row for row in _relation_table(DATA_MODEL.read_text(encoding="utf-8"))}


def _relation_table(markdown: str) -> list[TableRow]:
    """The rows of the relation table; a cell may name several properties (same values)."""
    rows = []
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 6 or cells[0] not in ROOTS:
            continue
        family, prop_cell, symmetric, plover, cameo, score = cells
        parent_match = re.search(r"⊑ (\w+)", prop_cell)
        parent = parent_match.group(1) if parent_match else family
        for name in re.findall(r"`ag:(\w+)`", prop_cell):
            rows.append(
                TableRow(
                    name=name,
                    family=family,
                    parent=None if name == family else parent,
                    symmetric=symmetric == "yes",
                    plover=plover or None,
                    cameo=cameo or None,
                    score=int(score.replace("−", "-").replace("+", "")),
                )
            )
    return rows


def _ag_terms(onto: Graph) -> set[URIRef]:
    """Every IRI in the ag: namespace used anywhere in the ontology."""
    return {
        term
        for triple in onto
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(AG_IRI)
    }


def _declared(onto: Graph, kind: URIRef) -> set[str]:
    return {
        str(s)[len(AG_IRI) :] for s in onto.subjects(RDF.type, kind) if str(s).startswith(AG_IRI)
    }


def _relation_properties(onto: Graph) -> set[URIRef]:
    """Properties whose rdfs:subPropertyOf* reaches one of the four family roots."""
    roots = [AG[name] for name in ROOTS]
    return {prop for root in roots for prop in onto.transitive_subjects(RDFS.subPropertyOf, root)}


def _texts(onto: Graph, term: URIRef, prop: URIRef, lang: str) -> list[str]:
    return [
        str(o) for o in onto.objects(term, prop) if isinstance(o, Literal) and o.language == lang
    ]


# --- parsing and declarations ---------------------------------------------------------------------


def test_rdflib_and_pyoxigraph_read_the_same_graph(onto: Graph) -> None:
    triples = pyoxigraph.parse(path=ONTOLOGY_FILE, format=pyoxigraph.RdfFormat.TURTLE)
    ntriples = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    assert isomorphic(onto, Graph().parse(data=ntriples, format="nt"))


def test_ontology_header(onto: Graph) -> None:
    header = URIRef("https://w3id.org/actorgraph/ns")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) is not None
    for lang in ("en", "ar"):
        assert _texts(onto, header, DCTERMS.title, lang)
        assert _texts(onto, header, DCTERMS.description, lang)


def test_required_terms_are_declared_with_their_kind(
    onto: Graph, table: dict[str, TableRow]
) -> None:
    assert _declared(onto, OWL.Class) == ACTOR_CLASSES | OTHER_CLASSES
    assert _declared(onto, OWL.ObjectProperty) == STATEMENT_OBJECT_PROPERTIES | set(table)
    assert _declared(onto, OWL.DatatypeProperty) == STATEMENT_DATATYPE_PROPERTIES
    assert _declared(onto, OWL.AnnotationProperty) == ANNOTATION_PROPERTIES
    assert _declared(onto, AG.Stance) == {"asserted", "claimed", "denied"}


def test_actor_classes_are_the_subclasses_of_actor(onto: Graph) -> None:
    subclasses = {str(c)[len(AG_IRI) :] for c in onto.subjects(RDFS.subClassOf, AG.Actor)}
    assert subclasses == ACTOR_CLASSES
    assert (AG.DerivedStatement, RDFS.subClassOf, AG.Statement) in onto


def test_actor_classes_match_the_data_model(onto: Graph) -> None:
    text = DATA_MODEL.read_text(encoding="utf-8")
    paragraph = text.split("all subclasses of `ag:Actor`:", 1)[1].split("\n\n", 2)[1]
    assert set(re.findall(r"`ag:(\w+)`", paragraph)) == ACTOR_CLASSES


def test_every_ag_term_used_is_declared(onto: Graph) -> None:
    undeclared = [
        t for t in _ag_terms(onto) if not set(onto.objects(t, RDF.type)) & DECLARATION_TYPES
    ]
    assert undeclared == []


def test_every_ag_term_in_the_data_model_is_declared(onto: Graph) -> None:
    mentioned = set(re.findall(r"ag:(\w+)", DATA_MODEL.read_text(encoding="utf-8")))
    assert mentioned
    assert {AG[name] for name in mentioned} <= _ag_terms(onto)


def test_no_iri_is_two_kinds_of_property(onto: Graph) -> None:
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for term in _ag_terms(onto):
        assert sum((term, RDF.type, kind) in onto for kind in kinds) <= 1, term


def test_every_term_has_one_label_and_definition_per_language(onto: Graph) -> None:
    missing = [
        f"{term} {prop.fragment or prop} @{lang}"
        for term in _ag_terms(onto)
        for prop in (RDFS.label, SKOS.definition)
        for lang in ("en", "ar")
        if len(_texts(onto, term, prop, lang)) != 1
    ]
    assert missing == []


def test_arabic_texts_are_written_in_arabic(onto: Graph) -> None:
    arabic = re.compile(r"[\u0600-\u06FF]")
    wrong = [
        str(o)
        for o in onto.objects()
        if isinstance(o, Literal) and o.language == "ar" and not arabic.search(str(o))
    ]
    assert wrong == []


def test_stance_has_its_three_distinct_individuals(onto: Graph) -> None:
    # The set is closed by the shapes (sh:in), not by owl:oneOf (outside OWL 2 RL).
    stances = {AG.asserted, AG.claimed, AG.denied}
    assert set(onto.subjects(RDF.type, AG.Stance)) == stances
    distinct = [set(Collection(onto, m)) for m in onto.objects(None, OWL.distinctMembers)]
    assert stances in distinct


# --- relation properties -------------------------------------------------------------------------


def test_relation_properties_are_exactly_the_table(onto: Graph, table: dict[str, TableRow]) -> None:
    assert len(table) == 38  # v2 adds ag:leads
    assert {str(p)[len(AG_IRI) :] for p in _relation_properties(onto)} == set(table)


def test_relation_properties_agree_with_the_table(onto: Graph, table: dict[str, TableRow]) -> None:
    for name, row in table.items():
        prop = AG[name]
        assert (prop, RDF.type, OWL.ObjectProperty) in onto, name
        parents = set(onto.objects(prop, RDFS.subPropertyOf))
        assert parents == ({AG[row.parent]} if row.parent else set()), name
        assert onto.value(prop, AG.family) == AG[row.family], name
        plover = Literal(row.plover) if row.plover else None
        assert onto.value(prop, AG.ploverType) == plover, name
        cameo = Literal(row.cameo) if row.cameo else None
        assert onto.value(prop, AG.cameoRoot) == cameo, name
        assert onto.value(prop, AG.score) == Literal(row.score), name


def test_symmetric_properties_are_the_ones_the_table_marks(
    onto: Graph, table: dict[str, TableRow]
) -> None:
    symmetric = {str(p)[len(AG_IRI) :] for p in onto.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {name for name, row in table.items() if row.symmetric}
    assert "talksTo" in symmetric


def test_family_is_the_root_reached_by_sub_property_chains(onto: Graph) -> None:
    for prop in _relation_properties(onto):
        ancestors = set(onto.transitive_objects(prop, RDFS.subPropertyOf))
        roots = {AG[name] for name in ROOTS} & ancestors
        assert roots == {onto.value(prop, AG.family)}, prop


def test_every_relation_property_carries_its_annotations(onto: Graph) -> None:
    for prop in _relation_properties(onto):
        score = onto.value(prop, AG.score)
        assert isinstance(score, Literal) and isinstance(score.value, int), prop
        assert -10 <= score.value <= 10, prop
        structural = onto.value(prop, AG.family) == AG.structural
        assert (onto.value(prop, AG.ploverType) is None) == structural, prop
        if structural:
            assert score.value == 0, prop


def test_relation_domains_and_ranges(onto: Graph) -> None:
    people_roles = set(onto.transitive_subjects(RDFS.subPropertyOf, AG.represents))
    for prop in _relation_properties(onto) - {AG.structural}:
        domain = AG.Person if prop in people_roles else AG.Actor
        range_ = AG.Place if prop == AG.controls else AG.Actor
        assert set(onto.objects(prop, RDFS.domain)) == {domain}, prop
        assert set(onto.objects(prop, RDFS.range)) == {range_}, prop
    # The root has no range: a union of ag:Actor and ag:Place would be outside OWL 2 RL.
    assert onto.value(AG.structural, RDFS.range) is None
