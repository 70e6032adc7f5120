"""The embedded implementation of :class:`~actorgraph.store.base.GraphStore`: a pyoxigraph
store, in memory or on disk.

Every query runs over the union of all graphs with actorgraph's prefixes, and takes its
parameters as bindings (pyoxigraph substitutions), never as text. An actor's statements are
read straight from Oxigraph's indexes (:mod:`actorgraph.store.statement_index`), which gives
what ``statements.rq`` gives without the cost of parsing and planning a query.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping

from pyoxigraph import DefaultGraph, Quad, QueryTriples, RdfFormat, Store, Variable

from ..errors import QueryError
from ..namespaces import PREFIXES
from .base import GraphStore, Result, Term

__all__ = ["EmbeddedGraphStore", "graph_result"]


class EmbeddedGraphStore(GraphStore):
    """A pyoxigraph ``Store`` with parameterised queries over the union of its graphs.

    >>> gs = EmbeddedGraphStore(Store())
    >>> gs.ask("ASK { ?s ?p ?o }")
    False
    """

    indexed = True

    def __init__(self, store: Store, *, kept_counts: bool = False):
        self.store = store
        self.kept_counts = kept_counts

    def __len__(self) -> int:
        """The number of quads in all graphs."""
        return len(self.store)

    def quads(self) -> Iterator[Quad]:
        """Every quad of every graph (what ``export`` writes)."""
        return iter(self.store)

    def query(
        self,
        query: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        exclude_graphs: Collection[str] = (),
    ) -> Result:
        """pyoxigraph's raw result: QuerySolutions, QueryBoolean or QueryTriples.

        pyoxigraph substitutes only variables that a SELECT query projects.
        """
        substitutions = {Variable(name): term for name, term in (bindings or {}).items()}
        if exclude_graphs:
            kept = [g for g in self.store.named_graphs() if g.value not in exclude_graphs]
            dataset = {"default_graph": [DefaultGraph(), *kept]}
        else:
            dataset = {"use_default_graph_as_union": True}
        try:
            return self.store.query(
                query, prefixes=PREFIXES, substitutions=substitutions, **dataset
            )
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL query: {error.msg}") from None
        except RuntimeError as error:  # pyoxigraph substitutes only projected variables
            raise QueryError(
                f"{error}; a bound variable must be in the SELECT clause (or use SELECT *, "
                "or GROUP BY it in an aggregate query)"
            ) from None

    def statement_table(self, actor: str) -> list[dict[str, str]]:
        """What ``statements.rq`` answers for ``actor``, by index lookups."""
        from .statement_index import statement_table

        return statement_table(self.store, actor)


def graph_result(data: bytes, fmt: RdfFormat) -> QueryTriples:
    """The triples of ``data`` (in ``fmt``) as a CONSTRUCT result, as a query would give them.

    >>> triples = graph_result(b"<http://e.org/s> <http://e.org/p> <http://e.org/o> .",
    ...                        RdfFormat.N_TRIPLES)
    >>> [str(t) for t in triples]
    ['<http://e.org/s> <http://e.org/p> <http://e.org/o>']
    """
    store = Store()
    store.load(data, fmt)
    return store.query("CONSTRUCT WHERE { ?s ?p ?o }")
