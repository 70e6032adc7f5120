"""The text of one sheet cell: formula escaping, several values in a cell, language by script.

**Formula injection.** A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@``
as a formula. Every cell actorgraph writes goes through :func:`escape`: such a cell gets a
leading apostrophe, and a cell that itself begins with an apostrophe gets one more, so
:func:`unescape` (remove one leading apostrophe, if there is one) gives back the exact
text. A cell read from a sheet that begins with one of the four characters and no
apostrophe is refused (:func:`looks_like_formula`): it was typed, or pasted, unescaped.

>>> escape("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> escape("'quoted'")
"''quoted'"
>>> unescape(escape("-5")), unescape(escape("'x")), unescape(escape("plain"))
('-5', "'x", 'plain')

**Several values.** ``|`` separates the values of a cell that may hold several (aliases,
attributed_to ...). A ``|`` or ``\\`` inside one value is written ``\\|`` or ``\\\\``:

>>> join(["Damascus", "the regime"])
'Damascus|the regime'
>>> split(join(["a|b", "c\\\\d"])) == ["a|b", "c\\\\d"]
True
>>> split(" Damascus | the regime ")
['Damascus', 'the regime']

**Language.** Sheets carry no language tags: text in Arabic script is ``@ar``, any other
text ``@en`` (:func:`language_of`).

>>> language_of("الحكومة السورية"), language_of("Syrian government")
('ar', 'en')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "FORMULA_STARTS",
    "escape",
    "unescape",
    "looks_like_formula",
    "join",
    "split",
    "language_of",
]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
_QUOTE = "'"
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def escape(text: str) -> str:
    """``text`` safe to put in a spreadsheet cell: see the module docstring."""
    if text.startswith((*FORMULA_STARTS, _QUOTE)):
        return _QUOTE + text
    return text


def unescape(cell: str) -> str:
    """The text :func:`escape` turned into ``cell``: one leading apostrophe removed.

    >>> unescape("''x")
    "'x"
    """
    return cell[1:] if cell.startswith(_QUOTE) else cell


def looks_like_formula(cell: str) -> bool:
    """Whether ``cell`` (as read, before :func:`unescape`) would run as a formula.

    >>> looks_like_formula("=1+1"), looks_like_formula("'=1+1")
    (True, False)
    """
    return cell.startswith(FORMULA_STARTS)


def join(values: Iterable[str]) -> str:
    """Several values in one cell, separated by ``|`` (``\\`` and ``|`` escaped)."""
    return "|".join(v.replace("\\", "\\\\").replace("|", "\\|") for v in values)


def split(cell: str) -> list[str]:
    """The values of a cell written by :func:`join`, each stripped; empty ones dropped."""
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "|":
            values.append("".join(current))
            current = []
        else:
            current.append(char)
    values.append("".join(current))
    return [v.strip() for v in values if v.strip()]


def language_of(text: str) -> str:
    """``ar`` if ``text`` holds Arabic letters, else ``en``."""
    return "ar" if _ARABIC.search(text) else "en"
