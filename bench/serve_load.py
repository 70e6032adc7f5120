"""Load test of ``actorgraph serve``: many concurrent clients for a fixed time.

Starts ``actorgraph serve --port 0`` on 127.0.0.1 (or uses ``--url`` of a running one),
then runs ``--clients`` threads for ``--duration`` seconds. Each client keeps one HTTP/1.1
connection and sends a rotating mix of queries (SELECT, ASK, CONSTRUCT and a named query
with a parameter). It prints one JSON object: requests, errors, requests per second and
latency percentiles in milliseconds; the exit code is 1 if any request failed.

    .venv/bin/python bench/serve_load.py --clients 50 --duration 30

Only loopback addresses are used; every loop ends at the deadline.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

SCRIPT = Path(sys.executable).parent / "actorgraph"
REQUESTS = (
    ("POST", "/sparql", "SELECT ?actor ?label WHERE { ?actor a ag:State ; rdfs:label ?label }"),
    ("POST", "/sparql", "ASK { actor:iran ?p ?o }"),
    ("POST", "/sparql", "CONSTRUCT WHERE { ?s ag:subject actor:hts ; ag:relation ?r }"),
    ("GET", "/named/who-supports?actor=" + quote("syrian-government"), None),
)


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` fall (nearest rank).

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
    2.0
    """
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def client(base: str, deadline: float, offset: int, latencies: list, errors: list) -> None:
    """Send requests on one keep-alive connection until ``deadline``."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    index = offset
    while time.perf_counter() < deadline:
        method, path, query = REQUESTS[index % len(REQUESTS)]
        index += 1
        body = urlencode({"query": query}).encode() if query else None
        headers = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{method} {path}: {response.status}")
            latencies.append((time.perf_counter() - started) * 1000)
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{method} {path}: {error!r}")
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.close()


def run(base: str, clients: int, duration: float) -> dict:
    """Run the clients against ``base`` (``http://127.0.0.1:PORT``) and summarise."""
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + duration
    threads = [
        threading.Thread(target=client, args=(base, deadline, n, latencies, errors))
        for n in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 60)
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies) + len(errors),
        "errors": len(errors),
        "first_errors": errors[:5],
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
    }


def start_server(extra: list[str]) -> tuple[subprocess.Popen, str]:
    """``actorgraph serve --port 0`` and its base URL, read from its announcement."""
    server = subprocess.Popen(
        [str(SCRIPT), "serve", "--host", "127.0.0.1", "--port", "0", *extra],
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(10):
        line = server.stderr.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", line)
        if match:
            threading.Thread(target=server.stderr.read, daemon=True).start()  # drain the log
            return server, match.group(1)
    server.kill()
    raise SystemExit(f"actorgraph serve did not start: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds")
    parser.add_argument("--url", help="a running server, e.g. http://127.0.0.1:7878")
    parser.add_argument("--workers", type=int, help="passed to actorgraph serve")
    args = parser.parse_args()
    if args.url:
        if urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("only loopback servers are load-tested")
        summary = run(args.url.rstrip("/"), args.clients, args.duration)
    else:
        server, base = start_server(["--workers", str(args.workers)] if args.workers else [])
        try:
            summary = run(base, args.clients, args.duration)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    print(json.dumps(summary))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
