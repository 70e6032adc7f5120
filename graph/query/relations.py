"""Statement rows for an actor, who supports / opposes / talks to an actor, and graph stats.

A :class:`RelationRow` is one statement, curated or derived (a roll-up), flattened with
everything a reader needs to judge it: who, what, when, how sure (stance), who said it and
the document lines it rests on.

Speed: the rows of an actor come from ONE query (``statements.rq``) that starts from the
bound actor, so its cost follows the actor's statements, not the size of the graph (on an
embedded store, :mod:`actorgraph.store.statement_index` answers it by index lookups, without
SPARQL); every
statement of the graph comes from one streaming pass (``all-statements.rq``), so its cost
grows linearly. Both return one row per combination of list-valued parts, grouped here.
Labels (``labels.rq``) and the relation vocabulary are read once per graph and cached.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from pyoxigraph import NamedNode, QueryResultsFormat

from ..errors import QueryError, UsageError
from ..namespaces import STATEMENT, local_id
from ..resources import query_text
from ..store.statement_index import statement_table
from ..text import vocab_key
from .actors import Actor, actor_by_iri, find_actors

if TYPE_CHECKING:
    from ..store.base import GraphStore, Term

__all__ = [
    "Direction",
    "Stance",
    "Family",
    "parse_family",
    "SourceRef",
    "RelationRow",
    "WhoRow",
    "relations",
    "all_statements",
    "known_by",
    "who",
    "stats",
    "relation_names",
    "symmetric_relations",
    "statement_id",
]


class Direction(StrEnum):
    """Which side of a statement the actor is on: subject (out), object (in) or either."""

    out = "out"
    in_ = "in"
    both = "both"


class Stance(StrEnum):
    """How far the report stands behind a statement."""

    asserted = "asserted"
    claimed = "claimed"
    denied = "denied"


class Family(StrEnum):
    """The relation families :func:`who` answers for (values are the ontology's names)."""

    supports = "supports"
    opposes = "opposes"
    talksTo = "talksTo"


def parse_family(text: str) -> Family:
    """The family named ``text``: any case, with or without ``-`` (``talks-to``).

    >>> parse_family("talks-to"), parse_family("Supports")
    (<Family.talksTo: 'talksTo'>, <Family.supports: 'supports'>)
    """
    for family in Family:
        if vocab_key(family.value) == vocab_key(text):
            return family
    raise UsageError(f"unknown relation family {text!r}; use supports, opposes or talks-to.")


@dataclass(frozen=True, order=True)
class SourceRef:
    """A line of a document that a statement rests on, with the excerpt copied from it."""

    document: str  # the document's file name
    line: int
    excerpt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "line": self.line, "excerpt": self.excerpt}

    def __str__(self) -> str:
        return f"{self.document}:{self.line}"


