"""The load and validation benchmarks run (once, at their smoke size) and print a table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("script", ["load_bench.py", "validate_bench.py"])
def test_benchmark_smoke_run(script):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| statements |")
    assert lines[2].startswith("| 1000 | 1 |")
