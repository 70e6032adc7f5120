"""The viz page in a real headless Chromium (Playwright, Debian's /usr/bin/chromium).

The page is built from ``tests/fixtures/viz_graph.ttl`` (no seeds) and opened from a file
with every network request refused and recorded. The tests click, hover, filter and search
the way a person would, and check that hostile text in a label, an excerpt and a note is
shown as text and never runs. One browser serves the whole module; each test gets a fresh
page.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import resolve_actor
from actorgraph.query.relations import Stance
from actorgraph.text import normalise, strip_clitics
from actorgraph.viz import Cluster, PageData, build_page_data, write_page

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "viz_graph.ttl"
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
HOSTILE_LABEL = (
    "Delta <img src=x onerror=alert(1)> \"q\" 'q' </script><script>alert(1)</script> href"
)
HOSTILE_NOTE = "<script>alert(1)</script> see href=\"javascript:alert(1)\" & 'quotes' </script>"
ROLLUP = "viz-003/rollup/role~viz-alpha/viz-beta"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def data() -> PageData:
    return build_page_data(open_graph(data=[FIXTURE], seeds=False))


@pytest.fixture(scope="module")
def page_file(data, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("viz") / "graph.html"
    write_page(target, data, title="viz test")
    return target


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """An open page and what happened while it was open."""

    page: object
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def point(self, node_id: str) -> tuple[float, float]:
        """Where node ``node_id`` is drawn, in page coordinates."""
        return tuple(
            self.js(
                """id => {
                    const network = actorgraph.network;
                    const at = network.canvasToDOM(network.getPosition(id));
                    const box = document.querySelector('#network canvas').getBoundingClientRect();
                    return [box.left + at.x, box.top + at.y];
                }""",
                node_id,
            )
        )

    def midpoint(self, a: str, b: str) -> tuple[float, float]:
        (ax, ay), (bx, by) = self.point(a), self.point(b)
        return (ax + bx) / 2, (ay + by) / 2

    def shown_edges(self) -> set[int]:
        return set(self.js("actorgraph.edges.get({filter: e => !e.hidden}).map(e => e.id)"))

    def shown_nodes(self) -> set[str]:
        return set(self.js("actorgraph.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))

    def panel_statements(self) -> list[str]:
        return self.js(
            "[...document.querySelectorAll('#panel article')].map(a => a.dataset.statement)"
        )

    def toggle(self, kind: str, value: str) -> None:
        self.page.click(f"input[data-filter='{kind}'][value='{value}']")


@pytest.fixture
def visit(browser, page_file):
    yield from _visit(browser, page_file)


def _visit(browser, page_file):
    """Opens ``page_file`` with every other request refused; yields the :class:`Visit`."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    seen = Visit(page)
    url = page_file.as_uri()

    def refuse(route):
        if route.request.url == url:
            route.continue_()
        else:
            seen.refused.append(route.request.url)
            route.abort()

    page.route("**/*", refuse)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
    yield seen
    context.close()


def edges_of(data: PageData, predicate) -> set[int]:
    return {edge.id for edge in data.edges if predicate(edge)}


def statements_of(data: PageData, predicate) -> set[int]:
    """The edges (one per statement in this small graph) whose statement fits."""
    return {edge.id for edge in data.edges if predicate(data.statements[edge.statements[0]])}


# ------------------------------------------------------------------------- loading


def test_the_page_loads_offline_without_requests_or_errors(visit, page_file):
    assert visit.refused == []
    assert [url for url in visit.requests if not url.startswith("data:")] == [page_file.as_uri()]
    assert visit.errors == []  # no script error, no Content-Security-Policy violation
    assert visit.js("document.scripts.length") == 3
    assert visit.js("actorgraph.network.physics.physicsEnabled") is False  # still once stable


