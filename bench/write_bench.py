"""Benchmark of the endpoint's write path: a one-triple ``INSERT DATA`` through
``actorgraph serve --allow-update``, and where its time goes.

The store is the seeds plus ``actorgraph synth -n 4000`` (about 117,000 quads). Phases,
in the same run:

1. **endpoint**: ``--writes`` one-triple updates, one after another (median, min, max);
2. **breakdown** of one :func:`actorgraph.store.generations.next_generation` in process:
   the writable copy of the live generation (``Store.backup``: RocksDB hard-links its
   immutable SST files), opening it, the change, rebuilding the derived layer
   (``derive``), and the backup that becomes the new generation; plus, for comparison,
   what a byte-for-byte copy of the live generation costs (``shutil.copytree``), and how
   many of the copy's SST files share their inode with the live generation.

    .venv/bin/python bench/write_bench.py             # 10 writes
    .venv/bin/python bench/write_bench.py --writes 3  # quicker

It prints one JSON object. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import SCRIPT, start_actorgraph  # noqa: E402


def build_store(root: Path, statements: int) -> Path:
    data, store = root / "synth.trig", root / "db"
    subprocess.run(
        [str(SCRIPT), "synth", "-n", str(statements), "-o", str(data)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [str(SCRIPT), "load", "--store", str(store), "--data", str(data)],
        check=True,
        capture_output=True,
    )
    return store


def endpoint_writes(store: Path, token_file: Path, token: str, writes: int) -> dict:
    process, port = start_actorgraph(store, "--allow-update", "--token-file", str(token_file))
    seconds = []
    try:
        for i in range(writes):
            triple = f"<http://e/s> <http://e/p> {i}"
            body = urlencode({"update": f"INSERT DATA {{ GRAPH <http://e/bench> {{ {triple} }} }}"})
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            started = time.perf_counter()
            connection.request(
                "POST",
                "/sparql",
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Authorization": f"Bearer {token}",
                },
            )
            response = connection.getresponse()
            response.read()
            seconds.append(time.perf_counter() - started)
            connection.close()
            if response.status not in (200, 204):
                raise SystemExit(f"update answered {response.status}")
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {
        "writes": writes,
        "median_s": round(statistics.median(seconds), 3),
        "min_s": round(min(seconds), 3),
        "max_s": round(max(seconds), 3),
    }


def breakdown(store: Path, root: Path) -> dict:
    from actorgraph.ingest.derive import derive
    from actorgraph.store.generations import live_generation_dir
    from pyoxigraph import Literal, NamedNode, Quad, Store

    live = live_generation_dir(store)
    assert live is not None
    times: dict[str, float] = {}

    def timed(name, action):
        started = time.perf_counter()
        result = action()
        times[name] = round(time.perf_counter() - started, 3)
        return result

    work, target, copied = root / "work", root / "target", root / "copied"
    timed("hard_linked_copy_s", lambda: Store.read_only(str(live)).backup(str(work)))
    writable = timed("open_s", lambda: Store(str(work)))
    timed(
        "insert_s",
        lambda: writable.add(
            Quad(
                NamedNode("http://e/s"),
                NamedNode("http://e/p"),
                Literal("x"),
                NamedNode("http://e/g"),
            )
        ),
    )
    timed("derive_s", lambda: derive(writable))
    timed("flush_s", writable.flush)
    timed("backup_to_new_generation_s", lambda: writable.backup(str(target)))
    timed("byte_copy_for_comparison_s", lambda: shutil.copytree(live, copied))
    live_inodes = {p.stat().st_ino for p in live.glob("*.sst")}
    work_sst = list(work.glob("*.sst"))
    return {
        **times,
        "live_generation_bytes": sum(p.stat().st_size for p in live.iterdir() if p.is_file()),
        "sst_files_in_copy": len(work_sst),
        "sst_files_hard_linked": sum(1 for p in work_sst if p.stat().st_ino in live_inodes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument("--statements", type=int, default=4000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="write-bench-") as tmp:
        root = Path(tmp)
        store = build_store(root, args.statements)
        token = secrets.token_urlsafe(32)
        token_file = root / "token"
        token_file.write_text(token)
        os.chmod(token_file, 0o600)
        result = {
            "store_quads": int(
                subprocess.run(
                    [
                        str(SCRIPT),
                        "query",
                        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                        "--store",
                        str(store),
                        "-f",
                        "csv",
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout.split()[-1]
            ),
            "endpoint_insert_data": endpoint_writes(store, token_file, token, args.writes),
            "next_generation_breakdown": breakdown(store, root),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
