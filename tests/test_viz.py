"""Tests for graph/viz/ and the ``viz`` command: the page data, the HTML it is written into,
and the command's options and errors. What the page does in a browser is tested in
tests/test_viz_browser.py.

Most tests read ``tests/fixtures/viz_graph.ttl`` without the seeds: seven actors and a
place, every family and stance, parallel statements, one roll-up and hostile text.
"""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from actorgraph.commands.app import app
from actorgraph.errors import UsageError
from actorgraph.ingest.pipeline import open_graph
from actorgraph.query.actors import resolve_actor
from actorgraph.query.relations import Stance, all_statements
from actorgraph.viz import (
    PageData,
    build_page_data,
    escape_json,
    parse_families,
    render_page,
    write_page,
)
from typer.testing import CliRunner

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "viz_graph.ttl"
HOSTILE = "</script><script>alert(1)</script>"
# Gamma (a person) leaderOf Alpha (viz-002): Gamma's meeting counts for Alpha, by the role rule.
ROLLUP = "viz-003/rollup/role~viz-alpha/viz-beta"

runner = CliRunner()


@pytest.fixture(scope="module")
def gs():
    return open_graph(data=[FIXTURE], seeds=False)


@pytest.fixture(scope="module")
def seeds():
    return open_graph()


def statement_ids(data: PageData) -> set[str]:
    return {row.statement for row in data.statements}


def node_ids(data: PageData) -> set[str]:
    return {node.id for node in data.nodes}


