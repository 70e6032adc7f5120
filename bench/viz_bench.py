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

Pages at any size (``--pages``): the same graph written twice, as the page opens now (an
overview of clusters above 2,000 actors or 6,000 links, data deflated above 2 MB) and, the
same-run baseline, as the page was before (every actor drawn, plain JSON: ``overview=False``
and no deflating); each opened in headless Chromium with every request refused, timing
(median of ``--runs``) the time to interactive (from navigation, wall clock), then, on the
page's own clock, from the input event to the frame painted after the result is there: a
click on the biggest cluster (overview) or hub (baseline), a family filter, and search +
Enter to an actor in a closed cluster (until it is drawn and its statements listed).
``--shot FILE`` saves a screenshot of the overview.
``--store DIR`` reads an on-disk store instead of generating a graph (for example one built
by ``actorgraph synth --statements 100000 -o s.nq && actorgraph load --store DIR --data s.nq``).

Run from the repository root::

    .venv/bin/python bench/viz_bench.py --actors 10000 --statements 30000 --runs 5 --browser
    .venv/bin/python bench/viz_bench.py --store synth-100k --pages --runs 3 --shot o.png
    .venv/bin/python bench/viz_bench.py --smoke

(The generator here, not ``graph/synth.py``, because the target is stated for 10 000
actors and 30 000 statements, and ``synth`` draws about one actor per ten statements.)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
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
from actorgraph.store.embedded import EmbeddedGraphStore  # noqa: E402
from actorgraph.viz import PageData, build_page_data, render_page, write_page  # noqa: E402
from actorgraph.viz import page as page_module  # noqa: E402
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


def synthetic_graph(actors: int, statements: int) -> EmbeddedGraphStore:
    """An in-memory store: the ontology, the synthetic data and its derived layer."""
    store = Store()
    store.extend(read_ontology(ontology_files()))
    store.extend(synthetic_quads(actors, statements))
    derive(store)
    return EmbeddedGraphStore(store)


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


def write_pages(data: PageData, folder: Path) -> tuple[Path, Path]:
    """The page as written now (overview when large, deflated) and the baseline: every
    actor drawn, plain JSON, as before the overview."""
    ours, before = folder / "overview.html", folder / "before.html"
    if data.clusters is None:
        from actorgraph.viz.data import _clusters

        data = dataclasses.replace(data, clusters=_clusters(data.nodes, data.edges, False))
    write_page(ours, data)
    limit = page_module.COMPRESS_ABOVE
    page_module.COMPRESS_ABOVE = 1 << 62
    try:
        write_page(before, dataclasses.replace(data, clusters=None))
    finally:
        page_module.COMPRESS_ABOVE = limit
    return ours, before


def _refuser(page: Path, refused: list[str]) -> Callable:
    """A Playwright route handler that lets only ``page`` load and records the rest."""

    def route(request_route) -> None:
        if request_route.request.url == page.as_uri():
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    return route


def _arm(tab, event: str, condition: str) -> None:
    """Starts a clock in the page at the next ``event``; it stops at the frame painted
    after ``condition`` (a JavaScript expression) first holds, checked every frame."""
    tab.evaluate(
        f"""() => {{
            window.benchSeconds = undefined;
            document.addEventListener("{event}", () => {{
                const started = performance.now();
                const check = () => {{
                    if ({condition}) requestAnimationFrame(() => {{
                        window.benchSeconds = (performance.now() - started) / 1000;
                    }});
                    else requestAnimationFrame(check);
                }};
                requestAnimationFrame(check);
            }}, {{capture: true, once: true}});
        }}"""
    )


def _armed_seconds(tab) -> float:
    """The seconds the clock of :func:`_arm` measured, once it has stopped."""
    tab.wait_for_function("() => window.benchSeconds !== undefined", timeout=300_000)
    return tab.evaluate("window.benchSeconds")


