"""The signed network of :mod:`actorgraph.analysis.signed`, read fast from a large store.

:func:`actorgraph.analysis.signed.signed_network` folds every statement with all its
provenance (sources, notes, speakers) into a :class:`~actorgraph.query.relations.RelationRow`
before it weighs it. On an on-disk store that one query (``all-statements.rq``) took 28 s at
10,000 statements, and far longer at 100,000 (docs/performance.md, "Analyses"), though the
analyses only need who, what, whom, how sure and when of each statement, plus the
provenance of the few statements they show as evidence.

:func:`network` builds the very same graph (same nodes, edges, weights, signs, statement
lists, statements in the same date order) from one lean query (``analysis-network.rq``:
enough to tell whether a statement holds on the day and says its relation holds), and
reads a statement's full row (its sources, note, speakers, roll-up path, qualifiers and
support counts) from the store's indexes, as ``all-statements.rq`` gives it, only when it
is looked up in ``network.graph["rows"]``: a :class:`LazyRows` mapping that iterates in
date order like the dict ``signed_network`` makes. A store with no local indexes (a
SPARQL endpoint) gets ``signed_network`` itself.

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
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, overload

from pyoxigraph import NamedNode, QueryResultsFormat

from ..errors import QueryError
from ..namespaces import local_id
from ..query.actors import find_actors
from ..query.relations import RelationRow, SourceRef, Stance, statement_id
from ..query.rows import RowFolder, vocabulary
from ..query.statements import count_support
from ..resources import query_text
from ..store.statement_index import StatementReader
from .signed import relation_scores, sign, signed_network, statement_weight

if TYPE_CHECKING:
    import networkx

    from ..store.base import GraphStore

__all__ = ["Progress", "LazyRows", "LazyStructural", "network", "relation_families"]

#: Called with a short description of each step of a long analysis.
Progress = Callable[[str], None]

_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
#: Above this many statements, :meth:`LazyRows.sources` reads the sources of all at once.
SOURCES_AT_ONCE = 2_000


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

    if not gs.indexed:
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
    # The rows behind each truthy triple, for its support counts (count_support): every row
    # that holds on the day and says its relation holds, roll-ups included even when
    # ``derived`` is false, as signed_network counts them.
    support: defaultdict[tuple[str, str, str], list[str]] = defaultdict(list)
    for row in rows:
        if row.counts:
            support[row.subject_iri, row.relation_iri, row.object_iri].append(row.statement)
    for row in rows:
        if not row.counts or (row.derived and not derived):
            continue  # denied, planned or expected, or an ending: not a tie
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
    reader = _DetailReader(gs, labels, iris, support)
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

    def lean(self, statement: str) -> RelationRow:
        """The row as the network was built from it: who, what, whom, how sure and when,
        without provenance (labels and sources empty)."""
        return self._lean[statement]

    def sources(
        self, statements: Collection[str], *, at_once: bool | None = None
    ) -> dict[str, tuple[SourceRef, ...]]:
        """Each statement's sources, as its full row gives them (``self[s].sources``).

        With ``at_once`` (by default: above :data:`SOURCES_AT_ONCE` statements not yet
        read), the sources of every statement are read at once (``analysis-sources.rq``),
        not the full rows one by one: what the evidence of many statements needs, far
        faster than their full rows."""
        todo = [s for s in statements if s not in self._full]
        if not (len(todo) > SOURCES_AT_ONCE if at_once is None else at_once):
            return {s: self[s].sources for s in statements}
        read = self._reader.sources_at_once(todo)
        return {s: self._full[s].sources if s in self._full else read[s] for s in statements}

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
    """One row per statement that holds on day ``at`` (:meth:`RelationRow.holds_at`),
    without provenance (sources etc. empty), in date order; and each statement id's IRI."""
    reader = _csv_rows(gs.query(query_text("analysis-network.rq")))
    families = relation_families(gs)
    kinds = vocabulary(gs).kinds
    local = cache(local_id)
    family = cache(lambda iri: families.get(iri, ("", False))[0])
    kind = cache(lambda iri: kinds.get(iri, "event"))
    stance = cache(lambda iri: Stance(local_id(iri)))
    day = cache(lambda text: datetime.date.fromisoformat(text) if text else None)
    iris: dict[str, str] = {}
    rows = []
    for cells in reader:
        statement, subject, relation, object_, stance_iri, effective, derived = cells[:7]
        date, end, valid_from, ending, modality = cells[7:]
        key = statement_id(statement)
        if key in iris:  # a statement with two values of a property: its first
            continue
        iris[key] = statement
        row = RelationRow(
            statement=key,
            subject=local(subject),
            subject_label="",
            relation=local(relation),
            family=family(relation),
            object=local(object_),
            object_label="",
            date=date or None,
            stance=stance(stance_iri),
            attributed_to=(),
            derived=bool(derived),
            via=(),
            sources=(),
            note=None,
            subject_iri=subject,
            relation_iri=relation,
            object_iri=object_,
            effective_date=day(effective),
            effective_end=day(end),
            kind=kind(relation),
            valid_from=valid_from or None,
            ending=ending in ("true", "1"),
            modality=local(modality) if modality else "actual",
        )
        if row.holds_at(at):
            rows.append(row)
    rows.sort(key=_date_order)
    return rows, iris


