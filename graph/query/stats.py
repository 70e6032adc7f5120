"""Counts that describe the graph.

:func:`stats` lets the store count: one ``GROUP BY`` query for the statements by relation
and stance (``stats-statements.rq``) and one for the cited lines per document
(``stats-sources.rq``), instead of a Python row for every statement with all its
provenance. On a 100,000-statement store on disk the walk took 48 s through the CLI
(docs/performance.md, "stats"). :func:`walked_stats` is that walk, kept as the reference
the counts are tested against, and used for a day (``at``): what holds on a day depends on
each statement's kind, dates and endings (:meth:`~actorgraph.query.rows.RelationRow.holds_at`),
which only the rows know.

What is counted: ``statements``, ``by_family``, ``by_stance`` and ``sources`` count curated
statements only (roll-ups, the statements with ``ag:derivedFrom``, are left out); a
statement is one with a subject, a relation, an object and a stance; ``sources`` is the
number of distinct document lines cited, a document named by its file name (else its id);
``actors`` counts every actor.

An on-disk store keeps these counts (:func:`record_counts`): every write of a store builds a
new generation (a load, a restore, an update through the endpoint, ``infer``), and each is
counted once as it is built, its counts kept beside the record of its sources, in the graph
``graph/sources``. :func:`stats` of a store opened from its directory reads them (a few
milliseconds, against 3 s for the two queries at 100,000 statements); any other graph (in
memory, a store with data added, an endpoint, a store written before the counts were kept)
is counted by the queries.

>>> from actorgraph.ingest.pipeline import open_graph
>>> gs = open_graph()
>>> stats(gs) == walked_stats(gs)
True
"""

from __future__ import annotations

import datetime
import json
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from pyoxigraph import Literal, NamedNode, Quad

from ..namespaces import AG, GRAPH_SOURCES, RDF, STORE_COUNTS, local_id
from ..resources import query_text
from .rows import Stance

if TYPE_CHECKING:
    from pyoxigraph import Store

    from ..store.base import GraphStore

__all__ = ["stats", "walked_stats", "record_counts", "forget_counts", "kept_counts"]

#: The node of graph ``graph/sources`` that keeps a generation's counts (:func:`record_counts`).
_GRAPH, _NODE, _COUNTS = NamedNode(GRAPH_SOURCES), NamedNode(STORE_COUNTS), NamedNode(AG + "counts")


def stats(gs: GraphStore, at: datetime.date | None = None, derived: bool = True) -> dict[str, Any]:
    """Counts that describe the graph (see the module docstring); on day ``at``, only what
    holds on that day.

    ``derived`` is taken for the same options as the analyses; roll-ups are never counted
    as statements, so it changes nothing here.
    """
    del derived  # roll-ups are not statements of the count either way
    if at is not None:
        return walked_stats(gs, at)
    if gs.kept_counts:
        kept = kept_counts(gs.store)  # type: ignore[attr-defined]
        if kept is not None:
            return kept
    families: dict[str, str] = {}
    for s in gs.select(query_text("relation-properties.rq")):
        families[s["property"].value] = local_id(s["family"].value)
    by_family = Counter(dict.fromkeys(sorted(set(families.values())), 0))
    by_stance = Counter({stance.value: 0 for stance in Stance})
    total = 0
    for s in gs.select(query_text("stats-statements.rq")):
        count = int(s["n"].value)
        by_family[families.get(s["relation"].value, "")] += count
        by_stance[Stance(local_id(s["stance"].value)).value] += count
        total += count
    lines: defaultdict[str, int] = defaultdict(int)
    documents: Counter[str] = Counter()
    for s in gs.select(query_text("stats-sources.rq")):
        name = s["name"].value if "name" in s else local_id(s["document"].value)
        lines[name] += int(s["lines"].value)
        documents[name] += 1
    if any(count > 1 for count in documents.values()):
        # two documents with one file name: their lines are counted once, as the walk does
        return walked_stats(gs)
    return {
        "actors": int(gs.select(query_text("stats-actors.rq"))[0]["n"].value),
        "statements": total,
        "by_family": dict(by_family),
        "by_stance": dict(by_stance),
        "sources": sum(lines.values()),
    }


def walked_stats(gs: GraphStore, at: datetime.date | None = None) -> dict[str, Any]:
    """:func:`stats` from every statement's row: the reference, and the count on a day
    (``at``: only what holds on that day, see :func:`actorgraph.query.statements.known_by`).
    """
    from .actors import find_actors
    from .rows import vocabulary
    from .statements import all_statements

    curated = [row for row in all_statements(gs, at) if not row.derived]
    by_family = Counter({name: 0 for name in vocabulary(gs).families()})
    by_family.update(row.family for row in curated)
    by_stance = Counter({stance.value: 0 for stance in Stance})
    by_stance.update(row.stance.value for row in curated)
    cited = {(source.document, source.line) for row in curated for source in row.sources}
    return {
        "actors": len(find_actors(gs)),
        "statements": len(curated),
        "by_family": dict(by_family),
        "by_stance": dict(by_stance),
        "sources": len(cited),
    }


def record_counts(store: Store) -> None:
    """Count the graph in ``store`` as :func:`stats` does and keep the counts in it (the node
    :data:`actorgraph.namespaces.STORE_COUNTS` of graph ``graph/sources``), replacing those
    kept before.

    Called as each new generation of an on-disk store is built, after everything else is
    written: by the loads and restores (``ingest.pipeline._build_generation``) and the
    writes that change a copy of the live generation
    (:func:`actorgraph.store.generations.next_generation`: the endpoint's updates,
    ``infer``), so a generation's counts are those of exactly its content.
    """
    from ..store.embedded import EmbeddedGraphStore

    forget_counts(store)
    counts = stats(EmbeddedGraphStore(store))
    text = json.dumps(counts, ensure_ascii=False)
    store.extend(
        [
            Quad(_NODE, NamedNode(RDF + "type"), NamedNode(AG + "StoreCounts"), _GRAPH),
            Quad(_NODE, _COUNTS, Literal(text), _GRAPH),
        ]
    )


def forget_counts(store: Store) -> None:
    """Drop the counts kept in ``store`` (its content changed and was not counted again)."""
    for quad in list(store.quads_for_pattern(_NODE, None, None, _GRAPH)):
        store.remove(quad)


def kept_counts(store: Store) -> dict[str, Any] | None:
    """The counts :func:`record_counts` kept in ``store``, or None if none are kept."""
    for quad in store.quads_for_pattern(_NODE, _COUNTS, None, _GRAPH):
        return json.loads(quad.object.value)
    return None