def test_every_node_and_edge_of_the_graph_is_drawn(visit, data):
    assert visit.js("actorgraph.nodes.length") == len(data.nodes)
    assert visit.js("actorgraph.edges.length") == len(data.edges)
    assert visit.shown_nodes() == {node.id for node in data.nodes}
    assert visit.shown_edges() == {edge.id for edge in data.edges}
    counts = visit.page.text_content("#counts")
    assert f"{len(data.nodes)} of {len(data.nodes)} actors" in counts
    assert f"{len(data.statements)} of {len(data.statements)} statements" in counts


def test_edges_are_drawn_by_family_stance_and_kind(visit, data):
    drawn = {e["id"]: e for e in visit.js("actorgraph.edges.get()")}
    by_statement = {data.statements[e.statements[0]].statement: drawn[e.id] for e in data.edges}
    denied, claimed = by_statement["viz-004"], by_statement["viz-007"]
    assert denied["label"] == "✕ militarySupport" and denied["dashes"] == [2, 6]
    assert claimed["label"] == "accuses" and claimed["dashes"] == [9, 6]
    assert by_statement["viz-001"]["dashes"] is False
    assert by_statement[ROLLUP]["width"] < by_statement["viz-001"]["width"]
    assert by_statement["viz-002"]["width"] < by_statement["viz-001"]["width"]  # structural
    assert not by_statement["viz-003"]["arrows"]["to"]["enabled"]  # meetsWith is symmetric

    def side(edge):  # the bend as seen going from Alpha to Beta
        turn = 1 if edge["smooth"]["type"] == "curvedCW" else -1
        way = 1 if edge["from"] == "actor:viz-alpha" else -1
        return turn * way * edge["smooth"]["roundness"]

    parallel = ("viz-001", "viz-004", "viz-007", ROLLUP)
    curves = {side(by_statement[name]) for name in parallel}
    assert len(curves) == 4  # four statements between Alpha and Beta, four curves


# ------------------------------------------------------------------------- panel, tooltips


def test_clicking_a_node_lists_its_statements_with_sources(visit, data):
    visit.page.mouse.click(*visit.point("actor:viz-alpha"))
    visit.page.wait_for_selector("#panel article")
    touching = {
        row.statement for row in data.statements if "viz-alpha" in (row.subject, row.object)
    }
    assert set(visit.panel_statements()) == touching
    assert visit.page.text_content("#panel h2") == "Alpha Front"
    card = visit.page.locator("#panel article[data-statement='viz-001']")
    assert "viz-test.txt:3" in card.text_content()
    excerpt = card.locator(".excerpt")
    assert excerpt.text_content() == "ألفا ترسل مقاتلين إلى بيتا"
    assert excerpt.get_attribute("dir") == "auto"
    assert excerpt.evaluate("e => getComputedStyle(e).direction") == "rtl"
    rollup = visit.page.locator(f"#panel article[data-statement='{ROLLUP}']").text_content()
    assert "roll-up" in rollup and "Roll-up of viz-003 via viz-002" in rollup
    said = visit.page.locator("#panel article[data-statement='viz-004']").text_content()
    assert "Said by: Beta Republic" in said and "Beta denies arming Alpha." in said


def test_clicking_an_edge_lists_its_statement(visit):
    visit.page.mouse.click(*visit.midpoint("actor:viz-delta", "actor:viz-beta"))
    visit.page.wait_for_selector("#panel article")
    assert visit.panel_statements() == ["viz-005"]
    assert HOSTILE_NOTE in visit.page.text_content("#panel article .note")


def test_arabic_labels_are_right_to_left_and_not_letter_spaced(visit):
    visit.js("actorgraph.focusNode('actor:viz-beta')")
    label = visit.page.locator("#panel .label-ar")
    assert label.text_content() == "جمهورية بيتا"
    assert (label.get_attribute("dir"), label.get_attribute("lang")) == ("rtl", "ar")
    assert label.evaluate("e => getComputedStyle(e).letterSpacing") == "normal"
    assert label.evaluate("e => e.children.length") == 0  # one text node, shaped whole
    node = visit.js("actorgraph.nodes.get('actor:viz-beta').label")
    assert node == "Beta Republic\nجمهورية بيتا"


