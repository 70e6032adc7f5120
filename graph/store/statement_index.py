"""The statements of one actor, read straight from an embedded store's indexes.

:func:`statement_table` answers what ``graph/queries/statements.rq`` answers, with the same
columns (:data:`COLUMNS`) and the same solutions, but by pattern lookups on Oxigraph's
indexes instead of SPARQL. For the few statements of a typical actor the SPARQL engine
spends most of its time parsing and planning the query text (pyoxigraph has no prepared
queries), about half a millisecond on every call; the lookups here cost a few microseconds
each, one per statement, source and origin (docs/performance.md, "Queries").

``statements.rq`` stays the definition: it is what a SPARQL endpoint is asked
(:class:`~actorgraph.store.remote.RemoteGraphStore` has no local indexes), and the tests check that
both give the same solutions on the seeds, on synthetic data and on shapes the validator
refuses.

>>> from pyoxigraph import Quad, Store
>>> from actorgraph.namespaces import AG, ACTOR, STATEMENT
>>> s, a, b = NamedNode(STATEMENT + "s1"), NamedNode(ACTOR + "a"), NamedNode(ACTOR + "b")
>>> store = Store()
>>> store.extend([Quad(s, NamedNode(AG + "subject"), a),
...               Quad(s, NamedNode(AG + "relation"), NamedNode(AG + "supports")),
...               Quad(s, NamedNode(AG + "object"), b),
...               Quad(s, NamedNode(AG + "stance"), NamedNode(AG + "asserted"))])
>>> [row["object"] for row in statement_table(store, ACTOR + "a")]
['https://w3id.org/actorgraph/actor/b']
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

from pyoxigraph import BlankNode, NamedNode, Store

from ..namespaces import AG

__all__ = ["COLUMNS", "StatementReader", "statement_table"]

#: The columns of :func:`statement_table`: the variables ``statements.rq`` projects.
COLUMNS = [
    *("actor", "statement", "subject", "relation", "object", "stance", "date", "effective"),
    *("end", "rule", "original", "note", "speaker", "from", "until", "ending", "modality"),
    *("place", "precision", "low", "best", "high", "event", "type"),
    *("document", "file", "genre", "line", "excerpt", "via"),
]

_SUBJECT, _OBJECT = NamedNode(AG + "subject"), NamedNode(AG + "object")
_REQUIRED = [AG + name for name in ("subject", "relation", "object", "stance")]
#: The statement's own single-valued optional parts, in column order after ?stance.
_OWN = [AG + name for name in ("date", "effectiveDate", "effectiveEnd", "rule")]
_VIA, _DERIVED_FROM, _NOTE, _SPEAKER, _SOURCE = (
    AG + name for name in ("via", "derivedFrom", "note", "attributedTo", "source")
)
#: The origin's qualifiers, in column order after ?speaker.
_QUALIFIERS = [
    AG + name
    for name in (
        *("validFrom", "validUntil", "ending", "modality", "place", "geoPrecision"),
        *("fatalitiesLow", "fatalitiesBest", "fatalitiesHigh", "event", "sourceType"),
    )
]
_DOCUMENT, _LINE, _EXCERPT, _FILE_NAME, _GENRE = (
    AG + name for name in ("document", "line", "excerpt", "fileName", "sourceType")
)
_NONE = [None]  # an OPTIONAL that matched nothing: one solution, its variables unbound


def statement_table(store: Store, actor: str) -> list[dict[str, str]]:
    """The solutions of ``statements.rq`` for the actor IRI ``actor``: :data:`COLUMNS` ->
    the bare value of each term, "" where unbound (as its SPARQL CSV answer reads)."""
    reader = StatementReader(store)
    node = NamedNode(actor)
    return [
        dict(zip(COLUMNS, (actor, *map(_cell, solution)), strict=True))
        for side in (_SUBJECT, _OBJECT)  # the two branches of the UNION, as many times
        for quad in store.quads_for_pattern(None, side, node)  # as each quad is stored
        for solution in reader.solutions(quad.subject)
    ]


class StatementReader:
    """Reads the properties of nodes from ``store``, each node once."""

    def __init__(self, store: Store):
        self.store = store
        self.properties: dict[NamedNode | BlankNode, dict[str, list]] = {}

    def table(self, statement: NamedNode) -> list[dict[str, str]]:
        """The solutions of one statement as ``all-statements.rq`` gives them: the columns
        of :data:`COLUMNS` but ``actor`` -> bare values, "" where unbound."""
        return [
            dict(zip(COLUMNS[1:], map(_cell, solution), strict=True))
            for solution in self.solutions(statement)
        ]

    def solutions(self, statement: NamedNode | BlankNode) -> Iterator[tuple]:
        """The solutions of one statement as terms (None: unbound), from ``?statement`` on
        in the order of :data:`COLUMNS`."""
        own = self.of(statement)
        required = [own.get(predicate) for predicate in _REQUIRED]
        if not all(required):
            return
        optional = [own.get(predicate) or _NONE for predicate in (*_OWN, _VIA)]
        origins = [
            (original, rest)
            for original in own.get(_DERIVED_FROM) or _NONE
            for rest in self._origin(statement if original is None else original)
        ]
        for *fields, date, effective, end, rule, via, (original, rest) in product(
            *required, *optional, origins
        ):
            yield (statement, *fields, date, effective, end, rule, original, *rest, via)

    def _origin(self, origin) -> list[tuple]:
        """(note, speaker, qualifiers..., document, file, genre, line, excerpt) of
        ``origin``, one tuple per combination."""
        properties = self.of(origin)
        return [
            (note, speaker, *qualifiers, *source)
            for note in properties.get(_NOTE) or _NONE
            for speaker in properties.get(_SPEAKER) or _NONE
            for qualifiers in product(*(properties.get(q) or _NONE for q in _QUALIFIERS))
            for reference in properties.get(_SOURCE) or _NONE
            for source in self._source(reference)
        ]

    def _source(self, reference) -> list[tuple]:
        """(document, file, genre, line, excerpt) of one source reference."""
        properties = self.of(reference)
        return [
            (document, file, genre, line, excerpt)
            for document in properties.get(_DOCUMENT) or _NONE
            for file in self.of(document).get(_FILE_NAME) or _NONE
            for genre in self.of(document).get(_GENRE) or _NONE
            for line in properties.get(_LINE) or _NONE
            for excerpt in properties.get(_EXCERPT) or _NONE
        ]

    def of(self, node) -> dict[str, list]:
        """``node``'s properties over all graphs: predicate IRI -> values ({} for a literal
        or None, which have none)."""
        if not isinstance(node, NamedNode | BlankNode):
            return {}
        found = self.properties.get(node)
        if found is None:
            found = self.properties[node] = {}
            for quad in self.store.quads_for_pattern(node, None, None):
                found.setdefault(quad.predicate.value, []).append(quad.object)
        return found


def _cell(term) -> str:
    """What the SPARQL CSV writer writes for ``term``: its value, ``_:id`` for a blank node,
    "" for None (unbound)."""
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return term.value
