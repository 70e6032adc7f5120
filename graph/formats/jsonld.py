"""Compact JSON-LD: short keys (``subject``, ``relation``, ``stance``), each node once per graph.

pyoxigraph writes JSON-LD expanded: full IRIs, and a node object per triple group, so one
statement's ``@id`` can occur many times. This writer builds the compact form itself, from
the quads, so that it expands to exactly the same dataset (the tests check this with pyld
and against the N-Quads export):

- ``@context`` has ``@vocab`` set to actorgraph's ontology, so each ``ag:`` property is its
  local name; actorgraph's prefixes (``actor:``, ``stmt:``, ``doc:`` ...) and
  ``graph:`` for the named graphs; and short names for a few common terms (``label`` for
  ``rdfs:label``, ``altLabel``, ``definition``, ``comment``, ``sameAs``, ``title``).
- Each property's values are coerced when they all have one kind in this export: IRIs of the
  ontology (``"relation": "militarySupport"``, ``"stance": "claimed"``), other IRIs
  (``"subject": "actor:iran"``), or literals of one datatype (``"date": "2024-12-01"``).
  A value that does not fit its property's coercion is written in full (``{"@id": ...}``
  or ``{"@value": ..., "@type": ...}``), so nothing changes meaning.
- The document's ``@graph`` holds one object per named graph (``"@id": "graph:curated"``)
  whose own ``@graph`` lists each subject of that graph once, sorted, with its properties;
  triples of the default graph, if any, are top-level nodes.
- Only JSON-LD 1.0 features are used, so 1.0 and 1.1 processors read it alike.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from ..namespaces import AG, BASE, PREFIXES, RDF, RDFS, XSD, local_id

__all__ = ["jsonld_document", "write_jsonld"]

_TYPE = RDF + "type"
_SKOS = PREFIXES["skos"]
_STRING = XSD + "string"
_INTEGER = XSD + "integer"
_CANONICAL_INTEGER = re.compile(r"-?(0|[1-9][0-9]{0,15})")
_LANG_STRING = RDF + "langString"
#: The JSON-LD context's prefixes. ``source`` names ag:source, the most used property, so
#: the prefix for unnamed sources is ``unnamed`` here.
_PREFIXES = {("unnamed" if name == "source" else name): iri for name, iri in PREFIXES.items()} | {
    "graph": BASE + "graph/"
}
_ALIASES = {
    "label": RDFS + "label",
    "comment": RDFS + "comment",
    "altLabel": _SKOS + "altLabel",
    "definition": _SKOS + "definition",
    "sameAs": PREFIXES["owl"] + "sameAs",
    "title": PREFIXES["dcterms"] + "title",
}
_ID, _VOCAB = "@id", "@vocab"


def write_jsonld(quads: Iterable[Quad], out: Any) -> None:
    """Write ``quads`` to the binary stream ``out`` as compact JSON-LD (UTF-8)."""
    text = json.dumps(jsonld_document(quads), ensure_ascii=False, indent=1)
    out.write((text + "\n").encode("utf-8"))


def jsonld_document(quads: Iterable[Quad]) -> dict[str, Any]:
    """The compact JSON-LD document (a dict) for ``quads``."""
    quads = list(quads)
    terms = _terms({q.predicate.value for q in quads if q.predicate.value != _TYPE})
    coercion = {p: kind for p, kind in _coercions(quads).items() if ":" not in terms.get(p, ":")}
    context: dict[str, Any] = {_VOCAB: AG, **_PREFIXES}
    for iri, term in sorted(terms.items(), key=lambda item: item[1]):
        if ":" in term:
            continue  # a compact IRI key: no definition
        kind = coercion.get(iri)
        context[term] = {_ID: _curie(iri), "@type": kind} if kind else _curie(iri)
    writer = _Writer(terms, coercion)

    by_graph: dict[str, dict[str, list[Quad]]] = defaultdict(lambda: defaultdict(list))
    for quad in quads:
        graph = "" if isinstance(quad.graph_name, DefaultGraph) else _node_id(quad.graph_name)
        by_graph[graph][_node_id(quad.subject)].append(quad)
    top = writer.nodes(by_graph.pop("", {}))
    graph_objects = {n["@id"]: n for n in top}
    for graph, subjects in sorted(by_graph.items()):
        members = writer.nodes(subjects)
        holder = graph_objects.get(graph)
        if holder is None:
            top.append({"@id": graph, "@graph": members})
        else:
            holder["@graph"] = members
    return {"@context": context, "@graph": top}


def _terms(predicates: Iterable[str]) -> dict[str, str]:
    """Each predicate's key: an alias, its local name (ag: first), or its compact IRI.

    A local name is used when it is a plain name not yet taken and not a prefix; otherwise
    the key is the compact IRI, which needs no definition (and gets no coercion).
    """
    taken = set(_PREFIXES) | set(_ALIASES)
    aliases = {iri: name for name, iri in _ALIASES.items()}
    terms = {iri: aliases[iri] for iri in predicates if iri in aliases}
    others = sorted(set(predicates) - set(terms), key=lambda iri: (not iri.startswith(AG), iri))
    for iri in others:
        local = local_id(iri)
        if local.isidentifier() and local not in taken:
            terms[iri] = local
            taken.add(local)
        else:
            terms[iri] = _curie(iri)
    return terms


def _coercions(quads: list[Quad]) -> dict[str, str]:
    """Each predicate's type coercion, if all its values in ``quads`` share one kind."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for quad in quads:
        value = quad.object
        if isinstance(value, NamedNode):
            kind = _VOCAB if value.value.startswith(AG) and _vocab_name(value.value) else _ID
        elif isinstance(value, BlankNode):
            kind = _ID
        elif isinstance(value, Literal) and value.datatype.value not in (_STRING, _LANG_STRING):
            kind = value.datatype.value
        else:
            kind = ""  # plain or language-tagged text: no coercion
        kinds[quad.predicate.value].add(kind)
    coercion = {}
    for predicate, found in kinds.items():
        if found == {_VOCAB, _ID}:
            found = {_ID}
        if len(found) == 1 and (kind := next(iter(found))):
            coercion[predicate] = kind if kind in (_ID, _VOCAB) else _curie(kind)
    return coercion