class _DetailReader:
    """Reads the full rows of statements from a local store's indexes, as
    ``all-statements.rq`` gives them (:class:`~actorgraph.store.statement_index.StatementReader`
    folded by :class:`~actorgraph.query.rows.RowFolder`), with their support counts; and
    labels (actors' from ``labels``, others on demand)."""

    def __init__(
        self,
        gs: GraphStore,
        labels: dict[str, str],
        iris: dict[str, str],
        support: Mapping[tuple[str, str, str], list[str]],
    ):
        self.gs = gs
        self.store = gs.store
        self.labels = dict(labels)
        self.iris = iris  # statement id -> its IRI
        self.support = support  # truthy triple -> the ids of the rows that say it holds
        self.index = StatementReader(self.store)
        self.fold = RowFolder(_Labels(self), vocabulary(gs))
        self.folded: dict[str, RelationRow] = {}

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
        """``row`` in full: labels, date, note, speakers, roll-up path, sources, qualifiers,
        and the support counts of its truthy triple (as ``count_support`` sets them)."""
        found = self._folded(row.statement)
        key = (row.subject_iri, row.relation_iri, row.object_iri)
        backing = count_support(self._folded(s) for s in self.support.get(key, ()))
        documents, attributions = (
            (backing[0].documents, backing[0].attributions) if backing else (0, 0)
        )
        return replace(found, documents=documents, attributions=attributions)

    def all_full(self, lean: dict[str, RelationRow]) -> dict[str, RelationRow]:
        """The full rows of ``lean`` (statement id -> lean row)."""
        return {key: self.full(row) for key, row in lean.items()}

    def sources_at_once(self, statements: Iterable[str]) -> dict[str, tuple[SourceRef, ...]]:
        """Statement id -> its sources (see :meth:`LazyRows.sources`), read for every
        statement of the store in two queries."""
        lines: defaultdict[str, set[SourceRef]] = defaultdict(set)
        for origin, document, file, line, excerpt in _csv_rows(
            self.gs.query(query_text("analysis-sources.rq"))
        ):
            if line:  # as RowFolder reads them
                lines[origin].add(SourceRef(file or local_id(document), int(line), excerpt or None))
        originals: defaultdict[str, list[str]] = defaultdict(list)
        for statement, original in _csv_rows(self.gs.query(query_text("analysis-originals.rq"))):
            originals[statement].append(original)
        ordered = {origin: tuple(sorted(refs, key=_source_order)) for origin, refs in lines.items()}
        found = {}
        for key in statements:
            iri = self.iris[key]
            origins = originals.get(iri)
            if origins is None or len(origins) == 1:  # itself, or the one it comes from
                found[key] = ordered.get(iri if origins is None else origins[0], ())
            else:
                refs = set().union(*(lines.get(origin, ()) for origin in origins))
                found[key] = tuple(sorted(refs, key=_source_order))
        return found

    def _folded(self, statement: str) -> RelationRow:
        """The row of one statement id, without its support counts, read once."""
        found = self.folded.get(statement)
        if found is None:
            table = self.index.table(NamedNode(self.iris[statement]))
            found = self.folded[statement] = self.fold(table)
        return found


class _Labels:
    """The ``labels`` mapping a :class:`RowFolder` asks: labels read when first asked."""

    def __init__(self, reader: _DetailReader):
        self.reader = reader

    def get(self, iri: str) -> str | None:
        return self.reader.label(iri)


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


def _source_order(source: SourceRef) -> tuple[str, int, str]:
    """The order of a row's sources (:class:`~actorgraph.query.rows.RowFolder`)."""
    return (source.document, source.line, source.excerpt or "")


def _date_order(row: RelationRow) -> tuple[datetime.date, str]:
    return (row.effective_date or datetime.date.max, row.statement)
