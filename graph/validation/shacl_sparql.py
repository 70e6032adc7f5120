"""SHACL validation inside the store: the shapes compiled to SPARQL, for inputs too big for pyshacl.

pyshacl builds an rdflib graph and checks node by node in Python, which is fine for the seeds
and a user's file but takes hours for millions of statements. :func:`compile_shapes` turns
the core SHACL subset that ``ontology/shapes.ttl`` uses into SPARQL SELECT queries, one per
target and group of constraints reading common paths, each returning the focus nodes that
break any of its constraints and which ones they break; :func:`validate_store` runs them
over the union of a store's graphs (or of some of them), where Oxigraph evaluates them in
Rust. The queries are written for an on-disk store with millions of statements, where the
cost is in the rows a query moves and in the terms its expressions read (each read of a
stored IRI or literal is a lookup in the string table): no per-node lookups, one grouped
pass over the triples of the paths for all the counts of the focus nodes, one pass over
the distinct values of a path for all its value tests, each reading a term at most once,
and no join of all focus nodes to anything (see :class:`_Focus` and :class:`_Scope`).

Supported: targets ``sh:targetClass`` (with subclasses) and ``sh:targetObjectsOf``; property
shapes with a single-IRI ``sh:path``; ``sh:minCount``, ``sh:maxCount``,
``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``/``sh:qualifiedMaxCount``, and the
value constraints ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in``,
``sh:languageIn``, ``sh:pattern``, ``sh:maxLength``, ``sh:minInclusive``, ``sh:or``,
``sh:not`` and ``sh:node`` (nested shapes may hold property shapes with value constraints
and ``sh:minCount 1``). Anything else raises :class:`NotImplementedError` when compiling, so
a new kind of constraint in the shapes cannot be skipped silently.

Results are reported like :func:`actorgraph.validation.validate.validate_quads` reports pyshacl's:
the
shape's ``sh:message``, the focus node compacted, and a blank-node focus (a source
reference) reported as the statement that holds it with the path ``ag:source/...``.
tests/test_shacl_sparql.py checks that both validators agree on the seeds and on every
invalid fixture.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Store, parse

from ..errors import Violation
from ..namespaces import PREFIXES, RDF, compact
from ..resources import ontology_dir

__all__ = ["Check", "Constraint", "compile_shapes", "validate_store"]

_SH = "http://www.w3.org/ns/shacl#"
_DEFAULT_MESSAGE = "does not conform to the shapes"  # as actorgraph.validation.validate says it
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
    """Constraints on the focus nodes of one target (from one or more node shapes) that
    read common paths, compiled to one SELECT returning a row per focus node that breaks at
    least one of them: ``?focus``, ``?holder`` (the node holding a ``sh:targetObjectsOf``
    focus through the property ``via``) and each constraint's flag."""

    query: str
    via: str | None
    constraints: tuple[Constraint, ...]


def compile_shapes(shapes: Path | None = None) -> list[Check]:
    """The SPARQL checks for ``shapes`` (default: the shipped ``ontology/shapes.ttl``)."""
    graph = _Shapes(shapes or ontology_dir() / "shapes.ttl")
    targets: dict[str, _Focus] = {}
    for node in graph.subjects(RDF + "type", _SH + "NodeShape"):
        target = graph.target(node, targets)
        if target is not None:
            graph.node_constraints(node, target)
    return [check for target in targets.values() for check in target.checks()]


def validate_store(
    store: Store,
    checks: list[Check] | None = None,
    *,
    file: str,
    graphs: Sequence[NamedNode] | None = None,
) -> list[Violation]:
    """SHACL violations in the union of ``store``'s graphs (or of only ``graphs``, e.g. all
    but one that another writer is filling), each reported against ``file``.

    The checks run on two threads (Oxigraph evaluates a query without holding the GIL),
    longest query first, so that the slowest does not start last."""
    checks = compile_shapes() if checks is None else checks
    ordered = sorted(checks, key=lambda check: -len(check.query))
    dataset = (
        {"use_default_graph_as_union": True} if graphs is None else {"default_graph": list(graphs)}
    )
    with ThreadPoolExecutor(_WORKERS) as pool:
        found = set().union(*pool.map(lambda check: _broken(store, check, file, dataset), ordered))
    return sorted(found, key=lambda v: (v.file, v.focus, v.path or "", v.message))


