"""SHACL validation inside the store: the shapes compiled to SPARQL, for inputs too big for pyshacl.

pyshacl builds an rdflib graph and checks node by node in Python, which is fine for the seeds
and a user's file but takes hours for millions of statements. :func:`compile_shapes` turns
the core SHACL subset that ``ontology/shapes.ttl`` uses into SPARQL SELECT queries, one per
constraint, each returning the focus nodes that break it; :func:`validate_store` runs them
over the union of a store's graphs, where Oxigraph evaluates them in Rust.

Supported: targets ``sh:targetClass`` (with subclasses) and ``sh:targetObjectsOf``; property
shapes with a single-IRI ``sh:path``; ``sh:minCount``, ``sh:maxCount``,
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``/``sh:qualifiedMaxCount``, and the
value constraints ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in``,
``sh:languageIn``, ``sh:pattern``, ``sh:maxLength``, ``sh:minInclusive``, ``sh:or``,
``sh:not`` and ``sh:node`` (nested shapes may hold property shapes with value constraints
and ``sh:minCount 1``). Anything else raises :class:`NotImplementedError` when compiling, so
a new kind of constraint in the shapes cannot be skipped silently.

Results are reported like :func:`graph.validate.validate_quads` reports pyshacl's: the
shape's ``sh:message``, the focus node compacted, and a blank-node focus (a source
reference) reported as the statement that holds it with the path ``ag:source/...``.
tests/test_shacl_sparql.py checks that both validators agree on the seeds and on every
invalid fixture.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store, parse

from graph.errors import Violation
from graph.namespaces import PREFIXES, compact
from graph.resources import ontology_dir

__all__ = ["Check", "compile_shapes", "validate_store"]

_SH = "http://www.w3.org/ns/shacl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DEFAULT_MESSAGE = "does not conform to the shapes"  # as graph.validate says it
_VALUE_CONSTRAINTS = {
    "class",
    "datatype",
    "nodeKind",
    "in",
    "languageIn",
    "pattern",
    "maxLength",
    "minInclusive",
    "or",
    "not",
    "node",
}
# Read by the target and count code, or only descriptive: not value constraints.
_STRUCTURAL = {
    "name",
    "message",
    "description",
    "path",
    "property",
    "targetClass",
    "targetObjectsOf",
    "minCount",
    "maxCount",
    "qualifiedValueShape",
    "qualifiedMinCount",
    "qualifiedMaxCount",
}


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a SELECT of ``?focus`` (and ``?parent``/``?via`` for a
    blank-node focus), with the path and message to report."""

    query: str
    path: str | None
    message: str


def compile_shapes(shapes: Path | None = None) -> list[Check]:
    """The SPARQL checks for ``shapes`` (default: the shipped ``ontology/shapes.ttl``)."""
    graph = _Shapes(shapes or ontology_dir() / "shapes.ttl")
    checks: list[Check] = []
    for node in graph.subjects(_RDF + "type", _SH + "NodeShape"):
        target = graph.target(node)
        if target is None:
            continue
        message = graph.text(node, "message")
        own = {p for p in graph.predicates(node) if p.startswith(_SH)} - {
            _SH + n for n in _STRUCTURAL
        }
        unknown = {p.removeprefix(_SH) for p in own} - _VALUE_CONSTRAINTS
        if unknown:
            raise NotImplementedError(f"SHACL constraints {sorted(unknown)} are not supported")
        if own:
            test = graph.conforms(node, "?focus")
            checks.append(Check(_node_query(target, test), None, message or _DEFAULT_MESSAGE))
        for prop in graph.objects(node, _SH + "property"):
            checks.extend(graph.property_checks(prop, target))
    return list(dict.fromkeys(checks))


