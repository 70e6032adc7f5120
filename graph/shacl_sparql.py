"""SHACL validation inside the store: the shapes compiled to SPARQL, for inputs too big for pyshacl.

pyshacl builds an rdflib graph and checks node by node in Python, which is fine for the seeds
and a user's file but takes hours for millions of statements. :func:`compile_shapes` turns
the core SHACL subset that ``ontology/shapes.ttl`` uses into SPARQL SELECT queries, one per
node shape, each returning the focus nodes that break any of its constraints and which ones
they break; :func:`validate_store` runs them over the union of a store's graphs, where
Oxigraph evaluates them in Rust. The queries are written for an on-disk store with millions
of statements: no per-node lookups, one pass over the distinct values of a path for all
its value tests, and only the breaking nodes carried to the final join (see
:class:`_Scope`).

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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store, parse

from graph.errors import Violation
from graph.namespaces import PREFIXES, RDF, compact
from graph.resources import ontology_dir

__all__ = ["Check", "Constraint", "compile_shapes", "validate_store"]

_SH = "http://www.w3.org/ns/shacl#"
_DEFAULT_MESSAGE = "does not conform to the shapes"  # as graph.validate says it
_WORKERS = 2  # threads running the checks (the benchmark machine has two cores)
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
class Constraint:
    """One constraint of a :class:`Check`: the result variable ``flag`` is true on a row
    whose focus node breaks it; ``path`` and ``message`` are what is reported."""

    flag: str
    path: str | None
    message: str


@dataclass(frozen=True)
class Check:
    """The constraints of one node shape, compiled to one SELECT returning a row per focus
    node that breaks at least one of them: ``?focus``, ``?holder`` (the node holding a
    ``sh:targetObjectsOf`` focus through the property ``via``) and each constraint's flag."""

    query: str
    via: str | None
    constraints: tuple[Constraint, ...]


def compile_shapes(shapes: Path | None = None) -> list[Check]:
    """The SPARQL checks for ``shapes`` (default: the shipped ``ontology/shapes.ttl``)."""
    graph = _Shapes(shapes or ontology_dir() / "shapes.ttl")
    checks = []
    for node in graph.subjects(RDF + "type", _SH + "NodeShape"):
        target = graph.target(node)
        if target is not None:
            graph.node_constraints(node, target)
            checks.append(target.check())
    return checks


def validate_store(
    store: Store, checks: list[Check] | None = None, *, file: str
) -> list[Violation]:
    """SHACL violations in the union of ``store``'s graphs, each reported against ``file``.

    The checks run on two threads (Oxigraph evaluates a query without holding the GIL),
    longest query first, so that the slowest does not start last."""
    checks = compile_shapes() if checks is None else checks
    ordered = sorted(checks, key=lambda check: -len(check.query))
    with ThreadPoolExecutor(_WORKERS) as pool:
        found = set().union(*pool.map(lambda check: _broken(store, check, file), ordered))
    return sorted(found, key=lambda v: (v.file, v.focus, v.path or "", v.message))


def _broken(store: Store, check: Check, file: str) -> set[Violation]:
    """The violations ``check`` finds in ``store``."""
    found = set()
    for row in store.query(check.query, prefixes=PREFIXES, use_default_graph_as_union=True):
        for constraint in check.constraints:
            if row[constraint.flag].value == "true":
                found.add(_violation(row, check.via, constraint, file))
    return found


def _violation(row, via: str | None, constraint: Constraint, file: str) -> Violation:
    """``constraint`` broken on ``row``'s focus; a blank-node focus is reported on its holder."""
    focus, path = row["focus"], constraint.path
    if isinstance(focus, BlankNode) and via is not None:
        focus = row["holder"]
        path = f"{via}/{path}" if path else via
    shown = compact(focus.value) if isinstance(focus, NamedNode) else str(focus)
    return Violation(file, shown, path, constraint.message)


