"""Benchmark of ``relations`` and ``who`` on synthetic graphs, against rdflib's in-memory store.

For each size, ``graph/synth.py`` writes that many curated statements (seed 0), which are
loaded with the ontology into an in-memory pyoxigraph store (with ``--derive``, the derived
layer too, as ``actorgraph load`` does). A fixed sample of actors (seeded draw over the
actors that have statements, so hubs and the long tail both appear) is then queried:

- ``relations`` and ``who supports`` through the library (caches warmed by one call first);
- ``all_statements`` (every statement, the work behind ``viz`` and ``stats``);
- the baseline: the same ``statements.rq`` query, bound to the same actors, over rdflib's
  in-memory ``Dataset`` (default graph = union) holding the same quads;
- with ``--cli``: ``actorgraph relations ID --store DIR --format json`` in a subprocess,
  on an on-disk store holding the same quads (its derived layer rebuilt).

With ``--on-disk`` the graph is instead what ``actorgraph load --store`` builds (ontology,
data, derived layer, on disk), opened read-only as the CLI opens it: the 1M-statement
graph needs several GB in memory but not on disk.

Each figure is the median over the actors of each actor's median of ``--runs`` runs.

Run from the repository root::

    .venv/bin/python bench/query_bench.py --sizes 10000 100000 --runs 5
    .venv/bin/python bench/query_bench.py --sizes 1000000 --runs 5 --on-disk --no-rdflib --no-all
    .venv/bin/python bench/query_bench.py --smoke
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from actorgraph.ingest.derive import derive  # noqa: E402
from actorgraph.ingest.pipeline import load_store, open_graph, replace_store
from actorgraph.ingest.read import read_ontology  # noqa: E402
from actorgraph.ingest.synth import synth  # noqa: E402
from actorgraph.query.actors import Actor, find_actors  # noqa: E402
from actorgraph.query.relations import Family, all_statements, relations, who  # noqa: E402
from actorgraph.resources import ontology_files, query_text  # noqa: E402
from actorgraph.store.base import GraphStore
from actorgraph.store.embedded import EmbeddedGraphStore
from common import SMOKE_SIZE, median_seconds  # noqa: E402

SAMPLE = 10


def per_actor(actors: list[Actor], run: Callable[[Actor], object], runs: int) -> float:
    """The median over ``actors`` of the median time of ``run(actor)``."""
    return statistics.median(median_seconds(lambda a=actor: run(a), runs) for actor in actors)


def build_graph(statements: int, folder: Path, with_derived: bool, on_disk: bool) -> GraphStore:
    """An in-memory store: the ontology and ``statements`` synthetic statements; or, with
    ``on_disk``, the on-disk store ``actorgraph load --store`` builds from them."""
    data = folder / f"synth-{statements}.nq"
    synth(statements, data, fmt="nq", seed=0)
    if on_disk:
        load_store(folder / "loaded", [data], seeds=False)
        return open_graph(folder / "loaded")
    store = Store()
    store.extend(read_ontology(ontology_files()))
    store.bulk_load(path=data, format=RdfFormat.N_QUADS)
    if with_derived:
        derive(store)
    return EmbeddedGraphStore(store)


def sample_actors(gs: GraphStore, size: int) -> list[Actor]:
    """A seeded sample of ``size`` actors among those that have at least one statement."""
    candidates = find_actors(gs)
    random.Random(0).shuffle(candidates)
    return list(itertools.islice((actor for actor in candidates if relations(gs, actor)), size))


def rdflib_baseline(gs: GraphStore, actors: list[Actor], runs: int) -> tuple[float, float]:
    """Seconds to load the same quads into rdflib, and the per-actor median of the query."""
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    started = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=gs.store.dump(format=RdfFormat.N_QUADS), format="nquads")
    loading = time.perf_counter() - started
    query = prepareQuery(query_text("statements.rq"))

    def run(actor: Actor) -> None:
        list(dataset.query(query, initBindings={"actor": rdflib.URIRef(actor.iri)}))

    return loading, per_actor(actors, run, runs)


def cli_seconds(gs: GraphStore, actors: list[Actor], runs: int, folder: Path) -> float:
    """Per-actor median wall time of ``actorgraph relations ID --store DIR --format json``."""
    directory = folder / "store"
    replace_store(directory, gs.quads())
    command = [str(Path(sys.executable).parent / "actorgraph"), "relations"]

    def run(actor: Actor) -> None:
        arguments = [*command, actor.id, "--store", str(directory), "--format", "json"]
        subprocess.run(arguments, cwd=ROOT, check=True, capture_output=True)

    return per_actor(actors, run, runs)


def measure(size: int, runs: int, options: argparse.Namespace) -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        gs = build_graph(size, folder, options.derive, options.on_disk)
        print(
            f"\n{size} statements: {len(gs)} quads, built in {time.perf_counter() - started:.1f} s"
        )
        actors = sample_actors(gs, options.sample)
        counts = sorted(len(relations(gs, actor)) for actor in actors)
        median = statistics.median(counts)
        print(f"  {len(actors)} actors, rows per actor: median {median}, max {counts[-1]}")
        supports = Family.supports
        rows = [
            ("relations (library)", per_actor(actors, lambda a: relations(gs, a), runs)),
            ("who supports (library)", per_actor(actors, lambda a: who(gs, supports, a), runs)),
            ("statements.rq (pyoxigraph)", per_actor(actors, lambda a: _ours(gs, a), runs)),
        ]
        if not options.no_all:
            rows.append(
                ("all_statements (library)", median_seconds(lambda: all_statements(gs), runs))
            )
        if not options.no_rdflib:
            loading, seconds = rdflib_baseline(gs, actors, runs)
            print(f"  rdflib Dataset loaded in {loading:.1f} s (not timed below)")
            rows.append(("statements.rq (rdflib)", seconds))
        if options.cli:
            rows.append(("relations (CLI, on-disk store)", cli_seconds(gs, actors, runs, folder)))
        return rows


def _ours(gs: GraphStore, actor: Actor) -> None:
    gs.select(query_text("statements.rq"), {"actor": NamedNode(actor.iri)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", type=int, default=SAMPLE, help="actors to query")
    parser.add_argument("--derive", action="store_true", help="build the derived layer too")
    parser.add_argument("--cli", action="store_true", help="also time the CLI (on-disk store)")
    parser.add_argument("--on-disk", action="store_true", help="query a loaded on-disk store")
    parser.add_argument("--no-all", action="store_true", help="skip all_statements")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_SIZE} statements, once")
    options = parser.parse_args()
    sizes, runs = ([SMOKE_SIZE], 1) if options.smoke else (options.sizes, options.runs)
    for size in sizes:
        rows = measure(size, runs, options)
        print(f"  {'what':34} {'median':>10}   (runs: {runs})")
        for name, seconds in rows:
            print(f"  {name:34} {seconds * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
