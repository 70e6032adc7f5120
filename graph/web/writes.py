"""What one endpoint write changes, so that the derived layer follows it incrementally.

:class:`Change` records the net change of a write (quads deleted and inserted) and then
brings the derived layer up to date with
:func:`actorgraph.ingest.incremental.update_derived`, or, if it could not tell what the
write changed, with the full rebuild:

* a SPARQL Update made only of ``INSERT DATA`` and ``DELETE DATA`` operations: Oxigraph
  runs the update itself; each operation's quads are read by Oxigraph too (its block run
  as ``INSERT DATA`` on an empty in-memory store, after the prologue before it), and the
  change is what those quads' presence in the store was before and is after. An update
  with any other operation (``DELETE/INSERT ... WHERE``, ``CLEAR``, ``DROP``, ``ADD``, ...)
  or inserting blank nodes (Oxigraph gives them new labels) is rebuilt in full;
* a Graph Store ``PUT``, ``POST`` or ``DELETE``: the graph's quads before, and the quads
  sent (read into an in-memory store, so blank nodes get new labels as Oxigraph's load
  gives them), which are then added to the store.

>>> from pyoxigraph import Store
>>> ops = data_operations("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b 1 } ; "
...                       "DELETE DATA { GRAPH ex:g { ex:a ex:b 2 } }", {}, None)
>>> [(insert, [str(q) for q in quads]) for insert, quads in ops]  # doctest: +NORMALIZE_WHITESPACE
[(True, ['<http://e/a> <http://e/b> "1"^^<http://www.w3.org/2001/XMLSchema#integer>']),
 (False, ['<http://e/a> <http://e/b> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g>'])]
>>> data_operations("CLEAR ALL", {}, None) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import BlankNode, Quad, Store

from ..ingest.incremental import MAX_CHANGED, update_derived
from ..query.sparql_lexer import LexError, Token, tokenize

__all__ = ["Change", "data_operations", "has_blank_nodes"]

_OPEN, _CLOSE = "({[", ")}]"


class Change:
    """The net change of one write to ``store``: watch the quads a write may change
    (:meth:`watch`) before it runs, then :meth:`derive` after it."""

    def __init__(self, *, incremental: bool = True) -> None:
        self.before: dict[Quad, bool] = {}  # each quad watched: in the store before?
        self.known = incremental  # False: rebuild the derived layer in full
        self.done = ""  # what update_derived did

    def watch(self, store: Store, quads: Iterable[Quad]) -> None:
        """Note whether each of ``quads`` is in ``store`` now (the first time it is seen).

        Past :data:`MAX_CHANGED` quads the change is too large to follow: it is rebuilt."""
        before = self.before
        for quad in quads:
            if not self.known:
                return
            if quad not in before:
                before[quad] = quad in store
                if len(before) > MAX_CHANGED:
                    self.unknown()

    def unknown(self) -> None:
        """The write may change quads that were not watched: rebuild in full."""
        self.known = False

    def derive(self, store: Store) -> None:
        """Bring the derived layer of ``store`` up to date after the write."""
        deleted, inserted = [], []
        if self.known:
            for quad, was in self.before.items():
                now = quad in store
                if was and not now:
                    deleted.append(quad)
                elif now and not was:
                    inserted.append(quad)
        self.done = update_derived(store, deleted, inserted, full=not self.known)


def data_operations(
    text: str, prefixes: dict[str, str], base_iri: str | None
) -> list[tuple[bool, list[Quad]]] | None:
    """The operations of the SPARQL Update ``text`` as (insert?, quads), if it holds only
    ``INSERT DATA`` and ``DELETE DATA``; else None (also for text Oxigraph cannot read:
    running the update itself then says where)."""
    try:
        tokens = tokenize(text)
    except LexError:
        return None
    found = []
    prologue: list[str] = []
    for segment in _segments(tokens):
        at = 0
        while at < len(segment) and segment[at].text in ("PREFIX", "BASE"):
            size = 3 if segment[at].text == "PREFIX" else 2
            if len(segment) < at + size:
                return None
            end = segment[at + size - 1]
            prologue.append(text[segment[at].start : end.start + len(end.text)])
            at += size
        rest = segment[at:]
        if not rest:
            continue
        if len(rest) < 3 or rest[0].kind != "KEYWORD" or rest[1].text != "DATA":
            return None
        if rest[0].text not in ("INSERT", "DELETE"):
            return None
        if rest[2].text != "{" or rest[-1].text != "}":
            return None
        block = text[rest[2].start : rest[-1].start + 1]
        memory = Store()
        try:
            memory.update(
                " ".join([*prologue, "INSERT DATA", block]), prefixes=prefixes, base_iri=base_iri
            )
        except SyntaxError:  # the store's own update reports it, with its position
            return None
        found.append((rest[0].text == "INSERT", list(memory)))
    return found


def _segments(tokens: list[Token]) -> list[list[Token]]:
    """The tokens split at each ``;`` outside brackets (one segment per operation)."""
    segments: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "PUNCT":
            if token.text in _OPEN:
                depth += 1
            elif token.text in _CLOSE:
                depth -= 1
            elif token.text == ";" and depth == 0:
                segments.append([])
                continue
        segments[-1].append(token)
    return segments


def has_blank_nodes(quads: Iterable[Quad]) -> bool:
    """Whether any of ``quads`` holds a blank node."""
    return any(
        isinstance(term, BlankNode) for q in quads for term in (q.subject, q.object, q.graph_name)
    )
