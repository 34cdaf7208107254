"""Keyset pagination: a page starts after (or before) the last row seen, never at an OFFSET.

The cost of a page does not grow with its depth, and the total is counted
only when the database expects a small one; a large one is the planner's
estimate, shown as one ("about 19,900"), never an exact count over a huge set.
"""

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Q, QuerySet

# Annotations a page may be ordered by (whole numbers), beside the model's fields.
RANKS = {"search_rank"}
COUNT_CAP = 1000
# The planner's cost (its own units, from table statistics) up to which a count is cheap enough to
# run: a partner's shares or a narrow search cost a few hundred; a filter that has to look at tens
# of thousands of candidates to find a few hundred matches costs tens of thousands.
COUNT_COST_LIMIT = 2000
# How long the planner's estimate of a list's size is reused for the same query.
ESTIMATE_SECONDS = 60


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
            if key.lstrip("-") in RANKS:
                if not isinstance(value, int) or isinstance(value, bool):
                    return None
                decoded.append(value)
                continue
            model_field = model._meta.get_field(key.lstrip("-"))
            decoded.append(model_field.to_python(value))
        return decoded
    except (ValueError, TypeError, binascii.Error, ValidationError):  # a malformed cursor: first page
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


def _windowed(queryset: QuerySet, ordering: tuple[str, ...], cursor: Q, window: int, size: int) -> list | None:
    """The page looked for among the next ``window`` rows of the whole table only.

    For a filter that matches many rows (a common search word) the database would
    otherwise fetch every match through the search index and sort them all. The
    window's far edge is read first (a bounded index scan), so that the range
    condition is a literal the planner can estimate. Returns None when the window
    holds less than a full page: the caller then runs the unrestricted query.
    """
    first = ordering[0]
    edge = (
        queryset.model._default_manager.filter(cursor)
        .order_by(*ordering)
        .values_list(first.lstrip("-"), flat=True)[window : window + 1]
    )
    edge = list(edge)
    if not edge:
        return None
    lookup = "gte" if first.startswith("-") else "lte"
    rows = list(queryset.filter(cursor, **{f"{first.lstrip('-')}__{lookup}": edge[0]}).order_by(*ordering)[: size + 1])
    return rows if len(rows) > size else None


