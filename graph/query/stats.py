"""Counts that describe the graph, answered by the store.

:func:`stats` returns what :func:`actorgraph.query.relations.stats` returns (the same keys,
values and order), but the store counts: one ``GROUP BY`` query for the statements by
relation and stance (``stats-statements.rq``) and one for the cited lines per document
(``stats-sources.rq``), instead of a Python row for every statement with all its
provenance. On a 100,000-statement store on disk that walk took 48 s through the CLI
(docs/performance.md, "stats").

What is counted, as before: ``statements``, ``by_family``, ``by_stance`` and ``sources``
count curated statements only (roll-ups, the statements with ``ag:derivedFrom``, are left
out); a statement is one with a subject, a relation, an object and a stance; ``sources``
is the number of distinct document lines cited, a document named by its file name (else
its id); ``actors`` counts every actor. ``at`` counts only the statements whose effective
date is on or before it.

>>> from actorgraph.ingest.pipeline import open_graph
>>> from actorgraph.query.relations import stats as walked
>>> gs = open_graph()
>>> stats(gs) == walked(gs)
True
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from pyoxigraph import Literal, NamedNode

from ..namespaces import local_id
from ..resources import query_text
from .relations import Stance

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["stats"]

_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")


def stats(gs: GraphStore, at: datetime.date | None = None, derived: bool = True) -> dict[str, Any]:
    """Counts that describe the graph (see the module docstring).

    ``derived`` is taken for the same options as the analyses; roll-ups are never counted
    as statements, so it changes nothing here.
    """
    del derived  # roll-ups are not statements of the count either way
    bindings = {} if at is None else {"at": Literal(at.isoformat(), datatype=_DATE)}
    suffix = "" if at is None else "-at"
    families: dict[str, str] = {}
    for s in gs.select(query_text("relation-properties.rq")):
        families[s["property"].value] = local_id(s["family"].value)
    by_family = Counter(dict.fromkeys(sorted(set(families.values())), 0))
    by_stance = Counter({stance.value: 0 for stance in Stance})
    total = 0
    for s in gs.select(query_text(f"stats-statements{suffix}.rq"), bindings):
        count = int(s["n"].value)
        by_family[families.get(s["relation"].value, "")] += count
        by_stance[Stance(local_id(s["stance"].value)).value] += count
        total += count
    lines: defaultdict[str, int] = defaultdict(int)
    documents: Counter[str] = Counter()
    for s in gs.select(query_text(f"stats-sources{suffix}.rq"), bindings):
        name = s["name"].value if "name" in s else local_id(s["document"].value)
        lines[name] += int(s["lines"].value)
        documents[name] += 1
    if any(count > 1 for count in documents.values()):
        # two documents with one file name: their lines are counted once, as before
        from .relations import stats as walked

        return walked(gs, at)
    return {
        "actors": int(gs.select(query_text("stats-actors.rq"))[0]["n"].value),
        "statements": total,
        "by_family": dict(by_family),
        "by_stance": dict(by_stance),
        "sources": sum(lines.values()),
    }
