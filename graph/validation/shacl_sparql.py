"""SHACL validation inside the store: the compiled shapes run as SPARQL, for large inputs.

:func:`check_store` runs the checks of :func:`~actorgraph.validation.compile.compile_shapes`
over the union of a store's graphs (or of some of them), where Oxigraph evaluates them in
Rust, and maps the rows to :class:`~actorgraph.errors.Violation`s.
:func:`validate_store` keeps only the violations: what a load refuses.

Results are reported like :func:`actorgraph.validation.validate.check_quads` reports
pyshacl's: the shape's ``sh:message``, the focus node compacted, and a blank-node focus (a
source reference) reported as the statement that holds it with the path ``ag:source/...``.
tests/test_shacl_sparql.py checks that both validators agree on the seeds and on every
invalid fixture.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from pyoxigraph import BlankNode, NamedNode, Store

from ..errors import Violation
from ..namespaces import PREFIXES, compact
from .compile import compile_shapes
from .report import Findings, order
from .sparql_builder import Check, Constraint

__all__ = ["Check", "Constraint", "check_store", "compile_shapes", "validate_store"]

_WORKERS = 2  # threads running the checks (the benchmark machine has two cores)


def check_store(
    store: Store,
    checks: list[Check] | None = None,
    *,
    file: str,
    graphs: Sequence[NamedNode] | None = None,
) -> Findings:
    """The SHACL violations and warnings in the union of ``store``'s graphs (or of only
    ``graphs``, e.g. all but one that another writer is filling), each reported against
    ``file``.

    The checks run on two threads (Oxigraph evaluates a query without holding the GIL),
    longest query first, so that the slowest does not start last."""
    checks = compile_shapes() if checks is None else checks
    ordered = sorted(checks, key=lambda check: -len(check.query))
    dataset = (
        {"use_default_graph_as_union": True} if graphs is None else {"default_graph": list(graphs)}
    )
    with ThreadPoolExecutor(_WORKERS) as pool:
        found = set().union(*pool.map(lambda check: _broken(store, check, file, dataset), ordered))
    violations = sorted((v for severity, v in found if severity == "Violation"), key=order)
    warnings = sorted((v for severity, v in found if severity != "Violation"), key=order)
    return Findings(violations, warnings)


def validate_store(
    store: Store,
    checks: list[Check] | None = None,
    *,
    file: str,
    graphs: Sequence[NamedNode] | None = None,
) -> list[Violation]:
    """The SHACL violations (not the warnings) that :func:`check_store` finds."""
    return check_store(store, checks, file=file, graphs=graphs).violations


def _broken(store: Store, check: Check, file: str, dataset: dict) -> set[tuple[str, Violation]]:
    """The results ``check`` finds in ``store`` with their severities, queried over
    ``dataset`` (the keyword arguments choosing the default graph)."""
    found = set()
    for row in store.query(check.query, prefixes=PREFIXES, **dataset):
        for constraint in check.constraints:
            if row[constraint.flag].value == "true":
                found.add((constraint.severity, _violation(row, check.via, constraint, file)))
    return found


def _violation(row, via: str | None, constraint: Constraint, file: str) -> Violation:
    """``constraint`` broken on ``row``'s focus; a blank-node focus is reported on its holder."""
    focus, path = row["focus"], constraint.path
    if isinstance(focus, BlankNode) and via is not None:
        focus = row["holder"]
        path = f"{via}/{path}" if path else via
    shown = compact(focus.value) if isinstance(focus, NamedNode) else str(focus)
    return Violation(file, shown, path, constraint.message)
