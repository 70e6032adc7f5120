"""Time: the statements in date order, and what appeared between two dates.

Every statement has an effective date (docs/data-model.md, "The derived layer"): its own
date, or else the publication date of its first source. :func:`timeline` lists the
statements by that date, for the whole graph or one actor, and shows each date honestly:
the date as the source gives it (``2024-12-01``, ``2016``), or ``before 2024-12-02`` when
the statement is undated: it held or happened at an unknown time before its document,
never "on" the document's date. :func:`diff` lists what appeared between two dates: the
statements whose effective date is after the first and on or before the second, the
undated ones shown as "before" their document's date.

Unlike the signed network, the timeline keeps every stance (a denial is news too) and
structural statements. Roll-ups are listed unless ``derived`` is false.

>>> import datetime
>>> from actorgraph.ingest import open_graph
>>> first = timeline(open_graph())[0]
>>> first.when, first.row.statement
('2012', 'aleppo-151')
>>> [e.row.statement for e in diff(open_graph(), datetime.date(2019, 1, 1),
...                                 datetime.date(2021, 1, 1))]
['aleppo-097']
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..query.relations import RelationRow, all_statements, relations
from ..records import Record

if TYPE_CHECKING:
    from ..query.actors import Actor
    from ..store.base import GraphStore

__all__ = ["Entry", "timeline", "diff", "when"]


@dataclass(frozen=True)
class Entry(Record):
    """A statement on the timeline, with its date as shown to the reader."""

    JSON_KEYS = ("when", "*row", "effective_date=row.effective_date")

    when: str
    row: RelationRow


def timeline(
    gs: GraphStore,
    actor: Actor | None = None,
    *,
    at: datetime.date | None = None,
    derived: bool = True,
) -> list[Entry]:
    """The statements (about ``actor``, or all), by effective date then id.

    ``at`` keeps what holds on that day (events on or before it, states begun by it and
    not ended before it); a statement with no effective date is listed last.
    """
    rows = all_statements(gs, at) if actor is None else relations(gs, actor, at=at)
    return [Entry(when(row), row) for row in rows if derived or not row.derived]


def diff(
    gs: GraphStore,
    start: datetime.date,
    end: datetime.date,
    actor: Actor | None = None,
    *,
    derived: bool = True,
) -> list[Entry]:
    """The statements whose effective date is in (``start``, ``end``], by date then id.

    Raises :class:`UsageError` unless ``start`` is before ``end``.
    """
    if start >= end:
        raise UsageError(
            f"--from ({start}) must be before --to ({end}); the difference lists what "
            "appeared after the first date, up to and including the second."
        )
    return [
        entry
        for entry in timeline(gs, actor, derived=derived)
        if entry.row.effective_date is not None and start < entry.row.effective_date <= end
    ]


def when(row: RelationRow) -> str:
    """The statement's date as the source gives it, or how it was placed in time.

    >>> from actorgraph.query.relations import RelationRow, Stance
    >>> row = RelationRow("s-1", "a", "A", "supports", "supports", "b", "B", None,
    ...                   Stance.asserted, (), False, (), (), None, "", "", "",
    ...                   datetime.date(2024, 12, 2))
    >>> when(row)
    'before 2024-12-02'
    """
    if row.date is not None:
        return row.date
    if row.effective_date is not None:
        return f"before {row.effective_date.isoformat()}"
    return "undated"


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None
