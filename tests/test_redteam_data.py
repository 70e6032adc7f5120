"""The red team's findings about hostile data files (shared/reviews/redteam-2026-12-02.md).

Each test is the report's reproduction, run through the real console script on a real
store: M2 (a literal over Python's CSV field limit), M3 (deeply nested JSON-LD), M5
(statements planted in the inferred graph) and L1 (a line of 16 MiB or more). What must
hold: one clear ``Error:`` and a non-zero exit, never a traceback or a signal, and a store
left exactly as it was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from actorgraph.ingest.read import MAX_JSON_DEPTH, json_depth, read_quads
from actorgraph.namespaces import GRAPH_CURATED

SCRIPT = Path(sys.executable).parent / "actorgraph"

PREFIXES = """@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix actor: <https://w3id.org/actorgraph/actor/> .
@prefix stmt: <https://w3id.org/actorgraph/statement/> .
@prefix doc: <https://w3id.org/actorgraph/document/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
HEADER = (
    PREFIXES
    + """doc:d.txt a ag:Document ; ag:fileName "d.txt" ; ag:published "2024-12-02"^^xsd:date .
"""
)

PLANTED = (
    PREFIXES
    + """<https://w3id.org/actorgraph/graph/inferred> {
  actor:planted a ag:State ; rdfs:label "Planted"@en , "مزروع"@ar .
  stmt:planted a ag:Statement ; ag:subject actor:planted ; ag:relation ag:supports ;
     ag:object actor:iran ; ag:stance ag:asserted ;
     ag:source [ ag:document <https://w3id.org/actorgraph/document/000_4ad9e107abaa6dbd.txt> ;
                 ag:line 1 ] ;
     ag:note "planted"@en . }
"""
)


def actorgraph(*args: str | Path, cwd: Path, stdin: bytes | None = None):
    return subprocess.run(
        [str(SCRIPT), *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=300,
    )


def clean_failure(result, exit_code: int = 1) -> str:
    """One ``Error:`` on stderr, the exit code, no traceback; returns stderr."""
    err = result.stderr.decode()
    assert result.returncode == exit_code, err
    assert err.lstrip().startswith("Error: "), err
    assert "Traceback" not in err
    return err


def ok(result) -> str:
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()
    return out


def dump(cwd: Path, store: Path) -> bytes:
    return ok(actorgraph("export", "-f", "nq", "--store", store, cwd=cwd)).encode()


def long_literal_file(tmp_path: Path, label: int, note: int) -> Path:
    path = tmp_path / f"long-{label}-{note}.ttl"
    path.write_text(
        HEADER
        + f'actor:x a ag:State ; rdfs:label "{"L" * label}"@en , "س"@ar .\n'
        + "stmt:x a ag:Statement ; ag:subject actor:x ; ag:relation ag:supports ; "
        + "ag:object actor:iran ; ag:stance ag:asserted ; "
        + f'ag:source [ ag:document doc:d.txt ; ag:line 4 ] ; ag:note "{"N" * note}"@en .\n',
        encoding="utf-8",
    )
    return path


# -- M2: a label or note over 131,072 characters --------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["relations", "iran"],
        ["who", "supports", "iran"],
        ["timeline"],
        ["stats"],
        ["explain", "x", "iran"],
        ["analyze", "camps"],
        ["export", "-f", "csv"],
    ],
    ids=lambda c: "-".join(c[:2]),
)
@pytest.mark.parametrize("which", ["label", "note"])
def test_m2_a_literal_over_the_csv_field_limit_is_shown(tmp_path, command, which):
    data = long_literal_file(tmp_path, *((140_000, 10) if which == "label" else (10, 140_000)))
    ok(actorgraph(*command, "--data", data, cwd=tmp_path))


def test_m2_a_store_with_such_a_literal_keeps_working(tmp_path):
    data = long_literal_file(tmp_path, 140_000, 10)
    ok(actorgraph("load", "--store", "st", "--data", data, cwd=tmp_path))
    for command in (["stats"], ["relations", "x"], ["viz", "-o", "x.html"]):
        ok(actorgraph(*command, "--store", "st", cwd=tmp_path))
    assert "L" * 140_000 in (tmp_path / "x.html").read_text(encoding="utf-8")


# -- M3: deeply nested JSON-LD ---------------------------------------------------------


def nested_json_ld(path: Path, depth: int) -> Path:
    path.write_text('{"@id":"http://e/s","http://e/p":' * depth + "{}" + "}" * depth)
    return path


