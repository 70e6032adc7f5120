"""Keeping the derived layer up to date after a small write, instead of rebuilding it.

:func:`update_derived` takes a store whose non-derived graphs have just changed by known
quads (``deleted``, ``inserted``: the net change) and changes its derived graph to what
:func:`actorgraph.ingest.derive.derive` would build from scratch. It recomputes only the
lines of the statements whose lines can depend on the change (the *affected* statements,
below), with :class:`actorgraph.ingest.rules.Facts` itself, over the facts those lines
read. What a statement's lines read (docs/data-model.md, "The derived layer"):

* its own fields (type, subject, relation, object, stance, modality, dates, sources,
  attributions, validity, ending): a statement whose quads changed is affected;
* the publication dates of its sources' documents (its effective date): a change of
  ``ag:document`` or ``ag:published`` affects the statements citing that source;
* the roll-up steps (structural statements, the classes Person, ArmedGroup and State)
  from the actors its chains visit. Such a change marks the actors where it happens
  *dirty*; every actor with a chain of at most :data:`MAX_DEPTH` steps to a dirty actor
  can see it, so every statement with such an actor as subject or object is affected;
* the endings on its subject and object (its end) and on its roll-ups' (their ends): an
  ending said of actors ``a`` and ``b`` affects the statements whose subject has a chain
  to ``a`` and whose object has one to ``b``, or the other way round (and, if a
  structural statement joins ``a`` and ``b`` and the ending's relation is a step
  relation or its family root, so that it may end that step, as a step change);
* a truthy triple ``subject relation object`` is shared by every statement and roll-up
  that says it: it is removed only when no statement, affected or not, still gives it.

The facts gathered for the affected statements are: their quads, their sources'
documents and dates, every structural statement, every ending statement, the actors'
classes and the ontology's relation families, so steps, chains and ends are computed
exactly as a full rebuild computes them.

Some changes fall back to the full rebuild (:func:`derive`), and say so: a change to the
ontology or derived graphs, to ``ag:family``, ``rdfs:subPropertyOf`` or
``owl:SymmetricProperty`` (global: they change which relations are structural, step or
symmetric), more than :data:`MAX_CHANGED` quads or :data:`MAX_AFFECTED` affected
statements (a rebuild is then cheaper), and any affected statement with a blank node in
its lines (the bulk loader gives blank nodes new labels, so their old lines cannot be
found again).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Store, Triple, Variable, parse

from ..namespaces import AG, GRAPH_DERIVED, GRAPH_ONTOLOGY, RDF, RDFS
from ..resources import query_text
from .derive import derive
from .rules import MAX_DEPTH, Facts

__all__ = ["MAX_CHANGED", "MAX_AFFECTED", "update_derived"]

#: More changed quads than this: rebuild the derived layer instead.
MAX_CHANGED = 20_000
#: More affected statements than this: rebuild the derived layer instead.
MAX_AFFECTED = 20_000

_DERIVED = NamedNode(GRAPH_DERIVED)
_RESERVED = {_DERIVED, NamedNode(GRAPH_ONTOLOGY)}
_TYPE = NamedNode(RDF + "type")
_SYMMETRIC = NamedNode("http://www.w3.org/2002/07/owl#SymmetricProperty")
_GLOBAL = {NamedNode(AG + "family"), NamedNode(RDFS + "subPropertyOf")}
_STATEMENT_FIELDS = {
    NamedNode(AG + name)
    for name in (
        *("subject", "relation", "object", "stance", "modality", "date"),
        *("attributedTo", "source", "validFrom", "validUntil", "ending"),
    )
}
_STATEMENT_CLASSES = {NamedNode(AG + "Statement"), NamedNode(AG + "DerivedStatement")}
_ACTOR_CLASSES = [NamedNode(AG + k) for k in ("Person", "ArmedGroup", "State")]
_SUBJECT, _OBJECT = NamedNode(AG + "subject"), NamedNode(AG + "object")
_RELATION, _ENDING = NamedNode(AG + "relation"), NamedNode(AG + "ending")
_SOURCE, _DOCUMENT = NamedNode(AG + "source"), NamedNode(AG + "document")
_PUBLISHED, _DERIVED_FROM = NamedNode(AG + "published"), NamedNode(AG + "derivedFrom")
_OWNED = [NamedNode(AG + "effectiveDate"), NamedNode(AG + "effectiveEnd")]


def update_derived(
    store: Store, deleted: Collection[Quad], inserted: Collection[Quad], *, full: bool = False
) -> str:
    """Bring the derived graph of ``store`` up to date after the net change ``deleted``,
    ``inserted`` (already applied to ``store``), as :func:`derive` would from scratch.

    Returns what it did: ``"none"`` (nothing the rules read changed), ``"incremental"``,
    or ``"full"`` (the full rebuild: asked for with ``full``, or a change listed in the
    module's description).
    """
    if full or len(deleted) + len(inserted) > MAX_CHANGED or _global(deleted, inserted):
        derive(store)
        return "full"
    update = _Update(store, deleted, inserted)
    if not update.affected():
        return "none"
    if not update.apply():
        derive(store)
        return "full"
    return "incremental"


def _global(*changes: Iterable[Quad]) -> bool:
    """Whether a change has a global dependency (see the module's description)."""
    for quads in changes:
        for q in quads:
            if q.graph_name in _RESERVED or q.predicate in _GLOBAL:
                return True
            if q.predicate == _TYPE and q.object == _SYMMETRIC:
                return True
    return False


class _Update:
    """One incremental update: the affected statements, their facts, the new lines."""

    def __init__(self, store: Store, deleted: Collection[Quad], inserted: Collection[Quad]):
        self.store = store
        self.deleted, self.inserted = set(deleted), set(inserted)
        self.nodes: set = set()  # the affected statements

    # Reading the store outside the derived graph.

    def quads(self, s=None, p=None, o=None) -> list[Quad]:
        return [q for q in self.store.quads_for_pattern(s, p, o, None) if q.graph_name != _DERIVED]

    def subjects(self, p, o) -> set:
        return {q.subject for q in self.quads(None, p, o)}

    def objects(self, s, p) -> set:
        return {q.object for q in self.quads(s, p, None)}

    # Which statements are affected.

    def affected(self) -> set:
        """The statements whose derived lines may change (empty: nothing to do)."""
        changed = [*self.deleted, *self.inserted]
        relevant = [q for q in changed if _relevant(q)]
        if not relevant:
            return set()
        self.old = _old_and_new(self, relevant)  # node -> (old, new) _Statement or None
        self.facts = self._context()
        rules = self.facts.step_rules()
        dirty: set = set()
        nodes = set(self.old)
        for q in relevant:
            if q.predicate == _DOCUMENT:  # a source's document: the statements citing it
                nodes |= self.subjects(_SOURCE, q.subject)
            elif q.predicate == _PUBLISHED:  # a document's date: through its sources
                for source in self.subjects(_DOCUMENT, q.subject):
                    nodes |= self.subjects(_SOURCE, source)
            elif q.predicate == _TYPE and q.object in _ACTOR_CLASSES:
                dirty.add(q.subject)  # its steps, and those of its structural neighbours
                dirty |= self.neighbours.get(q.subject, set())
        pairs = set()
        for versions in self.old.values():
            for s in versions:
                if s is None or None in (s.subject, s.relation, s.object):
                    continue
                rule = rules.get(s.relation.value)
                if rule is not None:  # a step from its start may change
                    dirty.add(s.object if rule == "leads" else s.subject)
                if s.ending:  # the ends on its pair may change
                    pairs.add((s.subject, s.object, s.relation.value))
        # The relations whose endings can end a step (a step relation or its family root).
        step_keys = set(rules) | {self.facts.family.get(r, r) for r in rules}
        for one, other, relation in pairs:
            if relation in step_keys and other in self.neighbours.get(one, ()):
                dirty |= {one, other}  # a step between them may end: as any step change
            else:  # the statements and roll-ups said of the pair (either way round)
                ones = self._statements_of(self._reverse_reach({one}))
                others = self._statements_of(self._reverse_reach({other}))
                nodes |= (ones[0] & others[1]) | (others[0] & ones[1])
        subjects, objects = self._statements_of(self._reverse_reach(dirty))
        self.nodes = nodes | subjects | objects
        return self.nodes

    def _statements_of(self, actors: set) -> tuple[set, set]:
        """The statements with one of ``actors`` as subject, and as object."""
        subjects, objects = set(), set()
        for actor in actors:
            subjects |= self.subjects(_SUBJECT, actor)
            objects |= self.subjects(_OBJECT, actor)
        return subjects, objects

    def _context(self) -> Facts:
        """The facts every affected statement's lines may read, besides its own: ontology
        relation families, structural and ending statements, the actors' classes."""
        facts = Facts()
        for predicate in _GLOBAL:
            for q in self.quads(None, predicate, None):
                facts.add(q)
        for q in self.quads(None, _TYPE, _SYMMETRIC):
            facts.add(q)
        for kind in _ACTOR_CLASSES:
            for q in self.quads(None, _TYPE, kind):
                facts.add(q)
        rules = facts.step_rules()
        context = set()
        for relation in rules:
            context |= self.subjects(_RELATION, NamedNode(relation))
        context |= self.subjects(_ENDING, None)
        for node in context:
            for q in self.quads(node, None, None):
                facts.add(q)
        self.context = context
        # Who steps to whom (every structural statement, in either state), for the reach.
        self.predecessors: dict = {}
        self.neighbours: dict = {}
        states = [facts.statements.get(n) for n in context]
        states += [s for pair in self.old.values() for s in pair if s is not None]
        for s in states:
            if s is None or None in (s.subject, s.relation, s.object):
                continue
            rule = rules.get(s.relation.value)
            if rule is None:
                continue
            start, target = (s.object, s.subject) if rule == "leads" else (s.subject, s.object)
            self.predecessors.setdefault(target, set()).add(start)
            self.neighbours.setdefault(s.subject, set()).add(s.object)
            self.neighbours.setdefault(s.object, set()).add(s.subject)
        return facts

    def _reverse_reach(self, dirty: set) -> set:
        """``dirty`` and every actor with a chain of at most MAX_DEPTH steps to one."""
        reached, frontier = set(dirty), set(dirty)
        for _depth in range(MAX_DEPTH):
            frontier = {
                p for a in frontier for p in self.predecessors.get(a, ()) if p not in reached
            }
            reached |= frontier
        return reached

    # The new lines.

    def apply(self) -> bool:
        """Replace the affected statements' lines; False if the full rebuild must do it."""
        if len(self.nodes) > MAX_AFFECTED or any(isinstance(n, BlankNode) for n in self.nodes):
            return False
        facts = self.facts
        for node in self.nodes - self.context:
            for q in self.quads(node, None, None):
                facts.add(q)
                if q.predicate == _SOURCE:
                    for d in self.quads(q.object, _DOCUMENT, None):
                        facts.add(d)
                        for p in self.quads(d.object, _PUBLISHED, None):
                            facts.add(p)
        for node in self.nodes & self.context:  # their sources' documents and dates
            for source in self.objects(node, _SOURCE):
                for d in self.quads(source, _DOCUMENT, None):
                    facts.add(d)
                    for p in self.quads(d.object, _PUBLISHED, None):
                        facts.add(p)
        text = "".join(facts.lines(only=self.nodes))
        if "_:" in text:
            return False
        new = {q.triple for q in parse(text.encode(), RdfFormat.N_TRIPLES)}
        old_owned, candidates = self._old_lines()
        if any(_blank(t) for t in candidates):
            return False
        owned = {t for t in new if _owned(t, self.nodes)}
        truthy = new - owned
        candidates |= truthy
        store, graph = self.store, _DERIVED
        was = {q.triple for q in old_owned}
        for quad in old_owned:
            if quad.triple not in owned:
                store.remove(quad)
        store.extend(Quad(t.subject, t.predicate, t.object, graph) for t in owned - was)
        for t in candidates:  # only what changes is written
            quad = Quad(t.subject, t.predicate, t.object, graph)
            there = quad in store
            if t in truthy:
                if not there:
                    store.add(quad)
            elif there and not self._said_elsewhere(t):
                store.remove(quad)
        return True

    def _old_lines(self) -> tuple[list[Quad], set]:
        """The affected statements' lines in the derived graph now (effective dates and
        ends, roll-ups), and the truthy triples they may have given."""
        store, graph = self.store, _DERIVED
        owned: list[Quad] = []
        truthy: set = set()
        for node in self.nodes:
            for predicate in _OWNED:
                owned += store.quads_for_pattern(node, predicate, None, graph)
            for link in store.quads_for_pattern(None, _DERIVED_FROM, node, graph):
                lines = list(store.quads_for_pattern(link.subject, None, None, graph))
                owned += lines
                fields = {q.predicate: q.object for q in lines}
                if {_SUBJECT, _RELATION, _OBJECT} <= fields.keys():
                    truthy.add(_triple(fields[_SUBJECT], fields[_RELATION], fields[_OBJECT]))
        for versions in self.old.values():
            for s in versions:
                if s is not None and None not in (s.subject, s.relation, s.object):
                    truthy.add(_triple(s.subject, s.relation, s.object))
        truthy.discard(None)
        return owned, truthy

    def _said_elsewhere(self, t) -> bool:
        """Whether a statement that is not affected gives the truthy triple ``t``: it
        says it itself, or one of its roll-ups does (and it counts)."""
        found = self.store.query(
            query_text("derive-givers.rq"),
            use_default_graph_as_union=True,
            substitutions={
                Variable("subject"): t.subject,
                Variable("relation"): t.predicate,
                Variable("object"): t.object,
                Variable("derived"): _DERIVED,
            },
        )
        for row in found:
            node = row["statement"]
            if node in self.nodes:
                continue
            facts = Facts.gather(self.quads(node, None, None))
            s = facts.statements.get(node)
            if s is None or s.typed != "Statement" or not s.complete() or not s.counts():
                continue
            if row["rollup"] is not None or (s.subject, s.relation, s.object) == (
                t.subject,
                t.predicate,
                t.object,
            ):
                return True
        return False


def _old_and_new(update: _Update, relevant: list[Quad]) -> dict:
    """For each statement whose own quads changed: its fields before and after."""
    nodes = {
        q.subject
        for q in relevant
        if q.predicate in _STATEMENT_FIELDS
        or (q.predicate == _TYPE and q.object in _STATEMENT_CLASSES)
    }
    found = {}
    for node in nodes:
        now = update.quads(node, None, None)
        before = (set(now) - update.inserted) | {q for q in update.deleted if q.subject == node}
        found[node] = tuple(Facts.gather(quads).statements.get(node) for quads in (before, now))
    return found


def _relevant(q: Quad) -> bool:
    """Whether the rules read ``q`` (what :class:`Facts` keeps, bar the global ones)."""
    p = q.predicate
    if p in _STATEMENT_FIELDS or p in (_DOCUMENT, _PUBLISHED):
        return True
    return p == _TYPE and (q.object in _STATEMENT_CLASSES or q.object in _ACTOR_CLASSES)


def _owned(t, nodes: set) -> bool:
    """Whether derived triple ``t`` belongs to one of the statements ``nodes``: its dates,
    or a roll-up (``<statement>/rollup/<side>/<side>``; the sides hold no ``/``)."""
    s = t.subject
    if s in nodes:
        return True
    parts = s.value.rsplit("/", 3) if isinstance(s, NamedNode) else ()
    return len(parts) == 4 and parts[1] == "rollup" and NamedNode(parts[0]) in nodes


def _blank(t) -> bool:
    return isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode)


def _triple(subject, relation, object_) -> Triple | None:
    """The triple, or None if the terms cannot make one (a literal subject: bad data)."""
    try:
        return Triple(subject, relation, object_)
    except TypeError:
        return None
