"""The signed network of :mod:`actorgraph.analysis.signed`, read fast from a large store.

:func:`actorgraph.analysis.signed.signed_network` folds every statement with all its
provenance (sources, notes, speakers) into a :class:`~actorgraph.query.relations.RelationRow`
before it weighs it. On an on-disk store that one query (``all-statements.rq``) took 28 s at
10,000 statements, and far longer at 100,000 (docs/performance.md, "Analyses"), though the
analyses only need who, what, whom, how sure and when of each statement, plus the
provenance of the few statements they show as evidence.

:func:`network` builds the very same graph (same nodes, edges, weights, signs, statement
lists, statements in the same date order) from one lean query (``analysis-network.rq``),
and reads a statement's full row (its sources, note, speakers, roll-up path) only when it
is looked up in ``network.graph["rows"]``: a :class:`LazyRows` mapping that iterates in
date order like the dict ``signed_network`` makes. Structural statements are few and read
in full at once. A store with no local indexes (a SPARQL endpoint) gets
``signed_network`` itself.

>>> from actorgraph.ingest.pipeline import open_graph
>>> from actorgraph.analysis.signed import signed_network
>>> gs = open_graph()
>>> fast, reference = network(gs), signed_network(gs)
>>> sorted(fast.edges(data="weight")) == sorted(reference.edges(data="weight"))
True
>>> fast.graph["rows"]["aleppo-042"] == reference.graph["rows"]["aleppo-042"]
True
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, overload

from pyoxigraph import BlankNode, NamedNode, QueryResultsFormat

from ..errors import QueryError
from ..namespaces import AG, local_id
from ..query.actors import find_actors
from ..query.relations import RelationRow, SourceRef, Stance, statement_id
from ..resources import query_text
from .signed import relation_scores, sign, signed_network, statement_weight

if TYPE_CHECKING:
    import networkx
    from pyoxigraph import Store

    from ..store.base import GraphStore

__all__ = ["Progress", "LazyRows", "LazyStructural", "network", "relation_families"]

#: Called with a short description of each step of a long analysis.
Progress = Callable[[str], None]

_DATE, _VIA, _DERIVED_FROM, _NOTE, _SPEAKER, _SOURCE = (
    AG + name for name in ("date", "via", "derivedFrom", "note", "attributedTo", "source")
)
_DOCUMENT, _LINE, _EXCERPT, _FILE_NAME = (
    AG + name for name in ("document", "line", "excerpt", "fileName")
)
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def network(
    gs: GraphStore,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
    talk_weight: float = 0.0,
    progress: Progress | None = None,
) -> networkx.DiGraph:
    """What :func:`~actorgraph.analysis.signed.signed_network` returns, read fast.

    ``progress`` (if given) is told when each step starts.
    """
    import networkx

    if not gs.local:
        return signed_network(gs, at=at, derived=derived, talk_weight=talk_weight)
    say = progress or (lambda _message: None)
    say("reading the statements")
    rows, iris = _lean_rows(gs, at)
    say(f"building the network of {len(rows):,} statements")
    families = relation_families(gs)
    scores = relation_scores(gs)
    symmetric = {iri for iri, (_family, both_ways) in families.items() if both_ways}
    graph = networkx.DiGraph(rows={}, weights={}, structural=[])
    labels: dict[str, str] = {}
    for actor in find_actors(gs):
        graph.add_node(actor.id, label=actor.label, type=actor.type)
        labels[actor.iri] = actor.label
    lean: dict[str, RelationRow] = {}
    weights = graph.graph["weights"]
    structural = []
    edges: dict[tuple[str, str], dict] = {}
    for row in rows:
        if row.stance is Stance.denied or (row.derived and not derived):
            continue
        if row.family == "structural":
            structural.append(row)
            continue
        if row.subject == row.object:
            continue
        lean[row.statement] = row
        weight = weights[row.statement] = statement_weight(
            row, scores.get(row.relation_iri, 0), talk_weight
        )
        for node in (row.subject, row.object):
            if node not in graph:  # an endpoint that is not a known actor: its label later
                graph.add_node(node, label=None, type="")
        pairs = [(row.subject, row.object)]
        if row.relation_iri in symmetric:
            pairs.append((row.object, row.subject))
        for pair in pairs:
            edge = edges.get(pair)
            if edge is None:
                edge = edges[pair] = {"statements": [], "weight": 0.0, "sign": 0}
            edge["statements"].append(row.statement)
            edge["weight"] += weight
    for edge in edges.values():
        edge["sign"] = sign(edge["weight"])
    graph.add_edges_from((start, end, data) for (start, end), data in edges.items())
    reader = _DetailReader(gs.store, labels, iris)
    missing = {node for node, label in graph.nodes(data="label") if label is None}
    for row in lean.values():
        for node, iri in ((row.subject, row.subject_iri), (row.object, row.object_iri)):
            if node in missing:
                graph.nodes[node]["label"] = reader.label(iri)
                missing.discard(node)
    graph.graph["rows"] = LazyRows(lean, reader)
    graph.graph["structural"] = LazyStructural(
        [
            replace(
                row,
                subject_label=reader.label(row.subject_iri),
                object_label=reader.label(row.object_iri),
            )
            for row in structural
        ],
        reader,
    )
    return graph


def relation_families(gs: GraphStore) -> dict[str, tuple[str, bool]]:
    """Each relation property IRI -> (its family's local name, whether it is symmetric)."""
    found: dict[str, tuple[str, bool]] = {}
    for s in gs.select(query_text("relation-properties.rq")):
        found[s["property"].value] = (local_id(s["family"].value), s["symmetric"].value == "true")
    return found


class LazyRows(Mapping[str, RelationRow]):
    """Statement id -> its full :class:`RelationRow`, in date order, each read when asked.

    The order and the keys are those of ``signed_network``'s ``rows``; a full row is read
    from the store's indexes (a few lookups per statement) the first time it is asked for.
    """

    def __init__(self, lean: dict[str, RelationRow], reader: _DetailReader):
        self._lean = lean  # in date order
        self._reader = reader
        self._full: dict[str, RelationRow] = {}

    def __getitem__(self, statement: str) -> RelationRow:
        row = self._full.get(statement)
        if row is None:
            row = self._full[statement] = self._reader.full(self._lean[statement])
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._lean)

    def read_all(self) -> None:
        """Read the provenance of every statement at once (``analysis-provenance.rq``):
        faster than one statement at a time once more than a few thousand are shown."""
        if len(self._full) < len(self._lean):
            self._full.update(self._reader.all_full(self._lean))

    def __len__(self) -> int:
        return len(self._lean)

    def __contains__(self, statement: object) -> bool:
        return statement in self._lean


