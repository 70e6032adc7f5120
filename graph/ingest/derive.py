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

__all__ = ["derive", "derived_triples", "load_derived"]

_RDF_TYPE = RDF + "type"
_SUB_PROPERTY_OF = RDFS + "subPropertyOf"
_DENIED = NamedNode(AG + "denied")
#: The predicates the derived layer writes, as N-Triples.
_NT = {
    name: f"<{AG}{name}>"
    for name in (
        *("subject", "relation", "object", "stance", "date"),
        *("attributedTo", "derivedFrom", "via", "effectiveDate"),
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

    __slots__ = ("typed", "subject", "relation", "object", "stance", "dates", "by", "sources")

    def __init__(self) -> None:
        self.typed = ""  # "Statement", "DerivedStatement" or "" (not typed as either)
        self.subject = self.relation = self.object = self.stance = None
        self.dates: tuple[Literal, ...] = ()
        self.by: tuple[NamedNode, ...] = ()
        self.sources: tuple[str, ...] = ()


class _Facts:
    """What the rules need from a stream of quads, gathered in one pass."""

    def __init__(self) -> None:
        self.statements: dict[NamedNode | BlankNode, _Statement] = {}
        self.persons: set[NamedNode] = set()
        self.parents: dict[str, list[str]] = {}  # rdfs:subPropertyOf, by IRI
        self.structural: set[str] = set()  # relations of the structural family
        self.documents: dict[str, list[str]] = {}  # source (as N-Triples) -> document IRIs
        self.published: dict[str, list[Literal]] = {}  # document IRI -> ag:published
        self._shared: dict = {}  # one object per actor, relation, stance or date
        self._texts: dict = {}  # the N-Triples text of the shared terms

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
        """The truthy triples, roll-ups and effective dates of what was added, as N-Triples."""
        roles = self._roles()
        for node, statement in self.statements.items():
            if not statement.typed:
                continue
            day = self._effective_date(statement)
            if statement.typed == "Statement" and statement.stance != _DENIED:
                yield from self._truthy(statement)
            if day is not None:
                yield f"{node} {_NT['effectiveDate']} {day} .\n"
            if statement.typed == "Statement" and isinstance(node, NamedNode):
                for rollup, lines in self._rollups(node, statement, roles):
                    yield from lines
                    if day is not None:
                        yield f"{rollup} {_NT['effectiveDate']} {day} .\n"

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
        if kind == AG + "Person":
            self.persons.add(quad.subject)
        elif kind in (AG + "Statement", AG + "DerivedStatement"):
            statement = self._statement(quad)
            if statement.typed != "DerivedStatement":
                statement.typed = kind.removeprefix(AG)

    def _family(self, quad: Quad) -> None:
        if quad.object.value == AG + "structural":
            self.structural.add(quad.subject.value)

    # The rules.

    def _truthy(self, s: _Statement) -> Iterator[str]:
        if None not in (s.subject, s.relation, s.object, s.stance):
            yield f"{self._text(s.subject)} {self._text(s.relation)} {self._text(s.object)} .\n"

    def _roles(self) -> dict[NamedNode, list[tuple[NamedNode, NamedNode]]]:
        """Each person with a role: the (organisation, role statement) pairs."""
        role_relations = self._represents()
        roles: dict[NamedNode, list[tuple[NamedNode, NamedNode]]] = {}
        for node, s in self.statements.items():
            if (
                s.typed == "Statement"
                and s.relation is not None
                and s.relation.value in role_relations
                and s.stance not in (None, _DENIED)
                and s.subject in self.persons
                and s.object is not None
            ):
                roles.setdefault(s.subject, []).append((s.object, node))
        return roles

    def _represents(self) -> set[str]:
        """``ag:represents`` and its sub-properties, at any depth."""
        found = {AG + "represents"}
        grown = True
        while grown:
            grown = False
            for child, parents in self.parents.items():
                if child not in found and found.intersection(parents):
                    found.add(child)
                    grown = True
        return found

    def _rollups(
        self, node: NamedNode, s: _Statement, roles: dict
    ) -> Iterator[tuple[str, list[str]]]:
        """The roll-ups of statement ``node``: each one's IRI and N-Triples lines."""
        if None in (s.subject, s.relation, s.object, s.stance):
            return
        if s.relation.value in self.structural:
            return
        subject_roles = roles.get(s.subject, [])
        object_roles = roles.get(s.object, [])
        for org, role in subject_roles:
            if org != s.object:
                yield self._rollup(node, s, org, s.object, [role])
        for org, role in object_roles:
            if s.subject != org:
                yield self._rollup(node, s, s.subject, org, [role])
        for org, role in subject_roles:
            for org2, role2 in object_roles:
                if org != org2:
                    yield self._rollup(node, s, org, org2, [role, role2])

    def _rollup(
        self, node: NamedNode, s: _Statement, subject, object_, via: list[NamedNode]
    ) -> tuple[str, list[str]]:
        rollup = f"<{node.value}/rollup/{_local(subject)}/{_local(object_)}>"
        text = self._text
        fields = [
            ("subject", subject),
            ("relation", s.relation),
            ("object", object_),
            ("stance", s.stance),
            ("derivedFrom", node),
            *(("date", d) for d in s.dates),
            *(("attributedTo", b) for b in s.by),
            *(("via", r) for r in via),
        ]
        lines = [f"{rollup} {_NT['a']} <{AG}DerivedStatement> .\n"]
        lines += [f"{rollup} {_NT[name]} {text(value)} .\n" for name, value in fields]
        if s.stance != _DENIED:
            lines.append(f"{text(subject)} {text(s.relation)} {text(object_)} .\n")
        return rollup, lines

    def _effective_date(self, s: _Statement) -> str | None:
        """The statement's effective date as an N-Triples literal, or None."""
        candidates = s.dates or [
            published
            for source in s.sources
            for document in self.documents.get(source, ())
            for published in self.published.get(document, ())
        ]
        days = [day for day in map(_as_day, candidates) if day is not None]
        return f'"{min(days).isoformat()}"^^<{XSD}date>' if days else None


_FIELDS = {AG + name: name for name in ("subject", "relation", "object", "stance")}
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
    AG + "family": _Facts._family,
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


def _local(term: NamedNode) -> str:
    """The part of an IRI after its last ``/`` or ``#``."""
    value = term.value
    return value[max(value.rfind("/"), value.rfind("#")) + 1 :]
