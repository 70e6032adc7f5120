"""Tests for actorgraph.store.statement_index: index lookups answer exactly what statements.rq
answers."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from actorgraph.ingest.pipeline import open_graph
from actorgraph.ingest.synth import synth
from actorgraph.namespaces import ACTOR
from actorgraph.query.actors import find_actors
from actorgraph.query.relations import relations
from actorgraph.resources import query_text
from actorgraph.store.base import GraphStore
from actorgraph.store.embedded import EmbeddedGraphStore
from actorgraph.store.statement_index import COLUMNS, statement_table
from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat, Store

ODD = Path(__file__).parent / "fixtures" / "lookup_odd.trig"


def sparql_table(store: Store, actor: str) -> Counter[tuple[str, ...]]:
    """The solutions of statements.rq for ``actor`` as a multiset of CSV rows."""
    # The query as relations() ran it before, and as an endpoint is still asked it.
    result = EmbeddedGraphStore(store).query(
        query_text("statements.rq"), {"actor": NamedNode(actor)}
    )
    reader = csv.reader(io.StringIO(result.serialize(format=QueryResultsFormat.CSV).decode()))
    assert next(reader) == COLUMNS
    return Counter(map(tuple, reader))


def lookup_table(store: Store, actor: str) -> Counter[tuple[str, ...]]:
    return Counter(tuple(row[name] for name in COLUMNS) for row in statement_table(store, actor))


def assert_same_for_every_actor(gs: GraphStore) -> int:
    """Compares both for every actor; returns how many rows were compared."""
    compared = 0
    for actor in find_actors(gs):
        expected = sparql_table(gs.store, actor.iri)
        assert lookup_table(gs.store, actor.iri) == expected, actor.id
        compared += sum(expected.values())
    return compared


def test_same_solutions_as_sparql_on_the_seeds() -> None:
    assert assert_same_for_every_actor(open_graph()) > 200


def test_same_solutions_as_sparql_on_synthetic_data_with_roll_ups(tmp_path: Path) -> None:
    data = tmp_path / "synth.nq"
    synth(400, data, fmt="nq", seed=3)
    gs = open_graph(data=[data], seeds=False)
    rows = [row for actor in find_actors(gs) for row in relations(gs, actor)]
    assert any(row.derived for row in rows) and any(row.attributed_to for row in rows)
    assert assert_same_for_every_actor(gs) > 400


@pytest.mark.parametrize("actor", ["alpha", "beta", "gamma", "nobody"])
def test_same_solutions_as_sparql_on_shapes_the_validator_refuses(actor: str) -> None:
    store = Store()
    store.load(path=ODD, format=RdfFormat.TRIG)
    iri = ACTOR + actor
    expected = sparql_table(store, iri)
    assert lookup_table(store, iri) == expected
    if actor == "alpha":  # the odd cases are really there
        statements = {row[1].rsplit("/", 1)[-1] for row in expected}
        assert statements == {"lk-1", "lk-2", "lk-4"}
        assert sum(expected.values()) > 20


def test_relations_reads_the_indexes_on_an_embedded_store() -> None:
    gs = open_graph()
    iran = next(a for a in find_actors(gs) if a.id == "iran")
    # The same rows as through SPARQL (the path a remote endpoint takes).
    via_sparql = ThroughSparql(gs.store)
    assert relations(gs, iran) == relations(via_sparql, iran)


class ThroughSparql(EmbeddedGraphStore):
    """An embedded store that answers an actor's statements with statements.rq."""

    statement_table = GraphStore.statement_table
