"""The ``serve`` command: the graph as a SPARQL 1.1 endpoint (see :mod:`actorgraph.web.server`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer

from .common import example
from .options import DataOption, NoSeedsOption, StoreOption

__all__ = ["commands", "parse_origin"]

commands = typer.Typer()

TOKEN_VARIABLE = "ACTORGRAPH_TOKEN"


def parse_origin(text: str) -> str:
    """A web origin, ``scheme://host[:port]``, as browsers send it in ``Origin``.

    >>> parse_origin("http://localhost:3000")
    'http://localhost:3000'
    """
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        raise typer.BadParameter(
            f"{text!r} is not an origin; write it like https://yasgui.example.org "
            "(scheme, host and port only)"
        )
    return text


@commands.command(
    "serve",
    epilog=example(
        "actorgraph serve",
        "actorgraph serve --store db --port 8000",
        "actorgraph serve --no-seeds --data other-conflict/",
        "curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a ag:State }' "
        "http://127.0.0.1:7878/sparql",
        "actorgraph serve --store db --allow-update --token-file ~/.actorgraph-token",
    ),
)
def serve_command(
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="The address to listen on. The default lets only this machine connect.",
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="The port; 0 picks a free one.")
    ] = 7878,
    store: StoreOption = None,
    data: DataOption = None,
    no_seeds: NoSeedsOption = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="S",
            min=0.1,
            max=86_400,
            help="Answer or stop each request within S seconds of its arrival (at most a day).",
        ),
    ] = 10.0,
    max_rows: Annotated[
        int,
        typer.Option(
            "--max-rows", metavar="N", min=1, help="Send at most N result rows (or triples)."
        ),
    ] = 10_000,
    max_request_bytes: Annotated[
        int,
        typer.Option(
            "--max-request-bytes", metavar="N", min=1024, help="Refuse larger request bodies."
        ),
    ] = 1 << 20,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            metavar="N",
            min=1,
            max=64,
            help="Query worker processes (default: CPUs, at most 4).",
        ),
    ] = None,
    idle_timeout: Annotated[
        float,
        typer.Option(
            "--idle-timeout",
            metavar="S",
            min=1,
            max=3600,
            help="Close a connection that sends no whole request head for S seconds.",
        ),
    ] = 5.0,
    max_connections: Annotated[
        int,
        typer.Option(
            "--max-connections",
            metavar="N",
            min=4,
            max=10_000,
            help="Answer 503 beyond N open connections or requests in progress.",
        ),
    ] = 512,
    allow_update: Annotated[
        bool,
        typer.Option(
            "--allow-update",
            help="Accept SPARQL Update and Graph Store writes from clients with the token.",
        ),
    ] = False,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            metavar="FILE",
            dir_okay=False,
            help=f"Read the update token from FILE (else from ${TOKEN_VARIABLE}).",
        ),
    ] = None,
    cors: Annotated[
        str | None,
        typer.Option(
            "--cors",
            metavar="ORIGIN",
            parser=parse_origin,
            help="Let web pages from ORIGIN query the endpoint (CORS is off otherwise).",
        ),
    ] = None,
) -> None:
    """Serve the graph as a SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Read-only unless --allow-update; SERVICE and LOAD are refused, and FROM may only name
    the store's graphs; each request is answered or stopped within --timeout seconds. One
    log line per request goes to stderr. Stop with Ctrl-C. See docs/endpoints.md.
    """
    from ..web.server import ServerConfig, read_token, serve

    token = read_token(token_file, os.environ.get(TOKEN_VARIABLE)) if allow_update else None
    settings = {"workers": workers} if workers else {}
    config = ServerConfig(
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        max_request_bytes=max_request_bytes,
        idle_timeout=idle_timeout,
        max_connections=max_connections,
        allow_update=allow_update,
        token=token,
        cors=cors,
        **settings,
    )
    serve(config, store, data or (), seeds=not no_seeds)