def validate_store(
    store: Store, checks: list[Check] | None = None, *, file: str
) -> list[Violation]:
    """SHACL violations in the union of ``store``'s graphs, each reported against ``file``."""
    found = set()
    for check in checks if checks is not None else compile_shapes():
        for row in store.query(check.query, prefixes=PREFIXES, use_default_graph_as_union=True):
            focus, path = row["focus"], check.path
            if isinstance(focus, BlankNode) and row["parent"] is not None:
                focus = row["parent"]
                path = f"{compact(row['via'].value)}/{path}" if path else compact(row["via"].value)
            shown = compact(focus.value) if isinstance(focus, NamedNode) else str(focus)
            found.add(Violation(file, shown, path, check.message))
    return sorted(found, key=lambda v: (v.file, v.focus, v.path or "", v.message))


class _Shapes:
    """The shapes graph, indexed by subject, with the compiler's helpers."""

    def __init__(self, path: Path) -> None:
        self.index: dict[object, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for q in parse(path=path, format=RdfFormat.TURTLE):
            self.index[q.subject][q.predicate.value].append(q.object)
        self.fresh = 0

    def subjects(self, predicate: str, value: str) -> Iterator:
        return (
            s for s, ps in list(self.index.items()) if NamedNode(value) in ps.get(predicate, ())
        )

    def predicates(self, node) -> list[str]:
        return list(self.index[node])

    def objects(self, node, predicate: str) -> list:
        return list(self.index[node].get(predicate, ()))

    def one(self, node, name: str):
        values = self.objects(node, _SH + name)
        return values[0] if values else None

    def text(self, node, name: str) -> str | None:
        value = self.one(node, name)
        return None if value is None else value.value

    def items(self, head) -> list:
        """The members of the RDF list starting at ``head``."""
        out = []
        while head != NamedNode(_RDF + "nil"):
            out.append(self.one_raw(head, _RDF + "first"))
            head = self.one_raw(head, _RDF + "rest")
        return out

    def one_raw(self, node, predicate: str):
        return self.index[node][predicate][0]

    def var(self) -> str:
        self.fresh += 1
        return f"?v{self.fresh}"

    def target(self, node) -> str | None:
        """The graph pattern binding ``?focus`` to the shape's targets (and ``?parent``)."""
        cls, objects_of = self.one(node, "targetClass"), self.one(node, "targetObjectsOf")
        if cls is not None:
            return f"?focusClass rdfs:subClassOf* {cls} . ?focus a ?focusClass ."
        if objects_of is not None:
            return (
                f"?anyHolder {objects_of} ?focus . OPTIONAL {{ FILTER(isBlank(?focus)) "
                f"?parent {objects_of} ?focus . BIND({objects_of} AS ?via) }}"
            )
        return None

    def property_checks(self, prop, target: str) -> list[Check]:
        """The checks of a top-level property shape on the nodes bound by ``target``."""
        path, message = self.one(prop, "path"), self.text(prop, "message")
        if not isinstance(path, NamedNode):
            raise NotImplementedError(f"sh:path {path} (only a single IRI is supported)")
        message = message or _DEFAULT_MESSAGE
        shown = compact(path.value)
        queries = []
        low, high = self.one(prop, "minCount"), self.one(prop, "maxCount")
        if low is not None:
            queries.append(_count_query(target, path, "?v", "true", f"< {low.value}"))
        if high is not None:
            queries.append(_count_query(target, path, "?v", "true", f"> {high.value}"))
        qualified = self.one(prop, "qualifiedValueShape")
        if qualified is not None:
            test = self.conforms(qualified, "?v")
            bounds = [
                f"?n {op} {value.value}"
                for op, value in (
                    ("<", self.one(prop, "qualifiedMinCount")),
                    (">", self.one(prop, "qualifiedMaxCount")),
                )
                if value is not None
            ]
            queries.append(_count_query(target, path, "?v", test, "", having=" || ".join(bounds)))
        value_test = self.value_constraints(prop, "?v")
        if value_test:
            queries.append(
                f"SELECT DISTINCT ?focus ?parent ?via WHERE {{ {target} ?focus {path} ?v . "
                f"FILTER(!COALESCE({value_test}, false)) }}"
            )
        unknown = {p.removeprefix(_SH) for p in self.predicates(prop) if p.startswith(_SH)}
        unknown -= _STRUCTURAL | _VALUE_CONSTRAINTS
        if unknown:
            raise NotImplementedError(f"SHACL constraints {sorted(unknown)} are not supported")
        return [Check(q, shown, message) for q in queries]

    def value_constraints(self, shape, var: str) -> str:
        """A SPARQL expression: ``var`` satisfies the value constraints of ``shape``."""
        tests = []
        for name in sorted(_VALUE_CONSTRAINTS):
            for value in self.objects(shape, _SH + name):
                tests.append(self.value_test(name, value, var))
        return " && ".join(f"({t})" for t in tests)

    def value_test(self, name: str, value, var: str) -> str:
        if name == "class":
            cls = self.var()
            return f"EXISTS {{ {var} a {cls} . {cls} rdfs:subClassOf* {value} }}"
        if name == "datatype":
            if value.value == _RDF + "langString":
                return f"isLiteral({var}) && lang({var}) != ''"
            return f"isLiteral({var}) && datatype({var}) = {value} && lang({var}) = ''"
        if name == "nodeKind":
            kinds = {
                "IRI": f"isIRI({var})",
                "BlankNodeOrIRI": f"!isLiteral({var})",
                "BlankNode": f"isBlank({var})",
                "Literal": f"isLiteral({var})",
            }
            return kinds[value.value.removeprefix(_SH)]
        if name == "in":
            members = ", ".join(str(m) for m in self.items(value))
            return f"{var} IN ({members})"
        if name == "languageIn":
            tags = " || ".join(f"langMatches(lang({var}), {m})" for m in self.items(value))
            return f"isLiteral({var}) && ({tags})"
        if name == "pattern":
            return f"!isBlank({var}) && REGEX(STR({var}), {_literal(value.value)})"
        if name == "maxLength":
            return f"!isBlank({var}) && STRLEN(STR({var})) <= {value.value}"
        if name == "minInclusive":
            return f"{var} >= {value}"
        if name == "or":
            return " || ".join(f"({self.conforms(m, var)})" for m in self.items(value))
        if name == "not":
            return f"!({self.conforms(value, var)})"
        return self.conforms(value, var)  # sh:node

    def conforms(self, shape, var: str) -> str:
        """A SPARQL expression: the node ``var`` conforms to ``shape`` (node or property)."""
        tests = []
        own = self.value_constraints(shape, var) if self.one(shape, "path") is None else ""
        if own:
            tests.append(own)
        path = self.one(shape, "path")
        if path is not None:
            inner = self.var()
            check = self.value_constraints(shape, inner)
            if check:
                tests.append(
                    f"NOT EXISTS {{ {var} {path} {inner} FILTER(!COALESCE({check}, false)) }}"
                )
            low = self.one(shape, "minCount")
            if low is not None:
                if low.value != "1" or self.one(shape, "maxCount") is not None:
                    raise NotImplementedError("nested shapes support only sh:minCount 1")
                tests.append(f"EXISTS {{ {var} {path} {self.var()} }}")
        for prop in self.objects(shape, _SH + "property"):
            tests.append(self.conforms(prop, var))
        return " && ".join(f"({t})" for t in tests) or "true"


def _count_query(target: str, path, var: str, test: str, compare: str, *, having: str = "") -> str:
    """Focus nodes whose number of ``path`` values passing ``test`` fails a bound."""
    condition = having or f"?n {compare}"
    return (
        f"SELECT ?focus ?parent ?via WHERE {{ {{ SELECT ?focus ?parent ?via "
        f"(COUNT(DISTINCT {var}) AS ?n) WHERE {{ {target} "
        f"OPTIONAL {{ ?focus {path} {var} FILTER(COALESCE({test}, false)) }} }} "
        f"GROUP BY ?focus ?parent ?via }} FILTER({condition}) }}"
    )


def _node_query(target: str, test: str) -> str:
    return (
        f"SELECT DISTINCT ?focus ?parent ?via WHERE {{ {target} FILTER(!COALESCE({test}, false)) }}"
    )


def _literal(text: str) -> str:
    """A SPARQL string literal for ``text``."""
    return json.dumps(text)
