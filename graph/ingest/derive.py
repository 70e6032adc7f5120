"""Building the derived layer: truthy triples, roll-ups and effective dates.

:func:`derive` rebuilds the derived graph of a store from everything else in it, by the
rules of docs/data-model.md ("The derived layer"):

1. **truthy triples**: every ``ag:Statement`` whose stance is not ``ag:denied`` yields
   ``subject relation object``;
2. **roll-ups**: a person with a role (``ag:represents`` or a sub-property, by a statement
   that is not denied) in an organisation also counts for it. Each statement with such a
   person as subject, object or both, and a relation outside the structural family, gets an
   ``ag:DerivedStatement`` at ``<statement>/rollup/<subject-id>/<object-id>`` with the
   person replaced (never relating an actor to itself), the same relation, stance, dates and
   attribution, ``ag:derivedFrom`` the statement and ``ag:via`` the role statement(s);
   roll-ups that are not denied yield their truthy triple too;
3. **effective dates**: every statement, curated or derived, gets ``ag:effectiveDate``, an
   ``xsd:date``: the earliest of its own ``ag:date`` values (a gYear or gYearMonth taken at
   its first day), or else the earliest ``ag:published`` of its source documents (for a
   roll-up: those of the statement it comes from).

Why one pass in Python rather than SPARQL rules: the rules need every statement's core
fields, and on an on-disk store each field a query reads costs a lookup in Oxigraph's
string table. As SPARQL the rules took about 45 s for 100,000 statements on disk; reading
the quads once (for a load: re-parsing the input, which Oxigraph does at about a million
quads a second) and joining in dictionaries takes a few seconds (docs/performance.md).
Only the fields the rules need are kept, with actors, relations and dates shared.

>>> from pyoxigraph import Quad, Store
>>> from actorgraph.namespaces import AG, ACTOR, STATEMENT
>>> s, a, b = NamedNode(STATEMENT + "s1"), NamedNode(ACTOR + "a"), NamedNode(ACTOR + "b")
>>> store = Store()
>>> store.extend([Quad(s, NamedNode(RDF + "type"), NamedNode(AG + "Statement")),
...               Quad(s, NamedNode(AG + "subject"), a),
...               Quad(s, NamedNode(AG + "relation"), NamedNode(AG + "supports")),
...               Quad(s, NamedNode(AG + "object"), b),
...               Quad(s, NamedNode(AG + "stance"), NamedNode(AG + "asserted"))])
>>> derive(store)
>>> derived = NamedNode(GRAPH_DERIVED)
>>> [(q.predicate.value, q.object.value) for q in store.quads_for_pattern(a, None, None, derived)]
[('https://w3id.org/actorgraph/ns#supports', 'https://w3id.org/actorgraph/actor/b')]
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store

from ..errors import StoreError
from ..gc_pause import collector_paused
from ..namespaces import AG, GRAPH_DERIVED, RDF, RDFS, XSD

__all__ = ["MAX_DEPTH", "derive", "derived_triples", "load_derived"]

#: The longest chain of structural steps a roll-up follows from one side of a statement.
MAX_DEPTH = 4

_RDF_TYPE = RDF + "type"
_SUB_PROPERTY_OF = RDFS + "subPropertyOf"
_DENIED = NamedNode(AG + "denied")
_SYMMETRIC = "http://www.w3.org/2002/07/owl#SymmetricProperty"
#: The predicates the derived layer writes, as N-Triples.
_NT = {
    name: f"<{AG}{name}>"
    for name in (
        *("subject", "relation", "object", "stance", "date"),
        *("attributedTo", "derivedFrom", "via", "effectiveDate", "effectiveEnd", "rule"),
    )
} | {"a": f"<{_RDF_TYPE}>"}


def derive(store: Store) -> None:
    """Rebuild the derived graph of ``store`` from everything else in it (idempotent).

    The derived triples are first written to a temporary file (:func:`derived_triples`),
    and only then, the gathered facts freed, bulk-loaded (:func:`load_derived`). A large
    load calls those two itself, on the quads it parses, rather than reading the store.
    """
    graph = NamedNode(GRAPH_DERIVED)
    with derived_triples(q for q in store if q.graph_name != graph) as path:
        load_derived(store, path)


@contextmanager
def derived_triples(quads: Iterable[Quad]) -> Iterator[Path]:
    """The derived layer of ``quads`` as an N-Triples file, removed when the block ends.

    Raises :class:`StoreError` if the temporary file cannot be written (a full disk)."""
    try:
        directory = tempfile.TemporaryDirectory(prefix="actorgraph-derived-")
    except OSError as error:
        raise _unwritable(tempfile.gettempdir(), error) from None
    with directory:
        path = Path(directory.name) / "derived.nt"
        try:
            with path.open("w", encoding="utf-8") as out, collector_paused():
                out.writelines(_Facts.gather(quads).lines())
        except OSError as error:
            raise _unwritable(path, error) from None
        yield path


def _unwritable(where, error: OSError) -> StoreError:
    return StoreError(
        f"cannot write the derived layer to {where}: {error.strerror or error}; "
        "free some space there or set TMPDIR to another directory"
    )


def load_derived(store: Store, path: Path) -> None:
    """Replace the derived graph of ``store`` with the N-Triples file at ``path``.

    Oxigraph reads the file itself, without holding the GIL, so this may run on a thread
    while Python works on another."""
    graph = NamedNode(GRAPH_DERIVED)
    store.clear_graph(graph)
    store.bulk_load(path=str(path), format=RdfFormat.N_TRIPLES, to_graph=graph)


class _Statement:
    """The fields of one statement that the rules read (tuples: most are empty or short,
    and the empty tuple costs no memory per statement)."""

    __slots__ = (
        *("typed", "subject", "relation", "object", "stance", "dates", "by", "sources"),
        *("starts", "until", "ending", "modality"),
    )

    def __init__(self) -> None:
        self.typed = ""  # "Statement", "DerivedStatement" or "" (not typed as either)
        self.subject = self.relation = self.object = self.stance = self.modality = None
        self.dates: tuple[Literal, ...] = ()
        self.by: tuple[NamedNode, ...] = ()
        self.sources: tuple[str, ...] = ()
        self.starts: tuple[Literal, ...] = ()  # ag:validFrom
        self.until: tuple[Literal, ...] = ()  # ag:validUntil
        self.ending = False

    def complete(self) -> bool:
        return None not in (self.subject, self.relation, self.object, self.stance)

    def actual(self) -> bool:
        """Not planned or expected (ag:modality absent or ag:actual)."""
        return self.modality is None or self.modality.value == AG + "actual"

    def counts(self) -> bool:
        """Whether the statement says its relation holds: not denied, actual, no ending."""
        return self.stance != _DENIED and self.actual() and not self.ending

    def start(self) -> date | None:
        """The first day it is known to hold: ag:validFrom, else ag:date (None: unknown)."""
        days = [day for day in map(_as_day, self.starts or self.dates) if day is not None]
        return min(days) if days else None


class _Step:
    """One step of a roll-up chain: from an actor to ``target`` by ``rule``, through the
    structural statements ``via`` (alternatives that all say the same), held until ``end``
    (None: not ended)."""

    __slots__ = ("rule", "target", "via", "end")

    def __init__(self, rule: str, target: NamedNode, via: tuple, end: date | None):
        self.rule, self.target, self.via, self.end = rule, target, via, end


class _Facts:
    """What the rules need from a stream of quads, gathered in one pass."""

    def __init__(self) -> None:
        self.statements: dict[NamedNode | BlankNode, _Statement] = {}
        self.types: dict[str, set[NamedNode]] = {
            "Person": set(),
            "ArmedGroup": set(),
            "State": set(),
        }
        self.parents: dict[str, list[str]] = {}  # rdfs:subPropertyOf, by IRI
        self.family: dict[str, str] = {}  # relation IRI -> its family root's IRI
        self.documents: dict[str, list[str]] = {}  # source (as N-Triples) -> document IRIs
        self.published: dict[str, list[Literal]] = {}  # document IRI -> ag:published
        self._shared: dict = {}  # one object per actor, relation, stance or date
        self._texts: dict = {}  # the N-Triples text of the shared terms
        self._endings: dict[tuple, date] = {}  # see _ends
        self.symmetric: set[str] = set()  # the symmetric relations' IRIs

    @classmethod
    def gather(cls, quads: Iterable[Quad]) -> _Facts:
        """The facts of all ``quads``."""
        facts = cls()
        for quad in quads:
            facts.add(quad)
        return facts

    def add(self, quad: Quad) -> None:
        """Take what the rules need from ``quad``."""
        predicate = quad.predicate.value
        field = _FIELDS.get(predicate)
        if field is not None:
            setattr(self._statement(quad), field, self._share(quad.object))
            return
        handler = _HANDLERS.get(predicate)
        if handler is not None:
            handler(self, quad)

    def lines(self) -> Iterator[str]:
        """The truthy triples, roll-ups, effective dates and ends, as N-Triples."""
        ends = self._ends()
        steps = self._steps(ends)
        chains: dict[NamedNode, list[tuple[_Step, ...]]] = {}
        structural = {iri for iri, root in self.family.items() if root == AG + "structural"}
        for node, statement in self.statements.items():
            if not statement.typed:
                continue
            day = self._effective_date(statement)
            end = ends.get(node)
            if statement.typed == "Statement" and statement.complete() and statement.counts():
                yield from self._truthy(statement)
            if day is not None:
                yield f"{node} {_NT['effectiveDate']} {day} .\n"
            if end is not None:
                yield f"{node} {_NT['effectiveEnd']} {_day_literal(end)} .\n"
            if (
                statement.typed == "Statement"
                and isinstance(node, NamedNode)
                and statement.complete()
                and not statement.ending
                and statement.relation.value not in structural
            ):
                for rollup in self._rollups(node, statement, steps, chains, end):
                    yield from rollup
                    if day is not None:
                        yield f"{rollup[0].split(' ', 1)[0]} {_NT['effectiveDate']} {day} .\n"

    # Gathering.

    def _statement(self, quad: Quad) -> _Statement:
        statement = self.statements.get(quad.subject)
        if statement is None:
            statement = self.statements[quad.subject] = _Statement()
        return statement

    def _append(self, quad: Quad, field: str, value) -> None:
        statement = self._statement(quad)
        setattr(statement, field, (*getattr(statement, field), value))

    def _share(self, term):
        return self._shared.setdefault(term, term)

    def _text(self, term) -> str:
        """``term`` in N-Triples (kept for the shared terms, which recur)."""
        text = self._texts.get(term)
        if text is None:
            text = str(term)
            if term in self._shared:
                self._texts[term] = text
        return text

    @staticmethod
    def _add(table: dict, key, value) -> None:
        table.setdefault(key, []).append(value)

    def _type(self, quad: Quad) -> None:
        kind = quad.object.value
        if kind in (AG + "Statement", AG + "DerivedStatement"):
            statement = self._statement(quad)
            if statement.typed != "DerivedStatement":
                statement.typed = kind.removeprefix(AG)
            return
        if kind == _SYMMETRIC:
            self.symmetric.add(quad.subject.value)
            return
        found = self.types.get(kind.removeprefix(AG)) if kind.startswith(AG) else None
        if found is not None:
            found.add(quad.subject)

    def _ending(self, quad: Quad) -> None:
        if quad.object.value in ("true", "1"):
            self._statement(quad).ending = True

    # The rules.

    def _truthy(self, s: _Statement) -> Iterator[str]:
        yield f"{self._text(s.subject)} {self._text(s.relation)} {self._text(s.object)} .\n"

    def _ends(self) -> dict:
        """Each curated statement that has ended: the last day it held (:meth:`_end`).

        Also keeps the endings, (subject, relation IRI, object) -> the earliest day of an
        ending statement (not denied, actual, dated) on them, for the roll-ups."""
        endings: dict[tuple, date] = {}
        self._endings = endings
        for s in self.statements.values():
            if s.typed == "Statement" and s.ending and s.complete():
                if s.stance == _DENIED or not s.actual():
                    continue
                days = [d for d in map(_as_day, s.dates) if d is not None]
                if days:
                    key = (s.subject, s.relation.value, s.object)
                    endings[key] = min(min(days), endings.get(key, date.max))
        ends = {}
        for node, s in self.statements.items():
            if s.typed == "Statement" and not s.ending and s.complete():
                end = self._end(s, s.subject, s.object, [_last_day(d) for d in s.until])
                if end is not None:
                    ends[node] = end
        return ends

    def _end(self, s: _Statement, subject, object_, candidates: list) -> date | None:
        """The last day statement ``s``, said of ``subject`` and ``object_``, held: the
        earliest of ``candidates`` and of the endings on the same subject, relation and
        object, or on the relation's family root. An ending does not end a state that
        began on or after the ending's date."""
        found = [d for d in candidates if d is not None]
        start = s.start()
        relation = s.relation.value
        pairs = [(subject, object_)]
        if relation in self.symmetric:  # a symmetric state ends either way round
            pairs.append((object_, subject))
        for key in {relation, self.family.get(relation, relation)}:
            for one, other in pairs:
                ended = self._endings.get((one, key, other))
                if ended is not None and (start is None or start < ended):
                    found.append(ended)
        return min(found) if found else None

    def _steps(self, ends: dict) -> dict[NamedNode, list[_Step]]:
        """For each actor, the steps a roll-up may take from it (docs/data-model.md):
        person -> organisation by a role, unit -> parent by ag:partOf (not from an armed
        group to a state), coalition -> leader by ag:leads. Only statements that count
        (not denied, actual, no ending) make steps; alternatives that say the same step
        are one step through all of them, ended when the last of them ends."""
        rules = {
            **dict.fromkeys(self._closure(AG + "represents"), "role"),
            **dict.fromkeys(self._closure(AG + "partOf"), "part-of"),
            **dict.fromkeys(self._closure(AG + "leads"), "leads"),
        }
        persons, groups, states = (self.types[k] for k in ("Person", "ArmedGroup", "State"))
        found: dict[tuple, list] = {}
        for node, s in self.statements.items():
            if s.typed != "Statement" or not s.complete() or not s.counts():
                continue
            rule = rules.get(s.relation.value)
            upward = rule == "role" and s.subject in persons
            # A militia a state counts among its forces does not act for the state.
            upward |= rule == "part-of" and not (s.subject in groups and s.object in states)
            if upward:
                start, target = s.subject, s.object
            elif rule == "leads":
                start, target = s.object, s.subject
            else:
                continue
            if start != target and isinstance(node, NamedNode):
                found.setdefault((start, rule, target), []).append(node)
        steps: dict[NamedNode, list[_Step]] = {}
        for (start, rule, target), via in sorted(found.items(), key=lambda kv: str(kv[0])):
            last = [ends.get(v) for v in via]
            end = None if None in last else max(last)
            steps.setdefault(start, []).append(_Step(rule, target, tuple(via), end))
        return steps

    def _closure(self, root: str) -> set[str]:
        """``root`` and its sub-properties, at any depth."""
        found = {root}
        grown = True
        while grown:
            grown = False
            for child, parents in self.parents.items():
                if child not in found and found.intersection(parents):
                    found.add(child)
                    grown = True
        return found

    def _chains(self, actor, steps: dict, chains: dict) -> list[tuple[_Step, ...]]:
        """One chain of at most :data:`MAX_DEPTH` steps from ``actor`` to each actor it
        reaches, the empty chain first: the shortest, and among equally short ones the
        first in the steps' order. Counting every path instead would give a statement one
        roll-up per path, which grows exponentially where units sit in several parents
        (1.8 million roll-ups for 1,000 synthetic statements); one per target keeps the
        roll-ups to at most (targets of the subject + 1) x (targets of the object + 1)."""
        found = chains.get(actor)
        if found is None:
            found = [()]
            seen = {actor}
            frontier: list[tuple[_Step, ...]] = [()]
            for _depth in range(MAX_DEPTH):
                longer = []
                for chain in frontier:
                    here = chain[-1].target if chain else actor
                    for step in steps.get(here, ()):
                        if step.target not in seen:
                            seen.add(step.target)
                            longer.append((*chain, step))
                found += longer
                frontier = longer
            chains[actor] = found
        return found

    def _rollups(self, node, s: _Statement, steps, chains, end) -> Iterator[list[str]]:
        """The roll-ups of statement ``node``, each as its N-Triples lines."""
        for left in self._chains(s.subject, steps, chains):
            for right in self._chains(s.object, steps, chains):
                if not (left or right):
                    continue
                subject = left[-1].target if left else s.subject
                object_ = right[-1].target if right else s.object
                if subject != object_:
                    yield self._rollup(node, s, subject, object_, left, right, end)

    def _rollup(self, node, s: _Statement, subject, object_, left, right, end) -> list[str]:
        rollup = f"<{node.value}/rollup/{_side(s.subject, left)}/{_side(s.object, right)}>"
        rule = "+".join(step.rule for step in (*left, *right))
        text = self._text
        fields = [
            ("subject", subject),
            ("relation", s.relation),
            ("object", object_),
            ("stance", s.stance),
            ("derivedFrom", node),
            *(("date", d) for d in s.dates),
            *(("attributedTo", b) for b in s.by),
            *(("via", v) for step in (*left, *right) for v in step.via),
        ]
        lines = [f"{rollup} {_NT['a']} <{AG}DerivedStatement> .\n"]
        lines += [f"{rollup} {_NT[name]} {text(value)} .\n" for name, value in fields]
        lines.append(f'{rollup} {_NT["rule"]} "{rule}" .\n')
        ended = self._end(s, subject, object_, [end, *(step.end for step in (*left, *right))])
        if ended is not None:
            lines.append(f"{rollup} {_NT['effectiveEnd']} {_day_literal(ended)} .\n")
        if s.counts():
            lines.append(f"{text(subject)} {text(s.relation)} {text(object_)} .\n")
        return lines

    def _effective_date(self, s: _Statement) -> str | None:
        """The statement's effective date as an N-Triples literal, or None."""
        candidates = s.dates or [
            published
            for source in s.sources
            for document in self.documents.get(source, ())
            for published in self.published.get(document, ())
        ]
        days = [day for day in map(_as_day, candidates) if day is not None]
        return _day_literal(min(days)) if days else None


