"""Statement rows: what one statement (curated or derived) says, flattened for a reader.

A :class:`RelationRow` is one statement with everything a reader needs to judge it: who,
what, when (its date, validity and place in time), how sure (stance, modality), who said
it and the document lines it rests on. The rows come from ``statements.rq`` /
``all-statements.rq`` (one solution per combination of a statement's list-valued parts),
folded here by :class:`RowFolder`; labels and the relation vocabulary are read once per
graph and cached.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from ..namespaces import STATEMENT, local_id
from ..records import Record
from ..resources import query_text
from ..text import vocab_key

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = [
    "Stance",
    "SourceRef",
    "RelationRow",
    "RowFolder",
    "Vocabulary",
    "date_precision",
    "labels",
    "statement_id",
    "vocabulary",
]


class Stance(StrEnum):
    """How far the report stands behind a statement."""

    asserted = "asserted"
    claimed = "claimed"
    denied = "denied"


@dataclass(frozen=True, order=True)
class SourceRef(Record):
    """A line of a document that a statement rests on, with the excerpt copied from it."""

    document: str  # the document's file name
    line: int
    excerpt: str | None = None

    def __str__(self) -> str:
        return f"{self.document}:{self.line}"


@dataclass(frozen=True)
class RelationRow(Record):
    """One statement, curated or derived, with its provenance.

    Its JSON form (``to_dict``): ids are local ids, relation and family are local names.
    """

    JSON_KEYS = (
        "statement", "subject", "subject_label", "relation", "family", "object",
        "object_label", "date", "date_precision", "valid_from", "valid_until", "known_by",
        "ended=effective_end", "stance", "attributed_to", "derived", "rule", "via", "sources",
        "documents", "attributions", "note", "kind", "ending", "modality", "place",
        "geo_precision", "fatalities_low", "fatalities_best", "fatalities_high", "event",
        "source_type",
    )  # fmt: skip

    statement: str  # statement id: the IRI after the statement namespace
    subject: str
    subject_label: str
    relation: str
    family: str
    object: str
    object_label: str
    date: str | None  # ag:date as written: a day, a month or a year
    stance: Stance
    attributed_to: tuple[str, ...]
    derived: bool
    via: tuple[str, ...]  # the statement a roll-up comes from, then its structural statements
    sources: tuple[SourceRef, ...]
    note: str | None
    subject_iri: str = field(repr=False)
    relation_iri: str = field(repr=False)
    object_iri: str = field(repr=False)
    effective_date: datetime.date | None = field(default=None, repr=False)
    #: The last day the state held (its validUntil or an ending statement; for a roll-up,
    #: the earliest end along its chain); None: not ended.
    effective_end: datetime.date | None = field(default=None, repr=False)
    kind: str = "event"  # the relation's kind in time: "event" or "state"
    rule: str | None = None  # a roll-up's rules, e.g. "part-of+leads"
    valid_from: str | None = None
    valid_until: str | None = None
    ending: bool = False
    modality: str = "actual"
    place: str | None = None
    geo_precision: int | None = None
    fatalities: tuple[int | None, int | None, int | None] = (None, None, None)
    event: str | None = None
    source_type: str | None = None
    speakers: tuple[str, ...] = field(default=(), repr=False)  # attributedTo IRIs
    documents: int = 0  # distinct documents stating the truthy triple (see count_support)
    attributions: int = 0  # distinct parties it is attributed to

    @property
    def counts(self) -> bool:
        """Whether the row says its relation holds: not denied, actual, not an ending."""
        return self.stance is not Stance.denied and self.modality == "actual" and not self.ending

    @property
    def known_by(self) -> datetime.date | None:
        """For an undated statement, the document date that bounds it; else None."""
        return self.effective_date if self.date is None else None

    def start(self) -> datetime.date | None:
        """The first day the row is part of the picture (None: from an unknown time).

        An event (and an ending) from its date, or its document's date when undated; a
        state from its validFrom, else its date; an undated state from before its document.
        """
        if self.kind != "state" or self.ending:
            return self.effective_date
        return _first_day(self.valid_from) or _first_day(self.date)

    def holds_at(self, at: datetime.date | None) -> bool:
        """Whether the row is part of the picture on day ``at`` (None: any day): an event
        that happened on or before it, a state begun by it and not ended before it."""
        if at is None:
            return True
        start = self.start()
        if self.kind != "state" or self.ending:
            return start is not None and start <= at
        return (start is None or start <= at) and (
            self.effective_end is None or self.effective_end >= at
        )

    @property
    def date_precision(self) -> str | None:
        return date_precision(self.date)

    @property
    def fatalities_low(self) -> int | None:
        return self.fatalities[0]

    @property
    def fatalities_best(self) -> int | None:
        return self.fatalities[1]

    @property
    def fatalities_high(self) -> int | None:
        return self.fatalities[2]


def date_precision(text: str | None) -> str | None:
    """``day``, ``month`` or ``year``: the precision of a date as written (its datatype).

    >>> date_precision("2024-12-01"), date_precision("2016-12"), date_precision("2016")
    ('day', 'month', 'year')
    """
    if not text:
        return None
    return {1: "year", 2: "month"}.get(text.lstrip("-").count("-") + 1, "day")


def statement_id(iri: str) -> str:
    """The id of a statement: its IRI after the statement namespace (roll-ups keep a path).

    >>> statement_id("https://w3id.org/actorgraph/statement/aleppo-018/rollup/role~iraq/hts")
    'aleppo-018/rollup/role~iraq/hts'
    """
    return iri[len(STATEMENT) :] if iri.startswith(STATEMENT) else local_id(iri)


@dataclass(frozen=True)
class Vocabulary:
    """The relation properties of one graph."""

    family: dict[str, str]  # property IRI -> family root IRI
    supers: dict[str, frozenset[str]]  # property IRI -> its relation super-properties
    symmetric: frozenset[str]
    kinds: dict[str, str]  # property IRI -> "event" or "state"

    def names(self) -> dict[str, str]:
        """vocab key -> property IRI, for every relation property."""
        return {vocab_key(local_id(iri)): iri for iri in self.family}

    def families(self) -> list[str]:
        return sorted({local_id(root) for root in self.family.values()})


_VOCABULARIES: WeakKeyDictionary[GraphStore, Vocabulary] = WeakKeyDictionary()
_LABELS: WeakKeyDictionary[GraphStore, dict[str, str]] = WeakKeyDictionary()


def vocabulary(gs: GraphStore) -> Vocabulary:
    """The relation properties of ``gs``, read once per graph."""
    found = _VOCABULARIES.get(gs)
    if found is None:
        family: dict[str, str] = {}
        supers: dict[str, set[str]] = {}
        symmetric: set[str] = set()
        for s in gs.select(query_text("relation-properties.rq")):
            iri = s["property"].value
            family[iri] = s["family"].value
            supers.setdefault(iri, set()).add(s["super"].value)
            if s["symmetric"].value == "true":
                symmetric.add(iri)
        kinds = {
            s["property"].value: local_id(s["kind"].value)
            for s in gs.select(query_text("relation-kinds.rq"))
        }
        found = _VOCABULARIES[gs] = Vocabulary(
            family, {iri: frozenset(up) for iri, up in supers.items()}, frozenset(symmetric), kinds
        )
    return found


def labels(gs: GraphStore) -> dict[str, str]:
    """IRI -> English label (the first in code point order if several), read once per graph."""
    found = _LABELS.get(gs)
    if found is None:
        found = {}
        for s in gs.table(query_text("labels.rq")):
            iri, label = s["resource"], s["label"]
            found[iri] = min(found.get(iri, label), label)
        _LABELS[gs] = found
    return found


class RowFolder:
    """Folds the solutions of one statement (``statements.rq``, ``all-statements.rq``: one
    per combination of its list-valued parts) into its :class:`RelationRow`.

    Local ids, labels, families and stances are worked out once per IRI, not once per row.
    """

    def __init__(self, labels: dict[str, str], vocabulary: Vocabulary):
        local = self.local_id = cache(local_id)
        self.label = cache(lambda iri: labels.get(iri) or local(iri))
        self.family = cache(lambda iri: local(vocabulary.family.get(iri, "")))
        self.kind = cache(lambda iri: vocabulary.kinds.get(iri, "event"))
        self.stance = cache(lambda iri: Stance(local(iri)))

    def __call__(self, solutions: list[dict[str, str]]) -> RelationRow:
        s = solutions[0]
        subject, relation, object_ = s["subject"], s["relation"], s["object"]
        original = s["original"]
        genres = sorted({self.local_id(x["genre"]) for x in solutions if x["genre"]})
        return RelationRow(
            statement=statement_id(s["statement"]),
            subject=self.local_id(subject),
            subject_label=self.label(subject),
            relation=self.local_id(relation),
            family=self.family(relation),
            object=self.local_id(object_),
            object_label=self.label(object_),
            date=s["date"] or None,
            stance=self.stance(s["stance"]),
            attributed_to=self._speakers(solutions),
            derived=bool(original),
            via=self._via(original, solutions),
            sources=self._sources(solutions),
            note=s["note"] or None,
            subject_iri=subject,
            relation_iri=relation,
            object_iri=object_,
            effective_date=_day(s["effective"]),
            effective_end=_day(s["end"]),
            kind=self.kind(relation),
            rule=s["rule"] or None,
            valid_from=s["from"] or None,
            valid_until=s["until"] or None,
            ending=s["ending"] in ("true", "1"),
            modality=self.local_id(s["modality"]) if s["modality"] else "actual",
            place=self.local_id(s["place"]) if s["place"] else None,
            geo_precision=_int(s["precision"]),
            fatalities=(_int(s["low"]), _int(s["best"]), _int(s["high"])),
            event=self.local_id(s["event"]) if s["event"] else None,
            source_type=self.local_id(s["type"]) if s["type"] else (genres or [None])[0],
            speakers=tuple(sorted({x["speaker"] for x in solutions if x["speaker"]})),
        )

    def _speakers(self, solutions: list[dict[str, str]]) -> tuple[str, ...]:
        """Who the statement is attributed to, by label."""
        names = {self.label(s["speaker"]) for s in solutions if s["speaker"]}
        return tuple(sorted(names, key=str.casefold))

    def _via(self, original: str, solutions: list[dict[str, str]]) -> tuple[str, ...]:
        """A roll-up's original statement, then the structural statements it goes through."""
        if not original:
            return ()
        steps = {statement_id(s["via"]) for s in solutions if s["via"]}
        return (statement_id(original), *sorted(steps))

    def _sources(self, solutions: list[dict[str, str]]) -> tuple[SourceRef, ...]:
        """The document lines the statement rests on, by document, line and excerpt."""
        found = {
            SourceRef(
                s["file"] or self.local_id(s["document"]), int(s["line"]), s["excerpt"] or None
            )
            for s in solutions
            if s["document"] and s["line"]
        }
        return tuple(sorted(found, key=lambda r: (r.document, r.line, r.excerpt or "")))


def _day(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _first_day(text: str | None) -> datetime.date | None:
    """The first day of a date as written (a year at 1 January), or None."""
    if not text:
        return None
    padded = {1: f"{text}-01-01", 2: f"{text}-01"}.get(text.count("-") + 1, text[:10])
    try:
        return datetime.date.fromisoformat(padded)
    except ValueError:
        return None
