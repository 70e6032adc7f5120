"""Where the graph lives: one interface, an embedded and a remote implementation, and the
on-disk store's generations and backups.

- :mod:`~actorgraph.store.base`: :class:`GraphStore`, the interface the library queries.
- :mod:`~actorgraph.store.embedded`: :class:`EmbeddedGraphStore`, a pyoxigraph store.
- :mod:`~actorgraph.store.remote`: :class:`RemoteGraphStore`, a SPARQL 1.1 server.
- :mod:`~actorgraph.store.statement_index`: an actor's statements by index lookups.
- :mod:`~actorgraph.store.generations`: atomic generations, the writer lock.
- :mod:`~actorgraph.store.backup`: backup and restore.
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "GraphStore": "base",
    "Term": "base",
    "EmbeddedGraphStore": "embedded",
    "graph_result": "embedded",
    "RemoteGraphStore": "remote",
    "check_endpoint_url": "remote",
    "statement_table": "statement_index",
    "current_generation": "generations",
    "next_generation": "generations",
    "new_generation": "generations",
    "open_read_only": "generations",
    "backup": "backup",
    "restore": "backup",
    "read_manifest": "backup",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
