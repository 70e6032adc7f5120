"""Benchmark ``stats`` on an on-disk store: the counts the store keeps (graph/query/stats.py,
``record_counts``), the two ``GROUP BY`` queries (the code before they were kept) and the
walk over every statement (``walked_stats``, the code before that), in the same run.

For each size, ``synth`` writes the data and ``load --store`` builds an on-disk store (not
timed; the load keeps the counts); each call opens the store afresh. Prints the median wall
time of ``--runs`` runs and checks all three give the same counts. A store built before the
counts were kept has none: its ``stats`` then runs the queries (the first column says so).

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
    from actorgraph.query.stats import kept_counts, stats, walked_stats
    from actorgraph.store.embedded import EmbeddedGraphStore
    from actorgraph.store.generations import open_read_only

    def queried(store: Path) -> dict:
        """stats counted by the queries: the store opened without its kept counts."""
        return stats(EmbeddedGraphStore(open_read_only(store)))

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query-runs", type=int, default=None, help="runs of the queries")
    parser.add_argument("--walk-runs", type=int, default=None, help="runs of the old walk")
    parser.add_argument("--store", type=Path, help="an on-disk store to use (one size)")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_SIZE} statements, once")
    options = parser.parse_args()
    if options.smoke:
        options.sizes, options.runs = [SMOKE_SIZE], 1
    query_runs = options.query_runs or options.runs
    walk_runs = options.walk_runs or options.runs
    print(
        "| statements | runs | `stats` (kept counts) | the queries | walk "
        "| queries / kept | walk / kept |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for size in options.sizes:
            store = options.store or build_store(size, Path(work))
            kept = kept_counts(open_graph(store).store) is not None
            expected = walked_stats(open_graph(store))
            if stats(open_graph(store)) != expected or queried(store) != expected:
                raise SystemExit(f"stats differ at {size} statements")
            new = median_seconds(lambda store=store: stats(open_graph(store)), options.runs)
            query = median_seconds(lambda store=store: queried(store), query_runs)
            old = median_seconds(lambda store=store: walked_stats(open_graph(store)), walk_runs)
            shown = f"{new:.3f} s" if kept else f"{new:.3f} s (none kept: the queries)"
            print(
                f"| {size:,} | {options.runs} / {query_runs} / {walk_runs} | {shown} "
                f"| {query:.3f} s | {old:.3f} s | {query / new:.1f} × | {old / new:.1f} × |",
                flush=True,
            )


if __name__ == "__main__":
    main()
