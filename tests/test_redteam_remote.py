"""Red team L10: ``--endpoint`` on a server that answers with other variables.

A loopback server answers every query with one row of a variable ``x`` (as the red
team's canary did). Each reading command must stop with one ``Error:`` naming the
variables that are missing, never a ``KeyError`` traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "actorgraph"
ANSWER = json.dumps(
    {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "C"}}]}}
).encode()


class _Wrong(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def wrong_endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Wrong)  # listening once constructed
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "command",
    [["stats"], ["relations", "iran"], ["actors"], ["who", "supports", "iran"], ["timeline"]],
    ids=lambda c: c[0],
)
def test_l10_an_endpoint_with_unexpected_variables_is_a_clean_error(wrong_endpoint, command):
    result = subprocess.run(
        [str(SCRIPT), *command, "--endpoint", wrong_endpoint],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("Error: the endpoint ")
    assert "answered without the variables" in result.stderr
    assert "Traceback" not in result.stderr