_FIELDS = {AG + name: name for name in ("subject", "relation", "object", "stance", "modality")}
# The other predicates the rules read. Plain functions of (facts, quad), not methods bound
# to one _Facts: a table of bound methods would make each _Facts a reference cycle, whose
# tables (about 1 KB per statement) would outlive the pass until a full collection.
_HANDLERS: dict[str, Callable[[_Facts, Quad], None]] = {
    _RDF_TYPE: _Facts._type,
    AG + "date": lambda f, q: f._append(q, "dates", f._share(q.object)),
    AG + "attributedTo": lambda f, q: f._append(q, "by", f._share(q.object)),
    AG + "source": lambda f, q: f._append(q, "sources", str(q.object)),
    AG + "document": lambda f, q: f._add(f.documents, str(q.subject), q.object.value),
    AG + "published": lambda f, q: f._add(f.published, q.subject.value, q.object),
    AG + "family": lambda f, q: f.family.__setitem__(q.subject.value, q.object.value),
    AG + "validFrom": lambda f, q: f._append(q, "starts", f._share(q.object)),
    AG + "validUntil": lambda f, q: f._append(q, "until", f._share(q.object)),
    AG + "ending": _Facts._ending,
    _SUB_PROPERTY_OF: lambda f, q: f._add(f.parents, q.subject.value, q.object.value),
}