def test_hovering_an_edge_shows_its_evidence_as_text(visit):
    visit.page.mouse.move(*visit.midpoint("actor:viz-delta", "actor:viz-beta"))
    visit.page.wait_for_selector("#tooltip:not([hidden])")
    text = visit.page.text_content("#tooltip")
    for part in ("attacks", "2024-12-01", "asserted", "viz-test.txt:9", HOSTILE_NOTE):
        assert part in text
    assert HOSTILE_LABEL in text
    assert visit.js("document.querySelectorAll('#tooltip img, #tooltip script').length") == 0


def test_hovering_a_node_shows_its_names(visit):
    visit.page.mouse.move(*visit.point("actor:viz-gamma"))
    visit.page.wait_for_selector("#tooltip:not([hidden])")
    text = visit.page.text_content("#tooltip")
    assert "Gamma Leader" in text and "القائد غاما" in text and "Person" in text


def test_hostile_text_never_runs_and_shows_as_text(visit):
    visit.page.mouse.move(*visit.point("actor:viz-delta"))
    visit.page.wait_for_selector("#tooltip:not([hidden])")
    visit.js("actorgraph.focusNode('actor:viz-delta')")
    visit.page.fill("#search", "delta")
    visit.page.wait_for_selector("#search-results button")
    assert visit.page.text_content("#panel h2") == HOSTILE_LABEL
    assert HOSTILE_LABEL in visit.page.text_content("#search-results")
    assert HOSTILE_NOTE in visit.page.text_content("#panel")
    assert visit.dialogs == []
    assert visit.js("document.querySelectorAll('img, [onerror], iframe, object').length") == 0
    assert visit.js("document.scripts.length") == 3
    assert visit.js("typeof window.alert") == "function"  # no script replaced anything
    assert visit.errors == []


# ------------------------------------------------------------------------- filters


def test_family_filter_hides_its_links_and_lone_actors(visit, data):
    visit.toggle("family", "structural")
    assert visit.shown_edges() == edges_of(data, lambda e: e.family != "structural")
    assert "place:viz-town" not in visit.shown_nodes()  # its only link is structural
    assert "actor:viz-gamma" in visit.shown_nodes()  # still meets Beta
    visit.toggle("family", "structural")
    assert visit.shown_edges() == {edge.id for edge in data.edges}


def test_stance_filter_hides_denied_statements(visit, data):
    visit.toggle("stance", "denied")
    assert visit.shown_edges() == edges_of(data, lambda e: e.stance.value != "denied")
    assert "actor:viz-zeta" not in visit.shown_nodes()
    assert "2 of" not in visit.page.text_content("#counts")
    visit.toggle("stance", "claimed")
    assert visit.shown_edges() == edges_of(data, lambda e: e.stance.value == "asserted")


def test_type_filter_hides_actors_and_their_links(visit, data):
    visit.toggle("type", "Person")
    assert "actor:viz-gamma" not in visit.shown_nodes()
    assert visit.shown_edges() == edges_of(
        data, lambda e: "actor:viz-gamma" not in (e.source, e.target)
    )
    visit.js("actorgraph.focusNode('actor:viz-gamma')")
    assert "Hidden by the current filters." in visit.page.text_content("#panel")


def test_date_range_and_rollup_filters(visit, data):
    for selector, day in (("#date-from", "2024-12-02"), ("#date-to", "2024-12-03")):
        visit.page.fill(selector, day)
        visit.page.dispatch_event(selector, "change")
    in_range = statements_of(
        data, lambda row: "2024-12-02" <= str(row.effective_date) <= "2024-12-03"
    )
    assert visit.shown_edges() == in_range
    visit.page.click("#filter-derived")
    assert visit.shown_edges() == in_range - statements_of(data, lambda row: row.derived)
    visit.page.click("#reset")
    assert visit.shown_edges() == {edge.id for edge in data.edges}
    assert visit.page.input_value("#date-from") == ""