def page_figures(page: Path, runs: int, shot: Path | None = None) -> dict[str, float]:
    """Median seconds (over ``runs`` fresh tabs) to interactive, per click, per filter and
    per search on ``page`` in headless Chromium, every request but the page refused."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
        for run in range(runs):
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            refused: list[str] = []
            tab.route("**/*", _refuser(page, refused))
            started = time.perf_counter()
            tab.goto(page.as_uri(), timeout=300_000)
            tab.wait_for_selector("body[data-ready=true]", state="attached", timeout=300_000)
            found.setdefault("interactive", []).append(time.perf_counter() - started)
            if shot is not None and run == 0:
                tab.screenshot(path=str(shot))
            overview = tab.evaluate("actorgraph.clusters.length > 0")
            if overview:
                target = tab.evaluate("actorgraph.clusters[0].id")
                done = "actorgraph.nodes.get(actorgraph.clusters[0].members[0].id) !== null"
            else:
                target = tab.evaluate(
                    "actorgraph.data.nodes.reduce((a, b) => b.degree > a.degree ? b : a).id"
                )
                done = "document.querySelector('#panel article') !== null"
            x, y = tab.evaluate(
                """id => {
                    const network = actorgraph.network;
                    const at = network.canvasToDOM(network.getPosition(id));
                    const box = document.querySelector('#network canvas').getBoundingClientRect();
                    return [box.left + at.x, box.top + at.y];
                }""",
                target,
            )
            _arm(tab, "pointerdown", done)
            tab.mouse.click(x, y)
            found.setdefault("click", []).append(_armed_seconds(tab))
            if shot is not None and run == 0:
                tab.screenshot(path=str(shot.with_name(f"{shot.stem}-open{shot.suffix}")))
            found.setdefault("filter", []).append(
                tab.evaluate(
                    """async () => {
                        const started = performance.now();
                        document.querySelector("input[data-filter='family'][value='talksTo']")
                            .click();
                        await new Promise(r => requestAnimationFrame(() =>
                            requestAnimationFrame(r)));
                        return (performance.now() - started) / 1000;
                    }"""
                )
            )
            # search + Enter for the last actor (in the last cluster, still closed)
            last = tab.evaluate("actorgraph.data.nodes[actorgraph.data.nodes.length - 1]")
            tab.fill("#search", last["label"])
            shown = json.dumps(last["id"])
            _arm(
                tab,
                "keydown",
                f"actorgraph.nodes.get({shown}) !== null && "
                "document.querySelector('#panel h2') !== null",
            )
            tab.press("#search", "Enter")
            found.setdefault("search", []).append(_armed_seconds(tab))
            if refused:
                raise SystemExit(f"the page asked for {refused[:3]}")
            tab.close()
        browser.close()
    return {name: statistics.median(times) for name, times in found.items()}


def compare_pages(data: PageData, runs: int, shot: Path | None) -> None:
    """Prints the figures of the overview page against the page as it was (same run)."""
    with tempfile.TemporaryDirectory() as tmp:
        ours, before = write_pages(data, Path(tmp))
        rows = [(ours, page_figures(ours, runs, shot)), (before, page_figures(before, runs))]
        print(f"| page | MB | interactive | click | filter | search + Enter | (median of {runs})")
        print("|---|---|---|---|---|---|")
        for path, f in rows:
            print(
                f"| {path.stem} | {path.stat().st_size / 1e6:.1f} | {f['interactive']:.2f} s "
                f"| {f['click']:.2f} s | {f['filter']:.2f} s | {f['search']:.2f} s |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="also time headless Chromium")
    parser.add_argument(
        "--smoke", action="store_true", help=f"{SMOKE[0]} actors, {SMOKE[1]} statements, once"
    )
    parser.add_argument("--store", type=Path, help="read this on-disk store instead")
    parser.add_argument(
        "--pages", action="store_true", help="only compare the overview page with the old one"
    )
    parser.add_argument(
        "--shot",
        type=Path,
        help="save a screenshot of the overview here (and of the first cluster opened, as "
        "NAME-open.png)",
    )
    args = parser.parse_args()
    if args.smoke:
        (args.actors, args.statements), args.runs = SMOKE, 1

    started = time.perf_counter()
    if args.store is not None:
        from actorgraph.ingest.pipeline import open_graph

        gs = open_graph(store=args.store)
    else:
        gs = synthetic_graph(args.actors, args.statements)
    print(f"store ready in {time.perf_counter() - started:.1f} s (not timed below)")
    started = time.perf_counter()
    data = build_page_data(gs)
    print(f"build_page_data once: {time.perf_counter() - started:.1f} s")
    if args.pages:
        print(
            f"{len(data.nodes)} actors, {len(data.statements)} statements, {len(data.edges)} edges"
        )
        compare_pages(data, args.runs, args.shot)
        return
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
