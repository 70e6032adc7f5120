"""The sheets and their columns: one definition that the writer, the reader and the docs share.

Each sheet holds the nodes of one class, one row per node (a statement takes one row per
source). Each column maps to one property, through a codec (:mod:`actorgraph.curation.codecs`);
a ``multi`` column holds several values separated by ``|``. ``other.csv`` holds, as N-Triples
terms, any triple no column can hold exactly, so that every graph has a complete sheet form.

>>> [sheet.name for sheet in SHEETS]
['actors', 'places', 'sources', 'events', 'documents', 'statements', 'other']
>>> SHEET["statements"].column("fatalities_best").predicate
'https://w3id.org/actorgraph/ns#fatalitiesBest'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..namespaces import ACTOR, AG, DOCUMENT, EVENT, PLACE, RDF, RDFS, SOURCE, STATEMENT
from .codecs import (
    BOOLEAN,
    COUNT,
    DATE,
    INTEGER,
    PLAIN,
    PRECISION,
    TEXT,
    TEXT_AR,
    TEXT_EN,
    Codec,
    Id,
    Reference,
    Vocabulary,
    Wikidata,
)

__all__ = ["Column", "Sheet", "SHEETS", "SHEET", "SOURCE_COLUMNS", "TYPE", "SOURCE_LINK"]

TYPE = RDF + "type"
SOURCE_LINK = AG + "source"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCTERMS = "http://purl.org/dc/terms/"
_OWL = "http://www.w3.org/2002/07/owl#"


@dataclass(frozen=True)
class Column:
    """One column: its name, the property it holds, its codec, and what it says."""

    name: str
    predicate: str | None  # None: the row's id, or a source column (see SOURCE_COLUMNS)
    codec: Codec
    doc: str
    multi: bool = False
    required: bool = False  # the column must be in the header (a value is checked elsewhere)


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name (the file is ``<name>.csv``), the class of its rows, its columns."""

    name: str
    type: str | None  # the rdf:type that puts a node on this sheet
    namespace: str
    columns: tuple[Column, ...]
    doc: str

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [c.name for c in self.columns]


def _id(namespace: str, what: str) -> Column:
    return Column("id", None, Id(namespace), f"the {what}'s permanent id", required=True)


def _labels(what: str) -> tuple[Column, ...]:
    return (
        Column("label_en", RDFS + "label", TEXT_EN, f"the {what}'s English name"),
        Column("label_ar", RDFS + "label", TEXT_AR, f"the {what}'s Arabic name"),
    )


_COMMENT = Column(
    "comment", RDFS + "comment", TEXT, "one sentence in our own words (several: `|`)", multi=True
)
_ACTOR_REF = Reference(("actor",), ACTOR)

