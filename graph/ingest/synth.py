"""Synthetic, valid actorgraph data of any size, written as a stream, for scale tests.

:func:`synth` writes ``statements`` ag:Statement nodes (with the actors, places, unnamed
sources and documents they need) as N-Quads or TriG, all in the curated graph. The data
has the shape of the real seeds, so benchmarks measure something realistic:

* actor degrees follow a power law (subjects and objects are Zipf draws over the actors);
* the relation mix is the seeds' own (each relation property of the ontology weighted by how
  often the seeds use it, plus one so every property appears); stances are about 91 %
  asserted, 8 % claimed and 1 % denied;
* every person has exactly one role (``ag:leaderOf`` ...) in one organisation, stated first,
  as in the seeds, so the loader's roll-ups happen for every statement that names a person,
  once per side (role relations are not drawn for the other statements: repeated role
  statements would multiply the roll-ups' ``ag:via``);
* dates spread over 2011-2024, mixing ``xsd:date``, ``xsd:gYearMonth`` and ``xsd:gYear``;
  some statements have none and take their document's publication date;
* every statement has full provenance: ``ag:source`` (document, line, excerpt), an English
  ``ag:note`` and often ``ag:attributedTo``.

The output is the same for the same ``seed``, statement count and format. Statements are
written one by one; only the actor list (about a tenth of the statement count) is held in
memory. The output conforms to ``ontology/shapes.ttl``.

>>> import io
>>> out = io.BytesIO()
>>> synth(50, out, fmt="nq").statements
50
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode, RdfFormat, parse

from ..errors import UsageError
from ..files import write_atomically
from ..formats.syntaxes import rdf_syntax
from ..namespaces import (
    ACTOR,
    AG,
    DOCUMENT,
    GRAPH_CURATED,
    PLACE,
    RDF,
    RDFS,
    SOURCE,
    STATEMENT,
    XSD,
)
from ..resources import ontology_files, seed_files

__all__ = ["FORMATS", "SynthReport", "synth", "format_for"]

#: Output formats by file extension.
FORMATS = {ext: s.name for s in map(rdf_syntax, ("nq", "trig")) for ext in s.extensions}

_RDF_TYPE = RDF + "type"
_LABEL = RDFS + "label"
_ACTOR_CLASSES = {  # weights: the seeds' mix of actor classes
    "State": 13,
    "Government": 8,
    "ArmedForces": 7,
    "ArmedGroup": 11,
    "Coalition": 7,
    "Person": 16,
    "InternationalOrganisation": 2,
    "Monitor": 1,
    "Media": 5,
}
_ROLES = ("leaderOf", "ministerOf", "spokespersonOf", "commanderOf", "officialOf", "represents")
#: Structural relations that roll statements up (docs/data-model.md): drawn as a forest, never
#: at random (random ag:partOf ties among the Zipf hubs make chains from every actor to most
#: others, and a roll-up for every pair of them).
_HIERARCHY = ("partOf", "leads")
_UNIT_SHARE = 5  # about one organisation in this many is part of another
_STANCES = (("asserted", 91), ("claimed", 8), ("denied", 1))
_DOCUMENTS = 20
_UNNAMED_SOURCES = 10
_ZIPF_EXPONENT = 1.1
_BATCH = 2000  # statements per write


@dataclass(frozen=True)
class SynthReport:
    """What :func:`synth` wrote: counts of statements, actors, places and RDF triples."""

    statements: int
    actors: int
    places: int
    triples: int
    fmt: str


def format_for(path: Path) -> str:
    """The output format for ``path``, from its extension.

    >>> format_for(Path("big.trig"))
    'trig'
    """
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise UsageError(
            f"{path}: write synthetic data to a .nq (N-Quads) or .trig (TriG) file"
        ) from None


def synth(statements: int, out: BinaryIO | Path, *, fmt: str = "nq", seed: int = 0) -> SynthReport:
    """Write ``statements`` synthetic statements (and what they mention) to ``out``.

    ``out`` is a binary stream, or a path (written atomically: complete or not at all). ``fmt`` is
    ``"nq"`` or ``"trig"``. The same ``seed`` gives the same output.
    """
    if fmt not in FORMATS.values():
        raise UsageError(f"unknown synthetic data format {fmt!r}; use nq or trig")
    if statements < 1:
        raise UsageError("--statements must be at least 1")
    if isinstance(out, Path):
        reports = []
        write_atomically(
            out, lambda stream: reports.append(synth(statements, stream, fmt=fmt, seed=seed))
        )
        return reports[0]
    world = _World(statements, random.Random(seed))
    graph = f"<{GRAPH_CURATED}>"
    end = f" {graph} .\n" if fmt == "nq" else " .\n"
    if fmt == "trig":
        out.write(f"{graph} {{\n".encode())
    triples = 0
    for chunk in _batched(world.triples(), _BATCH * 12):
        out.write("".join(f"{s} {p} {o}{end}" for s, p, o in chunk).encode())
        triples += len(chunk)
    if fmt == "trig":
        out.write(b"}\n")
    return SynthReport(statements, len(world.actors), world.places, triples, fmt)


class _World:
    """The synthetic actors and the random draws that make statements about them."""

    def __init__(self, statements: int, rng: random.Random) -> None:
        self.rng = rng
        self.statements = statements
        count = max(10, statements // 10)
        classes, weights = zip(*_ACTOR_CLASSES.items(), strict=True)
        self.actors = rng.choices(classes, weights, k=count)  # actor i has Zipf rank i
        self.persons = [i for i, kind in enumerate(self.actors) if kind == "Person"]
        self.organisations = [i for i, kind in enumerate(self.actors) if kind != "Person"]
        if not self.persons or not self.organisations:
            self.actors[0], self.actors[1] = "Person", "State"
            self.persons, self.organisations = [0], [1, *self.organisations[1:]]
        self.places = max(3, count // 50)
        self.zipf = list(itertools.accumulate(1 / (r + 1) ** _ZIPF_EXPONENT for r in range(count)))
        self.relations, self.relation_weights = _relation_mix(exclude=_ROLES + _HIERARCHY)

    def triples(self) -> Iterator[tuple[str, str, str]]:
        """Every triple: actors, places, unnamed sources, documents, then the statements."""
        yield from self._header()
        roles = self.persons[: self.statements]
        for n, person in enumerate(roles):
            yield from self._statement(n, person, self.rng.choice(_ROLES), self._employer(person))
        units = self._units()[: self.statements - len(roles)]
        for n, (unit, parent) in enumerate(units, start=len(roles)):
            yield from self._statement(n, unit, "partOf", parent)
        for n in range(len(roles) + len(units), self.statements):
            yield from self._statement(n, *self._draw())

    def _header(self) -> Iterator[tuple[str, str, str]]:
        for i, kind in enumerate(self.actors):
            node = f"<{ACTOR}synth-{i}>"
            yield node, f"<{_RDF_TYPE}>", f"<{AG}{kind}>"
            yield node, f"<{_LABEL}>", f'"{kind} {i}"@en'
            yield node, f"<{_LABEL}>", f'"فاعل {i}"@ar'
        for i in range(self.places):
            node = f"<{PLACE}synth-{i}>"
            yield node, f"<{_RDF_TYPE}>", f"<{AG}Place>"
            yield node, f"<{_LABEL}>", f'"Place {i}"@en'
        for i in range(_UNNAMED_SOURCES):
            node = f"<{SOURCE}synth-{i}>"
            yield node, f"<{_RDF_TYPE}>", f"<{AG}UnnamedSource>"
            yield node, f"<{_LABEL}>", f'"unnamed source {i}"@en'
            yield node, f"<{_LABEL}>", f'"مصدر {i}"@ar'
        for i in range(_DOCUMENTS):
            node = f"<{DOCUMENT}synth-{i}.txt>"
            yield node, f"<{_RDF_TYPE}>", f"<{AG}Document>"
            yield node, f"<{AG}fileName>", f'"synth-{i}.txt"'
            yield node, f"<{AG}published>", f'"{2011 + i % 14}-06-{1 + i % 28:02d}"^^<{XSD}date>'

    def _draw(self) -> tuple[int, str, int | str]:
        """A subject, relation and object for an ordinary statement."""
        relation = self.rng.choices(self.relations, self.relation_weights)[0]
        subject = self._actor()
        if relation == "controls":
            return subject, relation, f"place:{self.rng.randrange(self.places)}"
        obj = self._actor()
        while obj == subject:
            obj = self._actor()
        return subject, relation, obj

    def _units(self) -> list[tuple[int, int]]:
        """Organisations that are part of another of lower rank: a forest, so that roll-up
        chains stay short, as in the seeds (a unit, its forces, its government)."""
        found = []
        for position, unit in enumerate(self.organisations[1:], start=1):
            if self.rng.randrange(_UNIT_SHARE) == 0:
                found.append((unit, self.organisations[self.rng.randrange(position)]))
        return found

    def _employer(self, person: int) -> int:
        """The one organisation a person has a role in, as in the seeds (roll-ups stay few)."""
        return self.organisations[person % len(self.organisations)]

    def _actor(self) -> int:
        """A Zipf-distributed actor index: low indices are drawn far more often."""
        return bisect.bisect_left(self.zipf, self.rng.random() * self.zipf[-1])

    def _statement(
        self, n: int, subject: int, relation: str, obj: int | str
    ) -> Iterator[tuple[str, str, str]]:
        rng = self.rng
        node = f"<{STATEMENT}synth-{n}>"
        if isinstance(obj, str):
            object_iri = f"<{PLACE}synth-{obj.removeprefix('place:')}>"
        else:
            object_iri = f"<{ACTOR}synth-{obj}>"
        stance = rng.choices(*zip(*_STANCES, strict=True))[0]
        yield node, f"<{_RDF_TYPE}>", f"<{AG}Statement>"
        yield node, f"<{AG}subject>", f"<{ACTOR}synth-{subject}>"
        yield node, f"<{AG}relation>", f"<{AG}{relation}>"
        yield node, f"<{AG}object>", object_iri
        yield node, f"<{AG}stance>", f"<{AG}{stance}>"
        date = self._date()
        if date:
            yield node, f"<{AG}date>", date
        if stance != "asserted" or rng.random() < 0.3:
            if rng.random() < 0.5:
                yield node, f"<{AG}attributedTo>", f"<{SOURCE}synth-{rng.randrange(10)}>"
            else:
                yield node, f"<{AG}attributedTo>", f"<{ACTOR}synth-{self._actor()}>"
        for k in range(1 + (rng.random() < 0.3)):
            source = f"_:s{n}x{k}"
            yield node, f"<{AG}source>", source
            yield source, f"<{AG}document>", f"<{DOCUMENT}synth-{rng.randrange(_DOCUMENTS)}.txt>"
            yield source, f"<{AG}line>", f'"{rng.randint(1, 400)}"^^<{XSD}integer>'
            if rng.random() < 0.8:
                yield source, f"<{AG}excerpt>", f'"نص مقتبس من السطر رقم {n}"@ar'
        yield node, f"<{AG}note>", f'"Synthetic statement {n}: actor {subject} {relation}."@en'

    def _date(self) -> str | None:
        """A date literal in 2011-2024 (day, month or year precision), or None."""
        rng = self.rng
        year, month, day = rng.randint(2011, 2024), rng.randint(1, 12), rng.randint(1, 28)
        precision = rng.random()
        if precision < 0.7:
            return f'"{year}-{month:02d}-{day:02d}"^^<{XSD}date>'
        if precision < 0.8:
            return f'"{year}-{month:02d}"^^<{XSD}gYearMonth>'
        if precision < 0.9:
            return f'"{year}"^^<{XSD}gYear>'
        return None


def _relation_mix(exclude: Iterable[str] = ()) -> tuple[list[str], list[int]]:
    """Each usable relation property's local name and weight (its count in the seeds + 1),
    leaving out the family roots and the names in ``exclude``."""
    family, relation = NamedNode(AG + "family"), NamedNode(AG + "relation")
    names = sorted(
        q.subject.value.removeprefix(AG)
        for path in ontology_files()
        for q in parse(path=path, format=RdfFormat.TURTLE)
        if q.predicate == family
    )
    used = Counter(
        q.object.value.removeprefix(AG)
        for path in seed_files()
        for q in parse(path=path, format=RdfFormat.TURTLE)
        if q.predicate == relation
    )
    names = [n for n in names if n != "structural" and n not in exclude]
    return names, [used[n] + 1 for n in names]


def _batched(items: Iterator, size: int) -> Iterator[list]:
    """Lists of up to ``size`` consecutive items."""
    while chunk := list(itertools.islice(items, size)):
        yield chunk