def _ids_first(queryset: QuerySet, ordering: tuple[str, ...], limit: int) -> list:
    """The first ``limit`` rows of ``queryset`` in ``ordering``: their ids first, then the rows.

    Asking for the ids alone lets PostgreSQL answer from an index that holds every column the
    filter reads (an index-only scan: ``case_status_idx`` holds the start date and what the
    visibility rules read). Walking newest first and testing each row, it reads index entries
    instead of table rows. That matters when many rows are passed over before a page is found: a
    range of start dates walked in order of creation, since new cases are about recent events.
    The rows are then read by id through the same queryset, so every condition is checked again.
    """
    ids = list(queryset.order_by(*ordering).values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(queryset.filter(pk__in=ids), key=lambda row: position[row.pk])


def keyset_page(
    queryset: QuerySet,
    *,
    ordering: tuple[str, ...],
    size: int,
    after: str | None = None,
    before: str | None = None,
    window: int | None = None,
    ranked_first: QuerySet | None = None,
    ids_first: bool = False,
) -> KeysetPage:
    """One page of ``queryset`` in ``ordering`` (whose last key must be unique, e.g. the id).

    ``window``: try the next ``window`` rows of the table first (see ``_windowed``).
    ``ranked_first``: for an ordering by a rank, the rows of ``queryset`` of rank 0 (annotated
    so): a full page of them among the window's rows is the page, since no row of a lower rank
    comes before them and no older row of rank 0 either.
    ``ids_first``: find the page's ids first, then read those rows (``_ids_first``).
    """
    model = queryset.model
    keys = [key.lstrip("-") for key in ordering]
    backwards = False

    def first_rows(rows_queryset: QuerySet, rows_ordering: tuple[str, ...]) -> list:
        if ids_first:
            return _ids_first(rows_queryset, rows_ordering, size + 1)
        return list(rows_queryset.order_by(*rows_ordering)[: size + 1])

    if before and (values := _decode(before, ordering, model)) is not None:
        rows = first_rows(queryset.filter(_after(_reverse(ordering), values)), _reverse(ordering))
        backwards = True
    else:
        values = _decode(after, ordering, model) if after else None
        if values is None:
            after = None
        cursor = _after(ordering, values) if values is not None else Q()
        # A window of recent rows cannot rank (the best match may be older than the window), except
        # among the rows of the first rank alone.
        ranked = ordering[0].lstrip("-") in RANKS
        rows = None
        if window and not ranked:
            rows = _windowed(queryset, ordering, cursor, window, size)
        elif window and ranked_first is not None and (values is None or values[0] == 0):
            rest = ordering[1:]
            rest_cursor = _after(rest, values[1:]) if values is not None else Q()
            rows = _windowed(ranked_first, rest, rest_cursor, window, size)
        if rows is None:
            rows = first_rows(queryset.filter(cursor), ordering)
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


@dataclass(frozen=True)
class ListCount:
    """What the list says about its size: ``exact`` rows, ``more`` than ``value``, or ``about`` ``value``."""

    value: int
    kind: str  # "exact", "more" or "about"

    @property
    def exact(self) -> bool:
        return self.kind == "exact"


def _significant(value: int, digits: int = 3) -> int:
    """``value`` rounded to ``digits`` significant figures (19,874 -> 19,900): an estimate says so."""
    if value < 10**digits:
        return value
    scale = 10 ** (len(str(value)) - digits)
    return round(value / scale) * scale


def planner_estimate(queryset: QuerySet, *, key: str | None = None) -> tuple[int, float] | None:
    """PostgreSQL's own estimate of the rows of ``queryset`` and of the cost of reading them
    (EXPLAIN, nothing executed).

    Both come from the table statistics, so they are the same for the same request until the
    data (and then ANALYZE) changes, whatever the load; None on other databases.
    """
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    # Kept a minute under the query's own text, or under ``key`` when the caller names the query
    # more cheaply than by compiling it (the same key must always mean the same query): the
    # statistics behind an estimate change only with ANALYZE.
    compiled = None
    if key is None:
        compiled = queryset.order_by().query.sql_with_params()
        key = "cases:estimate:" + hashlib.sha256(repr(compiled).encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    sql, params = compiled or queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    estimate = int(plan[0]["Plan"]["Plan Rows"]), float(plan[0]["Plan"]["Total Cost"])
    cache.set(key, estimate, ESTIMATE_SECONDS)
    return estimate


def list_count(queryset: QuerySet, cap: int = COUNT_CAP, *, at_least: int = 0, key: str | None = None) -> ListCount:
    """How many rows the list has, told the same way every time for the same data.

    Exact when it is cheap: when the planner expects at most ``cap`` rows for at most
    ``COUNT_COST_LIMIT`` (or on SQLite, which has no estimate), the rows are counted, stopping
    after ``cap`` ("more than 1,000" if there are more). Otherwise the planner's estimate is shown
    as one ("about 19,900"), never below ``at_least`` (rows the caller knows are there), and
    nothing is counted. The choice depends on the data and its statistics only, never on how long
    a count takes, so the label of a request does not change with the load of the server.
    ``key``: names the query for the kept estimate (``planner_estimate``).
    """
    estimate = planner_estimate(queryset, key=key)
    if estimate is not None:
        rows, cost = estimate
        if rows > cap or cost > COUNT_COST_LIMIT:
            return ListCount(_significant(max(rows, at_least)), "about")
    count = queryset.order_by()[: cap + 1].count()
    return ListCount(cap, "more") if count > cap else ListCount(count, "exact")
