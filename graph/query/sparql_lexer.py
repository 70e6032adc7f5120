"""A SPARQL 1.1 tokenizer that reads query text the way Oxigraph reads it.

The terminals are those of the SPARQL 1.1 grammar (section 19.8 of
https://www.w3.org/TR/sparql11-query/#grammar). Where pyoxigraph 0.5's parser reads a
terminal differently, the tokenizer follows the narrower reading, or refuses:

* PN_CHARS_BASE stops at U+FFFD (Oxigraph has no U+10000-U+EFFFF), so such names are an
  error here;
* Oxigraph's PN_LOCAL takes one run of inner dots only: ``ex:a.b.c`` is ``ex:a.b``, ``.``,
  ``c`` to Oxigraph, so a local name with two inner dot runs is an error here
  (``ex:a.b.SERVICE <...> {}`` would otherwise hide a SERVICE);
* ``\\uXXXX`` escapes are read inside strings and IRIs, as Oxigraph does (pyoxigraph
  0.5.13 does not decode them elsewhere); :func:`decode_codepoint_escapes` gives the
  SPARQL 1.1 reading (section 19.2), which callers check as well;
* keywords are words of letters, digits and ``_`` that are SPARQL keywords (any case, but
  ``a`` is lower case only); any other word is an error;
* a LANGTAG may end with an RDF 1.2 direction, ``@ar--rtl``.

Anything that is not a token is an error (:class:`LexError`): never a guess. The scan is
one pass: every regular expression is anchored at the current position, has possessive
repetitions and no nested ambiguity, and the character run that decides between a
keyword and a prefixed name is measured once per run, so work is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "LexError", "tokenize", "decode_codepoint_escapes", "KEYWORDS"]

_KEYWORD_TEXT = """
    BASE PREFIX SELECT DISTINCT REDUCED AS CONSTRUCT WHERE DESCRIBE ASK FROM NAMED GROUP
    BY HAVING ORDER ASC DESC LIMIT OFFSET VALUES LOAD SILENT INTO CLEAR DROP CREATE ADD TO
    MOVE COPY INSERT DATA DELETE WITH USING DEFAULT GRAPH ALL OPTIONAL SERVICE BIND UNDEF
    MINUS UNION FILTER TRUE FALSE NOT IN EXISTS STR LANG LANGMATCHES DATATYPE BOUND IRI URI
    BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS
    STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ
    NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI
    ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE
    GROUP_CONCAT SEPARATOR VERSION LATERAL TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE LANGDIR
    STRLANGDIR HASLANG HASLANGDIR ADJUST"""
KEYWORDS = frozenset(_KEYWORD_TEXT.split())

_HEX = "[0-9A-Fa-f]"
_UCHAR = rf"\\u{_HEX}{{4}}|\\U{_HEX}{{8}}"
_ECHAR = r"""\\[tbnrf"'\\]"""
_STRING = {
    "'''": re.compile(rf"'''(?:(?:''|')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*+'''"),
    '"""': re.compile(rf'"""(?:(?:""|")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*+"""'),
    "'": re.compile(rf"'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*+'"),
    '"': re.compile(rf'"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*+"'),
}
_IRIREF = re.compile(rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*+>")
_NUMBER = re.compile(
    r"[0-9]++\.[0-9]*+[eE][+-]?[0-9]++|\.?[0-9]++[eE][+-]?[0-9]++|[0-9]*+\.[0-9]++|[0-9]++"
)
_LANGTAG = re.compile(r"@[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+(?:--[a-zA-Z]++)?")
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_VARNAME = re.compile(rf"[{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*+")
_BNODE = re.compile(rf"_:[{_U}0-9](?:[{_CHARS}.]*+)")
_NAME_RUN = re.compile(rf"[{_CHARS}.]*+")  # a PN_PREFIX candidate, trailing dots trimmed later
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = re.compile(rf"(?:[{_U}:0-9]|{_PLX})(?:[{_CHARS}:.]|{_PLX})*+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*+")
_BASE_CHAR = re.compile(rf"[{_BASE}]")
_SPACE = re.compile(r"[ \t\r\n]++")
_COMMENT = re.compile(r"#[^\r\n]*+")
_NIL_ANON = re.compile(r"\([ \t\r\n]*+\)|\[[ \t\r\n]*+\]")
_PUNCT = ("^^", "||", "&&", "!=", "<=", ">=", *"{}()[];,.*/|^!=<>+-?")
_ESCAPES = re.compile(rf"\\u({_HEX}{{4}})|\\U({_HEX}{{8}})")


@dataclass(frozen=True, slots=True)
class Token:
    """One terminal: ``kind`` is a grammar name (KEYWORD, IRIREF, PNAME_LN, ...) or PUNCT.

    ``text`` is the source text; for a KEYWORD it is upper-cased (``a`` stays ``a``).
    ``start`` is the offset of the token in the text that was tokenized.
    """

    kind: str
    text: str
    start: int


class LexError(ValueError):
    """The text has something at ``offset`` that is no SPARQL token (or is read ambiguously)."""

    def __init__(self, offset: int, reason: str):
        self.offset = offset
        self.reason = reason
        self.tokens: list[Token] = []  # the tokens before the error
        super().__init__(f"offset {offset}: {reason}")


def decode_codepoint_escapes(text: str) -> str:
    r"""``text`` with ``\uXXXX`` and ``\UXXXXXXXX`` replaced, as SPARQL 1.1 section 19.2 says."""

    def one(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()

    return _ESCAPES.sub(one, text)


def tokenize(text: str, stats: dict[str, int] | None = None) -> list[Token]:
    """The tokens of ``text``, without whitespace and comments; :class:`LexError` if any.

    ``stats``, if given, gets ``scanned``: how many characters the scan looked at, which is
    at most twice the text's length (every character is read by at most one token match and
    one name-run match).
    """
    tokens: list[Token] = []
    try:
        return _scan(text, tokens, stats)
    except LexError as error:
        error.tokens = tokens
        raise


def _scan(text: str, tokens: list[Token], stats: dict[str, int] | None) -> list[Token]:
    pos, end = 0, len(text)
    scanned = 0
    run_end = -1  # end of the last measured name run; positions before it share its result
    run_colon = False
    while pos < end:
        char = text[pos]
        start = pos
        kind = ""
        if char in " \t\r\n":
            pos = _SPACE.match(text, pos).end()
        elif char == "#":
            pos = _COMMENT.match(text, pos).end()
        elif char in "'\"":
            quote = char * 3 if text.startswith(char * 3, pos) else char
            match = _STRING[quote].match(text, pos)
            if match is None and len(quote) == 3 and text.startswith(char * 2, pos):
                match, quote = _STRING[char].match(text, pos), char  # '' is an empty string
            if match is None:
                raise LexError(pos, "unterminated or malformed string")
            kind, pos = "STRING", match.end()
        elif char == "<":
            match = _IRIREF.match(text, pos)
            if match:
                kind, pos = "IRIREF", match.end()
            else:
                kind, pos = "PUNCT", pos + (2 if text.startswith("<=", pos) else 1)
        elif char in "?$":
            match = _VARNAME.match(text, pos + 1)
            if match:
                kind, pos = "VAR", match.end()
            elif char == "?":
                kind, pos = "PUNCT", pos + 1
            else:
                raise LexError(pos, "'$' without a variable name")
        elif char == "@":
            match = _LANGTAG.match(text, pos)
            if match is None:
                raise LexError(pos, "'@' without a language tag")
            kind, pos = "LANGTAG", match.end()
        elif char == "_" and text.startswith("_:", pos):
            match = _BNODE.match(text, pos)
            if match is None:
                raise LexError(pos, "'_:' without a blank node label")
            pos = match.end()
            while text[pos - 1] == ".":
                pos -= 1
            kind = "BLANK_NODE_LABEL"
        elif "0" <= char <= "9" or (char == "." and _NUMBER.match(text, pos)):
            kind, pos = "NUMBER", _NUMBER.match(text, pos).end()
        elif char == ":":
            kind, pos = _pname(text, pos)
        elif _BASE_CHAR.match(char):
            if pos >= run_end:  # a new run: measure it once
                run_end = _NAME_RUN.match(text, pos).end()
                scanned += run_end - pos
                run_colon = run_end < end and text[run_end] == ":" and text[run_end - 1] != "."
            if run_colon:
                kind, pos = _pname(text, run_end)
            else:
                match = _WORD.match(text, pos)
                word = match.group() if match else ""
                if word != "a" and word.upper() not in KEYWORDS:
                    raise LexError(pos, f"{word or char!r} is not a SPARQL keyword")
                kind, pos = "KEYWORD", match.end()
        elif char in "([":
            match = _NIL_ANON.match(text, pos)
            if match:
                kind, pos = ("NIL" if char == "(" else "ANON"), match.end()
            else:
                kind, pos = "PUNCT", pos + 1
        else:
            for punct in _PUNCT:
                if text.startswith(punct, pos):
                    kind, pos = "PUNCT", pos + len(punct)
                    break
            else:
                raise LexError(pos, f"{char!r} cannot start a SPARQL token")
        scanned += pos - start
        if kind:
            value = text[start:pos]
            if kind == "KEYWORD" and value != "a":
                value = value.upper()
            tokens.append(Token(kind, value, start))
    if stats is not None:
        stats["scanned"] = scanned
    return tokens


def _pname(text: str, colon: int) -> tuple[str, int]:
    """Kind and end of the prefixed name whose ``:`` is at ``colon``."""
    match = _LOCAL.match(text, colon + 1)
    if match is None:
        return "PNAME_NS", colon + 1
    local = match.group()
    stop = match.end()
    while local.endswith(".") and not local.endswith("\\."):
        local, stop = local[:-1], stop - 1
    plain = re.sub(_PLX, "", local)  # escaped dots are no dots
    if len([run for run in re.split(r"[^.]+", plain) if run]) > 1:
        raise LexError(
            colon + 1,
            "a local name with more than one run of dots, which Oxigraph reads as several tokens",
        )
    return "PNAME_LN", stop