ACTORS = Sheet(
    "actors",
    None,
    ACTOR,
    (
        _id(ACTOR, "actor"),
        Column(
            "class",
            TYPE,
            Vocabulary("class"),
            "actor class: State, Government, ArmedForces, ArmedGroup, Coalition, Person, "
            "InternationalOrganisation, Monitor or Media",
            multi=True,
            required=True,
        ),
        *_labels("actor"),
        Column("aliases", _SKOS + "altLabel", TEXT, "other names the sources use", multi=True),
        Column("wikidata", _OWL + "sameAs", Wikidata(), "Wikidata id (Q...), if certain", True),
        _COMMENT,
    ),
    "one row per actor",
)
PLACES = Sheet(
    "places",
    AG + "Place",
    PLACE,
    (
        _id(PLACE, "place"),
        *_labels("place"),
        Column("aliases", _SKOS + "altLabel", TEXT, "other names", multi=True),
        _COMMENT,
    ),
    "one row per place (object of controls, or a statement's place)",
)
SOURCES = Sheet(
    "sources",
    AG + "UnnamedSource",
    SOURCE,
    (_id(SOURCE, "unnamed source"), *_labels("unnamed source"), _COMMENT),
    'one row per unnamed source ("two sources in the Syrian army")',
)
EVENTS = Sheet(
    "events",
    AG + "Event",
    EVENT,
    (_id(EVENT, "event"), *_labels("event"), _COMMENT),
    "one row per multi-party event",
)
DOCUMENTS = Sheet(
    "documents",
    AG + "Document",
    DOCUMENT,
    (
        Column("id", None, Id(DOCUMENT), "the document's id; empty: its file name"),
        Column("file_name", AG + "fileName", PLAIN, "its file in the corpus", required=True),
        Column("title", _DCTERMS + "title", TEXT, "its own title, as published"),
        Column("publisher", _DCTERMS + "publisher", PLAIN, "who published it, when known"),
        Column("published", AG + "published", DATE, "date published (YYYY-MM-DD)"),
        Column("language", _DCTERMS + "language", PLAIN, "its language: en or ar"),
        Column(
            "genre",
            AG + "sourceType",
            Vocabulary("sourceType"),
            "newsReport, governmentStatement, pressBriefing, jointStatement or callReadout",
        ),
        Column(
            "not_own_lines",
            AG + "notOwnLines",
            PLAIN,
            "line ranges that are not its own statements (headlines, questions), e.g. 1,23-26",
        ),
        Column("label", RDFS + "label", TEXT, "a short description used in listings"),
        _COMMENT,
    ),
    "one row per source document",
)
#: The columns of a statement row that describe one source: document, line and excerpt.
SOURCE_COLUMNS = ("document", "line", "excerpt")
STATEMENTS = Sheet(
    "statements",
    AG + "Statement",
    STATEMENT,
    (
        _id(STATEMENT, "statement"),
        Column("subject", AG + "subject", _ACTOR_REF, "who acts: an actor", required=True),
        Column("relation", AG + "relation", Vocabulary("relation"), "a relation", required=True),
        Column(
            "object",
            AG + "object",
            Reference(("actor", "place"), ACTOR),
            "to whom: an actor (a place for controls)",
            required=True,
        ),
        Column("date", AG + "date", DATE, "when: YYYY-MM-DD, YYYY-MM or YYYY"),
        Column("valid_from", AG + "validFrom", DATE, "start of a state"),
        Column("valid_until", AG + "validUntil", DATE, "end of a state"),
        Column(
            "stance",
            AG + "stance",
            Vocabulary("stance"),
            "asserted, claimed or denied",
            required=True,
        ),
        Column(
            "attributed_to",
            AG + "attributedTo",
            Reference(("actor", "source"), ACTOR),
            "who says it: actors or unnamed sources (`source:id`)",
            multi=True,
        ),
        Column("document", None, Reference(("document",), DOCUMENT), "the cited document"),
        Column("line", None, INTEGER, "the cited line (1-based)"),
        Column("excerpt", None, TEXT, "at most ~15 words copied exactly from that line"),
        Column("note", AG + "note", TEXT_EN, "a short English note in our own words"),
        Column(
            "before_document",
            AG + "beforeDocument",
            BOOLEAN,
            "true: undated, before its document's date",
        ),
        Column("ending", AG + "ending", BOOLEAN, "true: the state stopped on its date"),
        Column("place", AG + "place", Reference(("place",), PLACE), "where it happened"),
        Column("geo_precision", AG + "geoPrecision", PRECISION, "1 town, 2 near it, 3 region"),
        Column("fatalities_low", AG + "fatalitiesLow", COUNT, "lowest death toll given"),
        Column("fatalities_best", AG + "fatalitiesBest", COUNT, "the death toll given"),
        Column("fatalities_high", AG + "fatalitiesHigh", COUNT, "highest death toll given"),
        Column("modality", AG + "modality", Vocabulary("modality"), "actual, planned or expected"),
        Column("event", AG + "event", Reference(("event",), EVENT), "the multi-party event"),
        Column(
            "source_type",
            AG + "sourceType",
            Vocabulary("sourceType"),
            "the genre of the part it rests on, if not the document's",
        ),
    ),
    "one row per source of a statement; rows with the same id are one statement",
)
OTHER = Sheet(
    "other",
    None,
    "",
    (
        Column("subject", None, PLAIN, "an N-Triples term: <iri> or _:blank", required=True),
        Column("predicate", None, PLAIN, "an N-Triples IRI", required=True),
        Column("object", None, PLAIN, "an N-Triples term, a literal too", required=True),
    ),
    "any triple no other column can hold exactly",
)
SHEETS = (ACTORS, PLACES, SOURCES, EVENTS, DOCUMENTS, STATEMENTS, OTHER)
SHEET = {sheet.name: sheet for sheet in SHEETS}
