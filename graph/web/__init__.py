"""The SPARQL endpoint (``actorgraph serve``): see :mod:`actorgraph.web.server`.

Names are imported on first use (:mod:`actorgraph._lazy`).
"""

from .._lazy import lazy_exports

_EXPORTS = {
    "Endpoint": "app",
    "Call": "app",
    "ServerConfig": "config",
    "is_loopback": "config",
    "read_token": "config",
    "allowed_host_names": "config",
    "host_is_allowed": "config",
    "service_description": "description",
    "SD": "description",
    "FORMATS": "description",
    "GraphStoreRoutes": "graph_store",
    "View": "jobs",
    "QueryJob": "jobs",
    "NamedQueryJob": "jobs",
    "ReadGraphJob": "jobs",
    "GraphsJob": "jobs",
    "WriteJob": "jobs",
    "RDFLIB_DEFAULT": "jobs",
    "NETWORK_REMEDY": "jobs",
    "open_view": "jobs",
    "ProtocolRoutes": "protocol",
    "Reply": "replies",
    "Refusal": "replies",
    "negotiate": "replies",
    "result_reply": "replies",
    "graph_reply": "replies",
    "error": "replies",
    "not_acceptable": "replies",
    "phrase": "replies",
    "RESULTS_OFFERS": "replies",
    "GRAPH_OFFERS": "replies",
    "DESCRIPTION_OFFERS": "replies",
    "serve": "server",
    "Change": "writes",
    "data_operations": "writes",
    "has_blank_nodes": "writes",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
