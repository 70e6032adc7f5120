"""What the graph already knows about the actors a new document names.

A structural statement (a minister of a state, a force part of a government) holds beyond the
document that cites it, so when a new document names both ends close together it very likely
says it again: :mod:`.suggest` proposes it, citing the new line. The same ties tell which
state a person speaks for, so that "بلاده" (his country) after a minister resolves. Support and
hostility also tend to last (an alliance, a designation, a war): those are *known relations*,
proposed with less weight when two parties are named in one sentence that has no cue for
them, for the curator to check whether this document says it too. Talks are events (a call,
a meeting) that one document reports and the next need not repeat, so they are not carried
over; in the corpus every talksTo relation proposed this way was wrong. A relation its
source denies is not known.

The ties are read from the graph's curated statements, leaving out those that cite only the
document being read: a document never supplies its own suggestions (this keeps
``suggest --evaluate`` honest).

>>> ties = KnownTies({("a", "b"): {"ministerOf"}}, {"a": "Person", "b": "State"})
>>> ties.between("a", "b"), ties.between("b", "a"), ties.country_of("a")
(('ministerOf',), (), 'b')
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..families import relation_families
from ..namespaces import local_id
from ..resources import query_text

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["KnownTies", "known_ties"]

_STATE = "State"
_DESIGNATES = "designatesTerrorist"


@dataclass
class KnownTies:
    """Structural ties and known relations by (subject, object), and the actors' classes."""

    pairs: dict[tuple[str, str], set[str]]
    types: dict[str, str]
    learnt: dict[str, str] = field(default_factory=dict)  # person -> state, from the document
    stances: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # supports and opposes

    def known(self, subject: str, obj: str) -> tuple[str, ...]:
        """The supports and opposes relations known from ``subject`` to ``obj``, sorted."""
        return tuple(sorted(self.stances.get((subject, obj), ())))

    def between(self, subject: str, obj: str) -> tuple[str, ...]:
        """The structural relations known from ``subject`` to ``obj``, sorted."""
        return tuple(sorted(self.pairs.get((subject, obj), ())))

    def tied_to(self, actor: str) -> tuple[str, ...]:
        """What ``actor`` is structurally tied to (its state, its government), sorted."""
        return self._by_subject.get(actor, ())

    @cached_property
    def _by_subject(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for s, o in self.pairs:
            found.setdefault(s, []).append(o)
        return {s: tuple(sorted(objects)) for s, objects in found.items()}

    def country_of(self, actor: str) -> str | None:
        """The state ``actor`` belongs to: itself, one it is tied to, or one tie further."""
        if self.types.get(actor) == _STATE:
            return actor
        if actor in self.learnt:
            return self.learnt[actor]
        near = self.tied_to(actor)
        for hop in (near, [o2 for o in near for o2 in self.tied_to(o)]):
            states = [o for o in hop if self.types.get(o) == _STATE]
            if states:
                return states[0]
        return None

    def designated(self) -> tuple[str, ...]:
        """The actors someone is known to have designated as terrorists, sorted."""
        return tuple(sorted({o for (_, o), rels in self.stances.items() if _DESIGNATES in rels}))

    def coalition_led_by(self, actor: str) -> str | None:
        """The coalition ``actor`` is known to lead, if one (the first by id)."""
        led = [o for o in self.tied_to(actor) if "leads" in self.pairs[(actor, o)]]
        coalitions = [o for o in led if self.types.get(o) == "Coalition"]
        return coalitions[0] if coalitions else None

    def learn(self, person: str, state: str) -> None:
        """Remember, for the rest of the document, that ``person`` speaks for ``state``."""
        self.learnt.setdefault(person, state)


def known_ties(gs: GraphStore, types: dict[str, str], *, leave_out: str = "") -> KnownTies:
    """The structural ties and known relations of ``gs``'s curated statements that cite a
    document other than ``leave_out`` (a file name); denied statements are left out."""
    family = relation_families()
    cited: defaultdict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in gs.select(query_text("curation-curated.rq")):
        relation = local_id(row["relation"].value)
        denied = "stance" in row and local_id(row["stance"].value) == "denied"
        if relation in family and not denied:
            key = (local_id(row["subject"].value), relation, local_id(row["object"].value))
            cited[key].add(row["file"].value)
    pairs: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    stances: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for (subject, relation, obj), files in cited.items():
        if files - {leave_out}:
            if family[relation] == "structural":
                pairs[(subject, obj)].add(relation)
            elif family[relation] != "talksTo":
                stances[(subject, obj)].add(relation)
    return KnownTies(dict(pairs), types, stances=dict(stances))