def test_the_panel_follows_the_filters(visit):
    visit.js("actorgraph.focusNode('actor:viz-alpha')")
    before = set(visit.panel_statements())
    visit.toggle("stance", "claimed")
    after = set(visit.panel_statements())
    assert after == before - {"viz-007", ROLLUP}
    assert "hidden by the filters" in visit.page.text_content("#panel h3")


# ------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("alpha front", "actor:viz-alpha"),
        ("ALPHA", "actor:viz-alpha"),
        ("the alphas", "actor:viz-alpha"),  # an alias
        ("جبهة ألفا", "actor:viz-alpha"),
        ("جبهه الفا", "actor:viz-alpha"),  # taa marbuta as haa, bare alef
        ("جَبْهَةُ أَلْفـــا", "actor:viz-alpha"),  # diacritics and tatweel
        ("قائد غاما", "actor:viz-gamma"),  # without the article
        ("وبجبهة ألفا", "actor:viz-alpha"),  # with the clitics و and ب
        ("للقائد غاما", "actor:viz-gamma"),  # لل is ل + ال
        ("viz town", "place:viz-town"),
    ],
)
def test_search_finds_and_focuses_an_actor(visit, typed, expected):
    visit.page.fill("#search", typed)
    first = visit.page.locator("#search-results button").first
    assert first.get_attribute("data-node") == expected
    visit.page.press("#search", "Enter")
    assert visit.js("actorgraph.network.getSelectedNodes()") == [expected]
    assert visit.page.is_hidden("#search-results")
    assert visit.page.locator("#panel h2").count() == 1


def test_search_says_when_nothing_matches(visit):
    visit.page.fill("#search", "nobody at all")
    assert visit.page.text_content("#search-results") == "No actor matches."


def test_javascript_normalise_matches_python(visit):
    samples = [
        "  Hay'at   Tahrir al-Sham ",
        "هَيْئَة تحرير الشّام",
        "إيـــران",
        "مصطفى",
        "القُوّات المسلّحة",
        "Erdoğan",
        "Straße",
        "٢٠٢٤ and ۱۲",
        "ؤ ئ آ ٱ ی ک",
        "Syrian-Government_(the regime)",
    ]
    got = visit.js("texts => texts.map(actorgraph.normalise)", samples)
    assert got == [normalise(text) for text in samples]


def test_javascript_strip_clitics_matches_python(visit):
    samples = ["وبتركيا", "للحشد الشعبي", "فالولايات المتحدة", "لبنان", "بال", "iran", "و", ""]
    keys = [normalise(text) for text in samples]
    got = visit.js("keys => keys.map(actorgraph.stripClitics)", keys)
    assert got == [list(strip_clitics(key)) for key in keys]


def test_the_page_data_is_what_python_built(visit, data):
    embedded = visit.js("actorgraph.data")
    assert embedded == json.loads(json.dumps(data.to_json_dict()))


# ------------------------------------------------------------------------- a crowded pair

CROWDED = 120  # statements between the same two actors, more than one panel page


@pytest.fixture(scope="module")
def crowded_file(tmp_path_factory) -> Path:
    """A page of CROWDED supports statements from Alpha to Beta, aggregated into one link."""
    folder = tmp_path_factory.mktemp("crowded")
    lines = [FIXTURE.read_text(encoding="utf-8")]
    for n in range(CROWDED):
        stance = "claimed" if n % 3 == 0 else "asserted"
        lines.append(
            f"stmt:viz-crowd-{n:03d} a ag:Statement ; ag:subject actor:viz-alpha ;\n"
            f"  ag:relation ag:politicalSupport ; ag:object actor:viz-beta ;\n"
            f'  ag:date "2024-12-01"^^xsd:date ; ag:stance ag:{stance} ;\n'
            f"  ag:source [ ag:document doc:viz-test.txt ; ag:line {n + 20} ] ;\n"
            f'  ag:note "Support number {n}."@en .\n'
        )
    data_file = folder / "crowded.ttl"
    data_file.write_text("\n".join(lines), encoding="utf-8")
    data = build_page_data(open_graph(data=[data_file], seeds=False), aggregate_above=50)
    target = folder / "crowded.html"
    write_page(target, data)
    return target


