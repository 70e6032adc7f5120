"""Benchmark ``stats`` counted by the store (graph/query/stats.py) against the walk over
every statement (``relations.stats``, the code before), in the same run.

For each size, ``synth`` writes the data and ``load --store`` builds an on-disk store (not
timed); each call opens the store afresh. Prints the median wall time of ``--runs`` runs and
checks both give the same counts.

    .venv/bin/python bench/stats_bench.py --sizes 10000 100000 --runs 5
    .venv/bin/python bench/stats_bench.py --smoke
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from analysis_bench import build_store
from common import SMOKE_SIZE, median_seconds


def main() -> None:
    from actorgraph.ingest.pipeline import open_graph
    from actorgraph.query.stats import stats, walked_stats

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--walk-runs", type=int, default=None, help="runs of the old walk")
    parser.add_argument("--store", type=Path, help="an on-disk store to use (one size)")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_SIZE} statements, once")
    options = parser.parse_args()
    if options.smoke:
        options.sizes, options.runs = [SMOKE_SIZE], 1
    walk_runs = options.walk_runs or options.runs
    print("| statements | runs | `query.stats.stats` | `relations.stats` (walk) | walk / new |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for size in options.sizes:
            store = options.store or build_store(size, Path(work))
            if stats(open_graph(store)) != walked_stats(open_graph(store)):
                raise SystemExit(f"stats differ at {size} statements")
            new = median_seconds(lambda store=store: stats(open_graph(store)), options.runs)
            old = median_seconds(lambda store=store: walked_stats(open_graph(store)), walk_runs)
            print(
                f"| {size:,} | {options.runs} / {walk_runs} | {new:.3f} s | {old:.3f} s | "
                f"{old / new:.1f} × |",
                flush=True,
            )


if __name__ == "__main__":
    main()