def _broken(store: Store, check: Check, file: str, dataset: dict) -> set[Violation]:
    """The violations ``check`` finds in ``store``, queried over ``dataset`` (the keyword
    arguments choosing the default graph)."""
    found = set()
    for row in store.query(check.query, prefixes=PREFIXES, **dataset):
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
        self.language: str | None = None

    def lang(self) -> str:
        """A variable bound to the language tag of ``var`` (unbound if it is not a literal),
        read once for all the tests: each read of a stored term in an expression costs a
        lookup in the store's string table, while a tag is short enough to be held inline."""
        if self.language is None:
            self.language = self.fresh()
        return self.language

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
        language = [f"BIND(lang({self.var}) AS {self.language})"] if self.language else []
        return " ".join([*language, *self.patterns, *failing])


class _Path:
    """What the focus nodes' constraints read of one path: ``values`` is the scope of its
    distinct values; ``rows`` says whether a count reads all its triples; ``failing`` maps
    a value test that every value must pass to a flag bound on the values failing it, and
    ``qualifying`` a qualified value test to a variable bound to the values passing it;
    ``counters`` maps each per-node count (an aggregate) to its variable."""

    def __init__(self, path, values: _Scope) -> None:
        self.path, self.values = path, values
        self.rows = False
        self.failing: dict[str, str] = {}
        self.qualifying: dict[str, str] = {}
        self.counters: dict[str, str] = {}


