"""The incremental derived layer (graph/ingest/incremental.py, graph/web/writes.py): after
every write, the derived graph equals (is isomorphic to) a full rebuild from scratch.

A seeded loop of several hundred random writes on the seeds plus a small synthetic graph:
inserts of statements (structural ones, endings, dated, sourced), deletes of one quad and
of whole statement nodes, actors' classes and labels, documents' dates, sources'
documents, writes to the inferred graph (followed incrementally) and to the ontology and
derived graphs (rebuilt in full). Then the endpoint's write job on an on-disk store.
"""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest
from actorgraph.ingest.derive import derive
from actorgraph.ingest.incremental import update_derived
from actorgraph.ingest.read import read_inputs
from actorgraph.ingest.synth import synth
from actorgraph.namespaces import (
    ACTOR,
    AG,
    GRAPH_CURATED,
    GRAPH_DERIVED,
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    RDF,
    RDFS,
    STATEMENT,
)
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, parse
from rdflib import Graph
from rdflib.compare import isomorphic, to_isomorphic

DERIVED = NamedNode(GRAPH_DERIVED)
CURATED = NamedNode(GRAPH_CURATED)
TYPE = NamedNode(RDF + "type")
XSD = "http://www.w3.org/2001/XMLSchema#"


def ag(name: str) -> NamedNode:
    return NamedNode(AG + name)


@pytest.fixture(scope="module")
def base() -> list[Quad]:
    """The ontology, the seeds and 300 synthetic statements, with their derived layer."""
    inputs = read_inputs([], seeds=True)
    data = io.BytesIO()
    synth(300, data, fmt="nq", seed=7)
    store = Store()
    for quads in inputs.quads():
        store.extend(quads)
    store.extend(parse(data.getvalue(), RdfFormat.N_QUADS))
    derive(store)
    return list(store)


def derived_graph(store: Store) -> set:
    return {q.triple for q in store.quads_for_pattern(None, None, None, DERIVED)}


def same(one: set, other: set) -> bool:
    """Equal, or isomorphic where blank nodes are in them."""
    if one == other:
        return True
    graphs = []
    for triples in (one, other):
        text = "".join(f"{t} .\n" for t in triples)
        graph = Graph().parse(data=text, format="nt")
        graphs.append(to_isomorphic(graph))
    return isomorphic(*graphs)


def rebuilt(store: Store) -> set:
    """The derived graph a full rebuild makes of ``store``."""
    fresh = Store()
    fresh.extend(q for q in store if q.graph_name != DERIVED)
    derive(fresh)
    return derived_graph(fresh)


