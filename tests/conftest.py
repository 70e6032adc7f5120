"""Shared test fixtures and helpers: the fixture files, and real servers to test against.

Test modules import the helpers from here (``from conftest import start_server``), never
from one another.

- ``actorgraph serve`` as a subprocess: :func:`start_server` (it announces its port on
  stderr), :class:`Served`, :func:`http`, :func:`get_query`, :func:`wait_for_log`, and
  :class:`Canary`, a loopback server that counts the requests it gets (a query that must
  not reach the network is run against it).
- ``oxigraph serve`` as a subprocess: :func:`start_oxigraph` and :func:`canonical` (quads
  with blank nodes renamed canonically, to compare graphs).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from actorgraph.store.remote import RemoteGraphStore
from pyoxigraph import CanonicalizationAlgorithm, Dataset, Quad

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    """The directory of small fixture files."""
    return FIXTURES


# --- actorgraph serve ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


SCRIPT = Path(sys.executable).parent / "actorgraph"


TOKEN = "test-token-" + "x" * 24


EXTRA = FIXTURES / "server_extra.trig"


EXTRA_GRAPH = "https://example.org/graph/server-extra"


@dataclass
class Served:
    """A running ``actorgraph serve`` and the lines it has logged so far."""

    process: subprocess.Popen
    base: str
    log: list[str] = field(default_factory=list)

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(20)


def start_server(*args: str, env: dict[str, str] | None = None) -> Served:
    """Start ``actorgraph serve --port 0 ARGS`` and wait for its announcement."""
    process = subprocess.Popen(
        [str(SCRIPT), "serve", "--port", "0", *args],
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
    )
    seen = []
    for line in process.stderr:
        seen.append(line)
        match = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", line)
        if match:
            served = Served(process, match.group(1))
            threading.Thread(target=_collect, args=(process, served.log), daemon=True).start()
            return served
    process.wait(10)
    pytest.fail("actorgraph serve did not start:\n" + "".join(seen))


def _collect(process: subprocess.Popen, lines: list[str]) -> None:
    for line in process.stderr:
        lines.append(line.rstrip("\n"))


def wait_for_log(served, lines: int) -> list[str]:
    """The log once it holds ``lines`` lines (polled; a generous deadline, not a readiness
    sleep)."""
    deadline = time.monotonic() + 60
    while len(served.log) < lines and time.monotonic() < deadline:
        time.sleep(0.05)
    return list(served.log)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


def http(
    method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> Answer:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, dict(error.headers), error.read())


def get_query(served: Served, query: str, accept: str | None = None, **params: str) -> Answer:
    url = f"{served.sparql}?" + urlencode({"query": query, **params})
    return http("GET", url, headers={"Accept": accept} if accept else {})


class Canary:
    """A loopback HTTP server that counts every request it gets."""

    def __init__(self):
        self.hits = 0
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                canary.hits += 1
                self.send_response(200)
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- oxigraph serve -----------------------------------------------------------------------

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve``: its query and update URLs."""

    query: str
    update: str

    def remote(self) -> RemoteGraphStore:
        return RemoteGraphStore(self.query, self.update)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, OxigraphServer]:
    """Start ``oxigraph serve`` on a free loopback port and wait until it answers."""
    if not OXIGRAPH.exists():
        pytest.skip(f"the oxigraph server binary is not installed at {OXIGRAPH}")
    port = free_port()
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    probe = f"{base}/query?" + urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(probe, timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start on port {port}")
            time.sleep(0.05)
    return process, OxigraphServer(f"{base}/query", f"{base}/update")


def canonical(quads) -> set[Quad]:
    """The quads with blank nodes renamed canonically, for an isomorphism check."""
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)
