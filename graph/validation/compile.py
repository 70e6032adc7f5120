"""The SHACL compiler: ``ontology/shapes.ttl`` turned into SPARQL checks.

pyshacl builds an rdflib graph and checks node by node in Python, which is fine for the seeds
and a user's file but takes hours for millions of statements. :func:`compile_shapes` turns
the core SHACL subset that the shapes use into SPARQL SELECT queries (:class:`Check`), one
per target and group of constraints reading common paths, each returning the focus nodes
that break any of its constraints and which ones they break.
:mod:`actorgraph.validation.shacl_sparql` runs them in a store; the query fragments are
written by :mod:`actorgraph.validation.sparql_builder`.

Supported: targets ``sh:targetClass`` (with subclasses), ``sh:targetSubjectsOf`` and
``sh:targetObjectsOf``; property shapes with a single-IRI ``sh:path``; ``sh:minCount``,
``sh:maxCount``, ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``/
``sh:qualifiedMaxCount``, ``sh:hasValue``, ``sh:lessThanOrEquals`` (on a top-level property
shape), and the value constraints ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in``,
``sh:languageIn``, ``sh:pattern``, ``sh:maxLength``, ``sh:minInclusive``, ``sh:or``,
``sh:not`` and ``sh:node`` (nested shapes may hold property shapes with value constraints,
``sh:hasValue`` and ``sh:minCount 1``); ``sh:severity`` is carried to each constraint.
Anything else (``sh:target``, ``sh:targetNode``, SPARQL constraints, other paths...) raises
:class:`NotImplementedError` when compiling, so a new kind of constraint in the shapes cannot
be skipped silently.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

from ..namespaces import RDF, compact
from ..resources import ontology_dir
from .sparql_builder import Check, Focus, Scope

__all__ = ["compile_shapes"]

_SH = "http://www.w3.org/ns/shacl#"
_DEFAULT_MESSAGE = "does not conform to the shapes"  # as actorgraph.validation.validate says it
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
# Read for each focus node rather than each value: top-level property shapes only.
_PAIR_AND_VALUE = {"hasValue", "lessThanOrEquals"}
# Read by the target and count code, or only descriptive: not value constraints.
_STRUCTURAL = {
    "name",
    "message",
    "description",
    "severity",
    "path",
    "property",
    "targetClass",
    "targetSubjectsOf",
    "targetObjectsOf",
    "minCount",
    "maxCount",
    "qualifiedValueShape",
    "qualifiedMinCount",
    "qualifiedMaxCount",
}
# What a nested shape (in sh:or, sh:not, sh:node or a qualified value shape) may hold.
_NESTED = {"name", "message", "description", "severity", "path", "property", "minCount", "hasValue"}
_NESTED |= {"targetClass", "targetSubjectsOf", "targetObjectsOf"}  # ignored when nested


def compile_shapes(shapes: Path | None = None) -> list[Check]:
    """The SPARQL checks for ``shapes`` (default: the shipped ``ontology/shapes.ttl``).

    Raises :class:`NotImplementedError` for a target or constraint outside the subset."""
    graph = _Shapes(shapes or ontology_dir() / "shapes.ttl")
    targets: dict[str, Focus] = {}
    for node in graph.subjects(RDF + "type", _SH + "NodeShape"):
        target = graph.target(node, targets)
        if target is not None:
            graph.node_constraints(node, target)
    return [check for target in targets.values() for check in target.checks()]


class _Shapes:
    """The shapes graph, indexed by subject (a small reader over pyoxigraph), and the
    compiler walking it."""

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
        while head != NamedNode(RDF + "nil"):
            out.append(self.one_raw(head, RDF + "first"))
            head = self.one_raw(head, RDF + "rest")
        return out

    def one_raw(self, node, predicate: str):
        return self.index[node][predicate][0]

    def var(self) -> str:
        self.fresh += 1
        return f"?v{self.fresh}"

    def target(self, node, targets: dict[str, Focus]) -> Focus | None:
        """The focus nodes of the shape ``node``, shared by the shapes with the same target
        in ``targets`` (``?holder``: the node holding a ``sh:targetObjectsOf`` focus, on
        which a blank-node focus is reported)."""
        unsupported = [n for n in ("target", "targetNode") if self.one(node, n) is not None]
        if unsupported:
            raise NotImplementedError(f"SHACL targets {unsupported} are not supported")
        cls, objects_of = self.one(node, "targetClass"), self.one(node, "targetObjectsOf")
        subjects_of = self.one(node, "targetSubjectsOf")
        if sum(t is not None for t in (cls, objects_of, subjects_of)) > 1:
            raise NotImplementedError("a shape with more than one kind of target")
        if subjects_of is not None:
            pattern = f"?focus {subjects_of} [] ."
            key, focus = f"subjects of {subjects_of}", Focus(pattern, "", None, self.var)
        elif cls is not None:
            pattern = (
                f"{{ SELECT ?focusClass WHERE {{ ?focusClass rdfs:subClassOf* {cls} }} }} "
                "?focus a ?focusClass ."
            )
            key, focus = f"class {cls}", Focus(pattern, "", None, self.var)
        elif objects_of is not None:
            pattern = f"?holder {objects_of} ?focus ."
            via = compact(objects_of.value)
            key, focus = f"objects of {objects_of}", Focus(pattern, pattern, via, self.var)
        else:
            return None
        return targets.setdefault(key, focus)

    def node_constraints(self, node, target: Focus) -> None:
        """Add the constraints of the node shape ``node`` (and its property shapes)."""
        own = {p for p in self.predicates(node) if p.startswith(_SH)} - {
            _SH + n for n in _STRUCTURAL
        }
        _refuse_unknown(own, _VALUE_CONSTRAINTS | {"hasValue"})
        if own:
            test = self.node_tests(node, target)
            message = self.text(node, "message") or _DEFAULT_MESSAGE
            target.add(
                f"!COALESCE({test}, false)",
                None,
                message,
                sparse=False,
                severity=self.severity(node),
            )
        for prop in self.objects(node, _SH + "property"):
            self.property_constraints(prop, target)

    def property_constraints(self, prop, target: Focus) -> None:
        """Add the constraints of a top-level property shape on ``target``'s focus nodes."""
        path = self.one(prop, "path")
        if not isinstance(path, NamedNode):
            raise NotImplementedError(f"sh:path {path} (only a single IRI is supported)")
        _refuse_unknown(
            {p for p in self.predicates(prop) if p.startswith(_SH)},
            _STRUCTURAL | _VALUE_CONSTRAINTS | _PAIR_AND_VALUE,
        )
        scope, shown = target, compact(path.value)
        message = self.text(prop, "message") or _DEFAULT_MESSAGE

        def add(broken: str, *, sparse: bool) -> None:
            target.add(broken, shown, message, sparse=sparse, severity=self.severity(prop))

        low, high = self.number(prop, "minCount") or 0, self.number(prop, "maxCount")
        if low or high is not None:
            add(f"!({scope.count(path, low, high)})", sparse=not low)
        qualified = self.qualified(prop, path, scope)
        if qualified:
            add(f"!({qualified})", sparse=not self.number(prop, "qualifiedMinCount"))
        test = self.value_constraints(prop, scope.values(path))
        if test:
            add(f"!({scope.every(path, test)})", sparse=True)
        for value in self.objects(prop, _SH + "hasValue"):
            add(f"!({self.has_value(path, value, scope)})", sparse=False)
        for other in self.objects(prop, _SH + "lessThanOrEquals"):
            if not isinstance(other, NamedNode):
                raise NotImplementedError(f"sh:lessThanOrEquals {other} (only an IRI)")
            add(f"!({target.ordered(path, other)})", sparse=True)

    def qualified(self, prop, path, scope: Scope) -> str:
        """An expression: the node meets the qualified counts of ``prop`` ("" if none)."""
        shape = self.one(prop, "qualifiedValueShape")
        low = self.number(prop, "qualifiedMinCount") or 0
        high = self.number(prop, "qualifiedMaxCount")
        if shape is None or (not low and high is None):
            return ""
        return scope.count(path, low, high, self.conforms(shape, scope.values(path)))

    def value_constraints(self, shape, scope: Scope) -> str:
        """A SPARQL expression: ``scope``'s node satisfies the value constraints of ``shape``."""
        tests = []
        for name in sorted(_VALUE_CONSTRAINTS):
            for value in self.objects(shape, _SH + name):
                tests.append(self.value_test(name, value, scope))
        return " && ".join(f"({t})" for t in tests)

    def value_test(self, name: str, value, scope: Scope) -> str:
        """A SPARQL expression: ``scope``'s node passes the constraint ``sh:name value``.

        Each test reads the node's term at most once (plus its language tag, bound once per
        scope) and cannot raise an error; the members of ``sh:or`` that read the term
        least come first, as ``||`` stops at the first true one."""
        if name == "class":
            return scope.member(value)
        if name == "or":
            members = [self.conforms(m, scope) for m in self.items(value)]
            members.sort(key=lambda test: test.count(f"({scope.var})"))
            return " || ".join(f"({test})" for test in members)
        if name == "not":
            return f"!({self.conforms(value, scope)})"
        if name == "node":
            return self.conforms(value, scope)
        if name == "languageIn":
            return _language_in(scope.lang(), [m.value for m in self.items(value)])
        if name == "datatype" and value.value == RDF + "langString":
            return f"COALESCE({scope.lang()} != '', false)"
        var = scope.var  # the remaining tests read the term itself
        if name == "datatype":
            return f"COALESCE(datatype({var}) = {value}, false)"  # a langString's is rdf:langString
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
        if name == "pattern":
            return f"COALESCE(REGEX(STR({var}), {_literal(value.value)}), false)"
        if name == "maxLength":
            return f"COALESCE(STRLEN(STR({var})) <= {value.value}, false)"
        return f"{var} >= {value}"  # sh:minInclusive

    def node_tests(self, shape, scope: Scope | Focus) -> str:
        """A SPARQL expression: ``scope``'s node itself passes the value constraints and
        ``sh:hasValue`` of the node shape ``shape`` (not its property shapes)."""
        tests = [self.value_constraints(shape, scope)]
        tests += [f"sameTerm({scope.var}, {v})" for v in self.objects(shape, _SH + "hasValue")]
        return " && ".join(f"({t})" for t in tests if t)

    def has_value(self, path, value, scope: Scope | Focus) -> str:
        """An expression: ``value`` is among the ``path`` values of ``scope``'s node."""
        return scope.count(path, 1, None, f"sameTerm({scope.values(path).var}, {value})")

    def conforms(self, shape, scope: Scope | Focus) -> str:
        """A SPARQL expression: ``scope``'s node conforms to ``shape`` (node or property),
        nested in another constraint (``sh:or``, ``sh:not``, ``sh:node``, a qualified
        value shape)."""
        _refuse_unknown(
            {p for p in self.predicates(shape) if p.startswith(_SH)},
            _NESTED | _VALUE_CONSTRAINTS,
        )
        tests = []
        path = self.one(shape, "path")
        if path is None:
            own = self.node_tests(shape, scope)
            if own:
                tests.append(own)
        else:
            tests.extend(self.path_tests(shape, path, scope))
        for prop in self.objects(shape, _SH + "property"):
            tests.append(self.conforms(prop, scope))
        return " && ".join(f"({t})" for t in tests) or "true"

    def path_tests(self, shape, path, scope: Scope | Focus) -> list[str]:
        """Expressions: the ``path`` values of ``scope``'s node meet the nested property
        ``shape``."""
        if not isinstance(path, NamedNode):
            raise NotImplementedError(f"sh:path {path} (only a single IRI is supported)")
        tests = []
        check = self.value_constraints(shape, scope.values(path))
        if check:
            tests.append(scope.every(path, check))
        if self.one(shape, "minCount") is not None:
            if self.number(shape, "minCount") != 1:
                raise NotImplementedError("nested shapes support only sh:minCount 1")
            tests.append(scope.count(path, 1, None))
        tests += [self.has_value(path, v, scope) for v in self.objects(shape, _SH + "hasValue")]
        return tests

    def severity(self, shape) -> str:
        """The local name of ``shape``'s ``sh:severity`` (default ``Violation``)."""
        value = self.one(shape, "severity")
        return "Violation" if value is None else value.value.removeprefix(_SH)

    def number(self, node, name: str) -> int | None:
        """The integer value of ``sh:name`` on ``node``, or ``None``."""
        value = self.one(node, name)
        return None if value is None else int(value.value)


def _refuse_unknown(constraints: set[str], known: set[str]) -> None:
    """Raise :class:`NotImplementedError` for SHACL ``constraints`` (IRIs) outside ``known``."""
    unknown = {c.removeprefix(_SH) for c in constraints} - known
    if unknown:
        raise NotImplementedError(f"SHACL constraints {sorted(unknown)} are not supported")


def _language_in(lang: str, ranges: list[str]) -> str:
    """An expression: the language tag ``lang`` (of a literal; unbound or an error for other
    terms) matches one of ``ranges`` as ``langMatches`` does."""
    if ranges and all(re.fullmatch("[A-Za-z0-9-]+", r) for r in ranges):
        return f'COALESCE(REGEX({lang}, "^({"|".join(ranges)})(-|$)", "i"), false)'
    tags = " || ".join(f"langMatches({lang}, {_literal(r)})" for r in ranges)
    return f"COALESCE({tags or 'false'}, false)"


def _literal(text: str) -> str:
    """A SPARQL string literal for ``text``."""
    return json.dumps(text)