class Writer:
    """Random writes on the store, from what it holds."""

    def __init__(self, store: Store, rng: random.Random):
        self.store, self.rng = store, rng
        self.actors = sorted(
            {q.subject for q in store.quads_for_pattern(None, TYPE, None, None)}
            & {q.object for q in store.quads_for_pattern(None, ag("subject"), None, CURATED)},
            key=str,
        )
        self.relations = [ag(n) for n in ("supports", "opposes", "attacks", "talksTo")] + [
            ag(n) for n in ("partOf", "leads", "represents", "commanderOf", "allyOf")
        ]
        self.documents = sorted(
            {q.subject for q in store.quads_for_pattern(None, ag("published"), None, None)},
            key=str,
        )
        self.made = 0

    def statements(self) -> list:
        nodes = {
            q.subject
            for q in self.store.quads_for_pattern(None, TYPE, ag("Statement"), None)
            if q.graph_name != DERIVED
        }
        return sorted(nodes, key=str)

    def date(self) -> Literal:
        year = self.rng.randint(2011, 2024)
        if self.rng.random() < 0.3:
            return Literal(str(year), datatype=NamedNode(XSD + "gYear"))
        return Literal(f"{year}-{self.rng.randint(1, 12):02d}-01", datatype=NamedNode(XSD + "date"))

    def new_statement(self, graph=CURATED) -> list[Quad]:
        rng = self.rng
        self.made += 1
        node = NamedNode(f"{STATEMENT}incremental-{self.made}")
        subject, object_ = rng.sample(self.actors, 2)
        if rng.random() < 0.5:  # the pair of a statement already there (endings, roll-ups)
            said = rng.choice(self.statements())
            ends = [
                next(iter(self.store.quads_for_pattern(said, ag(f), None, None)), None)
                for f in ("subject", "object")
            ]
            if None not in ends:
                subject, object_ = (q.object for q in ends[:: rng.choice((1, -1))])
        stance = rng.choice([ag("asserted"), ag("asserted"), ag("claimed"), ag("denied")])
        quads = [
            Quad(node, TYPE, ag("Statement"), graph),
            Quad(node, ag("subject"), subject, graph),
            Quad(node, ag("relation"), rng.choice(self.relations), graph),
            Quad(node, ag("object"), object_, graph),
            Quad(node, ag("stance"), stance, graph),
        ]
        if rng.random() < 0.6:
            quads.append(Quad(node, ag("date"), self.date(), graph))
        if rng.random() < 0.2:
            quads.append(
                Quad(
                    node, ag("ending"), Literal("true", datatype=NamedNode(XSD + "boolean")), graph
                )
            )
        if rng.random() < 0.15:
            quads.append(Quad(node, ag("validUntil"), self.date(), graph))
        if rng.random() < 0.1:
            quads.append(Quad(node, ag("modality"), ag("planned"), graph))
        if rng.random() < 0.5:
            source = NamedNode(f"{STATEMENT}incremental-{self.made}-source")
            quads.append(Quad(node, ag("source"), source, graph))
            quads.append(Quad(source, ag("document"), rng.choice(self.documents), graph))
        return quads

    def write(self) -> tuple[str, list[Quad], list[Quad]]:
        """A random write: its kind, the quads to delete and the quads to insert."""
        rng, store = self.rng, self.store
        kind = rng.choice(
            ["insert"] * 4
            + ["delete-quad"] * 3
            + ["delete-node"] * 2
            + ["actor-class", "actor-label", "published", "document", "inferred"]
            + ["replace-field"] * 2
            + ["ontology", "derived", "mixed"]
        )
        if kind == "insert":
            return kind, [], self.new_statement()
        if kind in ("delete-quad", "delete-node", "replace-field"):
            node = rng.choice(self.statements())
            quads = [
                q
                for q in store.quads_for_pattern(node, None, None, None)
                if q.graph_name != DERIVED
            ]
            if kind == "delete-node":
                return kind, quads, []
            if kind == "delete-quad":
                return kind, [rng.choice(quads)], []
            field = rng.choice([ag("subject"), ag("object"), ag("relation"), ag("stance")])
            old = [q for q in quads if q.predicate == field]
            value = {
                ag("relation"): rng.choice(self.relations),
                ag("stance"): rng.choice([ag("asserted"), ag("denied")]),
            }.get(field) or rng.choice(self.actors)
            return kind, old, [Quad(node, field, value, CURATED)]
        if kind == "actor-class":
            actor = rng.choice(self.actors)
            classes = [ag("Person"), ag("State"), ag("ArmedGroup"), ag("Government")]
            mine = [
                q
                for q in store.quads_for_pattern(actor, TYPE, None, None)
                if q.graph_name != DERIVED
            ]
            return (
                kind,
                mine[:1] if rng.random() < 0.5 else [],
                [Quad(actor, TYPE, rng.choice(classes), CURATED)],
            )
        if kind == "actor-label":
            actor = rng.choice(self.actors)
            return (
                kind,
                [],
                [
                    Quad(
                        actor,
                        NamedNode(RDFS + "label"),
                        Literal(f"x{rng.random()}", language="en"),
                        CURATED,
                    )
                ],
            )
        if kind == "published":
            document = rng.choice(self.documents)
            old = list(store.quads_for_pattern(document, ag("published"), None, None))
            return kind, old, [Quad(document, ag("published"), self.date(), CURATED)]
        if kind == "document":
            links = list(store.quads_for_pattern(None, ag("document"), None, None))
            link = rng.choice(links)
            new = Quad(link.subject, ag("document"), rng.choice(self.documents), link.graph_name)
            return kind, [link], [new]
        if kind == "inferred":
            actor = rng.choice(self.actors)
            return (
                kind,
                [],
                [
                    Quad(
                        actor,
                        TYPE,
                        rng.choice([ag("Person"), ag("State")]),
                        NamedNode(GRAPH_INFERRED),
                    )
                ],
            )
        if kind == "ontology":
            relation = rng.choice(self.relations)
            return (
                kind,
                [],
                [
                    Quad(
                        relation,
                        NamedNode(RDFS + "comment"),
                        Literal("x"),
                        NamedNode(GRAPH_ONTOLOGY),
                    )
                ],
            )
        if kind == "derived":
            return (
                kind,
                [],
                [Quad(rng.choice(self.actors), ag("supports"), rng.choice(self.actors), DERIVED)],
            )
        deleted = []
        for _ in range(2):
            node = rng.choice(self.statements())
            deleted += [
                q
                for q in store.quads_for_pattern(node, None, None, None)
                if q.graph_name != DERIVED
            ][:2]
        return (
            kind,
            deleted,
            self.new_statement() + self.new_statement(NamedNode("https://example.org/other")),
        )


