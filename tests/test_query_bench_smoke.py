"""The query, cold-start and viz benchmarks run end to end in their ``--smoke`` mode.

No timing is asserted (the machine's load decides that); each script must exit 0 and print
its table, so a change that breaks a benchmark is caught.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def smoke(script: str) -> str:
    done = subprocess.run(
        [sys.executable, f"bench/{script}", "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    ("script", "rows"),
    [
        ("query_bench.py", ["relations (library)", "statements.rq (rdflib)", "all_statements"]),
        ("coldstart_bench.py", ["actorgraph relations Iran", "import rdflib, typer, pyoxigraph"]),
        ("viz_bench.py", ["build_page_data", "pyvis from_nx + write_html"]),
    ],
)
def test_benchmark_prints_its_table(script, rows):
    output = smoke(script)
    for row in rows:
        assert row in output
    assert "median" in output
