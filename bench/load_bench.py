"""Benchmark of ``actorgraph load --store`` against rdflib and raw Oxigraph bulk loading.

For each size, ``graph/synth.py`` writes that many statements (seed 0) as N-Quads; then,
each in a fresh process, ``--runs`` times:

- ``actorgraph load --store DIR --data FILE`` (validation, bulk load, derived layer);
- the baseline rdflib: ``Dataset().parse(FILE)`` in memory;
- the baseline Oxigraph: ``Store(DIR).bulk_load(path=FILE)`` and ``flush()``.

Printed: the median wall time and the peak RSS of each, and the ratios the targets use
(docs/performance.md). Run from the repository root::

    .venv/bin/python bench/load_bench.py --sizes 10000,100000 --runs 5
    .venv/bin/python bench/load_bench.py --smoke
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import PYTHON, arguments, measure, table  # noqa: E402

from graph.synth import synth  # noqa: E402

_ACTORGRAPH = "import sys; from cli import main; sys.argv[0] = 'actorgraph'; main()"
_RDFLIB = "import sys, rdflib; rdflib.Dataset().parse(sys.argv[1], format='nquads')"
_OXIGRAPH = (
    "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[2]); "
    "s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS); s.flush()"
)


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            data = Path(work) / f"synth-{size}.nq"
            synth(size, data)
            store = str(Path(work) / f"store-{size}")
            ours = measure(
                [PYTHON, "-c", _ACTORGRAPH, "load", "--store", store, "--data", str(data)],
                args.runs,
            )
            rdflib = measure([PYTHON, "-c", _RDFLIB, str(data)], args.runs)
            raw = measure(
                [PYTHON, "-c", _OXIGRAPH, str(data), tempfile.mkdtemp(dir=work)], args.runs
            )
            rows.append(
                (
                    size,
                    args.runs,
                    f"{ours.seconds:.2f} s / {ours.rss_mb:.0f} MB",
                    f"{rdflib.seconds:.2f} s / {rdflib.rss_mb:.0f} MB",
                    f"{raw.seconds:.2f} s / {raw.rss_mb:.0f} MB",
                    f"{ours.seconds / raw.seconds:.2f}x",
                    f"{rdflib.seconds / ours.seconds:.2f}x",
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


if __name__ == "__main__":
    main()
