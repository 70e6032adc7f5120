"""actorgraph's SPARQL 1.1 endpoint: the graph over HTTP for YASGUI, SPARQLWrapper, curl ...

``actorgraph serve`` answers the SPARQL 1.1 Protocol at ``/sparql``, the Graph Store
Protocol at ``/store``, the named queries at ``/named/<name>`` and a small query page at
``/``. docs/endpoints.md describes it for users; docs/security.md says what it refuses.

The modules of :mod:`actorgraph.web`:

- :mod:`.server` (this one): opens the store, starts the workers and runs the HTTP
  server, uvicorn (HTTP/1.1 parsing by h11, which refuses conflicting Content-Length
  headers), with an idle and request-head timeout and a cap on open connections;
- :mod:`.app`: the Starlette application: the routing table, and the checks every request
  passes (deadline from arrival, Host and Origin, body size, CORS, one log line);
- :mod:`.protocol` and :mod:`.graph_store`: the handlers of ``/sparql`` and ``/store``;
- :mod:`.jobs`: what the worker processes do with the store, killed at the deadline by
  :mod:`actorgraph.query.deadline` (pyoxigraph cannot cancel a query);
- :mod:`.replies`, :mod:`.description`, :mod:`.config`: answers, the service
  description, and the options.

The server always reads an on-disk store (``--store DIR``, or a temporary one filled with
the seeds and ``--data``, removed at exit), which the workers open read-only. It is
read-only unless ``--allow-update``, and then writes need ``Authorization: Bearer``.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..errors import UsageError
from ..ingest.pipeline import load_store
from ..query.deadline import AsyncWorkerPool
from ..store.generations import current_generation
from .config import ServerConfig, is_loopback, read_token
from .jobs import open_view
from .replies import GRAPH_OFFERS, RESULTS_OFFERS, Reply, negotiate

__all__ = [
    "ServerConfig",
    "Reply",
    "serve",
    "negotiate",
    "is_loopback",
    "read_token",
    "RESULTS_OFFERS",
    "GRAPH_OFFERS",
]


class _Protocol(H11Protocol):
    """uvicorn's h11 protocol with a request-head timeout.

    uvicorn closes a kept-alive connection that stays silent for ``timeout_keep_alive``,
    but a client that sends a request head one byte at a time (slowloris), or never sends
    one, would hold its connection open. Here the same timer starts when the connection
    opens and after each answer, and only the arrival of a whole request head stops it.
    """

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(
            self.timeout_keep_alive, self.timeout_keep_alive_handler
        )

    def data_received(self, data: bytes) -> None:
        pending, self.timeout_keep_alive_task = self.timeout_keep_alive_task, None
        super().data_received(data)
        waiting = self.cycle is None or self.cycle.response_complete
        if pending is None:
            return
        if waiting and self.timeout_keep_alive_task is None and self.conn.our_state is h11.IDLE:
            self.timeout_keep_alive_task = pending  # still no whole request head: keep the clock
        else:
            pending.cancel()


def _stopped_by_signal_class():
    import uvicorn

    class StoppedBySignal(uvicorn.Server):
        """uvicorn's server, ended by SIGINT or SIGTERM as a normal stop (exit status 0).

        uvicorn raises the signal again once it has shut down, which would end the
        process with the signal's status before the workers are stopped.
        """

        def handle_exit(self, sig, frame) -> None:
            if self.should_exit and sig == signal.SIGINT:
                self.force_exit = True
            self.should_exit = True

    return StoppedBySignal


def serve(
    config: ServerConfig,
    store: Path | None = None,
    data: Sequence[Path] = (),
    log: Callable[[str], None] | None = None,
    *,
    seeds: bool = True,
) -> None:
    """Serve the graph over HTTP until SIGINT or SIGTERM; then stop the workers and return.

    With ``store``, that on-disk store (updates, if allowed, go into it). Otherwise a
    temporary store of the seeds (unless ``seeds`` is false) plus ``data``, removed when
    the server stops; ``seeds`` does not apply to a ``store``, which holds what was loaded.
    """
    import uvicorn

    from .app import Endpoint

    _StoppedBySignal = _stopped_by_signal_class()  # noqa: N806 (a class)

    say = log or _stderr
    if store is not None and data:
        raise UsageError(
            "serve --store DIR serves the store as loaded; to add data files, load them "
            "into it first (actorgraph load --store DIR --data FILE) or leave out --store"
        )
    with _listen(config) as sock, _served_store(store, data, config, seeds) as (directory, what):
        port = sock.getsockname()[1]
        listening = ServerConfig(**{**_fields(config), "port": port})

        async def main() -> None:
            pool = AsyncWorkerPool(
                partial(open_view, str(directory)),
                config.workers,
                method="forkserver",
                preload=["actorgraph.web.jobs"],
            )
            try:
                app = Endpoint(listening, pool, say).application()
                settings = uvicorn.Config(
                    app,
                    http=_Protocol,
                    loop="asyncio",
                    lifespan="off",
                    ws="none",
                    interface="asgi3",
                    timeout_keep_alive=int(max(1, round(config.idle_timeout))),
                    limit_concurrency=config.max_connections,
                    timeout_graceful_shutdown=2,
                    server_header=False,
                    access_log=False,
                    log_config=None,
                    log_level="warning",
                )
                _announce(say, listening, what)
                await _StoppedBySignal(settings).serve(sockets=[sock])
            finally:
                await asyncio.to_thread(pool.close)

        asyncio.run(main())
    say("actorgraph serve: stopped")


def _fields(config: ServerConfig) -> dict:
    from dataclasses import fields

    return {field.name: getattr(config, field.name) for field in fields(config)}


@contextmanager
def _listen(config: ServerConfig) -> Iterator[socket.socket]:
    """The listening socket (bound here, so that a port in use is a clear usage error)."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP;
    # without it every keep-alive answer waits ~40 ms for the client's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((config.host, config.port))
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise UsageError(
            f"cannot listen on {config.host}:{config.port}: {error.strerror or error}; "
            "choose another --port (or --port 0 for any free one)"
        ) from None
    with sock:
        yield sock


@contextmanager
def _served_store(
    store: Path | None, data: Sequence[Path], config: ServerConfig, seeds: bool = True
) -> Iterator[tuple[Path, str]]:
    """The store directory to serve, and how to describe it."""
    if store is not None:
        current_generation(store)  # fails clearly if there is no store
        yield store, f"the store {store}" + (" (updates go into it)" if config.allow_update else "")
        return
    with TemporaryDirectory(prefix="actorgraph-serve-") as temporary:
        directory = Path(temporary) / "store"
        load_store(directory, data, seeds=seeds)
        parts = [*(["the seeds"] if seeds else []), *(["your data"] if data else [])]
        what = " and ".join(parts) or "the ontology alone (no seeds, no data)"
        lost = "; updates are lost when it stops" if config.allow_update else ""
        yield directory, f"{what}, in a temporary store{lost}"


def _announce(say: Callable[[str], None], config: ServerConfig, what: str) -> None:
    base = config.base
    mode = "updates allowed with the token" if config.allow_update else "read-only"
    say(f"actorgraph serve: {what}")
    say(f"SPARQL endpoint: {base}/sparql ({mode}); query page: {base}/ ; Ctrl-C to stop")
    if not is_loopback(config.host):
        say(
            f"Warning: listening on {config.host}, which other machines can "
            "reach; use --host 127.0.0.1 unless you mean to share the graph"
        )


_log_lock = threading.Lock()


def _stderr(line: str) -> None:
    with _log_lock:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
