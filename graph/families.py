"""The relation families (supports, opposes, talksTo, structural), read once from the ontology.

A family is a root relation property of ``ontology/actorgraph.ttl``: one whose ``ag:family``
is itself. Everything that names families (the CLI's ``who FAMILY``, ``relations --type``,
the page's family filter, the signed network) takes them from here, so that a family added
to the ontology reaches every one of them.

>>> [family.name for family in families()]
['supports', 'opposes', 'talksTo', 'structural']
>>> [family.cli_name for family in families() if family.between_positions]
['supports', 'opposes', 'talks-to']
>>> sorted(family.name for family in families() if family.signed)
['opposes', 'supports']
>>> family_named("Talks-To").name
'talksTo'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .errors import UsageError
from .text import vocab_key

__all__ = [
    "Family",
    "families",
    "family_named",
    "narrower",
    "relation_families",
    "symmetric_relations",
]

_AG = "https://w3id.org/actorgraph/ns#"


@dataclass(frozen=True)
class Family:
    """A relation family as the ontology defines it.

    ``score`` is the root's ``ag:score`` (its sign says how the family leans); ``symmetric``
    says whether the root is an ``owl:SymmetricProperty``.
    """

    name: str
    label: str
    score: int
    symmetric: bool

    @property
    def iri(self) -> str:
        return _AG + self.name

    @property
    def cli_name(self) -> str:
        """The name on the command line: ``talksTo`` is ``talks-to``."""
        return re.sub(r"(?<=[a-z])(?=[A-Z])", "-", self.name).lower()

    @property
    def between_positions(self) -> bool:
        """Whether the family relates actors' positions (``who`` asks about these): every
        family but the structural one, whose score is 0."""
        return self.score != 0

    @property
    def signed(self) -> bool:
        """Whether the family is a signed tie of the signed network: a directed family
        that leans one way (supports +, opposes -). Talks-to is symmetric: a contact, which
        the analyses weigh apart (``talk_weight``)."""
        return self.score != 0 and not self.symmetric


@cache
def _facts() -> dict[str, dict[str, object]]:
    """What the ontology says of each property: its family, score, English label, symmetry."""
    from pyoxigraph import RdfFormat, parse

    from .resources import ontology_files

    keys = {
        _AG + "family": "family",
        _AG + "score": "score",
        "http://www.w3.org/2000/01/rdf-schema#label": "label",
        "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": "parent",
    }
    symmetric = "http://www.w3.org/2002/07/owl#SymmetricProperty"
    facts: dict[str, dict[str, object]] = {}
    for path in ontology_files():
        for triple in parse(path=path, format=RdfFormat.TURTLE):
            subject, key, value = (
                triple.subject.value,
                keys.get(triple.predicate.value),
                triple.object,
            )
            fact = facts.setdefault(subject, {})
            if key == "family":
                fact["family"] = value.value
            elif key == "score":
                fact["score"] = int(value.value)
            elif key == "parent":
                fact["parent"] = value.value
            elif key == "label" and getattr(value, "language", None) == "en":
                fact["label"] = value.value
            elif value.value == symmetric:
                fact["symmetric"] = True
    return facts


@cache
def families() -> tuple[Family, ...]:
    """The families, in the order the ontology defines them."""
    facts = _facts()
    return tuple(
        Family(
            name=root.removeprefix(_AG),
            label=str(fact.get("label", root.removeprefix(_AG))),
            score=int(fact.get("score", 0)),  # type: ignore[call-overload]
            symmetric=bool(fact.get("symmetric", False)),
        )
        for root, fact in facts.items()
        if fact.get("family") == root
    )


@cache
def relation_families() -> dict[str, str]:
    """Each relation's family, by local names (``{"airStrike": "opposes", ...}``).

    >>> relation_families()["phoneCall"], relation_families()["ministerOf"]
    ('talksTo', 'structural')
    """
    return {
        name.removeprefix(_AG): str(fact["family"]).removeprefix(_AG)
        for name, fact in _facts().items()
        if name.startswith(_AG) and str(fact.get("family", "")).startswith(_AG)
    }


@cache
def symmetric_relations() -> frozenset[str]:
    """The local names of the symmetric relations (a tie with no direction).

    >>> "meetsWith" in symmetric_relations(), "attacks" in symmetric_relations()
    (True, False)
    """
    return frozenset(
        name.removeprefix(_AG)
        for name, fact in _facts().items()
        if fact.get("symmetric") and name.removeprefix(_AG) in relation_families()
    )


@cache
def narrower(relation: str) -> frozenset[str]:
    """``relation`` and the relations under it (``rdfs:subPropertyOf``, at any depth), by
    local names.

    >>> sorted(narrower("attacks"))
    ['airStrike', 'attacks', 'capturesTerritoryFrom']
    """
    parents = {
        name.removeprefix(_AG): str(fact["parent"]).removeprefix(_AG)
        for name, fact in _facts().items()
        if "parent" in fact
    }
    found = {relation}
    while grown := {child for child, parent in parents.items() if parent in found} - found:
        found |= grown
    return frozenset(found)


def family_named(text: str) -> Family:
    """The family called ``text``: its ontology or command-line name, in any case."""
    for family in families():
        if vocab_key(text) in (vocab_key(family.name), vocab_key(family.cli_name)):
            return family
    names = ", ".join(family.cli_name for family in families())
    raise UsageError(f"unknown relation family {text!r}; use one of {names}.")
