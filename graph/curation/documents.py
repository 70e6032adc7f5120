"""A document to read for suggestions: its lines, date, own lines and voice.

The graph's description of a document (``curation-document.rq``) gives its publication date,
the lines that are not its own statements (``ag:notOwnLines``: embedded headlines, reporters'
questions) and its publisher. The **voice**, the actor that "we" and "our" stand for, is the
one given, else the actor the text names in an apposition ("We, the leaders of the Group of
Seven (G7), ...": a joint statement speaks for its signatories), else the actor the
publisher's name refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal

from ..errors import UsageError
from ..resources import query_text
from .coreference import line_mentions
from .mentions import Lexicon, lexicon
from .tokens import words

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["Document", "read_document", "parse_ranges"]

_WE_ARE = re.compile(r"\bWe, ((?:the )?[^,]{3,80}),")


@dataclass(frozen=True)
class Document:
    """A document to read: its file name, lines, date and the lines that are not its own."""

    name: str
    lines: tuple[str, ...]
    date: date | None = None
    not_own: frozenset[int] = frozenset()
    voice: str | None = None  # the actor "we" and "our" stand for


def parse_ranges(text: str) -> frozenset[int]:
    """The line numbers of an ``ag:notOwnLines`` value.

    >>> sorted(parse_ranges("1, 3-5"))
    [1, 3, 4, 5]
    """
    lines: set[int] = set()
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        if low.strip():
            lines.update(range(int(low), int(high or low) + 1))
    return frozenset(lines)


def read_document(
    gs: GraphStore,
    path: Path,
    when: date | None = None,
    voice: str | None = None,
    *,
    lex: Lexicon | None = None,
) -> Document:
    """``path`` as a :class:`Document`, with the date, own lines and voice its description
    gives (the voice: ``voice``, else the one the text names, else the actor its publisher's
    name refers to). ``lex``: the graph's lexicon, if the caller has built it already."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    rows = gs.select(query_text("curation-document.rq"), {"file": Literal(path.name)})
    described = rows[0] if rows else {}
    published = described.get("published")
    if when is None and published is not None:
        when = date.fromisoformat(published.value[:10])
    not_own = parse_ranges(described["notOwn"].value) if "notOwn" in described else frozenset()
    lines = tuple(text.splitlines())
    if voice is None:
        lex = lex or lexicon(gs)
        voice = _self_named(lex, lines)
        if voice is None and "publisher" in described:
            voice = _refers_to(lex, described["publisher"].value)
    return Document(path.name, lines, when, not_own, voice)


def _self_named(lex: Lexicon, lines: tuple[str, ...]) -> str | None:
    """The actor a text names as "we" in an apposition ("We, the leaders of the Group of
    Seven (G7), ..."): a joint statement speaks for its signatories, not its publisher."""
    for line in lines:
        apposition = _WE_ARE.search(line)
        if apposition is not None:
            return _refers_to(lex, apposition.group(1))
    return None


def _refers_to(lex: Lexicon, name: str) -> str | None:
    """The one actor that ``name`` names or refers to, if there is exactly one."""
    found = words(name)
    named = {m.id for m in line_mentions(lex, found, name, None) if m.kind == "actor"}
    return named.pop() if len(named) == 1 else None
