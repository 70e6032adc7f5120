"""Benchmark of ``actorgraph serve`` against ``oxigraph serve-read-only`` on the same store.

Both servers read the same on-disk store of the seeds (Oxigraph opens actorgraph's live
generation read-only, with ``--union-default-graph``), in the same run, so the figures
compare like with like on whatever the machine is doing at the time. Phases:

1. **one keep-alive client**: small SELECTs back to back for ``--seconds`` (req/s);
2. **50 clients** (``--clients``) for ``--load-seconds``, each with its own keep-alive
   connection, spread over processes so that the client side is not one GIL: requests,
   errors, req/s, p50/p99/max latency;
3. **idle and slow connections** (actorgraph only): ``--idle`` connections that send
   nothing and ``--idle`` that send a request head one byte a second, while one probe
   client keeps querying: probe errors and worst latency, and how many of the hostile
   connections the server closed;
4. **timeout overrun** (actorgraph only, ``--timeout 3``): a 1 MB query, and a runaway
   cross product: time to the answer minus the timeout (target: at most 1 s).

    .venv/bin/python bench/serve_bench.py            # the full run (about 2 minutes)
    .venv/bin/python bench/serve_bench.py --smoke    # a few seconds per phase

It prints one JSON object. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

SCRIPT = Path(sys.executable).parent / "actorgraph"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
#: Small SELECT: one actor's labels (full IRIs: Oxigraph knows none of actorgraph's prefixes).
SMALL = (
    "SELECT ?label WHERE { <https://w3id.org/actorgraph/actor/iran> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.0
    """
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_actorgraph(store: Path, *options: str) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [str(SCRIPT), "serve", "--store", str(store), "--port", "0", *options],
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in process.stderr:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
        if match:
            threading.Thread(target=lambda: process.stderr.read(), daemon=True).start()
            return process, int(match.group(1))
    raise SystemExit("actorgraph serve did not start")


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(OXIGRAPH),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    for _ in range(200):  # wait until it accepts a query (bounded)
        try:
            if ask(port, "/query")[0] == 200:
                return process, port
        except OSError:
            time.sleep(0.05)
    raise SystemExit("oxigraph serve-read-only did not start")


def ask(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", f"{path}?" + urlencode({"query": "ASK {}"}))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def keep_alive_client(port: int, path: str, deadline: float, query: str = SMALL) -> dict:
    """SELECTs on one connection until ``deadline``: counts and latencies (ms)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    target = f"{path}?" + urlencode({"query": query})
    headers = {"Accept": "application/sparql-results+json"}
    latencies, errors = [], 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies.append((time.perf_counter() - started) * 1000)
    connection.close()
    return {"latencies": latencies, "errors": errors}


def _client_process(port: int, path: str, deadline: float, threads: int, out) -> None:
    results: list[dict] = []
    workers = [
        threading.Thread(target=lambda: results.append(keep_alive_client(port, path, deadline)))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    out.put(results)


def many_clients(port: int, path: str, clients: int, seconds: float) -> dict:
    """``clients`` keep-alive clients over a few processes for ``seconds``."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    processes_count = min(5, clients)
    deadline = time.monotonic() + seconds
    processes = []
    for index in range(processes_count):
        threads = clients // processes_count + (1 if index < clients % processes_count else 0)
        process = context.Process(target=_client_process, args=(port, path, deadline, threads, out))
        process.start()
        processes.append(process)
    results = [result for _ in processes for result in out.get()]
    for process in processes:
        process.join()
    latencies = [value for result in results for value in result["latencies"]]
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": len(latencies),
        "errors": sum(result["errors"] for result in results),
        "per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.5), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
        "max_ms": round(max(latencies, default=float("nan")), 2),
    }


def one_client(port: int, path: str, seconds: float) -> dict:
    result = keep_alive_client(port, path, time.monotonic() + seconds)
    latencies = result["latencies"]
    return {
        "requests": len(latencies),
        "errors": result["errors"],
        "per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.5), 3),
        "p99_ms": round(percentile(latencies, 0.99), 3),
    }


