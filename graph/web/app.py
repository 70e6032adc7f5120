"""The endpoint as an ASGI application (Starlette): one routing table, every check in one place.

Every request, whatever its path, goes through :meth:`Endpoint._handle`, which

1. starts the request's clock: its deadline is ``--timeout`` seconds from its arrival,
   and reading the body, waiting for a free worker and the work itself all count;
2. refuses a ``Host`` that does not name this server, and a POST, PUT or DELETE from a
   web page of another origin (``Origin``), so that neither DNS rebinding nor a
   cross-site form can use it;
3. reads the body up to ``--max-request-bytes`` (413 beyond);
4. answers, through the route's handler; work on the store runs in a worker process
   (:mod:`actorgraph.web.jobs`), which is killed at the deadline or when the client
   disconnects;
5. adds ``Vary``, ``X-Content-Type-Options`` and the CORS headers, and logs one line.
"""

from __future__ import annotations

import asyncio
import datetime
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import parse_qs, quote

from pyoxigraph import NamedNode, serialize
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..namespaces import PREFIXES
from ..query.deadline import AsyncWorkerPool, DeadlineExceeded, WorkerDied
from ..query.sparql import named_queries
from ..resources import templates_dir
from .config import ServerConfig, allowed_host_names, host_is_allowed
from .description import FORMATS, SD, service_description
from .jobs import GraphsJob, NamedQueryJob, WriteJob
from .replies import (
    DESCRIPTION_OFFERS,
    GRAPH_OFFERS,
    Refusal,
    Reply,
    error,
    negotiate,
    not_acceptable,
)

__all__ = ["Endpoint", "Call"]

_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH")
_WRITES = frozenset({"PUT", "POST", "DELETE", "PATCH"})
_STORE_PATH = "/store"
_WATCH_AFTER = 0.05  # seconds before a request starts watching for its client's disconnect


@dataclass
class Call:
    """One request as the handlers see it: method, path, parameters, body and deadline."""

    request: Request
    params: dict[str, list[str]]
    body: bytes
    deadline: float

    @property
    def method(self) -> str:
        return "GET" if self.request.method == "HEAD" else self.request.method

    @property
    def accept(self) -> str | None:
        return self.request.headers.get("accept")

    @property
    def media_type(self) -> str:
        return self.request.headers.get("content-type", "").split(";")[0].strip().lower()

    def one(self, params: dict[str, list[str]], name: str) -> str | None:
        values = params.get(name, [])
        if len(values) > 1:
            raise Refusal(error(400, f"give the {name!r} parameter once", self.accept))
        return values[0] if values else None

    def only(self, *methods: str) -> None:
        if self.method not in methods:
            allowed = " and ".join(methods)
            message = f"{self.request.url.path} answers {allowed} only"
            headers = (("Allow", ", ".join((*methods, "HEAD") if "GET" in methods else methods)),)
            raise Refusal(error(405, message, self.accept, headers))

    def text(self) -> str:
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refusal(error(400, "the request body is not UTF-8", self.accept)) from None

    def form(self) -> dict[str, list[str]]:
        fields = _parse_query(self.text(), self.accept)
        return {**self.params, **fields}


