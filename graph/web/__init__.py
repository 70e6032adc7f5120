"""The SPARQL endpoint (``actorgraph serve``): see :mod:`actorgraph.web.server`."""

from .config import ServerConfig, is_loopback, read_token
from .server import serve

__all__ = ["ServerConfig", "is_loopback", "read_token", "serve"]
