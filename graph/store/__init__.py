"""Where the graph lives: one interface, an embedded and a remote implementation, and the
on-disk store's generations and backups.

- :mod:`~actorgraph.store.base`: :class:`GraphStore`, the interface the library queries.
- :mod:`~actorgraph.store.embedded`: :class:`EmbeddedGraphStore`, a pyoxigraph store.
- :mod:`~actorgraph.store.remote`: :class:`RemoteGraphStore`, a SPARQL 1.1 server.
- :mod:`~actorgraph.store.statement_index`: an actor's statements by index lookups.
- :mod:`~actorgraph.store.generations`: atomic generations, the writer lock.
- :mod:`~actorgraph.store.backup`: backup and restore.

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "FORMAT": "backup",
    "VERSION": "backup",
    "Manifest": "backup",
    "read_manifest": "backup",
    "restore": "backup",
    "Term": "base",
    "GraphStore": "base",
    "Result": "base",
    "EmbeddedGraphStore": "embedded",
    "graph_result": "embedded",
    "current_generation": "generations",
    "live_generation_dir": "generations",
    "next_generation": "generations",
    "new_generation": "generations",
    "open_read_only": "generations",
    "STORE_FILES": "generations",
    "RemoteGraphStore": "remote",
    "check_endpoint_url": "remote",
    "values_clause": "remote",
    "bind_values": "remote",
    "Dialect": "remote",
    "DIALECTS": "remote",
    "ACTORGRAPH_GRAPHS": "remote",
    "LOADED_GRAPH": "remote",
    "SKOLEM_PREFIX": "remote",
    "COLUMNS": "statement_index",
    "StatementReader": "statement_index",
    "statement_table": "statement_index",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
