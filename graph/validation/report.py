"""What a validation finds: the violations, which fail a load, and the warnings, which do not.

Both validators (:mod:`actorgraph.validation.validate` with pyshacl,
:mod:`actorgraph.validation.shacl_sparql` in the store) return a :class:`Findings`. A shape
with ``sh:severity sh:Warning`` (or ``sh:Info``) reports a warning; every other shape a
violation, as SHACL's default severity is ``sh:Violation``.

>>> from actorgraph.errors import Violation
>>> found = Findings([], [Violation("a.ttl", "stmt:x", "ag:date", "give a date")])
>>> found.conforms, [str(w) for w in found.warnings]
(True, ['a.ttl: stmt:x (ag:date): give a date'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Violation

__all__ = ["Findings", "order"]


@dataclass(frozen=True)
class Findings:
    """The violations (sh:Violation results) and warnings (sh:Warning and sh:Info results)
    of a validation, each sorted by file, focus node, path and message."""

    violations: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings do not count)."""
        return not self.violations


def order(violation: Violation) -> tuple[str, str, str, str]:
    """The sort key of a violation or warning: file, focus node, path, message."""
    return (violation.file, violation.focus, violation.path or "", violation.message)
