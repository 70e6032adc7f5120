"""The statement rows of one actor or of the whole graph, as they hold on a day.

Speed: the rows of an actor come from ONE query (``statements.rq``) that starts from the
bound actor, so its cost follows the actor's statements, not the size of the graph (on an
embedded store, :mod:`actorgraph.store.statement_index` answers it by index lookups,
without SPARQL); every statement of the graph comes from one streaming pass
(``all-statements.rq``), so its cost grows linearly. Both return one row per combination
of list-valued parts, grouped by :class:`~actorgraph.query.rows.RowFolder`.

Time (docs/data-model.md, "Time semantics"): ``at`` keeps the events that happened on or
before the day and the states begun by it and not ended before it
(:meth:`RelationRow.holds_at`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..namespaces import local_id
from ..resources import query_text
from ..text import vocab_key
from .rows import RelationRow, RowFolder, Stance, labels, vocabulary

if TYPE_CHECKING:
    from ..store.base import GraphStore
    from .actors import Actor

__all__ = [
    "Direction",
    "relations",
    "all_statements",
    "known_by",
    "count_support",
    "relation_names",
    "symmetric_relations",
]


class Direction(StrEnum):
    """Which side of a statement the actor is on: subject (out), object (in) or either."""

    out = "out"
    in_ = "in"
    both = "both"


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
    in the sub-properties too. ``stances`` keeps only those stances; ``at`` keeps what
    holds on that day (:func:`known_by`). Each row carries ``documents`` and
    ``attributions`` (:func:`count_support`). Rows are sorted by effective date, then id.

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
        for row in count_support(_statement_rows(gs, actor), at)
        if sides(row)
        and (wanted is None or row.relation_iri in wanted)
        and (stances is None or row.stance in stances)
        and known_by(row, at)
    ]
    return sorted(rows, key=_date_order)


def known_by(row: RelationRow, at: datetime.date | None) -> bool:
    """Whether ``row`` is part of the picture on day ``at`` (None: any day): an event that
    happened on or before it (an undated one by its document's date), a state begun by it
    and not ended before it (an undated state from before its document)."""
    return row.holds_at(at)


def all_statements(gs: GraphStore, at: datetime.date | None = None) -> list[RelationRow]:
    """Every statement of the graph, curated and derived, by effective date then id.

    ``at`` keeps only what holds on that day (see :func:`known_by`).
    """
    rows = count_support(_statement_rows(gs, None), at)
    return sorted((row for row in rows if known_by(row, at)), key=_date_order)


def count_support(
    rows: Iterable[RelationRow], at: datetime.date | None = None
) -> list[RelationRow]:
    """``rows`` with ``documents`` and ``attributions`` set: for each truthy triple
    (subject, relation, object), among the rows that say it holds (not denied, actual, not
    an ending; on day ``at`` if given), the number of distinct documents citing it and of
    distinct parties it is attributed to (a row said in a document's own voice counts that
    document as the party). Every row of a triple gets the triple's counts."""
    rows = list(rows)
    documents: defaultdict[tuple, set[str]] = defaultdict(set)
    parties: defaultdict[tuple, set[str]] = defaultdict(set)
    for row in rows:
        if row.counts and row.holds_at(at):
            key = (row.subject_iri, row.relation_iri, row.object_iri)
            cited = {source.document for source in row.sources}
            documents[key] |= cited
            parties[key] |= set(row.speakers) or {f"document:{name}" for name in cited}
    return [
        replace(row, documents=len(documents.get(key, ())), attributions=len(parties.get(key, ())))
        for row in rows
        for key in [(row.subject_iri, row.relation_iri, row.object_iri)]
    ]


def relation_names(gs: GraphStore) -> list[str]:
    """The valid ``type`` names of :func:`relations`: the families, then every relation."""
    found = vocabulary(gs)
    families = found.families()
    others = sorted(
        (local_id(iri) for iri in found.family if local_id(iri) not in families),
        key=str.casefold,
    )
    return [*families, *others]


def symmetric_relations(gs: GraphStore) -> frozenset[str]:
    """The IRIs of the symmetric relation properties (alliedWith, meetsWith ...)."""
    return vocabulary(gs).symmetric


def _statement_rows(gs: GraphStore, actor: Actor | None) -> list[RelationRow]:
    """The rows of the statements about ``actor`` (every statement if None), unsorted."""
    if actor is None:
        found = gs.table(query_text("all-statements.rq"))
    else:
        found = gs.statement_table(actor.iri)
    by_statement: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for s in found:
        by_statement[s["statement"]].append(s)
    fold = RowFolder(labels(gs), vocabulary(gs))
    return [fold(group) for group in by_statement.values()]


def _date_order(row: RelationRow) -> tuple[datetime.date, str]:
    return (row.effective_date or datetime.date.max, row.statement)


def _relation_filter(gs: GraphStore, type: str | None) -> frozenset[str] | None:
    """The relation property IRIs that ``type`` covers (None: no filter)."""
    if type is None:
        return None
    found = vocabulary(gs)
    chosen = found.names().get(vocab_key(type))
    if chosen is None:
        raise UsageError(
            f"unknown relation type {type!r}; use a family ("
            f"{', '.join(found.families())}) or a relation: "
            f"{', '.join(relation_names(gs)[len(found.families()) :])}."
        )
    return frozenset(iri for iri, up in found.supers.items() if chosen in up)