class LazyStructural(Sequence[RelationRow]):
    """The structural statements, as ``signed_network``'s list; each full row is read when
    asked. :attr:`lean` holds them with their labels but without provenance, which is all
    a reason that names them needs."""

    def __init__(self, lean: list[RelationRow], reader: _DetailReader):
        self.lean = lean
        self._reader = reader
        self._full: dict[int, RelationRow] = {}

    @overload
    def __getitem__(self, index: int) -> RelationRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[RelationRow]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.lean)))]
        index = range(len(self.lean))[index]
        if index not in self._full:
            self._full[index] = self._reader.full(self.lean[index])
        return self._full[index]

    def __len__(self) -> int:
        return len(self.lean)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


def _lean_rows(
    gs: GraphStore, at: datetime.date | None
) -> tuple[list[RelationRow], dict[str, str]]:
    """One row per statement known on day ``at``, without provenance (sources etc. empty),
    in date order; and each statement id's IRI."""
    reader = _csv_rows(gs.query(query_text("analysis-network.rq")))
    families = relation_families(gs)
    local = cache(local_id)
    family = cache(lambda iri: families.get(iri, ("", False))[0])
    stance = cache(lambda iri: Stance(local_id(iri)))
    day = cache(lambda text: datetime.date.fromisoformat(text) if text else None)
    iris: dict[str, str] = {}
    rows = []
    for statement, subject, relation, object_, stance_iri, effective, derived in reader:
        key = statement_id(statement)
        if key in iris:  # a statement with two values of a property: its first
            continue
        iris[key] = statement
        when = day(effective)
        if at is not None and (when is None or when > at):
            continue
        rows.append(
            RelationRow(
                statement=key,
                subject=local(subject),
                subject_label="",
                relation=local(relation),
                family=family(relation),
                object=local(object_),
                object_label="",
                date=None,
                stance=stance(stance_iri),
                attributed_to=(),
                derived=bool(derived),
                via=(),
                sources=(),
                note=None,
                subject_iri=subject,
                relation_iri=relation,
                object_iri=object_,
                effective_date=when,
            )
        )
    rows.sort(key=_date_order)
    return rows, iris