def apply(store: Store, deleted: list[Quad], inserted: list[Quad]) -> tuple[list, list]:
    """Apply the write; the net change (what was there and is gone, what is new)."""
    before = {q: q in store for q in [*deleted, *inserted]}
    for q in deleted:
        store.remove(q)
    store.extend(inserted)
    gone = [q for q, was in before.items() if was and q not in store]
    new = [q for q, was in before.items() if not was and q in store]
    return gone, new


WRITES = int(os.environ.get("ACTORGRAPH_INCREMENTAL_WRITES", "160"))


def test_random_writes_keep_the_derived_layer_equal_to_a_rebuild(base):
    store = Store()
    store.extend(base)
    writer = Writer(
        store, random.Random(int(os.environ.get("ACTORGRAPH_INCREMENTAL_SEED", "20261203")))
    )
    done: dict[str, int] = {}
    for number in range(WRITES):
        kind, deleted, inserted = writer.write()
        gone, new = apply(store, deleted, inserted)
        how = update_derived(store, gone, new)
        done[how] = done.get(how, 0) + 1
        if kind in ("ontology", "derived") and (gone or new):
            assert how == "full"
        expected = rebuilt(store)
        now = derived_graph(store)
        assert same(now, expected), (
            f"write {number} ({kind}, {how}): extra {sorted(map(str, now - expected))[:5]}, "
            f"missing {sorted(map(str, expected - now))[:5]}"
        )
    assert done.get("incremental", 0) > WRITES // 2  # most writes stay incremental


def test_a_whole_statement_deleted_and_restored(base):
    store = Store()
    store.extend(base)
    roles = [
        q.subject for q in store.quads_for_pattern(None, ag("relation"), ag("partOf"), CURATED)
    ]
    for node in sorted(roles, key=str)[:5]:
        quads = [
            q for q in store.quads_for_pattern(node, None, None, None) if q.graph_name != DERIVED
        ]
        gone, new = apply(store, quads, [])
        assert update_derived(store, gone, new) == "incremental"
        assert same(derived_graph(store), rebuilt(store))
        gone, new = apply(store, [], quads)
        assert update_derived(store, gone, new) == "incremental"
        assert derived_graph(store) == {q.triple for q in base if q.graph_name == DERIVED}


def test_a_write_the_rules_do_not_read_changes_nothing(base):
    store = Store()
    store.extend(base)
    quad = Quad(
        NamedNode("http://e/s"), NamedNode("http://e/p"), Literal("1"), NamedNode("http://e/g")
    )
    gone, new = apply(store, [], [quad])
    assert update_derived(store, gone, new) == "none"


def test_global_changes_are_rebuilt_in_full(base):
    store = Store()
    store.extend(base)
    family = Quad(ag("supports"), ag("family"), ag("opposes"), CURATED)
    gone, new = apply(store, [], [family])
    assert update_derived(store, gone, new) == "full"
    assert same(derived_graph(store), rebuilt(store))


def test_blank_node_statements_are_rebuilt_in_full(base):
    store = Store()
    store.extend(base)
    node = BlankNode()
    actor = NamedNode(ACTOR + "syria")
    quads = [
        Quad(node, TYPE, ag("Statement"), CURATED),
        Quad(node, ag("subject"), actor, CURATED),
        Quad(node, ag("relation"), ag("supports"), CURATED),
        Quad(node, ag("object"), NamedNode(ACTOR + "iran"), CURATED),
        Quad(node, ag("stance"), ag("asserted"), CURATED),
        Quad(node, ag("date"), Literal("2020-01-01", datatype=NamedNode(XSD + "date")), CURATED),
    ]
    gone, new = apply(store, [], quads)
    assert update_derived(store, gone, new) == "full"
    assert same(derived_graph(store), rebuilt(store))


# --- the endpoint's write job, on an on-disk store ----------------------------------------


@pytest.fixture
def on_disk(base, tmp_path) -> Path:
    from actorgraph.ingest.pipeline import replace_store

    directory = tmp_path / "db"
    replace_store(directory, [q for q in base if q.graph_name != DERIVED])
    return directory


