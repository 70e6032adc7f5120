"""Every script in bench/ runs end to end at its smallest size and prints its figures.

No timing is asserted (the machine's load decides that): a change that breaks a benchmark
is caught here. The query, cold-start and viz benchmarks are run by
tests/test_query_bench_smoke.py, analysis_bench by tests/test_analysis_backends.py,
stats_bench by tests/test_stats_counts.py and serve_load by tests/test_server.py;
test_every_bench_script_is_smoke_tested keeps the list whole.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
CORPUS = Path(os.environ.get("ACTORGRAPH_CORPUS", ROOT.parent / "shared" / "corpus"))


def run(script: str, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("script", ["load_bench.py", "validate_bench.py"])
def test_benchmark_smoke_run(script):
    lines = run(script, "--smoke").splitlines()
    assert lines[0].startswith("| statements |")
    assert lines[2].startswith("| 1000 | 1 |")


def test_fuzz_network_refusal_finds_no_bypass():
    lines = run("fuzz_network_refusal.py", "--queries", "60").splitlines()
    header, _rule, row = lines[:3]
    assert header.startswith("| queries | refused |")
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[0] == "60" and cells[3] == "0"  # queries, bypasses


@pytest.mark.slow
@pytest.mark.server
def test_write_bench_runs():
    result = json.loads(run("write_bench.py", "--writes", "1", "--statements", "100"))
    assert result["store_quads"] > 0
    assert {"endpoint_writes", "write_job_same_run", "next_generation_breakdown"} <= set(result)


@pytest.mark.slow
@pytest.mark.server
def test_serve_bench_smoke_run():
    result = json.loads(run("serve_bench.py", "--smoke"))
    assert result


@pytest.mark.slow
def test_suggest_bench_runs(tmp_path: Path):
    document = CORPUS / "000_4ad9e107abaa6dbd.txt"
    if not document.is_file():
        pytest.skip(f"corpus not found at {CORPUS}")
    shutil.copy(document, tmp_path / document.name)
    output = run("suggest_bench.py", str(tmp_path))
    assert output.startswith("document | lines |")
    assert document.name in output


def test_every_bench_script_is_smoke_tested():
    scripts = {p.name for p in (ROOT / "bench").glob("*.py")} - {"common.py"}
    tests = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    named = set(re.findall(r"[\"'/](\w+\.py)[\"']", tests))  # a quoted file name
    assert scripts - named == set()
