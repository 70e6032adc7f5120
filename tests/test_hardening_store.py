"""Hardening: the on-disk store under kills, a second writer and concurrent readers (issue 7).

These run ``actorgraph`` and small readers as real subprocesses, as users and ``serve``
workers would. Single-process tests of the same guarantees are in tests/test_store.py.
"""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from actorgraph.ingest.pipeline import load_store, open_graph
from actorgraph.store.generations import next_generation
from pyoxigraph import Literal, NamedNode, Quad

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXTRA = FIXTURES / "cli_actors.ttl"
SCRIPT = Path(sys.executable).parent / "actorgraph"
KILL_TRIALS = 20
PARALLEL = 4
MARKER_GRAPH = NamedNode("urn:actorgraph-test:markers")
BATCH = 40  # marker quads per write
BATCHES = 8
COUNT_MARKERS = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{MARKER_GRAPH.value}> {{ ?s ?p ?o }} }}"
_BLANK = re.compile(r"_:[0-9a-zA-Z]+")

pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason=f"no console script at {SCRIPT}")


def quads(store: Path) -> frozenset[Quad]:
    return frozenset(open_graph(store=store).quads())


def content(store: Path) -> Counter[str]:
    """The store's quads with blank nodes anonymised (each load names them afresh), but
    for the time each source was loaded."""
    return Counter(
        _BLANK.sub("_:b", str(quad))
        for quad in open_graph(store=store).quads()
        if not quad.predicate.value.endswith("#loadedAt")
    )


