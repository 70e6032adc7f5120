"""Benchmark the analyses (camps, centrality, balance, explain) against their networkx reference.

For each size, ``synth`` writes the data and ``load --store`` builds an on-disk store (not
timed); then each analysis runs ``--runs`` times as the CLI runs it (the fast path) and, in
the same run, as ``reference=True`` (``signed_network`` and networkx, the code before this
round) unless ``--no-reference`` or the size is above ``--reference-max``. Each run opens the
store afresh, so nothing is cached between runs. Prints the median wall time of each.

    .venv/bin/python bench/analysis_bench.py --sizes 10000 100000 --runs 3
    .venv/bin/python bench/analysis_bench.py --smoke
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import ROOT, SMOKE_SIZE, median_seconds

ANALYSES = ("camps", "centrality", "balance", "explain")


def build_store(size: int, work: Path) -> Path:
    """Synthetic data of ``size`` statements loaded into an on-disk store under ``work``."""
    data, store = work / f"synth-{size}.nq", work / f"store-{size}"
    cli = [sys.executable, "-m", "actorgraph"]
    subprocess.run(
        [*cli, "synth", "--statements", str(size), "-o", str(data)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    subprocess.run(
        [*cli, "load", "--store", str(store), "--data", str(data)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return store


def call(name: str, store: Path, reference: bool) -> Callable[[], object]:
    """The library call behind ``actorgraph analyze NAME`` / ``explain`` on ``store``."""
    from actorgraph.analysis.balance import balance
    from actorgraph.analysis.camps import camps
    from actorgraph.analysis.centrality import centrality
    from actorgraph.analysis.explain import explain
    from actorgraph.ingest.pipeline import open_graph
    from actorgraph.query.actors import find_actors

    def run() -> object:
        gs = open_graph(store)
        if name == "explain":  # the two best-known actors: the most paths to list
            first, second = find_actors(gs)[:2]
            return explain(gs, first, second, 2, reference=reference)
        return {"camps": camps, "centrality": centrality, "balance": balance}[name](
            gs, reference=reference
        )

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--analyses", nargs="+", default=list(ANALYSES), choices=ANALYSES)
    parser.add_argument("--no-reference", action="store_true", help="skip the networkx runs")
    parser.add_argument(
        "--reference-max",
        type=int,
        default=10_000,
        help="largest size the reference runs at (it takes minutes above)",
    )
    parser.add_argument("--store", type=Path, help="an on-disk store to use (one size)")
    parser.add_argument("--smoke", action="store_true", help=f"{SMOKE_SIZE} statements, once")
    options = parser.parse_args()
    if options.smoke:
        options.sizes, options.runs = [SMOKE_SIZE], 1
    print(
        "| statements | analysis | runs | fast (median) | reference (median) | reference / fast |"
    )
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for size in options.sizes:
            store = options.store or build_store(size, Path(work))
            for name in options.analyses:
                fast = median_seconds(call(name, store, False), options.runs)
                slow = None
                if not options.no_reference and size <= options.reference_max:
                    slow = median_seconds(call(name, store, True), options.runs)
                ratio = f"{slow / fast:.1f} ×" if slow else "—"
                shown = f"{slow:.2f} s" if slow else "not run"
                print(
                    f"| {size:,} | {name} | {options.runs} | {fast:.2f} s | {shown} | {ratio} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