class _Scope:
    """What expressions about the node ``var`` read, each bound by an ``OPTIONAL``
    sub-select: the classes it belongs to, which of its path values fail value tests, and
    whether it is among the nodes with too few or too many values. ``nodes`` is a pattern
    binding ``var`` to every node the scope may be asked about (some may repeat).

    Each sub-select is evaluated once for the whole store and joined by hash on ``var``,
    not probed per node as a correlated ``EXISTS`` would be: on disk a lookup per node
    costs far more than one scan of an index. Apart from class memberships, a sub-select
    returns only the nodes that break something (usually none): too few values are found
    with ``MINUS``, too many with a ``GROUP BY`` keeping the nodes above the bound, and all
    value tests on a path are evaluated in one pass over its distinct values."""

    def __init__(self, fresh: Callable[[], str], var: str, nodes: str) -> None:
        self.fresh, self.var, self.nodes = fresh, var, nodes
        self.patterns: list[str] = []
        self.classes: dict[str, str] = {}  # class -> flag
        self.paths: dict[str, tuple[object, _Scope, dict[str, str]]] = {}

    def values(self, path) -> _Scope:
        """The scope of the ``path`` values of the nodes (one per path)."""
        if str(path) not in self.paths:
            var = self.fresh()
            nodes = f"{{ SELECT DISTINCT {var} WHERE {{ {self.fresh()} {path} {var} }} }}"
            self.paths[str(path)] = (path, _Scope(self.fresh, var, nodes), {})
        return self.paths[str(path)][1]

    def member(self, cls) -> str:
        """An expression: ``var`` is an instance of ``cls`` or of a subclass."""
        if str(cls) not in self.classes:
            sub = self.fresh()
            pattern = f"{sub} rdfs:subClassOf* {cls} . {self.var} a {sub}"
            self.classes[str(cls)] = self._select(pattern, distinct=True)
        return f"BOUND({self.classes[str(cls)]})"

    def every(self, path, test: str) -> str:
        """An expression: every ``path`` value of ``var`` passes ``test`` (an expression in
        the scope ``values(path)``)."""
        tests = self.paths[str(path)][2]
        return f"COALESCE({tests.setdefault(test, self.fresh())}, 0) = 0"

    def count(self, path, low: int, high: int | None, test: str = "") -> str:
        """An expression: ``var`` has from ``low`` to ``high`` (``None``: any number) distinct
        ``path`` values passing ``test`` (in the scope ``values(path)``; default: all)."""
        values = self.values(path)
        where = f"{self.var} {path} {values.var} {values.render()}"
        if test:
            where += f" FILTER(COALESCE({test}, false))"
        n = f"COUNT(DISTINCT {values.var})"
        broken = []
        if low == 1:
            broken.append(f"{self.nodes} MINUS {{ {where} }}")
        elif low:
            broken.append(f"{self.nodes} MINUS {{ {self._grouped(where, f'{n} >= {low}')} }}")
        if high is not None:
            broken.append(self._grouped(where, f"{n} > {high}"))
        return " && ".join(f"!BOUND({self._select(pattern)})" for pattern in broken)

    def _grouped(self, where: str, having: str) -> str:
        return f"SELECT {self.var} WHERE {{ {where} }} GROUP BY {self.var} HAVING ({having})"

    def _select(self, pattern: str, *, distinct: bool = False) -> str:
        """A variable bound (to true) where ``var`` is bound by ``pattern``."""
        flag = self.fresh()
        select = "SELECT DISTINCT" if distinct else "SELECT"
        self.patterns.append(
            f"OPTIONAL {{ {select} {self.var} (true AS {flag}) WHERE {{ {pattern} }} }}"
        )
        return flag

    def _failing(self, path, values: _Scope, tests: dict[str, str]) -> str:
        """Per node, how many of its ``path`` values fail each test: the tests run once per
        distinct value, then the (few) failing values are joined to their nodes."""
        binds = {test: self.fresh() for test in tests}
        failing = " ".join(f"BIND(!COALESCE({t}, false) AS {v})" for t, v in binds.items())
        counts = " ".join(f"(SUM(IF({binds[t]}, 1, 0)) AS {v})" for t, v in tests.items())
        return (
            f"OPTIONAL {{ SELECT {self.var} {counts} WHERE {{ {{ SELECT {values.var} "
            f"{' '.join(binds.values())} WHERE {{ {values.nodes} {values.render()} {failing} "
            f"FILTER({' || '.join(binds.values())}) }} }} {self.var} {path} {values.var} }} "
            f"GROUP BY {self.var} }}"
        )

    def render(self) -> str:
        failing = [self._failing(*found) for found in self.paths.values() if found[2]]
        return " ".join([*self.patterns, *failing])


