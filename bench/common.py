"""Shared helpers for the benchmarks: arguments, timing a child process, markdown tables.

Each measurement runs in a fresh child process, so its wall time includes what a user
waits for and its peak resident memory (``ru_maxrss`` from ``os.wait4``) is its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ROOT",
    "PYTHON",
    "SMOKE_SIZE",
    "Measure",
    "arguments",
    "run_once",
    "measure",
    "median_seconds",
    "table",
]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
#: The size ``--smoke`` runs once (small, so CI stays quick).
SMOKE_SIZE = 1000


@dataclass(frozen=True)
class Measure:
    """The median wall time (s) and the largest peak RSS (MB) over the runs of a command."""

    seconds: float
    rss_mb: float
    runs: int


def arguments(
    description: str, extra: Callable[[argparse.ArgumentParser], None] | None = None
) -> argparse.Namespace:
    """``--sizes 10000,100000 --runs 5`` or ``--smoke`` (one run at :data:`SMOKE_SIZE`),
    plus the options ``extra(parser)`` adds."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help=f"one run at {SMOKE_SIZE}")
    if extra:
        extra(parser)
    args = parser.parse_args()
    args.sizes = [SMOKE_SIZE] if args.smoke else [int(s) for s in args.sizes.split(",")]
    args.runs = 1 if args.smoke else args.runs
    return args


def run_once(command: Sequence[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and stdout of one run of ``command`` (must succeed)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode:
            raise SystemExit(f"{' '.join(command)} failed:\n{err.read().decode()}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


def measure(command: Sequence[str], runs: int, *, timed_by_child: bool = False) -> Measure:
    """Run ``command`` ``runs`` times. With ``timed_by_child``, the time is the last line
    the child prints (seconds), e.g. to leave its start-up and setup out."""
    times, peaks = [], []
    for _ in range(runs):
        seconds, rss, out = run_once(command)
        times.append(float(out.split()[-1]) if timed_by_child else seconds)
        peaks.append(rss)
    return Measure(statistics.median(times), max(peaks), runs)


def median_seconds(run: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls of ``run`` in this process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
