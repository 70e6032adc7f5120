"""The one interface every store of the graph offers, embedded or remote.

:class:`GraphStore` is what the library queries: the union of the graph's named graphs, with
actorgraph's prefixes, parameters given as bindings (never as text). It has two
implementations: :class:`~actorgraph.store.embedded.EmbeddedGraphStore` (a pyoxigraph store in
memory or on disk) and :class:`~actorgraph.store.remote.RemoteGraphStore` (a SPARQL 1.1 server).
Each implements :meth:`~GraphStore.query`, :meth:`~GraphStore.quads` and ``len``; each answers
:meth:`~GraphStore.statement_table` its own way (index lookups or the query ``statements.rq``).
Everything else is shared here.
"""

from __future__ import annotations

import csv
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import TypeVar

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    Triple,
)

from ..errors import QueryError
from ..resources import query_text

__all__ = ["Term", "GraphStore", "Result"]

Term = NamedNode | BlankNode | Literal | Triple
Result = QuerySolutions | QueryBoolean | QueryTriples
_T = TypeVar("_T")

# A note or label of any length is data: Python's CSV reader would refuse a field over 128 KiB.
csv.field_size_limit(1 << 30)


class GraphStore(ABC):
    """The graph to query: SPARQL over the union of its graphs, and its quads.

    ``bindings`` map variable names (without ``?``) to terms; ``exclude_graphs`` leaves the
    named graphs given out of the union (for example the inferred graph).
    """

    #: Whether the store's indexes can be read directly, pattern by pattern (an embedded
    #: pyoxigraph store: ``store``). Readers that walk many nodes, such as
    #: :func:`actorgraph.analysis.network.network`, do so then; otherwise they ask SPARQL.
    indexed: bool = False
    #: Whether :func:`actorgraph.query.stats.stats` may read the counts kept in the store
    #: (:func:`actorgraph.query.stats.record_counts`): true only for a generation of an
    #: on-disk store opened as it is, whose kept counts are those of its content.
    kept_counts: bool = False

    @abstractmethod
    def query(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> Result:
        """pyoxigraph's result for ``query``: QuerySolutions, QueryBoolean or QueryTriples."""

    @abstractmethod
    def quads(self) -> Iterator[Quad]:
        """Every quad of every graph (what ``export`` writes)."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads in the graph's graphs."""

    def statement_table(self, actor: str) -> list[dict[str, str]]:
        """The solutions of ``statements.rq`` for the actor IRI ``actor``, as bare values.

        An embedded store answers by index lookups instead; both give the same table.
        """
        return self.table(query_text("statements.rq"), {"actor": NamedNode(actor)})

    def table(self, query: str, bindings: Mapping[str, Term] | None = None) -> list[dict[str, str]]:
        """The solutions of a SELECT query as the bare values of their terms ("" if unbound).

        The answer goes through pyoxigraph's SPARQL CSV writer and :mod:`csv`, which for big
        answers is many times faster than a Python term object per cell. CSV does not tell an
        unbound variable from an empty literal: both read as "".
        """
        result = self.query(query, bindings)
        if not isinstance(result, QuerySolutions):
            raise QueryError("expected a SELECT query")
        payload = self._run(lambda: result.serialize(format=QueryResultsFormat.CSV))
        reader = csv.reader(io.StringIO(payload.decode("utf-8"), newline=""), strict=True)
        names = next(reader)
        return [dict(zip(names, cells, strict=True)) for cells in reader]

    def select(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> list[dict[str, Term]]:
        """The solutions of a SELECT query; unbound variables are left out of each row."""
        solutions = self._expect(query, bindings, exclude_graphs, QuerySolutions, "SELECT")
        names = [v.value for v in solutions.variables]
        return self._run(lambda: [{n: s[n] for n in names if s[n] is not None} for s in solutions])

    def ask(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> bool:
        """The answer of an ASK query."""
        return bool(self._expect(query, bindings, exclude_graphs, QueryBoolean, "ASK"))

    def construct(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> list[Triple]:
        """The triples of a CONSTRUCT (or DESCRIBE) query."""
        result = self.query(query, bindings, exclude_graphs=exclude_graphs)
        if isinstance(result, QuerySolutions | QueryBoolean):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return self._run(lambda: list(result))

    def _expect(self, query, bindings, exclude_graphs, kind, name):
        result = self.query(query, bindings, exclude_graphs=exclude_graphs)
        if not isinstance(result, kind):
            raise QueryError(f"expected a {name} query")
        return result

    @staticmethod
    def _run(collect: Callable[[], _T]) -> _T:
        """Collect a lazily evaluated result; evaluation errors become QueryError."""
        try:
            return collect()
        except OSError as error:
            raise QueryError(f"query failed: {error}") from None