@dataclass(frozen=True)
class RelationRow:
    """One statement, curated or derived, with its provenance (see :meth:`to_dict`)."""

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
    via: tuple[str, ...]  # the statement a roll-up comes from, then its role statements
    sources: tuple[SourceRef, ...]
    note: str | None
    subject_iri: str = field(repr=False)
    relation_iri: str = field(repr=False)
    object_iri: str = field(repr=False)
    effective_date: datetime.date | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; ids are local ids, relation and family are local names."""
        return {
            "statement": self.statement,
            "subject": self.subject,
            "subject_label": self.subject_label,
            "relation": self.relation,
            "family": self.family,
            "object": self.object,
            "object_label": self.object_label,
            "date": self.date,
            "stance": self.stance.value,
            "attributed_to": list(self.attributed_to),
            "derived": self.derived,
            "via": list(self.via),
            "sources": [source.to_dict() for source in self.sources],
            "note": self.note,
        }


@dataclass(frozen=True)
class WhoRow:
    """An actor that supports, opposes or talks to another, with the statements that say so."""

    actor: Actor
    statements: tuple[RelationRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.actor.to_dict(), "statements": [row.to_dict() for row in self.statements]}


@dataclass(frozen=True)
class _Vocabulary:
    """The relation properties of one graph."""

    family: dict[str, str]  # property IRI -> family root IRI
    supers: dict[str, frozenset[str]]  # property IRI -> its relation super-properties
    symmetric: frozenset[str]

    def names(self) -> dict[str, str]:
        """vocab key -> property IRI, for every relation property."""
        return {vocab_key(local_id(iri)): iri for iri in self.family}

    def families(self) -> list[str]:
        return sorted({local_id(root) for root in self.family.values()})


_VOCABULARIES: WeakKeyDictionary[GraphStore, _Vocabulary] = WeakKeyDictionary()
_LABELS: WeakKeyDictionary[GraphStore, dict[str, str]] = WeakKeyDictionary()
_NOT_DENIED = frozenset({Stance.asserted, Stance.claimed})


def relations(
    gs: GraphStore,
    actor: Actor,
    type: str | None = None,
    direction: Direction = Direction.both,
    stances: Collection[Stance] | None = None,
    at: datetime.date | None = None,
) -> list[RelationRow]:
    """The statements (curated and derived) with ``actor`` as subject or object.

    ``direction`` picks the side (out: subject, in: object). ``type`` is a family
    (supports, opposes, talks-to, structural) or a relation name such as attacks; it takes
    in the sub-properties too. ``stances`` keeps only those stances; ``at`` keeps statements
    whose effective date is on or before it (a statement without one is then left out).
    Rows are sorted by effective date, then statement id.

    Raises :class:`UsageError` for an unknown ``type``.
    """
    wanted = _relation_filter(gs, type)
    sides = {
        Direction.out: lambda row: row.subject_iri == actor.iri,
        Direction.in_: lambda row: row.object_iri == actor.iri,
        Direction.both: lambda row: True,
    }[Direction(direction)]
    rows = [
        row
        for row in _statement_rows(gs, actor)
        if sides(row)
        and (wanted is None or row.relation_iri in wanted)
        and (stances is None or row.stance in stances)
        and known_by(row, at)
    ]
    return sorted(rows, key=_date_order)


def known_by(row: RelationRow, at: datetime.date | None) -> bool:
    """Whether ``row`` is part of the picture as known on day ``at`` (None: any day).

    A statement counts from its effective date: its own date, or else the publication
    date of its source.
    """
    return at is None or (row.effective_date is not None and row.effective_date <= at)


def all_statements(gs: GraphStore, at: datetime.date | None = None) -> list[RelationRow]:
    """Every statement of the graph, curated and derived, by effective date then id.

    ``at`` keeps only the statements known on that day (see :func:`known_by`).
    """
    return sorted((row for row in _statement_rows(gs, None) if known_by(row, at)), key=_date_order)


def who(
    gs: GraphStore, family: Family, actor: Actor, at: datetime.date | None = None
) -> list[WhoRow]:
    """The actors that support, oppose or talk to ``actor``, most statements first.

    For supports and opposes they are the subject and ``actor`` the object, except that a
    symmetric relation (alliedWith, fightsAlongside) counts both ways; talking counts both
    ways. Roll-ups count. Only asserted and claimed statements count and are listed, so an
    actor whose only such statements are denied is not listed. ``at`` as in
    :func:`relations`. Ties are ordered by label.
    """
    family = Family(family)
    symmetric = _vocabulary(gs).symmetric
    grouped: defaultdict[str, list[RelationRow]] = defaultdict(list)
    for row in relations(gs, actor, type=family.value, stances=_NOT_DENIED, at=at):
        either_way = family is Family.talksTo or row.relation_iri in symmetric
        if row.object_iri == actor.iri:
            other = row.subject_iri
        elif either_way:
            other = row.object_iri
        else:
            continue
        if other != actor.iri:
            grouped[other].append(row)
    found = [
        WhoRow(party, tuple(rows))
        for iri, rows in grouped.items()
        if (party := actor_by_iri(gs, iri)) is not None
    ]
    return sorted(found, key=lambda w: (-len(w.statements), w.actor.label.casefold(), w.actor.id))


def stats(gs: GraphStore, at: datetime.date | None = None) -> dict[str, Any]:
    """Counts that describe the graph.

    ``statements``, ``by_family``, ``by_stance`` and ``sources`` count curated statements
    only (roll-ups are left out); ``sources`` is the number of distinct document lines
    cited. ``actors`` counts every actor. ``at`` counts only the statements known on that
    day (see :func:`known_by`).
    """
    curated = [row for row in all_statements(gs, at) if not row.derived]
    by_family = Counter({name: 0 for name in _vocabulary(gs).families()})
    by_family.update(row.family for row in curated)
    by_stance = Counter({stance.value: 0 for stance in Stance})
    by_stance.update(row.stance.value for row in curated)
    cited = {(source.document, source.line) for row in curated for source in row.sources}
    return {
        "actors": len(find_actors(gs)),
        "statements": len(curated),
        "by_family": dict(by_family),
        "by_stance": dict(by_stance),
        "sources": len(cited),
    }


def relation_names(gs: GraphStore) -> list[str]:
    """The valid ``type`` names of :func:`relations`: the families, then every relation."""
    vocabulary = _vocabulary(gs)
    families = vocabulary.families()
    others = sorted(
        (local_id(iri) for iri in vocabulary.family if local_id(iri) not in families),
        key=str.casefold,
    )
    return [*families, *others]


def symmetric_relations(gs: GraphStore) -> frozenset[str]:
    """The IRIs of the symmetric relation properties (alliedWith, meetsWith ...)."""
    return _vocabulary(gs).symmetric


def statement_id(iri: str) -> str:
    """The id of a statement: its IRI after the statement namespace (roll-ups keep a path).

    >>> statement_id("https://w3id.org/actorgraph/statement/aleppo-018/rollup/iraq/hts")
    'aleppo-018/rollup/iraq/hts'
    """
    return iri[len(STATEMENT) :] if iri.startswith(STATEMENT) else local_id(iri)


def _statement_rows(gs: GraphStore, actor: Actor | None) -> list[RelationRow]:
    """The rows of the statements about ``actor`` (every statement if None), unsorted."""
    if actor is None:
        solutions = _solutions(gs, query_text("all-statements.rq"))
    elif gs.local:
        solutions = statement_table(gs.store, actor.iri)
    else:
        solutions = _solutions(gs, query_text("statements.rq"), {"actor": NamedNode(actor.iri)})
    by_statement: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for s in solutions:
        by_statement[s["statement"]].append(s)
    fold = _RowFolder(_labels(gs), _vocabulary(gs).family)
    return [fold(group) for group in by_statement.values()]


def _solutions(
    gs: GraphStore, query: str, bindings: dict[str, Term] | None = None
) -> list[dict[str, str]]:
    """The solutions of a SELECT query as the bare values of their terms ("" if unbound).

    The answer goes through pyoxigraph's SPARQL CSV writer and :mod:`csv`, which for big
    answers is many times faster than a Python term object per cell (and than the JSON
    writer). CSV does not tell an unbound variable from an empty literal: both read as "".
    """
    result = gs.query(query, bindings)
    try:
        payload = result.serialize(format=QueryResultsFormat.CSV)
    except OSError as error:
        raise QueryError(f"query failed: {error}") from None
    reader = csv.reader(io.StringIO(payload.decode("utf-8"), newline=""))
    names = next(reader)
    return [dict(zip(names, cells, strict=True)) for cells in reader]


class _RowFolder:
    """Folds the solutions of one statement (``statements.rq``, ``all-statements.rq``: one
    per combination of its list-valued parts) into its :class:`RelationRow`.

    Local ids, labels, families and stances are worked out once per IRI, not once per row.
    """

    def __init__(self, labels: dict[str, str], families: dict[str, str]):
        local = self.local_id = cache(local_id)
        self.label = cache(lambda iri: labels.get(iri) or local(iri))
        self.family = cache(lambda iri: local(families.get(iri, "")))
        self.stance = cache(lambda iri: Stance(local(iri)))

    def __call__(self, solutions: list[dict[str, str]]) -> RelationRow:
        s = solutions[0]
        subject, relation, object_ = s["subject"], s["relation"], s["object"]
        original, effective = s["original"], s["effective"]
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
            effective_date=datetime.date.fromisoformat(effective) if effective else None,
        )

    def _speakers(self, solutions: list[dict[str, str]]) -> tuple[str, ...]:
        """Who the statement is attributed to, by label."""
        names = {self.label(s["speaker"]) for s in solutions if s["speaker"]}
        return tuple(sorted(names, key=str.casefold))

    def _via(self, original: str, solutions: list[dict[str, str]]) -> tuple[str, ...]:
        """A roll-up's original statement, then the role statements it goes through."""
        if not original:
            return ()
        roles = {statement_id(s["via"]) for s in solutions if s["via"]}
        return (statement_id(original), *sorted(roles))

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


