"""Benchmark of ``actorgraph load --store`` against rdflib and raw Oxigraph bulk loading.

For each size, ``graph/synth.py`` writes that many statements (seed 0) as N-Quads; then,
each in a fresh process, ``--runs`` times:

- ``actorgraph load --store DIR --data FILE`` (validation, bulk load, derived layer);
- the baseline rdflib: ``Dataset().parse(FILE)`` in memory;
- the baseline Oxigraph: ``Store(DIR).bulk_load(path=FILE)`` and ``flush()``.

Every run of a loader gets a new, empty store directory, removed after the run. Printed:
the median wall time and the peak RSS of each, and the ratios the targets use
(docs/performance.md). ``--rdflib-runs`` runs rdflib fewer times, or not at all with 0 (at
1M statements it needs about 15 GB and minutes per run). Run from the repository root::

    .venv/bin/python bench/load_bench.py --sizes 10000,100000 --runs 5
    .venv/bin/python bench/load_bench.py --sizes 1000000 --runs 5 --rdflib-runs 1
    .venv/bin/python bench/load_bench.py --smoke
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actorgraph.ingest.synth import synth  # noqa: E402
from common import PYTHON, Measure, arguments, measure, run_once, table  # noqa: E402

_ACTORGRAPH = (
    "import sys; from actorgraph.commands.app import main; sys.argv[0] = 'actorgraph'; main()"
)
_RDFLIB = "import sys, rdflib; rdflib.Dataset().parse(sys.argv[1], format='nquads')"
_OXIGRAPH = (
    "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[2]); "
    "s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS); s.flush()"
)


def main() -> None:
    args = arguments(__doc__.splitlines()[0], extra=_extra_arguments)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            data = Path(work) / f"synth-{size}.nq"
            synth(size, data)
            raw = measure_in_new_store(
                lambda store, data=data: [PYTHON, "-c", _OXIGRAPH, str(data), store],
                args.runs,
                work,
            )
            _report(size, "bulk_load", raw)
            ours = measure_in_new_store(
                lambda store, data=data: [
                    *(PYTHON, "-c", _ACTORGRAPH, "load"),
                    *("--store", store, "--data", str(data)),
                ],
                args.runs,
                work,
            )
            _report(size, "actorgraph", ours)
            rdflib_runs = args.runs if args.rdflib_runs is None else args.rdflib_runs
            rdflib = _rdflib(data, rdflib_runs) if rdflib_runs else None
            missing = "failed" if rdflib_runs else "not run"
            _report(size, "rdflib", rdflib, missing)
            rows.append(
                (
                    size,
                    args.runs,
                    f"{ours.seconds:.2f} s / {ours.rss_mb:.0f} MB",
                    _cell(rdflib, missing),
                    f"{raw.seconds:.2f} s / {raw.rss_mb:.0f} MB",
                    f"{ours.seconds / raw.seconds:.2f}x",
                    f"{rdflib.seconds / ours.seconds:.2f}x" if rdflib else "-",
                )
            )
    header = (
        "statements",
        "runs",
        "actorgraph load --store",
        "rdflib Dataset.parse",
        "Oxigraph bulk_load",
        "ours / bulk_load",
        "rdflib / ours",
    )
    print(table(header, rows))


def measure_in_new_store(command: Callable[[str], Sequence[str]], runs: int, work: str) -> Measure:
    """Run ``command(store_dir)`` ``runs`` times, each time with a new, empty store
    directory that is removed afterwards (not timed)."""
    times, peaks = [], []
    for _ in range(runs):
        store = Path(tempfile.mkdtemp(dir=work)) / "store"
        seconds, rss, _ = run_once(command(str(store)))
        shutil.rmtree(store.parent)
        times.append(seconds)
        peaks.append(rss)
    return Measure(statistics.median(times), max(peaks), runs)


def _rdflib(data: Path, runs: int) -> Measure | None:
    """rdflib's time, or None if it failed (at 1M statements it may run out of memory)."""
    try:
        return measure([PYTHON, "-c", _RDFLIB, str(data)], runs)
    except SystemExit as failure:
        print(f"rdflib failed: {str(failure)[-300:]}", file=sys.stderr)
        return None


def _cell(result: Measure | None, missing: str = "failed") -> str:
    if result is None:
        return missing
    return f"{result.seconds:.2f} s / {result.rss_mb:.0f} MB ({result.runs} runs)"


def _report(size: int, name: str, result: Measure | None, missing: str = "failed") -> None:
    """Each result on stderr as soon as it is known (a 1M run takes long)."""
    print(f"{size} {name}: {_cell(result, missing)}", file=sys.stderr, flush=True)


def _extra_arguments(parser) -> None:
    parser.add_argument("--rdflib-runs", type=int, help="runs of the rdflib baseline (0: not run)")


if __name__ == "__main__":
    main()
