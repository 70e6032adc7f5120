"""How one RDF term becomes the text of one cell, and back.

Each column of a sheet has a codec. :meth:`Codec.to_cell` gives the cell text for a term, or
None when the column cannot hold that term exactly (then the writer puts the triple in
``other.csv``, so nothing is lost). :meth:`Codec.from_cell` reads the text back (raising
:class:`CellProblem`), and for every text ``to_cell`` gives it returns the same term: this
is what makes an export load back as the same graph.

>>> from pyoxigraph import Literal, NamedNode
>>> DATE.to_cell(Literal("2024-12", datatype=NamedNode(XSD + "gYearMonth")))
'2024-12'
>>> DATE.from_cell("2024", None).datatype.value.endswith("gYear")
True
>>> TEXT.to_cell(Literal("Damascus", language="en")), TEXT.to_cell(Literal("x", language="fr"))
('Damascus', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode

from ..namespaces import AG, PREFIXES, XSD, compact
from .cells import join, language_of, split

if TYPE_CHECKING:
    from .resolve import Resolver

__all__ = [
    "CellProblem",
    "Codec",
    "Text",
    "Plain",
    "Number",
    "Boolean",
    "DateCodec",
    "Id",
    "Vocabulary",
    "Reference",
    "Wikidata",
    "TEXT",
    "TEXT_EN",
    "TEXT_AR",
    "PLAIN",
    "INTEGER",
    "PRECISION",
    "COUNT",
    "BOOLEAN",
    "DATE",
    "single_value",
]

_ID = re.compile(r"^[^\s<>\"|\\{}^`]+$")
_DATE_FORMS = {
    re.compile(r"^\d{4}$"): "gYear",
    re.compile(r"^\d{4}-\d{2}$"): "gYearMonth",
    re.compile(r"^\d{4}-\d{2}-\d{2}$"): "date",
}
WIKIDATA = "http://www.wikidata.org/entity/"


class CellProblem(Exception):
    """A cell's text cannot be read: ``message``, and a ``hint`` on how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


class Codec:
    """A term <-> cell text conversion; see the module docstring."""

    def to_cell(self, term) -> str | None:
        raise NotImplementedError

    def from_cell(self, text: str, resolver: Resolver | None):
        raise NotImplementedError


def single_value(text: str) -> bool:
    """Whether ``text`` survives a trip through a cell: no outer spaces, not empty.

    >>> single_value("x"), single_value(" x"), single_value("")
    (True, False, False)
    """
    return bool(text) and text == text.strip() and split(join([text])) == [text]


@dataclass(frozen=True)
class Text(Codec):
    """A language-tagged string: ``language`` fixed, or (None) the language of its script."""

    language: str | None = None

    def to_cell(self, term) -> str | None:
        if not isinstance(term, Literal) or not term.language or not single_value(term.value):
            return None
        wanted = self.language or language_of(term.value)
        return term.value if term.language == wanted else None

    def from_cell(self, text: str, resolver: Resolver | None) -> Literal:
        if self.language == "ar" and language_of(text) != "ar":
            raise CellProblem(f"{text!r} is not in Arabic script", "write the Arabic name here")
        return Literal(text, language=self.language or language_of(text))


@dataclass(frozen=True)
class Plain(Codec):
    """A string without a language (xsd:string)."""

    def to_cell(self, term) -> str | None:
        ok = isinstance(term, Literal) and not term.language and term.datatype.value == _S
        return term.value if ok and single_value(term.value) else None

    def from_cell(self, text: str, resolver: Resolver | None) -> Literal:
        return Literal(text)


_S = XSD + "string"


@dataclass(frozen=True)
class Number(Codec):
    """A whole number of one datatype, from ``least`` to ``most`` (if given)."""

    datatype: str
    least: int = 0
    most: int | None = None

    def to_cell(self, term) -> str | None:
        if isinstance(term, Literal) and term.datatype.value == XSD + self.datatype:
            text = term.value
            if re.fullmatch(r"-?\d+", text) and str(int(text)) == text and self._fits(text):
                return text
        return None

    def from_cell(self, text: str, resolver: Resolver | None) -> Literal:
        if not re.fullmatch(r"\d+", text) or not self._fits(text):
            top = f" and at most {self.most}" if self.most is not None else ""
            raise CellProblem(
                f"{text!r} is not a whole number of at least {self.least}{top}",
                f"write digits only, e.g. {max(self.least, 1)}",
            )
        return Literal(str(int(text)), datatype=NamedNode(XSD + self.datatype))

    def _fits(self, text: str) -> bool:
        return int(text) >= self.least and (self.most is None or int(text) <= self.most)


