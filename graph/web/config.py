"""How ``actorgraph serve`` listens and what it allows: options, the update token, hosts."""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..query.deadline import check_timeout

__all__ = ["ServerConfig", "is_loopback", "read_token", "allowed_host_names", "host_is_allowed"]


@dataclass(frozen=True)
class ServerConfig:
    """How ``actorgraph serve`` listens and what it allows."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0  # seconds from a request's arrival to its answer
    max_rows: int = 10_000  # solutions (or triples) per answer
    max_request_bytes: int = 1 << 20
    workers: int = field(default_factory=lambda: min(4, os.cpu_count() or 1))
    allow_update: bool = False
    token: str | None = field(default=None, repr=False)
    cors: str | None = None  # the one origin allowed to call from a browser
    idle_timeout: float = 5.0  # seconds a connection may sit idle or send a request head
    max_connections: int = 512  # open connections and requests in progress, beyond: 503

    def __post_init__(self) -> None:
        if self.allow_update and not self.token:
            raise UsageError("updates can only be allowed with a token (see read_token)")
        check_timeout(self.timeout)

    @property
    def base(self) -> str:
        """``http://host:port`` as the server listens (IPv6 hosts in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (only this machine can connect).

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_host_names(host: str) -> frozenset[str] | None:
    """The names a ``Host`` header may give for a server listening on ``host``.

    A page on another site can make a browser send requests to this server under the
    site's own name, once its DNS points there (DNS rebinding); the server then refuses
    any name it was not started with. None means any IP address literal or this machine's
    names (``host`` is a wildcard such as 0.0.0.0, which every interface answers).

    >>> sorted(allowed_host_names("127.0.0.1"))
    ['127.0.0.1', '::1', 'localhost']
    """
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return frozenset({host.lower()})
    if address.is_unspecified:
        return None
    names = {str(address)}
    if address.is_loopback:
        names |= {"localhost", "127.0.0.1", "::1"}
    return frozenset(names)


def host_is_allowed(header: str, names: frozenset[str] | None) -> bool:
    """Whether a ``Host`` header (``name[:port]``, IPv6 in brackets) names this server.

    >>> host_is_allowed("localhost:7878", frozenset({"localhost"}))
    True
    >>> host_is_allowed("evil.example:7878", frozenset({"localhost"}))
    False
    """
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    if names is not None:
        return name in names
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}


def read_token(token_file: Path | None, environment: str | None) -> str:
    """The update token: the first line of ``token_file``, else ``environment`` (the env var).

    Raises :class:`UsageError` if there is none or it is too short to resist guessing.
    """
    if token_file is not None:
        try:
            lines = token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"cannot read the token file {token_file}: {error}") from None
        token = lines[0].strip() if lines else ""
    else:
        token = (environment or "").strip()
    if not token:
        raise UsageError(
            "--allow-update needs a token: put one in a file and pass --token-file FILE, or "
            "set ACTORGRAPH_TOKEN (never on the command line, where ps shows it). Make one "
            "with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    if len(token) < 16:
        raise UsageError("the update token is too short; use at least 16 characters")
    return token