def _as_day(value: Literal) -> date | None:
    """A date literal at its first day (gYear, gYearMonth), or None if it is not a date."""
    kind = value.datatype.value.removeprefix(XSD)
    text = {"gYear": f"{value.value}-01-01", "gYearMonth": f"{value.value}-01"}.get(
        kind, value.value[:10]
    )
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _last_day(value: Literal) -> date | None:
    """The last day of a date literal's period (a gYear: 31 December), or None."""
    first = _as_day(value)
    if first is None:
        return None
    kind = value.datatype.value.removeprefix(XSD)
    if kind == "gYear":
        return date(first.year, 12, 31)
    if kind == "gYearMonth":
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return first


def _day_literal(day: date) -> str:
    return f'"{day.isoformat()}"^^<{XSD}date>'


def _side(actor: NamedNode, chain: tuple[_Step, ...]) -> str:
    """One side of a roll-up's IRI: the actor's id if it stays, else each step as
    ``<rule>~<target-id>``, joined by ``+`` (``part-of~syrian-army+part-of~syrian-government``).

    Ids have no ``~``, so a side that stays never reads like a chain, and a chain's rules and
    actors fix its text: two chains never share an IRI."""
    if not chain:
        return _local(actor)
    return "+".join(f"{step.rule}~{_local(step.target)}" for step in chain)


def _local(term: NamedNode) -> str:
    """The part of an IRI after its last ``/`` or ``#``."""
    value = term.value
    return value[max(value.rfind("/"), value.rfind("#")) + 1 :]