@dataclass(frozen=True)
class Boolean(Codec):
    """``true`` or ``false`` (xsd:boolean); an empty cell means absent."""

    def to_cell(self, term) -> str | None:
        ok = isinstance(term, Literal) and term.datatype.value == XSD + "boolean"
        return term.value if ok and term.value in ("true", "false") else None

    def from_cell(self, text: str, resolver: Resolver | None) -> Literal:
        if text.lower() not in ("true", "false"):
            raise CellProblem(f"{text!r} is not true or false", "write true, or leave it empty")
        return Literal(text.lower(), datatype=NamedNode(XSD + "boolean"))


@dataclass(frozen=True)
class DateCodec(Codec):
    """``YYYY-MM-DD`` (xsd:date), ``YYYY-MM`` (xsd:gYearMonth) or ``YYYY`` (xsd:gYear)."""

    def to_cell(self, term) -> str | None:
        if not isinstance(term, Literal):
            return None
        for pattern, datatype in _DATE_FORMS.items():
            if term.datatype.value == XSD + datatype and pattern.match(term.value):
                return term.value
        return None

    def from_cell(self, text: str, resolver: Resolver | None) -> Literal:
        for pattern, datatype in _DATE_FORMS.items():
            if pattern.match(text) and _real_date(text):
                return Literal(text, datatype=NamedNode(XSD + datatype))
        raise CellProblem(
            f"{text!r} is not a date",
            "write YYYY-MM-DD, or YYYY-MM or YYYY when the source is only that precise",
        )


def _real_date(text: str) -> bool:
    """Whether ``text`` (a date, month or year) names a day, month or year that exists."""
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Id(Codec):
    """A node's own id: its local name in ``namespace``, or ``<iri>`` for any other IRI."""

    namespace: str

    def to_cell(self, term) -> str | None:
        if not isinstance(term, NamedNode):
            return None
        local = term.value[len(self.namespace) :]
        if term.value.startswith(self.namespace) and _ID.match(local) and local[0] != "'":
            return local
        return f"<{term.value}>" if _ID.match(term.value) else None

    def from_cell(self, text: str, resolver: Resolver | None) -> NamedNode:
        if text.startswith("<") and text.endswith(">") and _ID.match(text[1:-1]):
            return NamedNode(text[1:-1])
        if not _ID.match(text):
            raise CellProblem(
                f"{text!r} is not an id", "use lower-case words joined by '-', e.g. new-actor"
            )
        return NamedNode(self.namespace + text)


@dataclass(frozen=True)
class Vocabulary(Codec):
    """A term of the ontology: ``kind`` names the set (``relation``, ``stance`` ...)."""

    kind: str

    def to_cell(self, term) -> str | None:
        ok = isinstance(term, NamedNode) and term.value.startswith(AG)
        return term.value[len(AG) :] if ok and _ID.match(term.value[len(AG) :]) else None

    def from_cell(self, text: str, resolver: Resolver | None) -> NamedNode:
        return resolver.vocabulary(self.kind, text)


@dataclass(frozen=True)
class Reference(Codec):
    """A node named in a cell: an actor, place, unnamed source, event or document.

    ``kinds`` are tried in order by :meth:`Resolver.resolve`. Written as an id for the
    first kind's namespace, as ``prefix:id`` for another known namespace, else ``<iri>``.
    """

    kinds: tuple[str, ...]
    namespace: str

    def to_cell(self, term) -> str | None:
        if not isinstance(term, NamedNode) or not _ID.match(term.value):
            return None
        local = term.value[len(self.namespace) :]
        if term.value.startswith(self.namespace) and _ID.match(local) and ":" not in local:
            return local
        short = compact(term.value)
        prefix = short.partition(":")[0]
        return short if prefix in PREFIXES and _ID.match(short) else f"<{term.value}>"

    def from_cell(self, text: str, resolver: Resolver | None) -> NamedNode:
        return resolver.resolve(self.kinds, text)


@dataclass(frozen=True)
class Wikidata(Codec):
    """``owl:sameAs``: a Wikidata entity as its id (``Q858``), any other IRI as ``<iri>``."""

    def to_cell(self, term) -> str | None:
        if not isinstance(term, NamedNode) or not _ID.match(term.value):
            return None
        local = term.value[len(WIKIDATA) :]
        if term.value.startswith(WIKIDATA) and re.fullmatch(r"[QP]\d+", local):
            return local
        return f"<{term.value}>"

    def from_cell(self, text: str, resolver: Resolver | None) -> NamedNode:
        if re.fullmatch(r"[QP]\d+", text):
            return NamedNode(WIKIDATA + text)
        if text.startswith("<") and text.endswith(">") and _ID.match(text[1:-1]):
            return NamedNode(text[1:-1])
        raise CellProblem(f"{text!r} is not a Wikidata id", "write the entity id, e.g. Q858")


TEXT = Text()
TEXT_EN = Text("en")
TEXT_AR = Text("ar")
PLAIN = Plain()
INTEGER = Number("integer", least=1)
PRECISION = Number("integer", least=1, most=3)
COUNT = Number("nonNegativeInteger", least=0)
BOOLEAN = Boolean()
DATE = DateCodec()
