"""``pip install .`` (not only editable) gives a working package: the wheel carries the
ontology, the seeds, the SPARQL files and the console script, and runs from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "No module named 'hatchling'" in result.stderr:
        pytest.skip("hatchling is not installed (pip install -e '.[test]')")
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("actorgraph-*.whl")
    return built


def test_wheel_carries_data_queries_and_entry_point(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "cli.py" in names
    assert "graph/_data/ontology/actorgraph.ttl" in names
    assert "graph/_data/ontology/shapes.ttl" in names
    assert "graph/_data/seeds/aleppo-2024-12.ttl" in names
    assert any(n.startswith("graph/queries/named/") and n.endswith(".rq") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "actorgraph = cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert not any(n.startswith(("tests/", "seeds/", "ontology/")) for n in names)


def test_installed_wheel_runs_from_any_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    program = (
        "import sys, graph, cli; "
        "assert graph.__file__.startswith(sys.argv[1]), graph.__file__; "
        "sys.argv = ['actorgraph', 'stats', '--format', 'json']; cli.main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, str(target)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["statements"] > 50 and summary["actors"] > 24