def live_derived(directory: Path) -> tuple[set, set]:
    """The live generation's derived graph, and what a full rebuild makes of it."""
    from actorgraph.store.generations import open_read_only

    store = open_read_only(directory)
    return derived_graph(store), rebuilt(store)


UPDATES = [
    # a statement with a structural relation, then one that rolls up through it
    "INSERT DATA { GRAPH <https://w3id.org/actorgraph/graph/curated> { "
    "stmt:w1 a ag:Statement ; ag:subject actor:synth-5 ; ag:relation ag:partOf ; "
    "ag:object actor:syria ; ag:stance ag:asserted } }",
    "INSERT DATA { GRAPH <https://w3id.org/actorgraph/graph/curated> { "
    "stmt:w2 a ag:Statement ; ag:subject actor:synth-5 ; ag:relation ag:attacks ; "
    'ag:object actor:iran ; ag:stance ag:asserted ; ag:date "2020-02-02"^^xsd:date } }',
    # one quad of a statement, then the rest of it, in one update
    "DELETE DATA { GRAPH <https://w3id.org/actorgraph/graph/curated> { "
    "stmt:w1 ag:stance ag:asserted } } ; INSERT DATA { GRAPH "
    "<https://w3id.org/actorgraph/graph/curated> { stmt:w1 ag:stance ag:denied } }",
    # an actor's class and label
    "INSERT DATA { GRAPH <https://w3id.org/actorgraph/graph/curated> { "
    "actor:synth-5 a ag:Person ; rdfs:label 'five'@en } }",
    # anything else is rebuilt in full
    "DELETE WHERE { GRAPH <https://w3id.org/actorgraph/graph/curated> { stmt:w2 ?p ?o } }",
    # the ontology graph: accepted as before, rebuilt in full
    "INSERT DATA { GRAPH <https://w3id.org/actorgraph/graph/ontology> { "
    "ag:attacks ag:family ag:supports } }",
]


@pytest.mark.parametrize("incremental", [True, False])
def test_the_write_job_keeps_the_derived_layer_equal_to_a_rebuild(on_disk, incremental):
    from actorgraph.web.jobs import View, WriteJob

    view = View(on_disk)
    for update in UPDATES:
        reply = WriteJob("update", None, text=update, incremental=incremental)(view)
        assert reply.status == 204, reply.body
        now, expected = live_derived(on_disk)
        assert same(now, expected), update
    graph = "https://example.org/uploaded"
    body = (
        f"<{STATEMENT}w3> a <{AG}Statement> ; <{AG}subject> <{ACTOR}iran> ; "
        f"<{AG}relation> <{AG}supports> ; <{AG}object> <{ACTOR}syria> ; "
        f"<{AG}stance> <{AG}asserted> ."
    ).encode()
    for operation in ("PUT", "POST", "DELETE"):
        job = WriteJob(operation, None, graph=graph, data=body, media_type="text/turtle")
        assert job(view).status in (201, 204)
        now, expected = live_derived(on_disk)
        assert same(now, expected), operation


@pytest.mark.parametrize("relation", ["partOf", "structural", "represents", "supports"])
def test_an_ending_on_a_step_ends_the_roll_ups_through_it(base, relation):
    store = Store()
    store.extend(base)
    steps = sorted(
        (
            q.subject
            for q in store.quads_for_pattern(None, ag("relation"), None, None)
            if q.graph_name != DERIVED
            and q.object in (ag("partOf"), ag("represents"), ag("commanderOf"))
        ),
        key=str,
    )
    for number, step in enumerate(steps[:6]):
        fields = {q.predicate: q.object for q in store.quads_for_pattern(step, None, None, None)}
        node = NamedNode(f"{STATEMENT}step-ending-{relation}-{number}")
        quads = [
            Quad(node, TYPE, ag("Statement"), CURATED),
            Quad(node, ag("subject"), fields[ag("subject")], CURATED),
            Quad(node, ag("relation"), ag(relation), CURATED),
            Quad(node, ag("object"), fields[ag("object")], CURATED),
            Quad(node, ag("stance"), ag("asserted"), CURATED),
            Quad(node, ag("ending"), Literal("true", datatype=NamedNode(XSD + "boolean")), CURATED),
            Quad(
                node, ag("date"), Literal("2015-01-01", datatype=NamedNode(XSD + "date")), CURATED
            ),
        ]
        gone, new = apply(store, [], quads)
        assert update_derived(store, gone, new) == "incremental"
        assert same(derived_graph(store), rebuilt(store)), (relation, step)
