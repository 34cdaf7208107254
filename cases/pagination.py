"""Keyset pagination: a page starts after (or before) the last row seen, never at an OFFSET.

The cost of a page does not grow with its depth, and the total is counted
only up to a cap ("more than 1,000"), never exactly over a huge set.
"""

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet

COUNT_CAP = 1000


@dataclass
class KeysetPage:
    object_list: list
    size: int
    next_cursor: str | None = None
    previous_cursor: str | None = None
    extra: dict = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _encode(values: list) -> str:
    raw = json.dumps([value.isoformat() if isinstance(value, datetime) else value for value in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, ordering: tuple[str, ...], model) -> list | None:
    """The key values in a cursor, or None for a cursor that is not one of ours."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != len(ordering):
            return None
        decoded = []
        for value, key in zip(values, ordering, strict=True):
            model_field = model._meta.get_field(key.lstrip("-"))
            decoded.append(model_field.to_python(value))
        return decoded
    except (ValueError, TypeError, json.JSONDecodeError, Exception):  # any malformed cursor: first page
        return None


def _after(ordering: tuple[str, ...], values: list) -> Q:
    """Rows strictly after ``values`` in ``ordering`` (a lexicographic comparison, index friendly)."""
    condition = Q()
    for position in range(len(ordering) - 1, -1, -1):
        name = ordering[position].lstrip("-")
        lookup = "lt" if ordering[position].startswith("-") else "gt"
        step = Q(**{f"{name}__{lookup}": values[position]})
        if position < len(ordering) - 1:
            step |= Q(**{name: values[position]}) & condition
        condition = step
    return condition


def _reverse(ordering: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key[1:] if key.startswith("-") else f"-{key}" for key in ordering)


def keyset_page(
    queryset: QuerySet, *, ordering: tuple[str, ...], size: int, after: str | None = None, before: str | None = None
) -> KeysetPage:
    """One page of ``queryset`` in ``ordering`` (whose last key must be unique, e.g. the id)."""
    model = queryset.model
    keys = [key.lstrip("-") for key in ordering]
    backwards = False
    if before and (values := _decode(before, ordering, model)) is not None:
        rows = list(queryset.filter(_after(_reverse(ordering), values)).order_by(*_reverse(ordering))[: size + 1])
        backwards = True
    elif after and (values := _decode(after, ordering, model)) is not None:
        rows = list(queryset.filter(_after(ordering, values)).order_by(*ordering)[: size + 1])
    else:
        after = None
        rows = list(queryset.order_by(*ordering)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    page = KeysetPage(object_list=rows, size=size)
    if rows:
        first = _encode([getattr(rows[0], key) for key in keys])
        last = _encode([getattr(rows[-1], key) for key in keys])
        if backwards:
            page.previous_cursor = first if more else None
            page.next_cursor = last
        else:
            page.next_cursor = last if more else None
            page.previous_cursor = first if after else None
    return page


def count_capped(queryset: QuerySet, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows, counting no further than ``cap``: (count, whether there are more)."""
    count = queryset.order_by()[: cap + 1].count()
    return min(count, cap), count > cap
