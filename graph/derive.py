"""Building the derived layer: truthy triples, roll-ups and effective dates.

The rules are SPARQL Update files in ``graph/rules/`` (see docs/data-model.md, "The derived
layer"), applied in file-name order into the derived graph. Keeping them as SPARQL makes each
rule readable on its own and testable against a small store.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, Store

from graph.namespaces import GRAPH_DERIVED, PREFIXES
from graph.resources import rules_dir

__all__ = ["rule_files", "derive"]


def rule_files() -> list[Path]:
    """The rule files, in the order they are applied."""
    return sorted(rules_dir().glob("*.ru"))


def derive(store: Store) -> None:
    """Rebuild the derived graph of ``store`` from the other graphs (idempotent)."""
    store.clear_graph(NamedNode(GRAPH_DERIVED))
    for rule in rule_files():
        store.update(rule.read_text(encoding="utf-8"), prefixes=PREFIXES)
