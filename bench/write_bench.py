"""Benchmark of the endpoint's write path: one-statement writes through ``actorgraph serve
--allow-update``, the derived layer updated incrementally, against the full rebuild in the
same run.

The store is the seeds plus ``actorgraph synth -n 4000`` (about 117,000 quads). Phases,
in the same run:

1. **endpoint**: ``--writes`` writes of each kind, one after another (median, min, max):
   a one-triple ``INSERT DATA`` into a graph of its own (no rule reads it), a new
   statement in the curated graph (ordinary relation, between two of the most cited
   actors), ``DELETE DATA`` of a statement's quads (all but its blank-node source
   link), a new structural statement (a minor actor ``ag:partOf`` a hub), an ending
   (``ag:ending true``) between the most cited actor and another hub, and a hub made
   ``ag:partOf`` another hub: the costly case, since every statement of every actor with
   a chain to it may change (run last, after phases 2 and 3, since the hub chains
   make the derived layer much larger; the full rebuild's time on that larger layer is
   measured after it);
2. **same-run baseline**: the endpoint's write job in process
   (:class:`actorgraph.web.jobs.WriteJob`), new statements, incremental, then with the
   full rebuild forced (``incremental=False``: what every write cost before);
3. **breakdown** of one :func:`actorgraph.store.generations.next_generation` in process,
   a new statement: the writable copy of the live generation (``Store.backup``: RocksDB
   hard-links its immutable SST files), opening it, the change, the incremental update
   of the derived layer (``update_derived``), flushing, the backup that becomes the new
   generation, then, on the same copy, the full rebuild (``derive``); plus, for
   comparison, a byte-for-byte copy of the live generation (``shutil.copytree``), and how
   many of the copy's SST files share their inode with the live generation.

The load average (1 minute) is read before and after.

    .venv/bin/python bench/write_bench.py             # 10 writes of each kind
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


CURATED = "https://w3id.org/actorgraph/graph/curated"
PREFIXES = (
    "PREFIX ag: <https://w3id.org/actorgraph/ns#> "
    "PREFIX actor: <https://w3id.org/actorgraph/actor/> "
    "PREFIX stmt: <https://w3id.org/actorgraph/statement/> "
)


def new_statement(i: int, relation: str = "attacks", subject: str = "synth-0") -> str:
    """An INSERT DATA of one new statement (six quads) in the curated graph."""
    return (
        f"{PREFIXES}INSERT DATA {{ GRAPH <{CURATED}> {{ stmt:bench-{relation}-{i} a ag:Statement ; "
        f"ag:subject actor:{subject} ; ag:relation ag:{relation} ; ag:object actor:synth-{1 + i} ; "
        'ag:stance ag:asserted ; ag:date "2024-05-01"^^<http://www.w3.org/2001/XMLSchema#date> } }'
    )


def statement_deletion(store: Path, i: int) -> str:
    """A DELETE DATA of synthetic statement number ``i``'s quads, in whichever graph the
    load put them (its blank-node source link aside: DELETE DATA takes no blank nodes)."""
    from actorgraph.store.generations import open_read_only
    from pyoxigraph import BlankNode, NamedNode

    node = NamedNode(f"https://w3id.org/actorgraph/statement/synth-{i}")
    derived = NamedNode("https://w3id.org/actorgraph/graph/derived")
    quads = [
        q
        for q in open_read_only(store).quads_for_pattern(node, None, None, None)
        if not isinstance(q.object, BlankNode) and q.graph_name != derived
    ]
    assert quads, f"no statement synth-{i}"
    blocks = " ".join(f"GRAPH {q.graph_name} {{ {q.triple} . }}" for q in quads)
    return f"DELETE DATA {{ {blocks} }}"


def endpoint_writes(
    store: Path,
    token_file: Path,
    token: str,
    writes: int,
    hubs: bool = False,
    statements: int = 4000,
) -> dict:
    """``writes`` writes of each kind through the endpoint; with ``hubs``, the hubs made
    part of each other (last: they make the derived layer much larger)."""
    kinds = {
        "one_triple_other_graph": lambda i: (
            f"INSERT DATA {{ GRAPH <http://e/bench> {{ <http://e/s> <http://e/p> {i} }} }}"
        ),
        "new_statement": new_statement,
        "delete_statement": lambda i: statement_deletion(store, statements // 2 + i),
        "new_structural_statement": lambda i: new_statement(i, "partOf", f"synth-{300 + i}"),
        "ending_between_hubs": lambda i: new_statement(i, "allyOf").replace(
            "ag:stance", "ag:ending true ; ag:stance"
        ),
    }
    if hubs:
        kinds = {"hub_part_of_hub": lambda i: new_statement(i, "partOf", f"synth-{2 + i}")}
    texts = {kind: [make(i) for i in range(writes)] for kind, make in kinds.items()}
    process, port = start_actorgraph(
        store, "--allow-update", "--token-file", str(token_file), "--timeout", "300"
    )
    result = {}
    try:
        for kind, updates in texts.items():
            seconds = [post_update(port, token, text) for text in updates]
            result[kind] = summary(seconds)
            print(kind, result[kind], file=sys.stderr, flush=True)  # progress
    finally:
        process.terminate()
        process.wait(timeout=30)
    return result


def post_update(port: int, token: str, text: str) -> float:
    body = urlencode({"update": text})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
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
    answer = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    if response.status not in (200, 204):
        raise SystemExit(f"update answered {response.status}: {answer[:300]!r}")
    return seconds


def summary(seconds: list[float]) -> dict:
    return {
        "writes": len(seconds),
        "median_s": round(statistics.median(seconds), 3),
        "min_s": round(min(seconds), 3),
        "max_s": round(max(seconds), 3),
    }


def job_baseline(store: Path, writes: int) -> dict:
    """New statements through the write job in process, alternately incremental and with
    the full rebuild forced, on the same store."""
    from actorgraph.web.jobs import View, WriteJob

    view = View(store)
    seconds: dict[str, list[float]] = {"incremental": [], "full_rebuild": []}
    for mode in seconds:  # not interleaved: see docs/security.md on compaction
        for i in range(writes):
            text = new_statement(100 + 2 * i + (mode == "full_rebuild"), "opposes")
            job = WriteJob("update", None, text=text, incremental=mode == "incremental")
            started = time.perf_counter()
            reply = job(view)
            seconds[mode].append(time.perf_counter() - started)
            if reply.status != 204:
                raise SystemExit(f"write job answered {reply.status}: {reply.body[:300]!r}")
    result = {mode: summary(values) for mode, values in seconds.items()}
    result["speed_up"] = round(
        result["full_rebuild"]["median_s"] / result["incremental"]["median_s"], 1
    )
    return result


def full_derive_seconds(store: Path) -> float:
    """What the full rebuild of the derived layer costs on a copy of the live generation."""
    from actorgraph.ingest.derive import derive
    from actorgraph.store.generations import live_generation_dir
    from pyoxigraph import Store

    with tempfile.TemporaryDirectory(
        prefix="write-bench-derive-", ignore_cleanup_errors=True
    ) as tmp:
        Store.read_only(str(live_generation_dir(store))).backup(f"{tmp}/copy")
        copy = Store(f"{tmp}/copy")
        started = time.perf_counter()
        derive(copy)
        seconds = round(time.perf_counter() - started, 3)
        # close the copy before its directory goes: RocksDB may still be writing to it
        del copy
    return seconds


def breakdown(store: Path, root: Path) -> dict:
    from actorgraph.ingest.derive import derive
    from actorgraph.ingest.incremental import update_derived
    from actorgraph.store.generations import live_generation_dir
    from pyoxigraph import Store

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
    memory = Store()  # a new statement, read as the endpoint reads INSERT DATA
    memory.update(new_statement(999, "opposes"))
    quads = list(memory)
    timed("insert_s", lambda: writable.extend(quads))
    how = timed("incremental_derive_s", lambda: update_derived(writable, [], quads))
    assert how == "incremental", how
    timed("flush_s", writable.flush)
    timed("backup_to_new_generation_s", lambda: writable.backup(str(target)))
    timed("full_derive_s", lambda: derive(writable))
    timed("byte_copy_for_comparison_s", lambda: shutil.copytree(live, copied))
    live_inodes = set(_inodes(live))
    work_inodes = _inodes(work)  # the copy is still open: compaction may remove files
    return {
        **times,
        "live_generation_bytes": sum(p.stat().st_size for p in live.iterdir() if p.is_file()),
        "sst_files_in_copy": len(work_inodes),
        "sst_files_hard_linked": sum(1 for inode in work_inodes if inode in live_inodes),
    }


def _inodes(folder: Path) -> list[int]:
    """The inodes of the ``.sst`` files in ``folder``, leaving out any removed meanwhile."""
    found = []
    for path in folder.glob("*.sst"):
        try:
            found.append(path.stat().st_ino)
        except FileNotFoundError:
            continue
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=10)
    parser.add_argument("--statements", type=int, default=4000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="write-bench-", ignore_cleanup_errors=True) as tmp:
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
            "load_average_before": round(os.getloadavg()[0], 2),
            "endpoint_writes": endpoint_writes(
                store, token_file, token, args.writes, statements=args.statements
            ),
            "write_job_same_run": job_baseline(store, args.writes),
            "next_generation_breakdown": breakdown(store, root),
            "endpoint_hub_writes": endpoint_writes(
                store, token_file, token, args.writes, True, args.statements
            ),
            "full_derive_after_hub_writes_s": full_derive_seconds(store),
            "load_average_after": round(os.getloadavg()[0], 2),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
