"""Result records and their JSON form, defined once.

Every result the library hands to the CLI, the page or the endpoint (an actor, a statement
row, a path, a camp ...) is a frozen dataclass that subclasses :class:`Record`. Its
``to_dict`` is the JSON form: by default its fields in order; a class that renames, leaves
out or adds keys lists them in ``JSON_KEYS``. Values are converted by :func:`jsonable`, so
enums become their values, dates ISO strings, tuples lists and nested records dicts, the
same way everywhere.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Hop(Record):
...     JSON_KEYS = ("from=start", "to=end", "length")
...     start: str
...     end: str
...     steps: tuple[str, ...]
...     @property
...     def length(self) -> int:
...         return len(self.steps)
>>> Hop("a", "b", ("x", "y")).to_dict()
{'from': 'a', 'to': 'b', 'length': 2}
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from enum import Enum
from operator import attrgetter
from typing import Any, ClassVar

__all__ = ["Record", "jsonable"]


class Record:
    """A result whose :meth:`to_dict` is its JSON form.

    ``JSON_KEYS`` lists the keys in order, each ``"key"`` (the attribute of that name, a
    field or a property), ``"key=attribute"`` (renamed; the attribute may be dotted, as in
    ``"from=start.id"``) or ``"*attribute"`` (the keys of that attribute's own JSON form,
    spread in place). Empty: every field, as named.
    """

    JSON_KEYS: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (see the class docstring)."""
        keys = self.JSON_KEYS or tuple(f.name for f in fields(self))  # type: ignore[arg-type]
        found: dict[str, Any] = {}
        for spec in keys:
            if spec.startswith("*"):
                found.update(jsonable(attrgetter(spec[1:])(self)))
                continue
            key, _, attribute = spec.partition("=")
            found[key] = jsonable(attrgetter(attribute or key)(self))
        return found


def jsonable(value: Any) -> Any:
    """``value`` as JSON can hold it: records and dataclasses as dicts, enums as their
    values, dates as ISO strings, tuples, lists and sets as lists.

    >>> import enum
    >>> class Colour(enum.Enum):
    ...     red = "red"
    >>> jsonable((Colour.red, datetime.date(2024, 12, 1), {"n": frozenset({1})}))
    ['red', '2024-12-01', {'n': [1]}]
    """
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [jsonable(item) for item in value]
    if isinstance(value, frozenset | set):
        return [jsonable(item) for item in sorted(value)]
    if isinstance(value, Mapping):
        return {key: jsonable(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    return value