class _Focus:
    """The focus nodes of one target, and the constraints on them (of every node shape
    with that target), which :meth:`checks` compiles into :class:`Check` queries.

    What a constraint reads about the focus nodes is counted in one grouped pass: a
    ``UNION`` of the triples of each path it reads, each joined by hash to the few values
    that fail (or pass) its value tests, with the target nodes themselves when a node
    without values can break it, then ``GROUP BY ?focus``. The constraint is then an
    expression on these counts, evaluated once per node. So each path is scanned once and
    each value test evaluated once per distinct value, and nothing is joined to all focus
    nodes: a join of every focus node to a sub-select builds a hash table of all of them
    each time, and a ``MINUS``, ``EXISTS`` or ``OPTIONAL`` triple pattern costs an index
    seek per node, both far slower on disk than a scan. Constraints that read no common
    path go to separate queries, which the two threads of :func:`validate_store` run side
    by side. The expressions the methods return (``member``, ``every``, ``count``) combine
    with ``&&``, ``||`` and ``!`` like :class:`_Scope`'s."""

    def __init__(
        self, targets: str, holder: str, via: str | None, fresh: Callable[[], str]
    ) -> None:
        self.targets, self.holder, self.via, self.fresh = targets, holder, via, fresh
        self.classes: dict[str, tuple[str, str, str]] = {}  # class -> branch, count, its var
        self.paths: dict[str, _Path] = {}
        self.reads: set[str] = set()  # what the constraint being compiled reads
        self.broken: list[tuple[Constraint, str, frozenset[str]]] = []

    def add(self, broken: str, path: str | None, message: str, *, sparse: bool) -> None:
        """A constraint whose expression ``broken`` is true for a focus node that breaks it;
        ``sparse``: a node with no values on the paths it reads cannot break it."""
        flag = self.fresh()
        if not sparse:
            self.reads.add("")  # the target nodes
        self.broken.append((Constraint(flag[1:], path, message), broken, frozenset(self.reads)))
        self.reads = set()

    def _path(self, path) -> _Path:
        if str(path) not in self.paths:
            var = self.fresh()
            nodes = f"{{ SELECT DISTINCT {var} WHERE {{ {self.fresh()} {path} {var} }} }}"
            self.paths[str(path)] = _Path(path, _Scope(self.fresh, var, nodes))
        self.reads.add(str(path))
        return self.paths[str(path)]

    @property
    def var(self) -> str:
        """The focus node's variable, for an expression reading the node itself (which
        must then be evaluated on every target node)."""
        self.reads.add("")
        return "?focus"

    def lang(self) -> str:
        """An expression: the language tag of the focus node."""
        return f"lang({self.var})"

    def values(self, path) -> _Scope:
        """The scope of the ``path`` values of the focus nodes (one per path)."""
        return self._path(path).values

    def member(self, cls) -> str:
        """An expression: the focus node is an instance of ``cls`` or of a subclass."""
        if str(cls) not in self.classes:
            sub, flag, count = self.fresh(), self.fresh(), self.fresh()
            branch = (
                f"{{ {{ SELECT {sub} WHERE {{ {sub} rdfs:subClassOf* {cls} }} }} "
                f"?focus a {sub} BIND(true AS {flag}) }}"
            )
            self.classes[str(cls)] = (branch, f"COUNT({flag})", count)
        self.reads.add(str(cls))
        return f"{self.classes[str(cls)][2]} > 0"

    def every(self, path, test: str) -> str:
        """An expression: every ``path`` value of the focus node passes ``test`` (an
        expression in the scope ``values(path)``)."""
        found = self._path(path)
        if test not in found.failing:
            found.failing[test] = self.fresh()
        return f"{self._counter(found, f'COUNT({found.failing[test]})')} = 0"

    def count(self, path, low: int, high: int | None, test: str = "") -> str:
        """An expression: the focus node has from ``low`` to ``high`` (``None``: any number)
        distinct ``path`` values passing ``test`` (in the scope ``values(path)``; default:
        all). Only "at least one value" is counted without ``DISTINCT``, which is cheaper
        but counts a triple once per graph holding it."""
        found = self._path(path)
        found.rows = True
        value = found.values.var
        if test:
            if test not in found.qualifying:
                found.qualifying[test] = self.fresh()
            value = found.qualifying[test]
        distinct = "DISTINCT " if test or low > 1 or high is not None else ""
        n = self._counter(found, f"COUNT({distinct}{value})")
        bounds = [f"{n} >= {low}"] if low else []
        bounds += [f"{n} <= {high}"] if high is not None else []
        return " && ".join(bounds) or "true"

    def _counter(self, found: _Path, aggregate: str) -> str:
        """The variable of ``aggregate`` over ``found``'s triples (one per aggregate)."""
        if aggregate not in found.counters:
            found.counters[aggregate] = self.fresh()
        return found.counters[aggregate]

    def _branch(self, found: _Path) -> str:
        """The ``UNION`` branch of ``found``'s triples: all of them if a count reads them,
        else only those whose value fails a test. The tests run in one pass over the
        distinct values of the path, which keeps only the values bound to some flag
        (usually none): ``?none`` is never bound, so an ``IF`` giving it leaves its flag
        unbound. That table is joined to the triples by hash."""
        var, path = found.values.var, found.path
        binds = [
            f"BIND(IF(!COALESCE({test}, false), true, ?none) AS {flag})"
            for test, flag in found.failing.items()
        ] + [
            f"BIND(IF(COALESCE({test}, false), {var}, ?none) AS {value})"
            for test, value in found.qualifying.items()
        ]
        flags = [*found.failing.values(), *found.qualifying.values()]
        if not flags:
            return f"{{ ?focus {path} {var} }}"
        bound = " || ".join(f"BOUND({v})" for v in flags)
        table = (
            f"{{ SELECT {var} {' '.join(flags)} WHERE {{ {found.values.nodes} "
            f"{found.values.render()} {' '.join(binds)} FILTER({bound}) }} }}"
        )
        if found.rows:
            return f"{{ ?focus {path} {var} OPTIONAL {table} }}"
        return f"{{ {table} ?focus {path} {var} }}"

    def checks(self) -> list[Check]:
        """The queries, one per group of constraints reading common paths."""
        groups: list[tuple[set[str], list]] = []
        for constraint, broken, reads in self.broken:
            joined = [g for g in groups if g[0] & reads - {""}]
            merged = (set(reads), [(constraint, broken)])
            for g in joined:
                merged[0].update(g[0])
                merged[1][:0] = g[1]
                groups.remove(g)
            groups.append(merged)
        return [self._check(reads, broken) for reads, broken in groups]

    def _check(self, reads: set[str], broken: list[tuple[Constraint, str]]) -> Check:
        """The query for the constraints ``broken``, which read ``reads``: the grouped
        pass, then the focus nodes breaking any of them, and for those each one's flag."""
        flags = " ".join(f"?{constraint.flag}" for constraint, _ in broken)
        binds = " ".join(f"BIND({test} AS ?{c.flag})" for c, test in broken)
        anything = " || ".join(f"({test})" for _, test in broken)
        branches, aggregates = [], []
        if "" in reads:
            branches.append(f"{{ {self.targets} BIND(true AS ?target) }}")
            aggregates.append("(COUNT(?target) AS ?targeted)")
            anything = f"?targeted > 0 && ({anything})"
        for key, (branch, count, var) in self.classes.items():
            if key in reads:
                branches.append(branch)
                aggregates.append(f"({count} AS {var})")
        for key, found in self.paths.items():
            if key in reads:
                branches.append(self._branch(found))
                aggregates += [f"({a} AS {v})" for a, v in found.counters.items()]
        restrict = self.holder
        if not restrict and "" not in reads:
            restrict = f"FILTER EXISTS {{ {self.targets} }}"
        query = (
            f"SELECT ?focus ?holder {flags} WHERE {{ {{ SELECT * WHERE {{ {{ SELECT ?focus "
            f"{' '.join(aggregates)} WHERE {{ {' UNION '.join(branches)} }} GROUP BY ?focus }} "
            f"FILTER({anything}) }} }} {restrict} {binds} }}"
        )
        return Check(query, self.via, tuple(constraint for constraint, _ in broken))


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

    def target(self, node, targets: dict[str, _Focus]) -> _Focus | None:
        """The focus nodes of the shape ``node``, shared by the shapes with the same target
        in ``targets`` (``?holder``: the node holding a ``sh:targetObjectsOf`` focus, on
        which a blank-node focus is reported)."""
        cls, objects_of = self.one(node, "targetClass"), self.one(node, "targetObjectsOf")
        if cls is not None:
            pattern = (
                f"{{ SELECT ?focusClass WHERE {{ ?focusClass rdfs:subClassOf* {cls} }} }} "
                "?focus a ?focusClass ."
            )
            key, focus = f"class {cls}", _Focus(pattern, "", None, self.var)
        elif objects_of is not None:
            pattern = f"?holder {objects_of} ?focus ."
            via = compact(objects_of.value)
            key, focus = f"objects of {objects_of}", _Focus(pattern, pattern, via, self.var)
        else:
            return None
        return targets.setdefault(key, focus)

    def node_constraints(self, node, target: _Focus) -> None:
        """Add the constraints of the node shape ``node`` (and its property shapes)."""
        own = {p for p in self.predicates(node) if p.startswith(_SH)} - {
            _SH + n for n in _STRUCTURAL
        }
        _refuse_unknown(own, _VALUE_CONSTRAINTS)
        if own:
            test = self.conforms(node, target)
            message = self.text(node, "message") or _DEFAULT_MESSAGE
            target.add(f"!COALESCE({test}, false)", None, message, sparse=False)
        for prop in self.objects(node, _SH + "property"):
            self.property_constraints(prop, target)

    def property_constraints(self, prop, target: _Focus) -> None:
        """Add the constraints of a top-level property shape on ``target``'s focus nodes."""
        path = self.one(prop, "path")
        if not isinstance(path, NamedNode):
            raise NotImplementedError(f"sh:path {path} (only a single IRI is supported)")
        _refuse_unknown(
            {p for p in self.predicates(prop) if p.startswith(_SH)},
            _STRUCTURAL | _VALUE_CONSTRAINTS,
        )
        scope, shown = target, compact(path.value)
        message = self.text(prop, "message") or _DEFAULT_MESSAGE
        low, high = self.number(prop, "minCount") or 0, self.number(prop, "maxCount")
        if low or high is not None:
            target.add(f"!({scope.count(path, low, high)})", shown, message, sparse=not low)
        qualified = self.qualified(prop, path, scope)
        if qualified:
            low = self.number(prop, "qualifiedMinCount") or 0
            target.add(f"!({qualified})", shown, message, sparse=not low)
        test = self.value_constraints(prop, scope.values(path))
        if test:
            target.add(f"!({scope.every(path, test)})", shown, message, sparse=True)

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
