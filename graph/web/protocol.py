"""``/sparql``: the SPARQL 1.1 Protocol (queries, updates, the service description).

- queries by GET, by POST of a form or of ``application/sparql-query``; ``default-graph-uri``
  and ``named-graph-uri`` name the dataset (graphs the store lacks are empty);
- updates by POST of a form or of ``application/sparql-update``, with the token;
  ``using-graph-uri`` and ``using-named-graph-uri`` are refused (pyoxigraph cannot take
  them), with a message that says to write USING in the update instead;
- ``GET /sparql`` with no query: the service description (a browser goes to ``/``);
- ``?graph=`` or ``?default`` on ``/sparql``: the Graph Store Protocol, as on ``/store``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .jobs import QueryJob, WriteJob
from .replies import Refusal, Reply, error

if TYPE_CHECKING:
    from .app import Call, Endpoint

__all__ = ["ProtocolRoutes"]

_FORM = "application/x-www-form-urlencoded"
_USING = ("using-graph-uri", "using-named-graph-uri")


class ProtocolRoutes:
    """The handlers of ``/sparql``."""

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint

    async def sparql(self, call: Call) -> Reply:
        params = call.params
        if call.method == "POST" and call.media_type == _FORM:
            params = call.form()
        if "graph" in params or "default" in params:
            return await self.endpoint.graph_store.answer(call, params)
        if call.method == "GET":
            query = call.one(params, "query")
            if query is None:
                if "update" in params:
                    return error(405, "send updates by POST", call.accept)
                return await self.endpoint.description(call)
            return await self._query(call, query, params)
        call.only("GET", "POST")
        if call.media_type == _FORM:
            query, update = call.one(params, "query"), call.one(params, "update")
            if query is not None and update is not None:
                return error(400, "send either 'query' or 'update', not both", call.accept)
            if query is not None:
                return await self._query(call, query, params)
            if update is not None:
                return await self._update(call, update, params)
            return error(400, "the form has neither 'query' nor 'update'", call.accept)
        if call.media_type == "application/sparql-query":
            return await self._query(call, call.text(), params)
        if call.media_type == "application/sparql-update":
            return await self._update(call, call.text(), params)
        return error(
            415,
            "POST a query as application/sparql-query or a form (query=...), an update as "
            "application/sparql-update or a form (update=...)",
            call.accept,
        )

    async def _query(self, call: Call, text: str, params: dict[str, list[str]]) -> Reply:
        defaults, named = params.get("default-graph-uri", []), params.get("named-graph-uri", [])
        for name in (*defaults, *named):
            check_iri(name, call.accept)
        job = QueryJob(
            text,
            call.accept,
            self.endpoint.config.max_rows,
            self.endpoint.base_iri(call),
            tuple(defaults) if defaults or named else None,
            tuple(named),
        )
        return await self.endpoint.run(call, job)

    async def _update(self, call: Call, text: str, params: dict[str, list[str]]) -> Reply:
        given = [name for name in _USING if name in params]
        if given:
            return error(
                400,
                f"{' and '.join(given)} cannot be applied by this endpoint; write the graphs "
                "in the update itself (USING <graph> / USING NAMED <graph>)",
                call.accept,
            )
        job = WriteJob("update", call.accept, text=text, base_iri=self.endpoint.base_iri(call))
        return await self.endpoint.write(call, job)


def check_iri(name: str, accept: str | None) -> None:
    """Refuse ``name`` (400) unless it is an absolute IRI."""
    from pyoxigraph import NamedNode

    try:
        NamedNode(name)
    except ValueError:
        raise Refusal(error(400, f"{name!r} is not an IRI", accept)) from None