class _DetailReader:
    """Reads the provenance of statements from a local store's indexes, as
    ``all-statements.rq`` gives it, and labels (actors' from ``labels``, others on demand)."""

    def __init__(self, store: Store, labels: dict[str, str], iris: dict[str, str]):
        self.store = store
        self.labels = dict(labels)
        self.iris = iris  # statement id -> its IRI

    def label(self, iri: str) -> str:
        """The English label of ``iri`` (the first in code point order), else its id."""
        if iri not in self.labels:
            if iri.startswith("_:"):  # a blank node, as the CSV answer writes it
                return local_id(iri)
            found = [
                quad.object.value
                for quad in self.store.quads_for_pattern(NamedNode(iri), NamedNode(_LABEL), None)
                if _english(getattr(quad.object, "language", None))
            ]
            self.labels[iri] = min(found) if found else local_id(iri)
        return self.labels[iri]

    def full(self, row: RelationRow) -> RelationRow:
        """``row`` with its labels, date, note, speakers, roll-up path and sources."""
        statement = NamedNode(self.iris[row.statement])
        own = self._properties(statement)
        originals = own.get(_DERIVED_FROM, [])
        origin = originals[0] if originals else statement
        details = self._properties(origin)
        notes = details.get(_NOTE, [])
        speakers = {self.label(s.value) for s in details.get(_SPEAKER, [])}
        sources = set()
        for reference in details.get(_SOURCE, []):
            cited = self._properties(reference)
            for document in cited.get(_DOCUMENT, []):
                files = self._properties(document).get(_FILE_NAME, [])
                name = files[0].value if files else local_id(document.value)
                for line in cited.get(_LINE, []):
                    for excerpt in cited.get(_EXCERPT, []) or [None]:
                        text = excerpt.value if excerpt is not None else None
                        sources.add(SourceRef(name, int(line.value), text or None))
        dates = own.get(_DATE, [])
        via = ()
        if originals:
            roles = sorted({statement_id(v.value) for v in own.get(_VIA, [])})
            via = (statement_id(originals[0].value), *roles)
        return replace(
            row,
            subject_label=self.label(row.subject_iri),
            object_label=self.label(row.object_iri),
            date=dates[0].value if dates else None,
            attributed_to=tuple(sorted(speakers, key=str.casefold)),
            via=via,
            sources=tuple(sorted(sources, key=lambda r: (r.document, r.line, r.excerpt or ""))),
            note=notes[0].value if notes else None,
        )

    def all_full(self, lean: dict[str, RelationRow]) -> dict[str, RelationRow]:
        """The full rows of ``lean`` (statement id -> lean row), from one query."""
        grouped: dict[str, list[list[str]]] = {}
        for cells in _csv_rows(self.store_query("analysis-provenance.rq")):
            key = statement_id(cells[0])
            if key in lean:
                grouped.setdefault(key, []).append(cells)
        return {key: self._fold(lean[key], grouped.get(key, [])) for key in lean}

    def store_query(self, name: str):
        from ..store.embedded import EmbeddedGraphStore

        return EmbeddedGraphStore(self.store).query(query_text(name))

    def _fold(self, row: RelationRow, solutions: list[list[str]]) -> RelationRow:
        """``row`` with the provenance of its solutions of ``analysis-provenance.rq``."""
        if not solutions:
            return replace(
                row,
                subject_label=self.label(row.subject_iri),
                object_label=self.label(row.object_iri),
            )
        _, date, original, _, note, *_ = solutions[0]
        speakers = {self.label(s[5]) for s in solutions if s[5]}
        sources = {
            SourceRef(s[7] or local_id(s[6]), int(s[8]), s[9] or None)
            for s in solutions
            if s[6] and s[8]
        }
        via = ()
        if original:
            via = (statement_id(original), *sorted({statement_id(s[3]) for s in solutions if s[3]}))
        return replace(
            row,
            subject_label=self.label(row.subject_iri),
            object_label=self.label(row.object_iri),
            date=date or None,
            attributed_to=tuple(sorted(speakers, key=str.casefold)),
            via=via,
            sources=tuple(sorted(sources, key=lambda r: (r.document, r.line, r.excerpt or ""))),
            note=note or None,
        )

    def _properties(self, node) -> dict[str, list]:
        """``node``'s values by predicate IRI, over all graphs ({} for a literal)."""
        if not isinstance(node, NamedNode | BlankNode):
            return {}
        found: dict[str, list] = {}
        for quad in self.store.quads_for_pattern(node, None, None):
            found.setdefault(quad.predicate.value, []).append(quad.object)
        return found


def _csv_rows(result) -> Iterator[list[str]]:
    """The solutions of a SELECT result as lists of bare values ("" if unbound), through
    pyoxigraph's CSV writer (far faster than a Python term per cell)."""
    try:
        payload = result.serialize(format=QueryResultsFormat.CSV)
    except OSError as error:
        raise QueryError(f"query failed: {error}") from None
    reader = csv.reader(io.StringIO(payload.decode("utf-8"), newline=""))
    next(reader)
    return reader


def _english(language: str | None) -> bool:
    """Whether a language tag matches ``en``, as SPARQL's ``langMatches`` reads it."""
    return bool(language) and (language.lower() == "en" or language.lower().startswith("en-"))


def _date_order(row: RelationRow) -> tuple[datetime.date, str]:
    return (row.effective_date or datetime.date.max, row.statement)
