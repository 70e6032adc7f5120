"""The derived layer (graph/derive.py): rule by rule on small fixtures, and against the
reference rules in SPARQL (tests/fixtures/derive_reference/*.rq) on the seeds and synth data."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from actorgraph.errors import StoreError
from actorgraph.ingest.derive import derive, derived_triples, load_derived
from actorgraph.ingest.read import read_inputs
from actorgraph.ingest.synth import synth
from actorgraph.namespaces import ACTOR, AG, GRAPH_DERIVED, PREFIXES, RDF, STATEMENT, local_id
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, Triple, serialize
from rdflib import Graph
from rdflib.compare import isomorphic

XSD_DATE = NamedNode("http://www.w3.org/2001/XMLSchema#date")


RDF_TYPE = RDF + "type"


def build(fixtures: Path, name: str) -> Store:
    """A store of the fixture ontology and one fixture file, with its derived layer."""
    inputs = read_inputs([fixtures / name], seeds=False, ontology=[fixtures / "load_ontology.ttl"])
    store = Store()
    for quads in inputs.quads():
        store.extend(quads)
    derive(store)
    return store


def derived(store: Store) -> set[Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, NamedNode(GRAPH_DERIVED))}


def truthy(store: Store) -> set[tuple[str, str, str]]:
    """The derived actor-to-actor triples, as (subject, relation, object) local ids."""
    return {
        (local_id(t.subject.value), local_id(t.predicate.value), local_id(t.object.value))
        for t in derived(store)
        if t.subject.value.startswith(ACTOR)
    }


def rollups(store: Store) -> dict[str, dict[str, set[str]]]:
    """Each roll-up (its IRI after ``stmt:``) with the local ids or values of its properties."""
    found: dict[str, dict[str, set[str]]] = {}
    for t in derived(store):
        if "/rollup/" in t.subject.value:
            value = t.object.value if isinstance(t.object, Literal) else local_id(t.object.value)
            key = t.subject.value.removeprefix(STATEMENT)
            found.setdefault(key, {}).setdefault(local_id(t.predicate.value), set()).add(value)
    return found


def effective_dates(store: Store) -> dict[str, str]:
    dates = {}
    for t in derived(store):
        if t.predicate == NamedNode(AG + "effectiveDate"):
            assert t.object.datatype == XSD_DATE
            dates[t.subject.value.removeprefix(STATEMENT)] = t.object.value
    return dates


def test_only_statements_that_are_not_denied_give_truthy_triples(fixtures: Path) -> None:
    store = build(fixtures, "load_derive_truthy.ttl")
    assert truthy(store) == {
        ("pmf", "militarySupport", "syrian-government"),  # the claim, not its denial
        ("hts", "attacks", "syrian-government"),
    }


def test_a_person_subject_and_object_give_three_rollups(fixtures: Path) -> None:
    meeting = {
        k: v
        for k, v in rollups(build(fixtures, "load_derive_rollup.ttl")).items()
        if k.startswith("meeting/")
    }
    assert {k: (v["subject"], v["object"], v["via"]) for k, v in meeting.items()} == {
        "meeting/rollup/role~iran/lavrov": ({"iran"}, {"lavrov"}, {"role-araghchi"}),
        "meeting/rollup/araghchi/role~russia": ({"araghchi"}, {"russia"}, {"role-lavrov"}),
        "meeting/rollup/role~iran/role~russia": (
            {"iran"},
            {"russia"},
            {"role-araghchi", "role-lavrov"},
        ),
    }
    for values in meeting.values():
        assert values["type"] == {"DerivedStatement"}
        assert values["derivedFrom"] == {"meeting"}
        assert values["relation"] == {"meetsWith"}
        assert values["stance"] == {"asserted"}
        assert values["date"] == {"2024-12-03"}
        assert "source" not in values


def test_a_denied_statement_is_rolled_up_for_each_role_but_gives_no_triples(fixtures: Path) -> None:
    store = build(fixtures, "load_derive_rollup.ttl")
    denial = {k: v for k, v in rollups(store).items() if k.startswith("denial/")}
    assert {k: (v["via"], v["stance"], v["attributedTo"]) for k, v in denial.items()} == {
        "denial/rollup/role~iraq/hts": ({"role-miri-iraq"}, {"denied"}, {"iraq"}),
        "denial/rollup/role~pmf/hts": ({"role-miri-pmf"}, {"denied"}, {"iraq"}),
    }
    assert not {t for t in truthy(store) if t[1] == "opposes"}


def test_no_rollup_to_self_of_structure_or_through_a_denied_role(fixtures: Path) -> None:
    keys = set(rollups(build(fixtures, "load_derive_rollup.ttl")))
    assert not {k for k in keys if k.split("/")[0] in {"self", "structural", "no-role"}}
    assert not {k for k in keys if k.startswith("role-")}


def test_rollups_of_a_fixture_give_exactly_the_expected_graph(fixtures: Path) -> None:
    got = Graph().parse(
        data=serialize(
            derived(build(fixtures, "load_derive_rollup.ttl")), format=RdfFormat.N_TRIPLES
        ),
        format="nt",
    )
    expected = Graph().parse(fixtures / "load_derive_rollup_expected.ttl")
    assert isomorphic(got, expected)


def test_effective_dates_for_each_kind_of_date(fixtures: Path) -> None:
    assert effective_dates(build(fixtures, "load_derive_dates.ttl")) == {
        "role": "2019-01-01",  # gYear
        "month": "2016-12-01",  # gYearMonth
        "month/rollup/role~iran/syrian-government": "2016-12-01",  # a roll-up keeps the date
        "day": "2024-11-30",  # its own date, not its document's
        "undated": "2024-12-02",  # the earliest publication among its documents
        "undated/rollup/role~iran/hts": "2024-12-02",  # the sources of the statement it comes from
        # stmt:unknown: no date and no published document, so no effective date
    }


def test_derive_is_idempotent(fixtures: Path) -> None:
    store = build(fixtures, "load_derive_rollup.ttl")
    before = derived(store)
    derive(store)
    assert derived(store) == before


def test_derive_forgets_what_was_derived_from_removed_statements(fixtures: Path) -> None:
    store = build(fixtures, "load_derive_truthy.ttl")
    store.update("DELETE WHERE { GRAPH ?g { stmt:fact ?p ?o } }", prefixes=PREFIXES)
    derive(store)
    assert ("hts", "attacks", "syrian-government") not in truthy(store)


def test_derive_changes_only_the_derived_graph(fixtures: Path) -> None:
    store = build(fixtures, "load_derive_dates.ttl")
    outside = {q for q in store if q.graph_name != NamedNode(GRAPH_DERIVED)}
    derive(store)
    assert {q for q in store if q.graph_name != NamedNode(GRAPH_DERIVED)} == outside


def reference_derive(store: Store, rules: Path) -> None:
    """The derived layer built by the reference SPARQL rules, one CONSTRUCT after another."""
    graph = NamedNode(GRAPH_DERIVED)
    store.clear_graph(graph)
    for rule in sorted(rules.glob("*.rq")):
        found = list(store.query(rule.read_text(encoding="utf-8"), prefixes=PREFIXES))
        store.extend(Quad(t.subject, t.predicate, t.object, graph) for t in found)


@pytest.mark.parametrize("data", ["seeds", "synth", "load_derive_rollup.ttl"])
def test_derive_builds_what_the_reference_rules_build(
    fixtures: Path, tmp_path: Path, data: str
) -> None:
    """Truthy triples and effective dates of curated statements, as the SPARQL reference
    rules define them (roll-up chains: see the expected-graph test above)."""
    if data == "seeds":
        inputs = read_inputs([], seeds=True)
    elif data == "synth":
        synth(3000, tmp_path / "synth.nq")
        inputs = read_inputs([tmp_path / "synth.nq"], seeds=True)
    else:
        inputs = read_inputs(
            [fixtures / data], seeds=False, ontology=[fixtures / "load_ontology.ttl"]
        )
    store = Store()
    for quads in inputs.quads():
        store.extend(quads)
    derive(store)
    ours, rolled_up = curated_part(store), rollup_triples(store)
    reference_derive(store, fixtures / "derive_reference")
    reference = derived(store)
    assert reference <= ours
    assert ours - reference <= rolled_up  # the rest are the roll-ups' own truthy triples
    assert len(reference) > (5 if data.endswith(".ttl") else 50)


def curated_part(store: Store) -> set[Triple]:
    """The derived triples the reference rules define: actor-to-actor triples and the
    effective dates of curated statements (not the roll-up nodes, nor their dates)."""
    curated = set(store.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(AG + "Statement")))
    curated = {q.subject for q in curated}
    date = NamedNode(AG + "effectiveDate")
    return {
        t
        for t in derived(store)
        if (t.predicate == date and t.subject in curated)
        or (t.predicate != date and not t.subject.value.startswith(STATEMENT))
    }


def rollup_triples(store: Store) -> set[Triple]:
    """``subject relation object`` of every roll-up node in the derived graph."""
    graph = NamedNode(GRAPH_DERIVED)
    found = set()
    for q in store.quads_for_pattern(None, NamedNode(AG + "derivedFrom"), None, graph):
        parts = [
            next(iter(store.quads_for_pattern(q.subject, NamedNode(AG + name), None, graph))).object
            for name in ("subject", "relation", "object")
        ]
        found.add(Triple(*parts))
    return found


def test_derive_from_a_stream_of_quads_equals_derive_from_the_store(tmp_path: Path) -> None:
    synth(500, tmp_path / "synth.nq")
    inputs = read_inputs([tmp_path / "synth.nq"], seeds=True)
    from_store, from_stream = Store(), Store()
    for quads in inputs.quads():
        from_store.extend(quads)
        from_stream.extend(quads)
    derive(from_store)
    with derived_triples(q for quads in inputs.quads() for q in quads) as path:
        load_derived(from_stream, path)
    assert derived(from_store) == derived(from_stream)


def test_a_temporary_directory_that_cannot_be_made_is_a_clear_error(
    fixtures: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = build(fixtures, "load_derive_rollup.ttl")
    before = derived(store)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    with pytest.raises(StoreError, match="cannot write the derived layer .*set TMPDIR"):
        derive(store)
    assert derived(store) == before  # the derived graph is cleared only once the file exists


def test_derived_triples_load_elsewhere_and_leave_no_file_behind(fixtures: Path) -> None:
    store = build(fixtures, "load_derive_rollup.ttl")
    graph = NamedNode(GRAPH_DERIVED)
    elsewhere = Store()
    with derived_triples(q for q in store if q.graph_name != graph) as path:
        load_derived(elsewhere, path)
    assert derived(elsewhere) == derived(store)
    assert not path.parent.exists()


def test_the_facts_of_the_pass_are_freed_when_the_file_is_written(tmp_path: Path) -> None:
    """The pass's tables (about 1 KB per statement) must not live on beside the loaders
    that read the file: they go by reference counting, with the collector paused."""
    import gc

    import actorgraph.ingest.derive

    synth(200, tmp_path / "synth.nq")
    inputs = read_inputs([tmp_path / "synth.nq"], seeds=False)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with derived_triples(q for quads in inputs.quads() for q in quads) as path:
            alive = [o for o in gc.get_objects() if isinstance(o, actorgraph.ingest.rules.Facts)]
            assert path.stat().st_size > 0
    finally:
        if collecting:
            gc.enable()
    assert alive == []