class Endpoint:
    """The routes of ``actorgraph serve`` over a pool of workers."""

    def __init__(self, config: ServerConfig, pool: AsyncWorkerPool, log: Callable[[str], None]):
        self.config = config
        self.pool = pool
        self.log = log
        self._hosts = allowed_host_names(config.host)
        self._page = (templates_dir() / "query-page.html").read_text(encoding="utf-8")
        self._write_lock = asyncio.Lock()
        from .graph_store import GraphStoreRoutes
        from .protocol import ProtocolRoutes

        self.protocol = ProtocolRoutes(self)
        self.graph_store = GraphStoreRoutes(self)

    def application(self) -> Starlette:
        """The ASGI application: the one routing table of the endpoint."""
        table: list[tuple[str, Callable[[Call], Awaitable[Reply]]]] = [
            ("/", self.query_page),
            ("/sparql", self.protocol.sparql),
            (_STORE_PATH, self.graph_store.indirect),
            (_STORE_PATH + "/{rest:path}", self.graph_store.direct),
            ("/named", self.named_listing),
            ("/named/{name:path}", self.named_query),
            ("/{rest:path}", self.not_found),
        ]
        return Starlette(
            routes=[Route(path, self._handler(answer), methods=_METHODS) for path, answer in table]
        )

    # --- the path every request takes ---------------------------------------------------

    def _handler(self, answer: Callable[[Call], Awaitable[Reply]]):
        async def handle(request: Request) -> Response:
            return await self._handle(request, answer)

        return handle

    async def _handle(self, request: Request, answer) -> Response:
        arrival = time.monotonic()
        deadline = arrival + self.config.timeout
        accept = request.headers.get("accept")
        try:
            self._check_sender(request, accept)
            if request.method == "OPTIONS":
                reply = Reply(204, "text/plain", headers=(("Allow", self._allowed()),))
            else:
                params = _parse_query(_query_string(request, accept), accept)
                body = await self._body(request, accept, deadline)
                reply = await answer(Call(request, params, body, deadline))
        except Refusal as refusal:
            reply = refusal.reply
        self._log(request, reply, arrival)
        return self._response(request, reply)

    def _check_sender(self, request: Request, accept: str | None) -> None:
        """Refuse a Host that is not this server's, and a cross-origin write or form."""
        host = request.headers.get("host")
        if host is not None and not host_is_allowed(host, self._hosts):
            raise Refusal(
                error(
                    403,
                    f"this server does not answer to the name {host!r} (DNS rebinding "
                    f"protection); address it as {self.config.base}",
                    accept,
                )
            )
        origin = request.headers.get("origin")
        if request.method in _WRITES and origin is not None:
            own = f"{request.url.scheme}://{host}".lower() if host else None
            if origin.lower() != own and origin != self.config.cors:
                raise Refusal(
                    error(
                        403,
                        f"requests from web pages of {origin} are refused; start the server "
                        "with --cors ORIGIN to let one origin call it",
                        accept,
                    )
                )

    async def _body(self, request: Request, accept: str | None, deadline: float) -> bytes:
        """The body, at most ``--max-request-bytes``, read before the deadline."""
        limit = self.config.max_request_bytes
        too_big = Refusal(
            error(
                413,
                f"the request body is larger than {limit} bytes, the most this endpoint "
                "takes (--max-request-bytes)",
                accept,
                (("Connection", "close"),),
            )
        )
        declared = request.headers.get("content-length")
        if declared in (None, "0") and "transfer-encoding" not in request.headers:
            return b""  # no body (most GETs): nothing to wait for
        if declared is not None and declared.isdigit() and int(declared) > limit * 16:
            raise too_big  # not worth reading: the connection closes with the answer

        async def read() -> bytes:
            chunks, size = [], 0
            async for chunk in request.stream():
                size += len(chunk)
                if size <= limit:
                    chunks.append(chunk)
            if size > limit:  # read to its end, so that the client hears the 413
                raise too_big
            return b"".join(chunks)

        try:
            return await asyncio.wait_for(read(), max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            raise Refusal(
                error(
                    408,
                    f"the request body did not arrive within {self.config.timeout:g} s",
                    accept,
                    (("Connection", "close"),),
                )
            ) from None

    async def run(self, call: Call, job) -> Reply:
        """``job``'s reply from a worker; stopped at the deadline or when the client leaves."""
        work = asyncio.ensure_future(self.pool.run(job, call.deadline))
        # Most answers take a few milliseconds: watch for a disconnect only after that.
        await asyncio.wait((work,), timeout=_WATCH_AFTER)
        if not work.done():
            gone = asyncio.ensure_future(_disconnected(call.request))
            try:
                await asyncio.wait((work, gone), return_when=asyncio.FIRST_COMPLETED)
            finally:
                gone.cancel()
        if not work.done():
            work.cancel()  # the pool kills the worker
            with suppress(asyncio.CancelledError, DeadlineExceeded, WorkerDied):
                await work
            return Reply(499, "text/plain; charset=utf-8", b"the client went away\n")
        try:
            return work.result()
        except DeadlineExceeded as late:
            what = "no worker became free" if late.queued else "the request ran longer"
            return error(
                503,
                f"{what} than {self.config.timeout:g} s after it arrived, and it was "
                "stopped; make the query more selective (or ask for a longer --timeout)",
                call.accept,
                (("Retry-After", "1"),),
            )
        except WorkerDied:
            return error(
                500,
                "the worker process died (a query nested too deeply?); try again",
                call.accept,
            )

    async def write(self, call: Call, job: WriteJob) -> Reply:
        """Run ``job`` if updates are allowed and the request carries the token."""
        if not self.config.allow_update:
            return error(
                403,
                "this endpoint is read-only: updates and Graph Store writes are refused. "
                "Start it with --allow-update (and a token) to accept them.",
                call.accept,
            )
        scheme, _, token = call.request.headers.get("authorization", "").partition(" ")
        expected = (self.config.token or "").encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
            return error(
                401,
                "updates need the header 'Authorization: Bearer <token>' with the server's token",
                call.accept,
                (("WWW-Authenticate", 'Bearer realm="actorgraph"'),),
            )
        async with self._write_lock:  # one write at a time; queries go on meanwhile
            return await self.run(call, job)

    def base_iri(self, call: Call, path: str = "/sparql") -> str:
        """``http://HOST/path`` as the client addressed the server (its Host was checked)."""
        host = call.request.headers.get("host")
        for candidate in (host, self.config.base.removeprefix("http://")):
            if candidate:
                with suppress(ValueError):
                    return NamedNode(f"http://{candidate}{path}").value
        return f"http://localhost{path}"

    # --- the small routes -----------------------------------------------------------------

    async def query_page(self, call: Call) -> Reply:
        call.only("GET")
        nonce = secrets.token_urlsafe(16)
        policy = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        )
        body = self._page.replace("{{nonce}}", nonce).encode()
        headers = (("Content-Security-Policy", policy), ("Referrer-Policy", "no-referrer"))
        return Reply(200, "text/html; charset=utf-8", body, headers)

    async def named_listing(self, call: Call) -> Reply:
        call.only("GET")
        listing = {
            "prefixes": PREFIXES,
            "queries": [
                {
                    "name": query.name,
                    "title": query.title,
                    "description": query.description,
                    "params": [
                        {"name": p.name, "kind": p.kind, "description": p.description}
                        for p in query.params
                    ],
                    "sparql": query.path.read_text(encoding="utf-8"),
                }
                for query in named_queries()
            ],
        }
        return Reply(200, "application/json", json.dumps(listing, ensure_ascii=False).encode())

    async def named_query(self, call: Call) -> Reply:
        call.only("GET")
        name = call.request.path_params["name"]
        params = tuple((key, call.one(call.params, key) or "") for key in call.params)
        return await self.run(call, NamedQueryJob(name, params, call.accept, self.config.max_rows))

    async def not_found(self, call: Call) -> Reply:
        path = call.request.url.path
        return error(404, f"nothing at {path}; the endpoint is /sparql", call.accept)

    async def description(self, call: Call) -> Reply:
        chosen = negotiate(call.accept, DESCRIPTION_OFFERS)
        if chosen is None:
            return not_acceptable(call.accept, GRAPH_OFFERS, "the service description")
        if chosen[1] is None:
            return Reply(303, "text/plain", headers=(("Location", "/"),))
        graphs = await self.pool.run(GraphsJob(), call.deadline)
        triples = service_description(self.base_iri(call), self.config, graphs)
        body = serialize(triples, format=chosen[1], prefixes={"sd": SD, "formats": FORMATS})
        return Reply(200, chosen[1].media_type, body)

    def new_graph_iri(self, call: Call) -> str:
        """A fresh graph IRI under ``/store/`` (Graph Store POST to the store itself)."""
        return self.base_iri(call, f"{_STORE_PATH}/{uuid.uuid4().hex}")

    def direct_graph_iri(self, call: Call) -> str:
        rest = quote(call.request.path_params["rest"], safe="/:@!$&'()*+,;=-._~")
        return self.base_iri(call, f"{_STORE_PATH}/{rest}")

    # --- answers ----------------------------------------------------------------------------

    def _allowed(self) -> str:
        if self.config.allow_update:
            return "GET, HEAD, POST, PUT, DELETE, OPTIONS"
        return "GET, HEAD, POST, OPTIONS"

    def _response(self, request: Request, reply: Reply) -> Response:
        headers = {"X-Content-Type-Options": "nosniff", "Vary": "Accept, Origin"}
        headers.update(self._cors(request))
        if reply.status != 204:
            headers["Content-Type"] = reply.content_type
        headers.update(reply.headers)
        return Response(reply.body, status_code=reply.status, headers=headers)

    def _cors(self, request: Request) -> dict[str, str]:
        """CORS headers, only for a request from the one allowed origin."""
        cors = self.config.cors
        if cors is None or request.headers.get("origin") != cors:
            return {}
        return {
            "Access-Control-Allow-Origin": cors,
            "Access-Control-Allow-Methods": self._allowed(),
            "Access-Control-Allow-Headers": "Accept, Authorization, Content-Type",
            "Access-Control-Expose-Headers": "X-Actorgraph-Truncated, X-Actorgraph-Max-Rows",
            "Access-Control-Max-Age": "600",
        }

    def _log(self, request: Request, reply: Reply, arrival: float) -> None:
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        elapsed = (time.monotonic() - arrival) * 1000
        client = request.client.host if request.client else "-"
        self.log(
            f"{stamp} {client} {request.method} {request.url.path or '-'} "
            f"{reply.status} {len(reply.body)} {elapsed:.1f}ms"
        )


async def _disconnected(request: Request) -> None:
    """Return when the client closes the connection (the body has been read already)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


def _query_string(request: Request, accept: str | None) -> str:
    raw: bytes = request.scope.get("query_string", b"")
    if not raw.isascii():
        raise Refusal(error(400, "the query string is not URL-encoded", accept))
    return raw.decode("ascii")


def _parse_query(text: str, accept: str | None) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=10_000)
    except (UnicodeDecodeError, ValueError):
        raise Refusal(error(400, "the parameters are not UTF-8 URL-encoded", accept)) from None
