"""Queries whose SQL is built once per process and run again with other values.

Building a query through the ORM (resolving each filter and subquery, then
compiling it) costs far more than running it when the query is a handful of
index probes: the case page's "which lists have rows" question is nine
``EXISTS`` subqueries that PostgreSQL answers in a tenth of a millisecond and
the ORM takes milliseconds to write. A ``CompiledRow`` builds its queryset once
per database with marker numbers in place of the values that change (a case's
id, a user's id), keeps the SQL and its parameters, and then only puts the
values in the markers' places: the same SQL the ORM wrote, with the values
passed as parameters, never into the text.
"""

from collections.abc import Callable

from django.db import connections
from django.db.models import Exists, QuerySet

# Values no real id takes (ids are positive): each stands for one argument while the SQL is built.
MARKERS = (-7_340_033, -7_340_034, -7_340_035, -7_340_036)


class CompiledRow:
    """One row of a ``values()`` queryset, by column name, with the SQL built once per database.

    ``build(*markers)`` returns the queryset for the arguments given as markers (integers);
    the queryset must use each argument only as a parameter (a filter value), which is checked
    when the SQL is built. Values come back as the database driver gives them: no field
    converters run, so keep to plain values (numbers, booleans, text).
    """

    def __init__(self, build: Callable[..., QuerySet], arguments: int):
        if not 0 < arguments <= len(MARKERS):
            raise ValueError(f"between 1 and {len(MARKERS)} arguments")
        self._build = build
        self._arguments = arguments
        self._compiled: dict[tuple[str, str], tuple[str, list, list[int | None]]] = {}

    def _compile(self, alias: str) -> tuple[str, list, list[int | None]]:
        markers = MARKERS[: self._arguments]
        queryset = self._build(*markers)
        sql, params = queryset.query.get_compiler(using=alias).as_sql()
        slots = [markers.index(param) if type(param) is int and param in markers else None for param in params]
        missing = set(range(len(markers))) - set(slots)
        if missing:
            raise ValueError(f"argument {min(missing) + 1} is not a parameter of the query")
        return sql, list(params), slots

    def get(self, *values: int, using: str = "default") -> dict | None:
        if len(values) != self._arguments:
            raise TypeError(f"{self._arguments} values expected, {len(values)} given")
        connection = connections[using]
        key = (using, connection.vendor)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(using)
        sql, params, slots = compiled
        params = [param if slot is None else int(values[slot]) for param, slot in zip(params, slots, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
            if row is None:
                return None
            return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


class CompiledExists:
    """Which of ``kinds`` (name → ``rows(id)``, a queryset of that id's rows) have at least one
    row for an id of ``model``: one query of ``EXISTS`` columns, its SQL built once."""

    def __init__(self, model, kinds: dict[str, Callable[[int], QuerySet]]):
        # Columns named by position: a kind's name may be anything, an SQL alias may not.
        self.names = list(kinds)

        def build(pk):
            columns = {f"exists_{index}": Exists(kinds[name](pk)) for index, name in enumerate(self.names)}
            return model._default_manager.filter(pk=pk).values(**columns)

        self._row = CompiledRow(build, arguments=1)

    def present(self, pk: int, using: str = "default") -> frozenset[str]:
        row = self._row.get(pk, using=using) or {}
        return frozenset(self.names[int(column.removeprefix("exists_"))] for column, found in row.items() if found)
