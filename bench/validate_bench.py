"""Benchmark of SHACL validation at scale: the shapes compiled to SPARQL against pyshacl.

For each size, ``graph/synth.py`` writes that many statements (seed 0) as N-Quads; each
measurement runs ``--runs`` times in a fresh process, which loads the ontology, the seeds
and the file and then times only the validation:

- ``actorgraph.validation.shacl_sparql.validate_store`` (the checks of
  ``actorgraph.validation.compile``) over an on-disk store (what ``load --store`` does for
  large inputs) and over an in-memory store;
- the baseline ``actorgraph.validation.validate.validate_files`` (pyshacl, the reference
  validator), only up to ``--pyshacl-max`` statements (default 10000): beyond that it takes
  too long.

Run from the repository root::

    .venv/bin/python bench/validate_bench.py --sizes 10000,100000 --runs 5
    .venv/bin/python bench/validate_bench.py --smoke
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actorgraph.ingest.synth import synth  # noqa: E402
from common import PYTHON, arguments, measure, table  # noqa: E402

_PYSHACL_MAX = 10000
# The store is filled as ``actorgraph.ingest.pipeline`` fills a new generation for a large input.
_COMPILED = """
import sys, tempfile, time
from pathlib import Path
from pyoxigraph import Store
from actorgraph.ingest.read import bulk_load_files, read_inputs, relation_properties
from actorgraph.validation.shacl_sparql import validate_store
inputs = read_inputs([])
with tempfile.TemporaryDirectory() as where:
    store = Store(where) if sys.argv[2] == "disk" else Store()
    for quads in inputs.quads():
        store.bulk_extend(quads)
    bulk_load_files(store, [Path(sys.argv[1])], relation_properties(iter(store)))
    started = time.perf_counter()
    assert validate_store(store, file=sys.argv[1]) == []
    print(time.perf_counter() - started)
    del store
"""
_PYSHACL = """
import sys, time
from pathlib import Path
from actorgraph.validation.validate import validate_files
started = time.perf_counter()
assert validate_files([Path(sys.argv[1])]) == []
print(time.perf_counter() - started)
"""


def _options(parser) -> None:
    parser.add_argument(
        "--pyshacl-max",
        type=int,
        default=_PYSHACL_MAX,
        help="largest size at which pyshacl runs (0: never)",
    )


def main() -> None:
    args = arguments(__doc__.splitlines()[0], _options)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            data = Path(work) / f"synth-{size}.nq"
            synth(size, data)
            cells = [size, args.runs]
            for where in ("disk", "memory"):
                m = measure(
                    [PYTHON, "-c", _COMPILED, str(data), where], args.runs, timed_by_child=True
                )
                cells.append(f"{m.seconds:.2f} s")
            if size <= args.pyshacl_max:
                m = measure([PYTHON, "-c", _PYSHACL, str(data)], args.runs, timed_by_child=True)
                cells.append(f"{m.seconds:.2f} s")
            else:
                cells.append("not run (above --pyshacl-max)")
            rows.append(cells)
    header = ("statements", "runs", "SPARQL, on disk", "SPARQL, in memory", "pyshacl")
    print(table(header, rows))


if __name__ == "__main__":
    main()