def test_an_aggregated_link_counts_its_statements_and_the_panel_pages_them(browser, crowded_file):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(crowded_file.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
        link = page.evaluate(
            "actorgraph.edges.get().find(e => e.from === 'actor:viz-alpha' && "
            "e.to === 'actor:viz-beta' && e.label.startsWith('supports'))"
        )
        assert link["label"] == f"supports ×{CROWDED + 1}"  # and viz-001
        claimed = len(range(0, CROWDED, 3))
        page.click("input[data-filter='stance'][value='claimed']")
        label = page.evaluate(f"actorgraph.edges.get({link['id']}).label")
        assert label == f"supports ×{CROWDED + 1 - claimed}"
        page.click("input[data-filter='stance'][value='claimed']")
        page.evaluate("actorgraph.focusNode('actor:viz-beta')")
        cards = "#panel article"
        assert page.locator(cards).count() == 100
        page.click("#panel button.more")
        total = page.evaluate(
            "actorgraph.data.statements.filter(s => s.from === 'actor:viz-beta' || "
            "s.to === 'actor:viz-beta').length"
        )
        assert total > 100 and page.locator(cards).count() == total
        assert page.locator("#panel button.more").count() == 0
    finally:
        page.close()


@pytest.mark.parametrize(
    ("options", "nodes"),
    [
        ({"families": ["structural"], "stances": {Stance.denied}}, 0),  # nothing matches
        ({"focus": "viz-zeta", "depth": 0}, 1),  # one actor, no link
    ],
)
def test_empty_pages_still_load(browser, tmp_path, options, nodes):
    gs = open_graph(data=[FIXTURE], seeds=False)
    if "focus" in options:
        options = {**options, "focus": resolve_actor(gs, options["focus"])}
    target = tmp_path / "empty.html"
    write_page(target, build_page_data(gs, **options))
    page = browser.new_page()
    try:
        page.goto(target.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
        assert page.evaluate("actorgraph.nodes.length") == nodes
        assert page.evaluate("actorgraph.edges.length") == 0
        empty = page.locator(".empty-graph")
        assert empty.count() == (1 if nodes == 0 else 0)
    finally:
        page.close()


# ------------------------------------------------------------------------- legend, export


def _legend_count(visit: Visit, key: str) -> int:
    return int(visit.js(f"document.querySelector('[data-count=\"{key}\"]').textContent"))


def test_legend_counts_follow_a_filter(visit, data):
    def count(predicate) -> int:
        return sum(1 for row in data.statements if predicate(row))

    assert _legend_count(visit, "family:supports") == count(lambda r: r.family == "supports")
    visit.toggle("stance", "denied")
    visit.page.wait_for_function(
        "n => document.querySelector('[data-count=\"family:supports\"]').textContent == n",
        arg=str(count(lambda r: r.family == "supports" and r.stance is not Stance.denied)),
    )
    # a box's own count is what it would show if checked: unchecking it leaves it as it was
    assert _legend_count(visit, "stance:denied") == count(lambda r: r.stance is Stance.denied)
    visit.toggle("family", "opposes")
    assert _legend_count(visit, "stance:asserted") == count(
        lambda r: r.stance is Stance.asserted and r.family != "opposes"
    )


def test_the_view_is_fitted_to_what_the_filters_leave(visit):
    before = visit.js("actorgraph.network.getScale()")
    for family in ("supports", "opposes", "talksTo"):
        visit.toggle("family", family)
    # what is left (structural links) is drawn bigger, and all of it inside the canvas
    visit.page.wait_for_function(
        """before => {
            const network = actorgraph.network;
            const ids = actorgraph.nodes.getIds({filter: n => !n.hidden});
            const box = document.querySelector('#network canvas').getBoundingClientRect();
            return network.getScale() > before && ids.every(id => {
                const at = network.canvasToDOM(network.getPosition(id));
                return at.x >= 0 && at.y >= 0 && at.x <= box.width && at.y <= box.height;
            });
        }""",
        arg=before,
    )


def test_the_png_button_offers_the_drawing_as_a_png(visit):
    visit.page.click("#export-png")
    link = visit.js("({href: download.href, name: download.download})")
    assert link["name"] == "actorgraph.png"
    prefix = "data:image/png;base64,"
    assert link["href"].startswith(prefix)
    assert base64.b64decode(link["href"][len(prefix) :])[:8] == b"\x89PNG\r\n\x1a\n"
    assert not visit.refused and not visit.errors


def test_node_positions_round_trip_through_a_file(visit, tmp_path):
    visit.page.click("#save-positions")
    href = visit.js("download.href")
    assert visit.js("download.download") == "actorgraph-positions.json"
    saved = json.loads(urllib.parse.unquote(href.split(",", 1)[1]))
    alpha = saved["positions"]["actor:viz-alpha"]
    assert set(saved["positions"]) == set(visit.js("actorgraph.nodes.getIds()"))
    visit.js("actorgraph.network.moveNode('actor:viz-alpha', 4321, -1234)")
    target = tmp_path / "positions.json"
    target.write_text(json.dumps(saved), encoding="utf-8")
    visit.page.set_input_files("#load-positions", str(target))
    visit.page.wait_for_function("() => actorgraph.positionsLoaded === 1")
    at = visit.js("actorgraph.network.getPosition('actor:viz-alpha')")
    assert [round(at["x"]), round(at["y"])] == alpha
    placed = len(saved["positions"])
    assert f"Placed {placed} nodes from positions.json" in visit.page.inner_text("#panel")


def test_a_file_that_is_not_positions_is_refused_with_a_message(visit, tmp_path):
    before = visit.js("actorgraph.network.getPositions()")
    target = tmp_path / "other.json"
    target.write_text('{"<b>": 1}', encoding="utf-8")
    visit.page.set_input_files("#load-positions", str(target))
    visit.page.wait_for_function(
        "() => document.querySelector('#panel').textContent.includes('other')"
    )
    assert "not a positions file" in visit.page.inner_text("#panel")
    assert visit.js("actorgraph.network.getPositions()") == before


# ------------------------------------------------------------------------- overview


@pytest.fixture(scope="module")
def overview_file(data, tmp_path_factory) -> Path:
    """The fixture drawn as an overview of two clusters chosen by hand."""
    first = tuple(
        i for i, n in enumerate(data.nodes) if n.id in {"actor:viz-alpha", "actor:viz-gamma"}
    )
    rest = tuple(i for i in range(len(data.nodes)) if i not in first)
    overview = dataclasses.replace(data, clusters=(Cluster(None, first), Cluster("rest", rest)))
    target = tmp_path_factory.mktemp("overview") / "overview.html"
    write_page(target, overview, title="overview test")
    return target


@pytest.fixture
def overview(browser, overview_file):
    yield from _visit(browser, overview_file)


def _between_clusters(data: PageData) -> dict[str, str]:
    """The statements between the two clusters of ``overview_file``, with their family."""
    first = {"actor:viz-alpha", "actor:viz-gamma"}
    return {
        data.statements[i].statement: edge.family
        for edge in data.edges
        if (edge.source in first) != (edge.target in first)
        for i in edge.statements
    }


def test_the_overview_opens_on_clusters_and_opens_one_on_click(overview, data):
    assert sorted(overview.js("actorgraph.nodes.getIds()")) == ["cluster:0", "cluster:1"]
    summaries = overview.js("actorgraph.edges.getIds()")
    assert summaries and all(id.startswith("s:cluster:0|cluster:1|") for id in summaries)
    overview.page.mouse.click(*overview.point("cluster:0"))
    overview.page.wait_for_function("() => actorgraph.nodes.get('actor:viz-alpha') !== null")
    drawn = set(overview.js("actorgraph.nodes.getIds()"))
    assert drawn == {"actor:viz-alpha", "actor:viz-gamma", "cluster:1"}
    assert "Cluster of 2 actors" in overview.page.inner_text("#panel")
    assert not overview.refused and not overview.errors


def test_a_link_between_clusters_shows_its_evidence(overview, data):
    overview.page.mouse.click(*overview.midpoint("cluster:0", "cluster:1"))
    overview.page.wait_for_selector("#panel article")
    between = _between_clusters(data)
    shown = overview.panel_statements()
    families = {between[st] for st in shown}  # KeyError: a statement not between them
    assert len(families) == 1  # a summary link stands for one family
    assert sorted(shown) == sorted(st for st, f in between.items() if f in families)


def test_search_opens_the_way_to_an_actor_inside_a_cluster(overview):
    overview.page.fill("#search", "جبهة الفا")
    overview.page.press("#search", "Enter")
    overview.page.wait_for_function("() => actorgraph.nodes.get('actor:viz-alpha') !== null")
    assert overview.js("actorgraph.network.getSelectedNodes()") == ["actor:viz-alpha"]
    assert overview.page.inner_text("#panel h2") == "Alpha Front"
    assert overview.js("actorgraph.nodes.get('cluster:0')") is None


def test_filters_apply_to_the_overview(overview, data):
    overview.page.mouse.click(*overview.point("cluster:1"))
    overview.page.wait_for_function("() => actorgraph.nodes.get('actor:viz-beta') !== null")
    overview.toggle("type", "State")
    overview.page.wait_for_function("() => actorgraph.nodes.get('actor:viz-beta') === null")
    counts = overview.page.inner_text("#counts")
    assert "2 clusters, 1 open" in counts


@pytest.fixture(scope="module")
def many_clusters_file(tmp_path_factory) -> Path:
    """A synthetic graph drawn as an overview of many clusters of very different sizes."""
    from actorgraph.ingest.synth import synth
    from actorgraph.viz.overview import SMALL_GROUPS

    folder = tmp_path_factory.mktemp("clusters")
    synth(400, folder / "synth.nq")
    data = build_page_data(open_graph(data=[folder / "synth.nq"], seeds=False))
    sizes, start, groups = [9, 6, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0, []
    for size in sizes:
        groups.append(Cluster(None, tuple(range(start, start + size))))
        start += size
    groups.append(Cluster(SMALL_GROUPS, tuple(range(start, len(data.nodes)))))
    target = folder / "clusters.html"
    write_page(target, dataclasses.replace(data, clusters=tuple(groups)), title="clusters")
    return target


CLUSTER_BOXES = """() => actorgraph.nodes.getIds().filter(id => id.startsWith("cluster:"))
    .map(id => actorgraph.network.getBoundingBox(id))"""


def _overlapping(boxes: list[dict]) -> list[tuple[dict, dict]]:
    """The pairs of boxes (node and label) that overlap."""
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if not (
            a["right"] < b["left"]
            or b["right"] < a["left"]
            or a["bottom"] < b["top"]
            or b["bottom"] < a["top"]
        )
    ]


def test_the_clusters_of_an_overview_never_overlap(browser, many_clusters_file):
    for seen in _visit(browser, many_clusters_file):
        boxes = seen.js(CLUSTER_BOXES)
        assert len(boxes) == 20 and not _overlapping(boxes)
        # Opening the biggest cluster in place pushes the others aside, never onto each other.
        seen.js("actorgraph.openCluster(actorgraph.clusters[0])")
        boxes = seen.js(CLUSTER_BOXES)
        assert len(boxes) == 19 and not _overlapping(boxes)
        assert not seen.refused and not seen.errors