def _labels(gs: GraphStore) -> dict[str, str]:
    """IRI -> English label (the first in code point order if several), read once per graph."""
    labels = _LABELS.get(gs)
    if labels is None:
        labels = {}
        for s in _solutions(gs, query_text("labels.rq")):
            iri, label = s["resource"], s["label"]
            labels[iri] = min(labels.get(iri, label), label)
        _LABELS[gs] = labels
    return labels


def _date_order(row: RelationRow) -> tuple[datetime.date, str]:
    return (row.effective_date or datetime.date.max, row.statement)


def _vocabulary(gs: GraphStore) -> _Vocabulary:
    vocabulary = _VOCABULARIES.get(gs)
    if vocabulary is None:
        family: dict[str, str] = {}
        supers: defaultdict[str, set[str]] = defaultdict(set)
        symmetric: set[str] = set()
        for s in gs.select(query_text("relation-properties.rq")):
            iri = s["property"].value
            family[iri] = s["family"].value
            supers[iri].add(s["super"].value)
            if s["symmetric"].value == "true":
                symmetric.add(iri)
        vocabulary = _VOCABULARIES[gs] = _Vocabulary(
            family, {iri: frozenset(up) for iri, up in supers.items()}, frozenset(symmetric)
        )
    return vocabulary


def _relation_filter(gs: GraphStore, type: str | None) -> frozenset[str] | None:
    """The relation property IRIs that ``type`` covers (None: no filter)."""
    if type is None:
        return None
    vocabulary = _vocabulary(gs)
    chosen = vocabulary.names().get(vocab_key(type))
    if chosen is None:
        raise UsageError(
            f"unknown relation type {type!r}; use a family ("
            f"{', '.join(vocabulary.families())}) or a relation: "
            f"{', '.join(relation_names(gs)[len(vocabulary.families()) :])}."
        )
    return frozenset(iri for iri, up in vocabulary.supers.items() if chosen in up)
