"""Benchmark of ``actorgraph viz`` on a synthetic graph, against pyvis's own page writer.

Generates N actors and M curated statements as RDF quads (actor types, relations, stances,
dates, sources with Arabic excerpts and notes drawn at random with a fixed seed; hubs get
more statements), loads them into an in-memory pyoxigraph store with the ontology and
builds the derived layer, then times (median of ``--runs`` runs, 5 by default):

- ``build_page_data``: reading the statements and building nodes and edges;
- ``render_page`` and ``write_page``: the self-contained HTML page;
- pyvis ``Network.from_nx`` + ``write_html`` on the same nodes and edges (networkx graph
  built beforehand, not timed), the baseline;
- with ``--browser``: time until the page is interactive in headless Chromium
  (``/usr/bin/chromium``), that is, until vis-network's capped stabilisation is done and
  physics is off (``body[data-ready]``), with every network request blocked.

Run from the repository root::

    .venv/bin/python bench/viz_bench.py --actors 10000 --statements 30000 --runs 5 --browser
    .venv/bin/python bench/viz_bench.py --smoke

(The generator here, not ``graph/synth.py``, because the target is stated for 10 000
actors and 30 000 statements, and ``synth`` draws about one actor per ten statements.)
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from actorgraph.ingest.derive import derive  # noqa: E402
from actorgraph.ingest.read import read_ontology  # noqa: E402
from actorgraph.namespaces import ACTOR, AG, DOCUMENT, GRAPH_CURATED, STATEMENT  # noqa: E402
from actorgraph.resources import ontology_files  # noqa: E402
from actorgraph.store.embedded import GraphStore  # noqa: E402
from actorgraph.viz import PageData, build_page_data, render_page, write_page  # noqa: E402
from common import median_seconds  # noqa: E402

SMOKE = (200, 600)  # actors, statements
TYPES = ["State", "Government", "ArmedForces", "ArmedGroup", "Coalition", "Person", "Media"]
RELATIONS = [
    "supports",
    "militarySupport",
    "politicalSupport",
    "alliedWith",
    "opposes",
    "attacks",
    "accuses",
    "threatens",
    "meetsWith",
    "phoneCall",
    "negotiatesWith",
    "memberOf",
]
STANCES = ["asserted"] * 8 + ["claimed"] * 3 + ["denied"]
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def synthetic_quads(actors: int, statements: int, seed: int = 1) -> list[Quad]:
    """Curated quads of ``actors`` actors and ``statements`` statements about them.

    Statement n < ``actors`` has actor n as its subject, so every actor is drawn; the
    other ends are drawn with a long-tailed weight, so a few actors are hubs.
    """
    rng = random.Random(seed)
    graph = NamedNode(GRAPH_CURATED)
    quads: list[Quad] = []

    def add(subject, predicate: str, value) -> None:
        quads.append(Quad(subject, NamedNode(predicate), value, graph))

    def day(text: str) -> Literal:
        return Literal(text, datatype=NamedNode(XSD + "date"))

    document = NamedNode(DOCUMENT + "synthetic.txt")
    add(document, RDF + "type", NamedNode(AG + "Document"))
    add(document, AG + "fileName", Literal("synthetic.txt"))
    add(document, AG + "published", day("2024-12-05"))
    ids = [NamedNode(f"{ACTOR}a{i:05d}") for i in range(actors)]
    for i, actor in enumerate(ids):
        add(actor, RDF + "type", NamedNode(AG + rng.choice(TYPES)))
        add(actor, RDFS + "label", Literal(f"Actor {i}", language="en"))
        add(actor, RDFS + "label", Literal(f"الفاعل {i}", language="ar"))
    weights = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(actors)))
    for n in range(statements):
        one, other = rng.choices(range(actors), cum_weights=weights, k=2)
        one = n if n < actors else one
        statement = NamedNode(f"{STATEMENT}s{n:06d}")
        source = BlankNode()
        add(statement, RDF + "type", NamedNode(AG + "Statement"))
        add(statement, AG + "subject", ids[one])
        add(statement, AG + "relation", NamedNode(AG + rng.choice(RELATIONS)))
        add(statement, AG + "object", ids[other if other != one else (one + 1) % actors])
        add(statement, AG + "stance", NamedNode(AG + rng.choice(STANCES)))
        add(statement, AG + "date", day(f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
        add(statement, AG + "note", Literal(f"Synthetic note {n}.", language="en"))
        add(statement, AG + "source", source)
        add(source, AG + "document", document)
        add(source, AG + "line", Literal(str(n + 1), datatype=NamedNode(XSD + "integer")))
        add(source, AG + "excerpt", Literal(f"نص مقتبس رقم {n}", language="ar"))
    return quads


def synthetic_graph(actors: int, statements: int) -> GraphStore:
    """An in-memory store: the ontology, the synthetic data and its derived layer."""
    store = Store()
    store.extend(read_ontology(ontology_files()))
    store.extend(synthetic_quads(actors, statements))
    derive(store)
    return GraphStore(store)


def pyvis_baseline(data: PageData, out: Path) -> Callable[[], None]:
    """A function writing the same nodes and edges with pyvis from_nx + write_html."""
    import networkx as nx
    from pyvis.network import Network

    graph = nx.MultiDiGraph()
    for node in data.nodes:
        graph.add_node(node.id, label=node.label, title=node.label, group=node.type)
    for edge in data.edges:
        graph.add_edge(edge.source, edge.target, label=edge.relation, title=edge.relation)

    def run() -> None:
        network = Network(directed=True, cdn_resources="in_line")
        network.from_nx(graph)
        network.write_html(str(out))

    return run


def time_to_interactive(page: Path, hub: str) -> tuple[float, float, int]:
    """Seconds until the page in headless Chromium is ready, seconds from a click on the
    node ``hub`` to its statements in the panel, and the number of refused requests."""
    from playwright.sync_api import sync_playwright

    blocked = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        tab = browser.new_page(viewport={"width": 1600, "height": 1000})

        def route(request_route) -> None:
            if request_route.request.url == page.as_uri():
                request_route.continue_()
            else:
                blocked.append(request_route.request.url)
                request_route.abort()

        tab.route("**/*", route)
        started = time.perf_counter()
        tab.goto(page.as_uri())
        tab.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
        seconds = time.perf_counter() - started
        marks = tab.evaluate(
            "performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)])"
        )
        x, y = tab.evaluate(
            """id => {
                const network = actorgraph.network;
                const at = network.canvasToDOM(network.getPosition(id));
                const box = document.querySelector('#network canvas').getBoundingClientRect();
                return [box.left + at.x, box.top + at.y];
            }""",
            hub,
        )
        clicked = time.perf_counter()
        tab.mouse.click(x, y)
        tab.wait_for_selector("#panel article", timeout=60_000)
        click = time.perf_counter() - clicked
        browser.close()
    print("  page marks (ms since navigation):", ", ".join(f"{n[11:]} {ms}" for n, ms in marks))
    return seconds, click, len(blocked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time headless Chromium")
    parser.add_argument(
        "--smoke", action="store_true", help=f"{SMOKE[0]} actors, {SMOKE[1]} statements, once"
    )
    args = parser.parse_args()
    if args.smoke:
        (args.actors, args.statements), args.runs = SMOKE, 1

    started = time.perf_counter()
    gs = synthetic_graph(args.actors, args.statements)
    print(f"synthetic store built in {time.perf_counter() - started:.1f} s (not timed below)")
    data = build_page_data(gs)
    print(
        f"{len(data.nodes)} nodes, {len(data.statements)} statements (roll-ups included), "
        f"{len(data.edges)} edges, aggregated: {data.aggregated}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = Path(tmp) / "actorgraph.html", Path(tmp) / "pyvis.html"

        def whole() -> None:
            write_page(ours, build_page_data(gs))

        rows = [
            ("build_page_data", median_seconds(lambda: build_page_data(gs), args.runs)),
            ("render_page", median_seconds(lambda: render_page(data), args.runs)),
            ("write_page", median_seconds(lambda: write_page(ours, data), args.runs)),
            ("build + write (the command)", median_seconds(whole, args.runs)),
            ("pyvis from_nx + write_html", median_seconds(pyvis_baseline(data, theirs), args.runs)),
        ]
        for name, seconds in rows:
            print(f"{name:28} {seconds:6.3f} s  (median of {args.runs})")
        print(f"page size: {ours.stat().st_size / 1e6:.1f} MB")
        if args.browser:
            hub = max(data.nodes, key=lambda node: node.degree).id
            seconds, click, blocked = time_to_interactive(ours, hub)
            print(f"interactive in headless Chromium after {seconds:.1f} s ({blocked} requests)")
            print(f"click on the biggest hub to its statements in the panel: {click:.2f} s")


if __name__ == "__main__":
    main()
