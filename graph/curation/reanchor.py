"""Finding each excerpt's line again after a corpus document was re-flowed or corrected.

A citation names a document, a line and an excerpt copied from that line. When the document
changes, the line numbers drift. :func:`reanchor` finds each excerpt's new line, first by
exact match, then by the nearest fuzzy match, in both cases ranked by distance from the old
line, and rewrites the ``ag:line`` numbers of Turtle data files in place (atomically). An
excerpt it cannot place is an orphan, reported as ``file:line``. Only the line numbers
change; every other character of the file stays as it was.

>>> lines = ["The army withdrew.", "Talks began in Doha today.", "Talks resumed."]
>>> place("Talks began in Doha", lines, 1)
(2, 'exact', 1.0)
>>> place("talks began at Doha", lines, 3)
(2, 'fuzzy', 0.89)
>>> place("nothing like it", lines, 1) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial
from pathlib import Path

from ..errors import UsageError
from ..files import write_atomically
from ..records import Record
from .corpus import corpus_dir

__all__ = ["Anchor", "place", "reanchor", "FUZZY_THRESHOLD"]

#: The least share of an excerpt's characters a line must hold, in order, for a fuzzy match.
FUZZY_THRESHOLD = 0.8

# One source reference in Turtle: a bracket with a document, a line and an excerpt, in any
# order (the seeds and ``review`` write them so); the excerpt is a short string literal.
_REFERENCE = re.compile(r"\[[^\[\]]*?ag:document\s+doc:(?P<doc>[^\s;\]]+)[^\[\]]*?\]", re.S)
_LINE = re.compile(r"(ag:line\s+)(\d+)")
_EXCERPT = re.compile(r'ag:excerpt\s+"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Anchor(Record):
    """What became of one citation: ``kept``, ``moved`` (exact or fuzzy) or ``orphan``."""

    file: str
    document: str
    old_line: int
    new_line: int | None
    how: str  # "kept", "exact", "fuzzy" or "orphan"
    score: float
    excerpt: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.old_line}"


def place(excerpt: str, lines: list[str], old: int) -> tuple[int, str, float] | None:
    """The line (1-based) of ``excerpt`` in ``lines``, nearest to ``old``: an exact match
    first, else the best fuzzy one (the characters of the excerpt found on a line in order,
    as a share of the excerpt, at least :data:`FUZZY_THRESHOLD`); None if neither."""
    exact = [n for n, text in enumerate(lines, start=1) if excerpt in text]
    if exact:
        return min(exact, key=lambda n: (abs(n - old), n)), "exact", 1.0
    wanted = excerpt.casefold()
    scored = []
    for n, text in enumerate(lines, start=1):
        match = SequenceMatcher(None, wanted, text.casefold(), autojunk=False)
        share = sum(block.size for block in match.get_matching_blocks()) / max(len(wanted), 1)
        if share >= FUZZY_THRESHOLD:
            scored.append((round(share, 2), n))
    if not scored:
        return None
    best = max(share for share, _ in scored)
    line = min((n for share, n in scored if share == best), key=lambda n: (abs(n - old), n))
    return line, "fuzzy", best


def reanchor(files: list[Path], corpus: Path | None = None, *, write: bool = True) -> list[Anchor]:
    """Check every cited excerpt of the Turtle ``files`` against the corpus, and rewrite the
    line numbers that moved (unless ``write`` is false). Returns one :class:`Anchor` per
    citation. Raises :class:`UsageError` if the corpus directory does not exist."""
    directory = corpus_dir(corpus)
    if not directory.is_dir():
        raise UsageError(
            f"no corpus directory at {directory}; give it with --corpus DIR or $ACTORGRAPH_CORPUS"
        )
    found: list[Anchor] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"{path}: cannot read it as UTF-8 text: {error}") from None
        anchors: list[Anchor] = []
        rewritten = _REFERENCE.sub(
            partial(_rewrite, path=path, corpus=directory, anchors=anchors), text
        )
        found += anchors
        if write and rewritten != text:
            write_atomically(path, lambda out, data=rewritten: out.write(data.encode("utf-8")))
    return found


def _rewrite(match: re.Match, path: Path, corpus: Path, anchors: list[Anchor]) -> str:
    block = match.group(0)
    line, excerpt = _LINE.search(block), _EXCERPT.search(block)
    if line is None or excerpt is None:
        return block
    document, old = match.group("doc"), int(line.group(2))
    quote = _unescape(excerpt.group(1))
    lines = _document_lines(corpus / document)
    if 0 < old <= len(lines) and quote in lines[old - 1]:
        anchors.append(Anchor(path.name, document, old, old, "kept", 1.0, quote))
        return block
    placed = place(quote, lines, old) if lines else None
    if placed is None:
        anchors.append(Anchor(path.name, document, old, None, "orphan", 0.0, quote))
        return block
    new, how, score = placed
    anchors.append(Anchor(path.name, document, old, new, how, score, quote))
    return block[: line.start(2)] + str(new) + block[line.end(2) :]


def _unescape(text: str) -> str:
    """A Turtle string's escapes (ECHAR and UCHAR) read."""
    simple = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}

    def one(match: re.Match) -> str:
        code = match.group(1)
        if code[0] in "uU":
            return chr(int(code[1:], 16))
        return simple.get(code, code)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", one, text)


def _document_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):  # a missing or unreadable document: orphans
        return []
