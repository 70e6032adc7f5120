"""The rules of the derived layer, applied to a stream of quads in one pass.

:class:`Facts` gathers, from the quads of a graph, only the fields the rules read
(docs/data-model.md, "The derived layer"), then writes the derived triples as N-Triples
lines: truthy triples, roll-ups along role, part-of and leads chains (one chain per actor
reached, at most :data:`MAX_DEPTH` steps, never visiting an actor twice) and effective
dates and ends. :mod:`actorgraph.ingest.derive` loads those lines into a store.

Why one pass in Python rather than SPARQL rules: the rules need every statement's core
fields, and on an on-disk store each field a query reads costs a lookup in Oxigraph's
string table. As SPARQL the rules took about 45 s for 100,000 statements on disk; reading
the quads once (for a load: re-parsing the input, which Oxigraph does at about a million
quads a second) and joining in dictionaries takes a few seconds (docs/performance.md).
Only the fields the rules need are kept, with actors, relations and dates shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from ..namespaces import AG, RDF, RDFS, XSD

__all__ = ["MAX_DEPTH", "Facts"]

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


class Facts:
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
    def gather(cls, quads: Iterable[Quad]) -> Facts:
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
            statement = self._statement(quad)
            current = getattr(statement, field)
            # One value per field; of several (invalid data), the least as N-Triples, so
            # the result does not depend on the order of the quads (docs/security.md).
            if current is None or (current != quad.object and str(quad.object) < str(current)):
                setattr(statement, field, self._share(quad.object))
            return
        handler = _HANDLERS.get(predicate)
        if handler is not None:
            handler(self, quad)

    def lines(self, only: Iterable | None = None) -> Iterator[str]:
        """The truthy triples, roll-ups, effective dates and ends, as N-Triples: of every
        statement, or of the statements ``only`` names (nodes not gathered are skipped;
        :mod:`actorgraph.ingest.incremental` gathers what their lines need)."""
        ends = self._ends()
        steps = self._steps(ends)
        chains: dict[NamedNode, list[tuple[_Step, ...]]] = {}
        structural = self.structural()
        chosen = (
            self.statements.items()
            if only is None
            else [(n, self.statements[n]) for n in only if n in self.statements]
        )
        for node, statement in chosen:
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

    def structural(self) -> set[str]:
        """The relations of the structural family (they get no roll-ups)."""
        return {iri for iri, root in self.family.items() if root == AG + "structural"}

    def step_rules(self) -> dict[str, str]:
        """Each relation that may make a roll-up step, with its rule: role, part-of or
        leads (role and part-of step from subject to object, leads the other way)."""
        return {
            **dict.fromkeys(self._closure(AG + "represents"), "role"),
            **dict.fromkeys(self._closure(AG + "partOf"), "part-of"),
            **dict.fromkeys(self._closure(AG + "leads"), "leads"),
        }

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

    def _family(self, quad: Quad) -> None:
        current = self.family.get(quad.subject.value)
        if current is None or quad.object.value < current:  # of several, the least
            self.family[quad.subject.value] = quad.object.value

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
        rules = self.step_rules()
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
# to one Facts: a table of bound methods would make each Facts a reference cycle, whose
# tables (about 1 KB per statement) would outlive the pass until a full collection.
_HANDLERS: dict[str, Callable[[Facts, Quad], None]] = {
    _RDF_TYPE: Facts._type,
    AG + "date": lambda f, q: f._append(q, "dates", f._share(q.object)),
    AG + "attributedTo": lambda f, q: f._append(q, "by", f._share(q.object)),
    AG + "source": lambda f, q: f._append(q, "sources", str(q.object)),
    AG + "document": lambda f, q: f._add(f.documents, str(q.subject), q.object.value),
    AG + "published": lambda f, q: f._add(f.published, q.subject.value, q.object),
    AG + "family": lambda f, q: f._family(q),
    AG + "validFrom": lambda f, q: f._append(q, "starts", f._share(q.object)),
    AG + "validUntil": lambda f, q: f._append(q, "until", f._share(q.object)),
    AG + "ending": Facts._ending,
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