def idle_and_slow(port: int, count: int, seconds: float) -> dict:
    """``count`` silent and ``count`` byte-a-second connections while a probe queries."""
    silent, slow = [], []
    for _ in range(count):
        for group in (silent, slow):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            group.append(sock)
    head = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    stop = time.monotonic() + seconds
    probe: dict = {}
    thread = threading.Thread(
        target=lambda: probe.update(keep_alive_client(port, "/sparql", stop, "ASK {}"))
    )
    thread.start()
    closed, position = set(), 0
    while time.monotonic() < stop:
        for sock in slow:
            if id(sock) in closed:
                continue
            try:
                sock.send(head[position % len(head) : position % len(head) + 1])
            except OSError:
                closed.add(id(sock))
        position += 1
        time.sleep(1)
    thread.join()
    closed_silent = 0
    for sock in silent:
        sock.setblocking(False)
        try:
            closed_silent += sock.recv(1) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed_silent += 1
        sock.close()
    for sock in slow:
        sock.close()
    latencies = probe.get("latencies", [])
    return {
        "silent_connections": count,
        "silent_closed_by_server": closed_silent,
        "slow_connections": count,
        "slow_closed_by_server": len(closed),
        "probe_requests": len(latencies),
        "probe_errors": probe.get("errors", 0),
        "probe_max_ms": round(max(latencies, default=float("nan")), 1),
    }


def overrun(port: int, timeout: float) -> dict:
    """Seconds past ``timeout`` for a 1 MB query and a runaway one."""
    big = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?v { " + " ".join(map(str, range(150_000)))
    big += " } }"
    found = {}
    for name, query in (("query_1mb", big), ("runaway", RUNAWAY)):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        started = time.perf_counter()
        connection.request(
            "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"}
        )
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        connection.close()
        found[name] = {
            "bytes": len(query),
            "status": response.status,
            "seconds": round(elapsed, 2),
            "overrun_s": round(max(0.0, elapsed - timeout), 2),
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--idle", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--smoke", action="store_true", help="2 s per phase, 20 idle")
    args = parser.parse_args()
    if args.smoke:
        args.seconds, args.load_seconds, args.idle = 2.0, 2.0, 20
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from actorgraph.ingest.pipeline import load_store
    from actorgraph.store.generations import current_generation

    report: dict = {"workers": args.workers}
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as temporary:
        store = Path(temporary) / "db"
        load_store(store)
        live = store / "generations" / str(current_generation(store))
        copy = Path(temporary) / "oxigraph-copy"
        shutil.copytree(live, copy)  # Oxigraph's own files, read by Oxigraph's server
        ours, our_port = start_actorgraph(store, "--workers", str(args.workers))
        theirs, their_port = start_oxigraph(copy)
        try:
            report["one_client"] = {
                "actorgraph": one_client(our_port, "/sparql", args.seconds),
                "oxigraph": one_client(their_port, "/query", args.seconds),
            }
            mine = report["one_client"]["actorgraph"]["per_second"]
            report["one_client"]["ratio"] = round(
                mine / max(report["one_client"]["oxigraph"]["per_second"], 1e-9), 3
            )
            report["many_clients"] = {
                "actorgraph": many_clients(our_port, "/sparql", args.clients, args.load_seconds),
                "oxigraph": many_clients(their_port, "/query", args.clients, args.load_seconds),
            }
            report["idle_and_slow"] = idle_and_slow(our_port, args.idle, 12.0)
        finally:
            for process in (ours, theirs):
                process.terminate()
                process.wait(30)
        limited, limited_port = start_actorgraph(
            store, "--workers", str(args.workers), "--timeout", "3"
        )
        try:
            report["overrun_timeout_3s"] = overrun(limited_port, 3.0)
        finally:
            limited.terminate()
            limited.wait(30)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
