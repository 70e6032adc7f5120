"""Who supports, opposes or talks to an actor, with the statements that say so."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..families import families, family_named
from ..records import Record
from .actors import Actor, actor_by_iri
from .rows import RelationRow, Stance, vocabulary
from .statements import relations

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["Family", "parse_family", "WhoRow", "who"]

_NOT_DENIED = frozenset({Stance.asserted, Stance.claimed})


#: The relation families :func:`who` answers for: the ontology's families between positions
#: (:attr:`actorgraph.families.Family.between_positions`); values are the ontology's names.
Family = StrEnum(  # type: ignore[misc]
    "Family", [(family.name, family.name) for family in families() if family.between_positions]
)


def parse_family(text: str) -> Family:
    """The family named ``text``: any case, with or without ``-`` (``talks-to``).

    >>> parse_family("talks-to"), parse_family("Supports")
    (<Family.talksTo: 'talksTo'>, <Family.supports: 'supports'>)
    """
    found = family_named(text)
    if found.name not in Family.__members__:
        names = ", ".join(f.cli_name for f in families() if f.between_positions)
        raise UsageError(f"{text!r} relates no positions; ask who about one of {names}.")
    return Family(found.name)


@dataclass(frozen=True)
class WhoRow(Record):
    """An actor that supports, opposes or talks to another, with the statements that say so.

    ``documents`` and ``attributions`` count, over those statements, the distinct documents
    citing them and the distinct parties they are attributed to (a statement in a
    document's own voice counts that document)."""

    JSON_KEYS = ("*actor", "documents", "attributions", "statements")

    actor: Actor
    statements: tuple[RelationRow, ...]

    @property
    def documents(self) -> int:
        return len({source.document for row in self.statements for source in row.sources})

    @property
    def attributions(self) -> int:
        parties = set()
        for row in self.statements:
            parties |= set(row.speakers) or {f"document:{s.document}" for s in row.sources}
        return len(parties)


def who(
    gs: GraphStore, family: Family, actor: Actor, at: datetime.date | None = None
) -> list[WhoRow]:
    """The actors that support, oppose or talk to ``actor``, most statements first.

    For supports and opposes they are the subject and ``actor`` the object, except that a
    symmetric relation (alliedWith, fightsAlongside) counts both ways; talking counts both
    ways. Roll-ups count. Only statements that say their relation holds count and are
    listed: asserted or claimed, actual (not planned or expected) and not an ending; so an
    actor whose only such statements are denied is not listed. ``at`` keeps what holds on
    that day (:func:`actorgraph.query.statements.known_by`). Ties are ordered by label.
    """
    family = Family(family)
    symmetric = vocabulary(gs).symmetric
    grouped: defaultdict[str, list[RelationRow]] = defaultdict(list)
    for row in relations(gs, actor, type=family.value, stances=_NOT_DENIED, at=at):
        if not row.counts:
            continue
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
