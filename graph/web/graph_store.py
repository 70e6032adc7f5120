"""``/store``: the SPARQL 1.1 Graph Store HTTP Protocol.

- indirect identification: ``/store?graph=IRI`` or ``/store?default`` (also on ``/sparql``);
- direct identification: ``/store/any/path`` is the graph whose IRI is that URL;
- ``POST /store`` (no graph named) makes a new graph and answers 201 with its IRI in
  ``Location``;
- GET and HEAD read a graph (404 if the store lacks it); PUT, POST and DELETE need
  ``--allow-update`` and the token. Bodies are Turtle, N-Triples or JSON-LD; RDF/XML is
  refused (its parser expands DTD entities).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .jobs import ReadGraphJob, WriteJob
from .protocol import check_iri
from .replies import Reply, error

if TYPE_CHECKING:
    from .app import Call, Endpoint

__all__ = ["GraphStoreRoutes"]

_WRITE_METHODS = frozenset({"PUT", "POST", "DELETE"})


class GraphStoreRoutes:
    """The handlers of ``/store`` and ``/store/...``."""

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    async def indirect(self, call: Call) -> Reply:
        params = call.params
        if call.method == "POST" and "graph" not in params and "default" not in params:
            return await self._create(call)
        return await self.answer(call, params)

    async def direct(self, call: Call) -> Reply:
        return await self._on(call, self.endpoint.direct_graph_iri(call))

    async def answer(self, call: Call, params: dict[str, list[str]]) -> Reply:
        graph = call.one(params, "graph")
        if graph is None and "default" not in params:
            return error(400, "name a graph: ?graph=IRI or ?default", call.accept)
        if graph is not None:
            check_iri(graph, call.accept)
        return await self._on(call, graph)

    async def _on(self, call: Call, graph: str | None) -> Reply:
        config = self.endpoint.config
        if call.method == "GET":
            return await self.endpoint.run(call, ReadGraphJob(graph, call.accept, config.max_rows))
        if call.method not in _WRITE_METHODS:
            return error(405, f"{call.method} is not a Graph Store operation", call.accept)
        write = WriteJob(
            call.method, call.accept, graph=graph, data=call.body, media_type=call.media_type
        )
        return await self.endpoint.write(call, write)

    async def _create(self, call: Call) -> Reply:
        graph = self.endpoint.new_graph_iri(call)
        write = WriteJob(
            "PUT", call.accept, graph=graph, data=call.body, media_type=call.media_type
        )
        reply = await self.endpoint.write(call, write)
        if reply.status in (200, 201, 204):
            return Reply(201, "text/plain; charset=utf-8", b"", (("Location", graph),))
        return reply
