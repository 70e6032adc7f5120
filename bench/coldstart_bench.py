"""Benchmark of the CLI's cold start: ``actorgraph relations Iran`` on the seeds, wall time.

Each command runs in a fresh Python process (``--runs`` times, median), so the figure is
what a user waits for: interpreter start, imports, reading the ontology and seeds into an
in-memory store, building the derived layer, the query and the output. In the same run:

- the baseline ``python -c "import rdflib, typer, pyoxigraph"`` (the stack's own imports);
- ``python -c "import actorgraph.commands.app"`` (actorgraph's imports alone);
- ``python -c "pass"`` (the interpreter alone).

It also checks that the heavy libraries (rdflib, networkx, pyvis, pyshacl, owlrl) stay out
of the process for ``relations``.

Run from the repository root::

    .venv/bin/python bench/coldstart_bench.py --runs 5
    .venv/bin/python bench/coldstart_bench.py --smoke
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, ROOT, measure  # noqa: E402

HEAVY = ("rdflib", "networkx", "pyvis", "pyshacl", "owlrl")
COMMANDS = [
    ("actorgraph relations Iran", [str(Path(PYTHON).parent / "actorgraph"), "relations", "Iran"]),
    (
        "python -c 'import rdflib, typer, pyoxigraph'",
        [PYTHON, "-c", "import rdflib, typer, pyoxigraph"],
    ),
    (
        "python -c 'import actorgraph.commands.app'",
        [PYTHON, "-c", "import actorgraph.commands.app"],
    ),
    ("python -c 'pass'", [PYTHON, "-c", "pass"]),
]
#: Runs ``relations Iran`` in-process and prints the heavy modules it imported.
HEAVY_CHECK = (
    "import sys\n"
    "from typer.testing import CliRunner\n"
    "from actorgraph.commands.app import app\n"
    "CliRunner().invoke(app, ['relations', 'Iran'])\n"
    f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
)


def heavy_modules() -> str:
    """The heavy modules a ``relations`` call imports (empty if none)."""
    done = subprocess.run(
        [PYTHON, "-c", HEAVY_CHECK], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="each command once")
    options = parser.parse_args()
    runs = 1 if options.smoke else options.runs
    print(f"{'command':48} {'median':>8}   (runs: {runs})")
    for name, command in COMMANDS:
        print(f"{name:48} {measure(command, runs).seconds:6.3f} s")
    print(f"heavy modules imported by relations: {heavy_modules() or 'none'}")


if __name__ == "__main__":
    main()