class _Elements(HTMLParser):
    """The start tags of a page with their attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse_page(text: str) -> _Elements:
    parser = _Elements()
    parser.feed(text)
    return parser


# ------------------------------------------------------------------------- page data


def test_every_statement_is_drawn_with_its_actors_and_place(gs):
    data = build_page_data(gs)
    assert statement_ids(data) == {row.statement for row in all_statements(gs)}
    assert len(data.edges) == len(data.statements)  # small graph: one edge per statement
    assert node_ids(data) == {
        "actor:viz-alpha",
        "actor:viz-beta",
        "actor:viz-gamma",
        "actor:viz-delta",
        "actor:viz-epsilon",
        "actor:viz-zeta",
        "place:viz-town",
    }
    town = next(node for node in data.nodes if node.id == "place:viz-town")
    assert (town.type, town.label, town.label_ar) == ("Place", "Viz Town", "بلدة فيز")


def test_nodes_carry_type_labels_aliases_and_degree(gs):
    data = build_page_data(gs)
    alpha = next(node for node in data.nodes if node.id == "actor:viz-alpha")
    assert (alpha.type, alpha.label, alpha.label_ar, alpha.aliases) == (
        "ArmedGroup",
        "Alpha Front",
        "جبهة ألفا",
        ("The Alphas",),
    )
    touching = [row for row in data.statements if "viz-alpha" in (row.subject, row.object)]
    assert alpha.degree == len(touching) == 7
    assert alpha.group == "ArmedGroup"


def test_edges_mark_stance_rollups_and_symmetric_relations(gs):
    data = build_page_data(gs)
    by_statement = {data.statements[edge.statements[0]].statement: edge for edge in data.edges}
    assert by_statement["viz-004"].stance is Stance.denied
    assert by_statement["viz-003"].stance is Stance.claimed
    assert by_statement[ROLLUP].derived
    assert data.statements[by_statement[ROLLUP].statements[0]].rule == "role"
    assert not by_statement["viz-001"].derived
    assert not by_statement["viz-003"].arrow  # meetsWith is symmetric
    assert by_statement["viz-001"].arrow
    assert by_statement["viz-002"].family == "structural"
    assert (by_statement["viz-005"].source, by_statement["viz-005"].target) == (
        "actor:viz-delta",
        "actor:viz-beta",
    )


def test_parallel_edges_get_distinct_curves(gs):
    data = build_page_data(gs)
    pair = [
        edge
        for edge in data.edges
        if {edge.source, edge.target}
        == {
            "actor:viz-alpha",
            "actor:viz-beta",
        }
    ]
    assert len(pair) == 4

    def side(edge):  # the curve as seen from alpha towards beta
        return edge.curve if edge.source == "actor:viz-alpha" else -edge.curve

    assert len({side(edge) for edge in pair}) == 4
    assert all(edge.curve != 0 for edge in pair)
    lone = [edge for edge in data.edges if edge.source == "actor:viz-delta"]
    assert [edge.curve for edge in lone] == [0.0]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"families": ["structural"]}, {"viz-002", "viz-008"}),
        ({"families": ["talks-to"]}, {"viz-003", ROLLUP}),
        (
            {"families": ["supports,opposes"]},
            {"viz-001", "viz-004", "viz-005", "viz-006", "viz-007", "viz-009"},
        ),
        ({"stances": {Stance.denied}}, {"viz-004", "viz-009"}),
        ({"derived": False, "families": ["talksTo"]}, {"viz-003"}),
        ({"at": datetime.date(2024, 11, 30)}, {"viz-001", "viz-004"}),
        (
            {"since": datetime.date(2024, 12, 2), "until": datetime.date(2024, 12, 3)},
            {"viz-006", "viz-007", "viz-009", "viz-003", ROLLUP},
        ),
        ({"since": datetime.date(2024, 12, 4)}, {"viz-002"}),  # dated by its document
    ],
)
def test_options_choose_the_statements(gs, options, expected):
    data = build_page_data(gs, **options)
    assert statement_ids(data) == expected
    ends = {row.subject for row in data.statements} | {row.object for row in data.statements}
    assert {node.id.split(":")[1] for node in data.nodes} == ends


def test_focus_keeps_the_neighbourhood_over_statements_that_are_not_denied(gs):
    epsilon = resolve_actor(gs, "viz-epsilon")
    near = build_page_data(gs, focus=epsilon, depth=1)
    assert node_ids(near) == {"actor:viz-epsilon", "actor:viz-alpha"}  # not Zeta: denied
    assert statement_ids(near) == {"viz-006"}
    two = build_page_data(gs, focus=epsilon, depth=2)
    assert node_ids(two) == {
        "actor:viz-epsilon",
        "actor:viz-alpha",
        "actor:viz-beta",
        "actor:viz-gamma",
        "place:viz-town",
    }
    assert "viz-004" in statement_ids(two)  # a denied statement among kept actors is drawn
    alone = build_page_data(gs, focus=epsilon, depth=0)
    assert node_ids(alone) == {"actor:viz-epsilon"}
    assert alone.nodes[0].degree == 0 and not alone.edges


def test_focus_on_the_seeds(seeds):
    iran = resolve_actor(seeds, "إيران")
    data = build_page_data(seeds, focus=iran, depth=1)
    assert "actor:iran" in node_ids(data)
    for row in data.statements:
        assert "actor:iran" in {row.subject_iri, row.object_iri} or (
            {f"actor:{row.subject}", f"actor:{row.object}"} <= node_ids(data)
        )
    assert "around Iran (1 hop)" in data.description


def test_colour_by_camp_on_the_seeds(seeds):
    from actorgraph.viz import ColorBy, node_groups_for

    groups = node_groups_for(seeds, ColorBy.camp)
    government, opposition = groups["syrian-government"], groups["hts"]
    assert government != opposition and government.startswith("camp ")
    assert groups["iran"] == groups["russia"] == government
    assert groups["isis"] == "single-actor camps"  # lone actors share a neutral colour
    data = build_page_data(seeds, node_groups=groups)
    legend = list(data.group_colors)
    camps = [g for g in legend if g.startswith("camp ")]
    assert camps == sorted(camps, key=lambda g: int(g.split()[1]))  # camp 2 before camp 10
    assert {government, opposition} <= set(camps)
    assert len(set(data.group_colors[g] for g in legend if g.startswith("camp "))) == len(
        [g for g in legend if g.startswith("camp ")]
    )
    assert node_groups_for(seeds, ColorBy.type) is None


def test_large_graphs_aggregate_parallel_statements_by_family(gs):
    data = build_page_data(gs, aggregate_above=3)
    assert data.aggregated
    assert len(data.statements) == 10  # nothing is lost: every statement is kept
    keys = [(edge.source, edge.target, edge.family) for edge in data.edges]
    assert len(keys) == len(set(keys))
    supports = next(
        edge
        for edge in data.edges
        if (edge.source, edge.target, edge.family)
        == ("actor:viz-alpha", "actor:viz-beta", "supports")
    )
    assert [data.statements[i].statement for i in supports.statements] == ["viz-001"]
    talks = next(
        edge
        for edge in data.edges
        if (edge.source, edge.target, edge.family)
        == ("actor:viz-alpha", "actor:viz-beta", "opposes")
    )
    assert talks.relation == "accuses"
    assert sorted(i for edge in data.edges for i in edge.statements) == list(range(10))
    assert not build_page_data(gs).aggregated


def test_aggregated_edge_has_the_firmest_stance(gs):
    data = build_page_data(gs, aggregate_above=0, families=["supports"])
    by_pair = {(edge.source, edge.target): edge for edge in data.edges}
    assert by_pair[("actor:viz-beta", "actor:viz-alpha")].stance is Stance.denied
    mixed = build_page_data(gs, aggregate_above=0)
    edge = next(
        e
        for e in mixed.edges
        if (e.source, e.target, e.family) == ("actor:viz-gamma", "actor:viz-beta", "talksTo")
    )
    assert edge.stance is Stance.claimed


def test_node_groups_colour_nodes_and_keep_types(gs):
    data = build_page_data(gs, node_groups={"viz-alpha": "camp A", "viz-beta": "camp B"})
    groups = {node.id: node.group for node in data.nodes}
    assert groups["actor:viz-alpha"] == "camp A"
    assert groups["actor:viz-gamma"] == "other"
    assert data.group_colors is not None
    assert set(data.group_colors) == {"camp A", "camp B", "other"}
    assert len(set(data.group_colors.values())) == 3
    style = data.to_json_dict()["style"]
    assert style["groups"] == dict(data.group_colors)
    assert build_page_data(gs).to_json_dict()["style"]["groups"] is None


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"families": ["friends"]}, "unknown relation family 'friends'"),
        ({"at": datetime.date(2024, 12, 1), "since": datetime.date(2024, 11, 1)}, "--at"),
        ({"depth": -1}, "--depth"),
    ],
)
def test_bad_options_are_usage_errors(gs, options, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        build_page_data(gs, **options)


def test_parse_families_accepts_any_spelling():
    assert parse_families(["Talks-To", "supports, opposes"]) == {"talksTo", "supports", "opposes"}


# ------------------------------------------------------------------------- the HTML


def test_json_escaping_keeps_data_inside_its_script_element():
    value = {"note": HOSTILE + "<!-- & \u2028\u2029"}
    text = escape_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_the_page_is_self_contained(gs):
    page = render_page(build_page_data(gs))
    elements = parse_page(page)
    for tag, attrs in elements.tags:
        for name in ("src", "href", "action", "srcset", "poster"):
            assert name not in attrs, (tag, attrs)
    assert [tag for tag, _ in elements.tags if tag in {"link", "iframe", "img", "object"}] == []
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", page, re.IGNORECASE)
    assert "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    csp = next(a["content"] for t, a in elements.tags if a.get("http-equiv") is not None)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_the_page_data_round_trips_and_hostile_text_stays_inside_it(gs):
    data = build_page_data(gs)
    page = render_page(data)
    elements = parse_page(page)
    scripts = [attrs for tag, attrs in elements.tags if tag == "script"]
    assert scripts == [{"type": "application/json", "id": "actorgraph-data"}, {}, {}]
    assert page.lower().count("</script") == 3  # only the page's own script ends
    assert json.loads(elements.scripts[0]) == json.loads(json.dumps(data.to_json_dict()))
    assert "<img" not in page and "<script>alert" not in page  # only escaped copies exist


def test_the_title_is_escaped(gs):
    page = render_page(build_page_data(gs), title='<b onclick="x">Beta & co</b>')
    assert "<b onclick" not in page
    assert "<title>&lt;b onclick=&quot;x&quot;&gt;Beta &amp; co&lt;/b&gt;</title>" in page


def test_the_page_script_never_writes_html():
    from actorgraph.viz.page import _template

    script = _template("viz.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


def test_write_page_writes_utf8_atomically(gs, tmp_path):
    data = build_page_data(gs)
    target = tmp_path / "graph.html"
    write_page(target, data, title="جبهة ألفا")
    assert target.read_bytes() == render_page(data, title="جبهة ألفا").encode("utf-8")
    assert list(tmp_path.iterdir()) == [target]


def test_large_graphs_are_drawn_for_speed():
    from actorgraph.viz.style import vis_options as _vis_options

    small, large = _vis_options(70, 150), _vis_options(10_000, 30_000)
    small_iterations = small["physics"]["stabilization"]["iterations"]
    large_iterations = large["physics"]["stabilization"]["iterations"]
    assert small_iterations == 1000 and 20 <= large_iterations <= 60
    assert large["interaction"]["hideEdgesOnDrag"] and not small["interaction"]["hideEdgesOnDrag"]
    assert small["layout"]["improvedLayout"] and not large["layout"]["improvedLayout"]


# ------------------------------------------------------------------------- the command


def run(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def test_viz_writes_the_page_and_says_where(tmp_path):
    target = tmp_path / "page.html"
    result = run("viz", "--data", FIXTURE, "-o", target, "--type", "structural")
    assert result.exit_code == 0, result.output
    assert f"Wrote {target} (" in result.stderr
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    data = json.loads(parse_page(page).scripts[0])
    assert {"viz-002", "viz-008"} <= {st["statement"] for st in data["statements"]}
    assert {st["family"] for st in data["statements"]} == {"structural"}
    assert f"({len(data['nodes'])} actors, {len(data['statements'])} statements)" in result.stderr


def test_viz_writes_actorgraph_html_in_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("viz", "--focus", "Iran", "--depth", "1", "--stance", "asserted")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "actorgraph.html").read_text(encoding="utf-8")
    assert "<title>actorgraph: Iran</title>" in page


def test_viz_warns_when_it_aggregates(tmp_path):
    result = run("viz", "--data", FIXTURE, "-o", tmp_path / "p.html", "--aggregate-above", "3")
    assert result.exit_code == 0, result.output
    assert "Warning:" in result.stderr and "--aggregate-above 3" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Irna"], "Did you mean: "),
        (["--depth", "2"], "--depth needs --focus"),
        (["--at", "2024-12-01", "--to", "2024-12-02"], "either --at or --from/--to"),
        (["--type", "friends"], "unknown relation family"),
        (["--from", "yesterday"], "is not a date"),
    ],
)
def test_viz_usage_errors_exit_2_and_write_nothing(tmp_path, args, message):
    target = tmp_path / "page.html"
    result = run("viz", "-o", target, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not target.exists()


# ------------------------------------------------------------------------- overview, colours


def test_small_pages_draw_everything_and_large_ones_open_on_an_overview(gs):
    from actorgraph.viz import wants_overview

    assert build_page_data(gs).clusters is None
    assert wants_overview(2001, 10) and wants_overview(100, 6001) and not wants_overview(2000, 6000)
    data = build_page_data(gs, overview=True)
    members = sorted(i for cluster in data.clusters for i in cluster.members)
    assert members == list(range(len(data.nodes)))  # every actor in exactly one cluster
    page = data.to_json_dict()
    assert page["clusters"] == [{"name": c.name, "members": c.members} for c in data.clusters]


def test_overview_clusters_are_the_camps_when_coloured_by_camp(seeds):
    from actorgraph.viz import ColorBy, node_groups_for

    groups = node_groups_for(seeds, ColorBy.camp)
    data = build_page_data(seeds, node_groups=groups, overview=True)
    for cluster in data.clusters:
        assert {data.nodes[i].group for i in cluster.members} == {cluster.name}


def test_communities_follow_support_and_split_on_opposition():
    from actorgraph.viz.overview import clusters

    links = [("a", "b", "supports", 2), ("b", "c", "supports", 1), ("c", "d", "opposes", 3)]
    links += [("d", "e", "structural", 1), ("e", "f", "talksTo", 2)]
    found = clusters(list("abcdef"), links, cap=3, min_size=2)
    named = [{"abcdef"[i] for i in c.members} for c in found]
    assert named == [{"a", "b", "c"}, {"d", "e", "f"}]
    assert clusters(list("abcdef"), links, cap=3, min_size=2) == found  # deterministic


def test_camp_colours_have_no_red_or_green_hue():
    import colorsys

    from actorgraph.viz.style import _GROUP_PALETTE

    for color in _GROUP_PALETTE:
        r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
        hue = colorsys.rgb_to_hsv(r, g, b)[0] * 360
        assert not (hue < 20 or hue > 345), f"{color} is red"
        assert not 90 <= hue <= 150, f"{color} is green"


def test_large_page_data_is_deflated_and_small_page_data_is_plain(gs, monkeypatch):
    import base64
    import zlib

    from actorgraph.viz import page as page_module

    data = build_page_data(gs)
    assert '<script type="application/json" id="actorgraph-data">' in render_page(data)
    monkeypatch.setattr(page_module, "COMPRESS_ABOVE", 10)
    packed = parse_page(render_page(data)).scripts[0]
    assert json.loads(zlib.decompress(base64.b64decode(packed))) == json.loads(
        escape_json(data.to_json_dict())
    )


def test_viz_overview_option(tmp_path):
    target = tmp_path / "page.html"
    result = run("viz", "--data", FIXTURE, "-o", target, "--overview")
    assert result.exit_code == 0, result.output
    assert "an overview of" in result.stderr
    assert json.loads(parse_page(target.read_text(encoding="utf-8")).scripts[0])["clusters"]
