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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal

from ..errors import UsageError
from ..resources import query_text
from .coreference import line_mentions
from .corpus import line_ranges
from .mentions import Lexicon, lexicon
from .tokens import words

if TYPE_CHECKING:
    from ..store.base import GraphStore

__all__ = ["Document", "read_document"]

_WE_ARE = re.compile(r"\bWe, ((?:the )?[^,]{3,80}),")


@dataclass(frozen=True)
class Document:
    """A document to read: its file name, lines, date and the lines that are not its own."""

    name: str
    lines: tuple[str, ...]
    date: date | None = None
    not_own: frozenset[int] = frozenset()
    voice: str | None = None  # the actor "we" and "our" stand for

    def own_lines(self) -> Iterator[tuple[int, str]]:
        """The numbers and text of the document's own lines: not empty, not a "-" link
        marker, not in its ``not_own`` ranges."""
        for number, line in enumerate(self.lines, 1):
            if number not in self.not_own and line.strip() not in {"", "-"}:
                yield number, line


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
    not_own = frozenset(line_ranges(described["notOwn"].value) if "notOwn" in described else ())
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