def test_m3_deep_json_ld_is_refused_by_validate_and_reading_commands(tmp_path):
    deep = nested_json_ld(tmp_path / "d8000.jsonld", 8000)
    for command in (["validate", deep], ["relations", "iran", "--data", deep]):
        err = clean_failure(actorgraph(*command, cwd=tmp_path))
        assert f"more than {MAX_JSON_DEPTH} levels deep" in err and "flatten" in err


def test_m3_deep_json_ld_leaves_the_store_as_it_was(tmp_path):
    ok(actorgraph("load", "--store", "st", cwd=tmp_path))
    before = dump(tmp_path, tmp_path / "st")
    deep = nested_json_ld(tmp_path / "d8000.jsonld", 8000)  # over the streaming threshold
    assert deep.stat().st_size > 256 * 1024
    clean_failure(actorgraph("load", "--store", "st", "--data", deep, cwd=tmp_path))
    small = nested_json_ld(tmp_path / "d100.jsonld", 100)
    clean_failure(actorgraph("load", "--store", "st", "--data", small, cwd=tmp_path))
    clean_failure(
        actorgraph(
            "load",
            "--store",
            "st",
            "--name",
            "deep",
            "--data",
            "-",
            cwd=tmp_path,
            stdin=small.read_bytes(),
        )
    )
    assert dump(tmp_path, tmp_path / "st") == before


def test_m3_ordinary_json_ld_nesting_is_read(tmp_path):
    path = nested_json_ld(tmp_path / "ok.jsonld", 20)
    assert len(read_quads(path, GRAPH_CURATED)) == 20


def test_json_depth_skips_strings_and_escapes():
    assert json_depth(b'{"a": "[[[{{{\\"[[", "b": [[1]]}', 100) == 3
    assert json_depth(b"[" * 10_000 + b"]" * 10_000, 64) == 65  # stops past the limit


# -- M5: statements in the inferred graph ------------------------------------------------


def test_m5_a_data_file_cannot_write_into_the_inferred_graph(tmp_path):
    planted = tmp_path / "inferred-graph.trig"
    planted.write_text(PLANTED, encoding="utf-8")
    ok(actorgraph("load", "--store", "st", cwd=tmp_path))
    before = dump(tmp_path, tmp_path / "st")
    err = clean_failure(actorgraph("load", "--store", "st", "--data", planted, cwd=tmp_path))
    assert "graph/inferred> is built by actorgraph" in err
    assert dump(tmp_path, tmp_path / "st") == before
    for command in (["validate", planted], ["who", "supports", "iran", "--data", planted]):
        assert "graph/inferred> is built by actorgraph" in clean_failure(
            actorgraph(*command, cwd=tmp_path)
        )


def test_m5_an_export_with_its_real_inferences_still_loads_back(tmp_path):
    small = Path(__file__).parent / "fixtures" / "store_small.ttl"
    ok(actorgraph("load", "--store", "st", "--no-seeds", "--data", small, cwd=tmp_path))
    ok(actorgraph("infer", "--store", "st", cwd=tmp_path))
    export = tmp_path / "all.trig"
    ok(actorgraph("export", "-f", "trig", "--store", "st", "-o", export, cwd=tmp_path))
    assert "graph/inferred> {" in export.read_text(encoding="utf-8")
    ok(actorgraph("load", "--store", "again", "--no-seeds", "--data", export, cwd=tmp_path))
    # ... but one planted statement among them is refused
    text = export.read_text(encoding="utf-8").replace(
        "graph/inferred> {", "graph/inferred> {\n<http://e/s> <http://e/p> <http://e/o> .", 1
    )
    export.write_text(text, encoding="utf-8")
    err = clean_failure(
        actorgraph("load", "--store", "third", "--no-seeds", "--data", export, cwd=tmp_path)
    )
    assert "graph/inferred> is built by actorgraph" in err


# -- L1: a line of 16 MiB or more ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("h.ttl", "#" + "a" * 17_000_000 + "\n"),
        ("big.nt", '<http://e/s> <http://e/p> "' + "a" * 17_000_000 + '" .\n'),
    ],
    ids=["comment", "literal"],
)
def test_l1_a_line_over_the_parser_buffer_is_a_clean_error(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content)
    ok(actorgraph("load", "--store", "st", cwd=tmp_path))
    before = dump(tmp_path, tmp_path / "st")
    for command in (
        ["validate", path],
        ["relations", "iran", "--data", path],
        ["load", "--store", "st", "--data", path],
    ):
        assert "longer than 16 MiB" in clean_failure(actorgraph(*command, cwd=tmp_path))
    assert dump(tmp_path, tmp_path / "st") == before
