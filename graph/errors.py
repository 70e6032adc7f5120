"""The exceptions actorgraph raises for problems a user can fix.

Every error a user can cause is one of these. The CLI prints them as ``Error: ...`` on
stderr and exits with :attr:`ActorGraphError.exit_code` (1 for failures, 2 for usage
errors and unknown actors); it never shows a traceback for them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ActorGraphError",
    "UsageError",
    "UnknownActorError",
    "AmbiguousActorError",
    "DataSyntaxError",
    "Violation",
    "ValidationError",
    "SheetProblem",
    "SheetError",
    "StoreError",
    "StoreInUseError",
    "QueryError",
    "QueryRefusedError",
    "QueryTimeoutError",
]


class ActorGraphError(Exception):
    """Base class: a failure the user can understand and fix (exit code 1)."""

    exit_code = 1


class UsageError(ActorGraphError):
    """The command was called wrongly: a bad option value, date or parameter (exit 2)."""

    exit_code = 2


class UnknownActorError(UsageError):
    """No actor matches the name; ``suggestions`` holds the closest labels."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown actor {name!r}.{hint} (list actors with: actorgraph actors)")


class AmbiguousActorError(UsageError):
    """Several actors match the name equally well; ``candidates`` are ``(id, label)`` pairs."""

    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        self.name = name
        self.candidates = candidates
        listing = "; ".join(f"{ident} ({label})" for ident, label in candidates)
        super().__init__(f"actor {name!r} is ambiguous: {listing}. Use one of these ids instead.")


class DataSyntaxError(ActorGraphError):
    """A data file cannot be parsed. Printed as ``file:line:col: message``."""

    def __init__(self, file: str, line: int | None, column: int | None, message: str):
        self.file, self.line, self.column, self.message = file, line, column, message
        where = file
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {_clip(message)}")


def _clip(text: str, limit: int = 400) -> str:
    """``text`` cut in the middle if longer than ``limit`` (a parser may quote a huge token).

    >>> _clip("x" * 1000, 20)
    'xxxxxxxx … xxxxxxxxx'
    """
    if len(text) <= limit:
        return text
    keep = limit - 3
    return f"{text[: keep // 2]} … {text[len(text) - keep + keep // 2 :]}"


@dataclass(frozen=True)
class Violation:
    """One SHACL violation: which file, which node (statement or actor), which path, what."""

    file: str
    focus: str
    path: str | None
    message: str

    def __str__(self) -> str:
        on = f" ({self.path})" if self.path else ""
        return f"{self.file}: {self.focus}{on}: {self.message}"


class ValidationError(ActorGraphError):
    """The data does not satisfy the SHACL shapes; nothing was loaded."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        lines = "\n".join(str(v) for v in violations)
        super().__init__(f"{len(violations)} SHACL violation(s); nothing was loaded:\n{lines}")


@dataclass(frozen=True)
class SheetProblem:
    """One problem in a sheet: where (file, 1-based row, column name), what, and how to fix it.

    >>> print(SheetProblem("statements.csv", 3, "relation", "unknown relation 'backs'",
    ...                    "did you mean 'supports'?"))
    statements.csv:3:relation: unknown relation 'backs' (did you mean 'supports'?)
    """

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str | None = None
    node: str | None = None  # the statement, for a problem in an RDF file (no rows there)

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column is not None:
            where += f":{self.column}"
        if self.node is not None:
            where += f": {self.node}"
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.message}{hint}"


class SheetError(ActorGraphError):
    """A sheet (CSV, TSV or workbook) has problems; nothing of it was loaded."""

    def __init__(
        self,
        problems: list[SheetProblem],
        outcome: str = "in the sheets; nothing was loaded "
        "(see them all with: actorgraph validate FILE)",
    ):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) {outcome}:\n{lines}{more}")


class StoreError(ActorGraphError):
    """The on-disk store is missing, damaged or of the wrong kind."""


class StoreInUseError(StoreError):
    """Another process is writing to the store."""


class QueryError(ActorGraphError):
    """A SPARQL query is malformed or failed while running."""


class QueryRefusedError(QueryError):
    """The query would reach the network (SERVICE, LOAD, remote FROM) and that is not enabled."""


class QueryTimeoutError(QueryError):
    """The query ran past its time limit and was stopped."""