class _Target:
    """The focus nodes of one node shape and the constraints on them, which
    :meth:`check` compiles into one :class:`Check`."""

    def __init__(self, pattern: str, via: str | None, fresh: Callable[[], str]) -> None:
        self.pattern, self.via, self.fresh = pattern, via, fresh
        self.scope = _Scope(fresh, "?focus", pattern)
        self.broken: list[tuple[Constraint, str]] = []

    def add(self, broken: str, path: str | None, message: str) -> None:
        """A constraint whose expression ``broken`` is true for a focus node that breaks it."""
        flag = self.fresh()
        self.broken.append((Constraint(flag[1:], path, message), broken))

    def check(self) -> Check:
        """The query: the focus nodes breaking any constraint are found first, so that
        each constraint's flag is computed only for them."""
        flags = " ".join(f"?{constraint.flag}" for constraint, _ in self.broken)
        binds = " ".join(f"BIND({test} AS ?{c.flag})" for c, test in self.broken)
        anything = " || ".join(f"({test})" for _, test in self.broken)
        query = (
            f"SELECT ?focus ?holder {flags} WHERE {{ {{ SELECT * WHERE {{ {{ SELECT DISTINCT "
            f"?focus ?holder WHERE {{ {self.pattern} }} }} {self.scope.render()} "
            f"FILTER({anything}) }} }} {binds} }}"
        )
        return Check(query, self.via, tuple(constraint for constraint, _ in self.broken))


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
        while head != NamedNode(RDF + "nil"):
            out.append(self.one_raw(head, RDF + "first"))
            head = self.one_raw(head, RDF + "rest")
        return out

    def one_raw(self, node, predicate: str):
        return self.index[node][predicate][0]

    def var(self) -> str:
        self.fresh += 1
        return f"?v{self.fresh}"

    def target(self, node) -> _Target | None:
        """The focus nodes of the shape ``node`` (``?holder``: the node holding a
        ``sh:targetObjectsOf`` focus, on which a blank-node focus is reported)."""
        cls, objects_of = self.one(node, "targetClass"), self.one(node, "targetObjectsOf")
        if cls is not None:
            pattern = f"?focusClass rdfs:subClassOf* {cls} . ?focus a ?focusClass ."
            return _Target(pattern, None, self.var)
        if objects_of is not None:
            return _Target(f"?holder {objects_of} ?focus .", compact(objects_of.value), self.var)
        return None

    def node_constraints(self, node, target: _Target) -> None:
        """Add the constraints of the node shape ``node`` (and its property shapes)."""
        own = {p for p in self.predicates(node) if p.startswith(_SH)} - {
            _SH + n for n in _STRUCTURAL
        }
        _refuse_unknown(own, _VALUE_CONSTRAINTS)
        if own:
            test = self.conforms(node, target.scope)
            message = self.text(node, "message") or _DEFAULT_MESSAGE
            target.add(f"!COALESCE({test}, false)", None, message)
        for prop in self.objects(node, _SH + "property"):
            self.property_constraints(prop, target)

    def property_constraints(self, prop, target: _Target) -> None:
        """Add the constraints of a top-level property shape on ``target``'s focus nodes."""
        path = self.one(prop, "path")
        if not isinstance(path, NamedNode):
            raise NotImplementedError(f"sh:path {path} (only a single IRI is supported)")
        _refuse_unknown(
            {p for p in self.predicates(prop) if p.startswith(_SH)},
            _STRUCTURAL | _VALUE_CONSTRAINTS,
        )
        scope, shown = target.scope, compact(path.value)
        message = self.text(prop, "message") or _DEFAULT_MESSAGE
        low, high = self.number(prop, "minCount") or 0, self.number(prop, "maxCount")
        if low or high is not None:
            target.add(f"!({scope.count(path, low, high)})", shown, message)
        qualified = self.qualified(prop, path, scope)
        if qualified:
            target.add(f"!({qualified})", shown, message)
        test = self.value_constraints(prop, scope.values(path))
        if test:
            target.add(f"!({scope.every(path, test)})", shown, message)

    def qualified(self, prop, path, scope: _Scope) -> str:
        """An expression: the node meets the qualified counts of ``prop`` ("" if none)."""
        shape = self.one(prop, "qualifiedValueShape")
        low = self.number(prop, "qualifiedMinCount") or 0
        high = self.number(prop, "qualifiedMaxCount")
        if shape is None or (not low and high is None):
            return ""
        return scope.count(path, low, high, self.conforms(shape, scope.values(path)))

    def value_constraints(self, shape, scope: _Scope) -> str:
        """A SPARQL expression: ``scope``'s node satisfies the value constraints of ``shape``."""
        tests = []
        for name in sorted(_VALUE_CONSTRAINTS):
            for value in self.objects(shape, _SH + name):
                tests.append(self.value_test(name, value, scope))
        return " && ".join(f"({t})" for t in tests)

    def value_test(self, name: str, value, scope: _Scope) -> str:
        var = scope.var
        if name == "class":
            return scope.member(value)
        if name == "datatype":
            if value.value == RDF + "langString":
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
            return " || ".join(f"({self.conforms(m, scope)})" for m in self.items(value))
        if name == "not":
            return f"!({self.conforms(value, scope)})"
        return self.conforms(value, scope)  # sh:node

    def conforms(self, shape, scope: _Scope) -> str:
        """A SPARQL expression: ``scope``'s node conforms to ``shape`` (node or property)."""
        tests = []
        path = self.one(shape, "path")
        if path is None:
            own = self.value_constraints(shape, scope)
            if own:
                tests.append(own)
        else:
            tests.extend(self.path_tests(shape, path, scope))
        for prop in self.objects(shape, _SH + "property"):
            tests.append(self.conforms(prop, scope))
        return " && ".join(f"({t})" for t in tests) or "true"

    def path_tests(self, shape, path, scope: _Scope) -> list[str]:
        """Expressions: the ``path`` values of ``scope``'s node meet the nested property
        ``shape``."""
        tests = []
        check = self.value_constraints(shape, scope.values(path))
        if check:
            tests.append(scope.every(path, check))
        if self.one(shape, "minCount") is not None:
            if self.number(shape, "minCount") != 1 or self.one(shape, "maxCount") is not None:
                raise NotImplementedError("nested shapes support only sh:minCount 1")
            tests.append(scope.count(path, 1, None))
        return tests

    def number(self, node, name: str) -> int | None:
        """The integer value of ``sh:name`` on ``node``, or ``None``."""
        value = self.one(node, name)
        return None if value is None else int(value.value)


def _refuse_unknown(constraints: set[str], known: set[str]) -> None:
    """Raise :class:`NotImplementedError` for SHACL ``constraints`` (IRIs) outside ``known``."""
    unknown = {c.removeprefix(_SH) for c in constraints} - known
    if unknown:
        raise NotImplementedError(f"SHACL constraints {sorted(unknown)} are not supported")


def _literal(text: str) -> str:
    """A SPARQL string literal for ``text``."""
    return json.dumps(text)
