"""Refusing SPARQL text that would reach outside the store, read from its tokens.

:func:`network_refusal` reads the text with :mod:`actorgraph.query.sparql_lexer` (the terminals
Oxigraph reads) and refuses, with a message that names the line and column:

* text it cannot tokenise (it never guesses where a token ends);
* the keywords SERVICE and LOAD, wherever they are: as a token, or anywhere in the prefix
  of a prefixed name (Oxigraph matches keywords and ``true``/``false``/``a`` without a word
  boundary, so ``SERVICE:x {}``, ``LOADx:y`` and ``trueservice:x {}`` hold a SERVICE or a
  LOAD to it);
* FROM, FROM NAMED and USING (USING NAMED), whatever graph they name, and WITH unless it
  names one of the store's own graphs; a prefixed name whose prefix holds FROM, USING or
  WITH outside any bracket, for the same reason as above;
* ( { [ nested more than :data:`MAX_DEPTH` deep (Oxigraph's recursive parser can
  overflow its stack on deep nesting);
* any of these in the text read again with its ``\\u`` escapes decoded (SPARQL 1.1,
  section 19.2), which pyoxigraph 0.5.13 does not do but the standard says.
"""

from __future__ import annotations

from collections.abc import Collection

from ..namespaces import GRAPH_CURATED, GRAPH_DERIVED, GRAPH_INFERRED, GRAPH_ONTOLOGY
from .sparql_lexer import LexError, Token, decode_codepoint_escapes, tokenize

__all__ = ["MAX_DEPTH", "STORE_GRAPHS", "network_refusal"]

MAX_DEPTH = 200
STORE_GRAPHS = frozenset({GRAPH_ONTOLOGY, GRAPH_CURATED, GRAPH_DERIVED, GRAPH_INFERRED})
DEFAULT_REMEDY = "Remove it, or pass --allow-network if you really mean it."

_REMOTE = ("SERVICE", "LOAD")
_DATASET = ("FROM", "USING")
_TOP_LEVEL = ("FROM", "USING", "WITH")
_OPEN, _CLOSE = "({[", ")}]"


def network_refusal(
    query: str,
    *,
    update: bool = False,
    remedy: str = DEFAULT_REMEDY,
    dataset_graphs: Collection[str] = (),
) -> str | None:
    """Why ``query`` (an update if ``update``) is refused, or None if it may run.

    FROM, FROM NAMED, USING and WITH may name the graphs in ``dataset_graphs`` (the
    endpoint passes the store's graphs: pyoxigraph reads them from the store, never from
    the network); any other graph they name is refused.
    """
    what = "update" if update else "query"
    message = _refusal(query, what, remedy, frozenset(dataset_graphs))
    if message is None and ("\\u" in query or "\\U" in query):
        decoded = decode_codepoint_escapes(query)
        if decoded != query:
            message = _refusal(decoded, what, remedy, frozenset(dataset_graphs))
            if message is not None:
                message = f"with its \\u escapes decoded (SPARQL 1.1, section 19.2), {message}"
    return message


def _refusal(text: str, what: str, remedy: str, graphs: frozenset[str]) -> str | None:
    try:
        tokens, error = tokenize(text), None
    except LexError as lex_error:
        tokens, error = lex_error.tokens, lex_error
    message = _check(text, tokens, remedy, what, graphs)
    if message is None and error is not None:
        message = (
            f"{_where(text, error.offset)}: actorgraph cannot read the {what} here "
            f"({error.reason}); it refuses SPARQL it cannot tokenise, so that nothing can "
            "hide from its check for SERVICE and LOAD."
        )
    return message


def _check(
    text: str, tokens: list[Token], remedy: str, what: str, graphs: frozenset[str]
) -> str | None:
    depth = 0
    prefixes: dict[str, str] = {}
    for index, token in enumerate(tokens):
        kind, value = token.kind, token.text
        after = tokens[index + 1 : index + 3]
        where = _Where(text, token.start)  # the line is counted only for a refusal
        if kind == "PUNCT" and value in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                return (
                    f"{where}: the {what} nests ( {{ [ more than {MAX_DEPTH} levels deep; "
                    "actorgraph refuses it."
                )
        elif kind == "PUNCT" and value in _CLOSE:
            depth -= 1
        elif kind == "KEYWORD" and value in _REMOTE:
            return (
                f"{where}: {value} would reach the network; actorgraph answers queries from "
                f"its own store only. {remedy}"
            )
        elif kind == "KEYWORD" and value in _DATASET:
            if after and after[0].text != "NAMED":
                after = after[:1]
            if not after or _iri(after[-1], prefixes) not in graphs:
                return _dataset(where, value, after)
        elif kind == "KEYWORD" and value == "WITH":
            if not after or _iri(after[0], prefixes) not in STORE_GRAPHS | graphs:
                return _dataset(where, value, after[:1])
        elif kind == "KEYWORD" and value == "PREFIX" and len(after) == 2:
            if after[0].kind == "PNAME_NS" and after[1].kind == "IRIREF":
                prefixes[after[0].text[:-1]] = after[1].text[1:-1]
        elif kind in ("PNAME_NS", "PNAME_LN"):
            prefix = value.partition(":")[0].upper()
            glued = next((k for k in _REMOTE if k in prefix), None)
            if glued:
                return (
                    f"{where}: {value} holds {glued}, which Oxigraph can read as the "
                    f"keyword: {glued} would reach the network; actorgraph answers queries "
                    f"from its own store only. {remedy}"
                )
            glued = next((k for k in _TOP_LEVEL if k in prefix), None)
            follows_prefix = index > 0 and tokens[index - 1].text == "PREFIX"
            if glued and depth == 0 and not follows_prefix:
                return (
                    f"{where}: {value} holds {glued}, which Oxigraph can read as the "
                    f"keyword there; {glued} names a graph outside the query's dataset. "
                    "Rename the prefix."
                )
    return None


def _dataset(where: object, keyword: str, following: list[Token]) -> str:
    target = " ".join(token.text for token in following)
    return (
        f"{where}: {keyword} {target} names a graph outside the query's dataset; actorgraph "
        "queries always read the union of the store's graphs. Remove the clause (use GRAPH "
        "in the WHERE clause to pick a graph)."
    )


def _iri(token: Token, prefixes: dict[str, str]) -> str | None:
    """The IRI ``token`` names, if it is an IRIREF or a prefixed name with a known prefix."""
    if token.kind == "IRIREF":
        return decode_codepoint_escapes(token.text[1:-1])
    if token.kind == "PNAME_LN":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return decode_codepoint_escapes(prefixes[prefix]) + local.replace("\\", "")
    return None


class _Where:
    def __init__(self, text: str, offset: int):
        self.text, self.offset = text, offset

    def __str__(self) -> str:
        return _where(self.text, self.offset)


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"
