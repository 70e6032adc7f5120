"""The SPARQL writer of the SHACL compiler: the query fragments that check focus nodes.

:class:`Focus` collects the constraints on the focus nodes of one target and writes them as
:class:`Check` queries; :class:`Scope` writes what an expression reads about the values of a
path (nested shapes). :mod:`actorgraph.validation.compile` walks the shapes graph and calls
them; :mod:`actorgraph.validation.shacl_sparql` runs the checks in a store.

The queries are written for an on-disk store with millions of statements, where the cost is
in the rows a query moves and in the terms its expressions read (each read of a stored IRI or
literal is a lookup in the string table): no per-node lookups, one grouped pass over the
triples of the paths for all the counts of the focus nodes, one pass over the distinct values
of a path for all its value tests, each reading a term at most once, and no join of all focus
nodes to anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Check", "Constraint", "Focus", "PathReads", "Scope"]


@dataclass(frozen=True)
class Constraint:
    """One constraint of a :class:`Check`: the result variable ``flag`` is true on a row
    whose focus node breaks it; ``path``, ``message`` and ``severity`` (the local name of
    the shape's ``sh:severity``: ``Violation``, ``Warning`` or ``Info``) are what is reported."""

    flag: str
    path: str | None
    message: str
    severity: str = "Violation"


@dataclass(frozen=True)
class Check:
    """Constraints on the focus nodes of one target (from one or more node shapes) that
    read common paths, compiled to one SELECT returning a row per focus node that breaks at
    least one of them: ``?focus``, ``?holder`` (the node holding a ``sh:targetObjectsOf``
    focus through the property ``via``) and each constraint's flag."""

    query: str
    via: str | None
    constraints: tuple[Constraint, ...]


class Scope:
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
        self.paths: dict[str, tuple[object, Scope, dict[str, str]]] = {}
        self.language: str | None = None

    def lang(self) -> str:
        """A variable bound to the language tag of ``var`` (unbound if it is not a literal),
        read once for all the tests: each read of a stored term in an expression costs a
        lookup in the store's string table, while a tag is short enough to be held inline."""
        if self.language is None:
            self.language = self.fresh()
        return self.language

    def values(self, path) -> Scope:
        """The scope of the ``path`` values of the nodes (one per path)."""
        if str(path) not in self.paths:
            var = self.fresh()
            nodes = f"{{ SELECT DISTINCT {var} WHERE {{ {self.fresh()} {path} {var} }} }}"
            self.paths[str(path)] = (path, Scope(self.fresh, var, nodes), {})
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

    def _failing(self, path, values: Scope, tests: dict[str, str]) -> str:
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


class PathReads:
    """What the focus nodes' constraints read of one path: ``values`` is the scope of its
    distinct values; ``rows`` says whether a count reads all its triples; ``failing`` maps
    a value test that every value must pass to a flag bound on the values failing it, and
    ``qualifying`` a qualified value test to a variable bound to the values passing it;
    ``counters`` maps each per-node count (an aggregate) to its variable."""

    def __init__(self, path, values: Scope) -> None:
        self.path, self.values = path, values
        self.rows = False
        self.failing: dict[str, str] = {}
        self.qualifying: dict[str, str] = {}
        self.counters: dict[str, str] = {}


class Focus:
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
    with ``&&``, ``||`` and ``!`` like :class:`Scope`'s."""

    def __init__(
        self, targets: str, holder: str, via: str | None, fresh: Callable[[], str]
    ) -> None:
        self.targets, self.holder, self.via, self.fresh = targets, holder, via, fresh
        self.branches: dict[str, tuple[str, str, str]] = {}  # key -> branch, count, its var
        self.paths: dict[str, PathReads] = {}
        self.reads: set[str] = set()  # what the constraint being compiled reads
        self.broken: list[tuple[Constraint, str, frozenset[str]]] = []

    def add(
        self,
        broken: str,
        path: str | None,
        message: str,
        *,
        sparse: bool,
        severity: str = "Violation",
    ) -> None:
        """A constraint whose expression ``broken`` is true for a focus node that breaks it;
        ``sparse``: a node with no values on the paths it reads cannot break it."""
        flag = self.fresh()
        if not sparse:
            self.reads.add("")  # the target nodes
        constraint = Constraint(flag[1:], path, message, severity)
        self.broken.append((constraint, broken, frozenset(self.reads)))
        self.reads = set()

    def _path(self, path) -> PathReads:
        if str(path) not in self.paths:
            var = self.fresh()
            nodes = f"{{ SELECT DISTINCT {var} WHERE {{ {self.fresh()} {path} {var} }} }}"
            self.paths[str(path)] = PathReads(path, Scope(self.fresh, var, nodes))
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

    def values(self, path) -> Scope:
        """The scope of the ``path`` values of the focus nodes (one per path)."""
        return self._path(path).values

    def member(self, cls) -> str:
        """An expression: the focus node is an instance of ``cls`` or of a subclass."""
        if f"class {cls}" not in self.branches:
            sub, flag, count = self.fresh(), self.fresh(), self.fresh()
            branch = (
                f"{{ {{ SELECT {sub} WHERE {{ {sub} rdfs:subClassOf* {cls} }} }} "
                f"?focus a {sub} BIND(true AS {flag}) }}"
            )
            self.branches[f"class {cls}"] = (branch, f"COUNT({flag})", count)
        self.reads.add(f"class {cls}")
        return f"{self.branches[f'class {cls}'][2]} > 0"

    def ordered(self, path, other) -> str:
        """An expression: each ``path`` value of the focus node is ``<=`` each of its
        ``other`` values (``sh:lessThanOrEquals``; a pair that does not compare, such as a
        date and a year, breaks it). The pairs are read in a branch of their own: both
        paths' triples joined on the focus node, keeping the pairs out of order (usually
        none), as SPARQL's ``<=`` compares them."""
        key = f"pair {path} {other}"
        if key not in self.branches:
            low, high, flag, count = self.fresh(), self.fresh(), self.fresh(), self.fresh()
            branch = (
                f"{{ ?focus {path} {low} . ?focus {other} {high} "
                f"FILTER(!COALESCE({low} <= {high}, false)) BIND(true AS {flag}) }}"
            )
            self.branches[key] = (branch, f"COUNT({flag})", count)
        self.reads.add(key)
        return f"{self.branches[key][2]} = 0"

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

    def _counter(self, found: PathReads, aggregate: str) -> str:
        """The variable of ``aggregate`` over ``found``'s triples (one per aggregate)."""
        if aggregate not in found.counters:
            found.counters[aggregate] = self.fresh()
        return found.counters[aggregate]

    def _branch(self, found: PathReads) -> str:
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
        for key, (branch, count, var) in self.branches.items():
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