def _vocab_name(iri: str) -> str:
    """The ag: local name a vocab-relative value can use, or "" if it would be misread."""
    local = iri[len(AG) :]
    reserved = set(_PREFIXES) | set(_ALIASES)
    return local if local.isidentifier() and local not in reserved else ""


class _Writer:
    """Node objects in compact form, given each predicate's key and coercion."""

    def __init__(self, terms: Mapping[str, str], coercion: Mapping[str, str]) -> None:
        self.terms = terms
        self.coercion = coercion
        self.term_names = set(terms.values())

    def nodes(self, subjects: Mapping[str, list[Quad]]) -> list[dict[str, Any]]:
        """The node objects of one graph, sorted by id.

        A blank node that is the object of exactly one triple of the graph is written inside
        that triple's subject (as a source is inside its statement), without an ``@id``.
        """
        uses: dict[str, int] = defaultdict(int)
        for triples in subjects.values():
            for quad in triples:
                if isinstance(quad.object, BlankNode):
                    uses[_node_id(quad.object)] += 1
        self._inline = {s: subjects[s] for s, n in uses.items() if n == 1 and s in subjects}
        self._written: set[str] = set()
        listed = [
            self._node(subject, triples)
            for subject, triples in sorted(subjects.items())
            if subject not in self._inline
        ]
        # Blank nodes that only reference each other in a cycle are listed on their own.
        for subject in sorted(set(self._inline) - self._written):
            if subject not in self._written:
                self._inline.pop(subject)
                listed.append(self._node(subject, subjects[subject]))
        return listed

    def _node(self, subject: str, quads: list[Quad], *, inline: bool = False) -> dict[str, Any]:
        self._written.add(subject)
        node: dict[str, Any] = {} if inline else {"@id": subject}
        types = sorted(self._type_name(q.object) for q in quads if q.predicate.value == _TYPE)
        if types:
            node["@type"] = types[0] if len(types) == 1 else types
        values: dict[str, list[Any]] = defaultdict(list)
        for quad in quads:
            if quad.predicate.value != _TYPE:
                values[quad.predicate.value].append(quad.object)
        for predicate in sorted(values, key=lambda p: self.terms[p]):
            written = [self._value(predicate, v) for v in sorted(values[predicate], key=_order)]
            node[self.terms[predicate]] = written[0] if len(written) == 1 else written
        return node

    def _type_name(self, value: Any) -> str:
        if isinstance(value, NamedNode):
            return self._vocab_value(value.value)
        return _node_id(value)

    def _vocab_value(self, iri: str) -> str:
        """An IRI where values are vocab-relative: its ag: local name if that reads back the
        same (not a term, or the term for this very IRI), else its compact IRI."""
        local = _vocab_name(iri) if iri.startswith(AG) else ""
        if local and (local not in self.term_names or self.terms.get(iri) == local):
            return local
        return _curie(iri)

    def _value(self, predicate: str, value: Any) -> Any:
        kind = self.coercion.get(predicate)
        if isinstance(value, BlankNode):
            inner = _node_id(value)
            if inner in self._inline and inner not in self._written:
                return self._node(inner, self._inline[inner], inline=True)
        if isinstance(value, NamedNode | BlankNode):
            if kind == _VOCAB and isinstance(value, NamedNode):
                return self._vocab_value(value.value)
            return _node_id(value) if kind in (_ID, _VOCAB) else {"@id": _node_id(value)}
        datatype = value.datatype.value
        if value.language:
            return {"@value": value.value, "@language": value.language}
        if kind is None and datatype == _STRING:
            return value.value
        if kind is not None and kind == _curie(datatype):
            if datatype == _INTEGER and _CANONICAL_INTEGER.fullmatch(value.value):
                return int(value.value)  # a JSON number reads back as the same xsd:integer
            return value.value
        if datatype == _STRING:
            return {"@value": value.value}
        return {"@value": value.value, "@type": _curie(datatype)}


def _order(value: Any) -> tuple[str, str, str]:
    if isinstance(value, Literal):
        return ("1", value.value, value.language or value.datatype.value)
    return ("0", str(value), "")


def _node_id(term: Any) -> str:
    """A subject, object or graph name: a compact IRI, or ``_:label`` for a blank node."""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return _curie(term.value)


def _curie(iri: str) -> str:
    """``prefix:local`` for an IRI under one of the context's prefixes, else the IRI itself.

    The local part must not start with ``//`` (it would read as an absolute IRI).
    """
    best = ""
    for name, namespace in _PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(_PREFIXES.get(best, "")):
            best = name
    local = iri[len(_PREFIXES[best]) :] if best else ""
    if not best or local.startswith("//"):
        return iri
    return f"{best}:{local}"
