"""The Turtle a review compiles to: readable, sorted, with stable statement ids.

:func:`turtle` writes the accepted rows of a review sheet (and the new actors of its actors
sheet) as ``ag:Statement`` nodes under the project's prefixes, each named
``stmt:<prefix>-<line>-<subject>-<relation>-<object>`` so that a rerun gives the same ids;
:func:`turtle_term` writes a qualifier's value the same way.

>>> statement_id("new", {"line": "7", "subject": "iran", "relation": "supports",
...                      "object": "?Some Group"})
'new-007-iran-supports-some-group'
>>> turtle_term("https://w3id.org/actorgraph/ns#planned")
'ag:planned'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode

from ..namespaces import DOCUMENT, XSD, compact

__all__ = ["turtle", "turtle_term", "statement_id", "slug"]

_PREFIXES = """@prefix ag: <https://w3id.org/actorgraph/ns#> .
@prefix actor: <https://w3id.org/actorgraph/actor/> .
@prefix stmt: <https://w3id.org/actorgraph/statement/> .
@prefix source: <https://w3id.org/actorgraph/source/> .
@prefix doc: <https://w3id.org/actorgraph/document/> .
@prefix place: <https://w3id.org/actorgraph/place/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
_DECLARED = frozenset(line.split()[1][:-1] for line in _PREFIXES.splitlines())
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def statement_id(prefix: str, row: Mapping[str, str]) -> str:
    """The statement id of an accepted row: readable and the same on every run."""
    parts = [prefix, f"{int(row['line']):03d}", row["subject"], row["relation"], row["object"]]
    return "-".join(slug(p) for p in parts)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def turtle_term(term: NamedNode | Literal | str) -> str:
    """A term in Turtle: ``prefix:local`` for an IRI under a prefix the file declares."""
    if isinstance(term, str):
        term = NamedNode(term)
    if isinstance(term, NamedNode):
        short = compact(term.value)
        prefix, _colon, local = short.partition(":")
        if prefix in _DECLARED and _LOCAL.fullmatch(local):
            return short
    elif not term.language and term.datatype.value != XSD + "string":
        return f"{Literal(term.value)}^^{turtle_term(term.datatype)}"
    return str(term)


def _term(name: str, kinds: Mapping[str, str], actors: Mapping[str, dict[str, str]]) -> str:
    if name.startswith("?"):
        return f"actor:{actors[name]['id']}"
    prefix = {"place": "place", "source": "source"}.get(kinds.get(name, "actor"), "actor")
    return f"{prefix}:{name}"


def turtle(rows: list[dict[str, str]], new: list[dict[str, str]], kinds, prefix: str) -> str:
    """The seeds file of accepted ``rows`` and ``new`` actors (rows of the actors sheet)."""
    actors = {a["surface"]: a for a in new}
    parts = [
        _PREFIXES,
        "# Compiled by `actorgraph review` from a review sheet; notes are the curators'.\n",
    ]
    parts += [_actor(a) for a in sorted(new, key=lambda a: a["id"])]
    for row in rows:
        parts.append(_statement(row, kinds, actors, prefix))
    return "\n".join(parts)


def _actor(row: dict[str, str]) -> str:
    lines = [
        f"actor:{row['id']} a ag:{row['class']} ;",
        f"    rdfs:label {Literal(row['label_en'], language='en')} , "
        f"{Literal(row['label_ar'], language='ar')} ;",
    ]
    aliases = [a for a in row["aliases"].split("|") if a]
    if aliases:
        lines.append("    skos:altLabel " + " , ".join(str(Literal(a)) for a in aliases) + " ;")
    if row["wikidata"]:
        lines.append(f"    owl:sameAs <http://www.wikidata.org/entity/{row['wikidata']}> ;")
    if row["comment"]:
        lines.append(f"    rdfs:comment {Literal(row['comment'], language='en')} ;")
    return "\n".join(lines)[:-2] + " .\n"


def _statement(row: dict[str, str], kinds, actors, prefix: str) -> str:
    term = lambda name: _term(name, kinds, actors)  # noqa: E731
    lines = [
        f"stmt:{statement_id(prefix, row)} a ag:Statement ;",
        f"    ag:subject {term(row['subject'])} ;",
        f"    ag:relation ag:{row['relation']} ;",
        f"    ag:object {term(row['object'])} ;",
    ]
    if row["date"]:
        lines.append(f'    ag:date "{row["date"]}"^^xsd:date ;')
    elif not row.get("before_document"):
        lines.append("    ag:beforeDocument true ;")
    lines.append(f"    ag:stance ag:{row['stance']} ;")
    speakers = [term(a) for a in row["attributed_to"].split("|") if a]
    if speakers:
        lines.append(f"    ag:attributedTo {' , '.join(speakers)} ;")
    document = NamedNode(DOCUMENT + row["document"])
    source = f"[ ag:document {document} ; ag:line {int(row['line'])}"
    if row["excerpt"]:
        source += f" ;\n          ag:excerpt {Literal(row['excerpt'])}"
    if row.get("_qualifiers"):
        lines.append(row["_qualifiers"])
    lines.append(f"    ag:source {source} ] ;")
    lines.append(f"    ag:note {Literal(row['note'], language='en')} .")
    return "\n".join(lines) + "\n"