def actorgraph(*args: str | Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [str(SCRIPT), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Counter, Counter]:
    """A store of the seeds (the old state), and the quads of the old and the new state."""
    base = tmp_path_factory.mktemp("kill")
    old = base / "old"
    load_store(old)
    new = base / "new"
    load_store(new, [EXTRA])
    return old, content(old), content(new)


def timed_load(store: Path) -> float:
    """Seconds a complete ``actorgraph load --store STORE --data EXTRA`` takes."""
    started = time.perf_counter()
    assert actorgraph("load", "--store", store, "--data", EXTRA).wait(60) == 0
    return time.perf_counter() - started


def kill_during_load(store: Path, delay: float) -> tuple[int, float]:
    """Start ``actorgraph load --store STORE --data EXTRA``, SIGKILL it after ``delay`` s."""
    process = actorgraph("load", "--store", store, "--data", EXTRA)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    return process.returncode, delay


def test_a_killed_load_leaves_the_old_or_the_complete_new_data(
    states: tuple[Path, frozenset, frozenset], tmp_path: Path
) -> None:
    template, old, new = states
    assert old != new
    stores = [tmp_path / f"trial{n}" for n in range(KILL_TRIALS)]
    for store in stores:
        shutil.copytree(template, store)
    with ThreadPoolExecutor(PARALLEL) as pool:  # timed as the trials run: side by side
        duration = max(pool.map(timed_load, [tmp_path / f"timed{n}" for n in range(PARALLEL)]))
    rng = random.Random(7)
    delays = [rng.uniform(0.05, duration) for _ in stores]
    with ThreadPoolExecutor(PARALLEL) as pool:
        outcomes = list(pool.map(kill_during_load, stores, delays))
    seen = {"old": 0, "new": 0}
    for store in stores:
        found = content(store)
        assert found in (old, new), store
        seen["old" if found == old else "new"] += 1
    assert sum(seen.values()) == KILL_TRIALS
    print(f"\n{KILL_TRIALS} kill trials within {duration:.2f} s: {seen}, all consistent")
    # a killed load leaves the store writable: the next load completes and cleans up
    loaded_at = 2  # the time each source (the seeds, EXTRA) was loaded, left out of content
    assert load_store(stores[0], [EXTRA]).quads == new.total() + loaded_at
    assert content(stores[0]) == new
    assert [p.name for p in (stores[0] / "generations").iterdir()] == [
        (stores[0] / "CURRENT").read_text().strip()
    ]
    assert any(code == -signal.SIGKILL for code, _ in outcomes)


HOLDER = """
import sys
from pathlib import Path
from actorgraph.store.generations import next_generation
with next_generation(Path(sys.argv[1])):
    print("writing", flush=True)
    sys.stdin.read()
"""


def test_a_second_writer_is_refused_and_touches_nothing(tmp_path: Path) -> None:
    store = tmp_path / "db"
    load_store(store, [FIXTURES / "store_small.ttl"], seeds=False)
    backup = tmp_path / "backup"
    saved = subprocess.run([SCRIPT, "backup", backup, "--store", store], capture_output=True)
    assert saved.returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "writing"
        before = (quads(store), sorted(p.name for p in (store / "generations").iterdir()))
        for command in (
            ["load", "--store", store],
            ["load", "--store", store, "--data", EXTRA],
            ["restore", backup, "--store", store],
        ):
            result = subprocess.run(
                [SCRIPT, *map(str, command)], capture_output=True, text=True, timeout=60
            )
            assert result.returncode == 1, result.stderr
            message = result.stderr.lstrip()  # a progress display may leave a blank line
            assert message.startswith(f"Error: store {store} is in use by another process")
            assert f"(pid {holder.pid})" in result.stderr
            assert "Traceback" not in result.stderr
        # the readers still work while the writer holds the lock
        reader = subprocess.run(
            [SCRIPT, "stats", "--store", store, "--format", "json"], capture_output=True
        )
        assert reader.returncode == 0
        # two generations: the live one and the holder's copy, which the refusals left alone
        assert (quads(store), sorted(p.name for p in (store / "generations").iterdir())) == (before)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


READER = """
import sys, time
from pathlib import Path
from actorgraph.ingest.pipeline import open_graph
store, stop, batch = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
query = sys.argv[4]
counts = []
while True:  # read at least once, then until told to stop
    n = int(open_graph(store=store).select(query)[0]["n"].value)
    if n % batch:
        print(f"partial batch seen: {n}", file=sys.stderr)
        sys.exit(3)
    counts.append(n)
    if len(counts) == 1:
        (stop.parent / f"ready-{sys.argv[5]}").touch()
    if stop.exists():
        break
print(len(counts), len(set(counts)))
"""


def write_batch(store: Path, batch: int) -> None:
    """Add ``BATCH`` marker quads to ``store`` as one new generation, pausing half-way."""
    with next_generation(store) as writable:
        for n in range(BATCH):
            subject = NamedNode(f"urn:actorgraph-test:b{batch}-{n}")
            writable.add(Quad(subject, subject, Literal(n), MARKER_GRAPH))
            if n == BATCH // 2:
                time.sleep(0.05)  # a reader looking now must not see half a batch


def test_readers_never_see_a_partly_written_batch(tmp_path: Path) -> None:
    store = tmp_path / "db"
    load_store(store, [FIXTURES / "store_small.ttl"], seeds=False)
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                READER,
                str(store),
                str(stop),
                str(BATCH),
                COUNT_MARKERS,
                str(n),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(3)
    ]
    deadline = time.monotonic() + 120  # every reader has read once: they overlap the writes
    while len(list(tmp_path.glob("ready-*"))) < len(readers) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        for batch in range(BATCHES):
            write_batch(store, batch)
        cli = subprocess.run(
            [SCRIPT, "query", COUNT_MARKERS, "--store", store, "-f", "csv"],
            capture_output=True,
            text=True,
        )
        assert cli.stdout.split() == ["n", str(BATCH * BATCHES)], cli.stderr
    finally:
        stop.touch()
    for reader in readers:
        out, err = reader.communicate(timeout=60)
        assert reader.returncode == 0, err
        reads, distinct = map(int, out.split())
        assert reads > 0 and err == ""
    assert sum(1 for q in quads(store) if q.graph_name == MARKER_GRAPH) == BATCH * BATCHES
