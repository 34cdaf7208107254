"""Versions of many records at once, copied by the database from the rows just written.

What ``bulk_history_create`` (django-simple-history) writes, a version per record with its
user, reason and kind, but in one ``INSERT … SELECT`` per table: the tracked columns are read
from the record's own row rather than sent back to the database from a historical instance
built per record. A batch of imported cases, persons and acts spends most of its time sending
values; each of them would otherwise travel twice.
"""

from django.db import connection
from django.utils import timezone

# Records per statement: SQLite takes at most 999 values in one.
CHUNK = 500


def copy_versions(model, records, *, user, reason: str = "", kind: str = "+", through=None) -> list[int]:
    """A version of each of ``records`` (saved rows of a historied ``model``), as they are now;
    return the versions' ids, in the order of ``records``.

    ``kind`` is the history type: ``+`` created, ``~`` changed. The versions of one call share
    one moment, as the records were written together. ``through``: many-to-many fields whose
    links each version holds (as the model's ``m2m_fields`` declares them), copied likewise.
    """
    if not records:
        return []
    history = model.history.model
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in history.tracked_fields)
    pk = quote(model._meta.pk.column)
    moment = history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)
    version_of: dict = {}
    with connection.cursor() as cursor:
        for start in range(0, len(records), CHUNK):
            keys = [record.pk for record in records[start : start + CHUNK]]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, history_date, history_change_reason,"  # noqa: S608 (names only)
                f" history_type, history_user_id) SELECT {columns}, %s, %s, %s, %s FROM {quote(model._meta.db_table)}"
                f" WHERE {pk} IN ({', '.join(['%s'] * len(keys))}) RETURNING history_id, {pk}",
                [moment, reason, kind, user.pk if user is not None else None, *keys],
            )
            version_of.update((key, version) for version, key in cursor.fetchall())
        for name in through or ():
            _copy_links(cursor, model, name, list(version_of.values()))
    return [version_of[record.pk] for record in records]


def _copy_links(cursor, model, name: str, versions: list[int]) -> None:
    """The links of each version's record through many-to-many field ``name``, as that version's."""
    quote = connection.ops.quote_name
    links = getattr(model, name).through
    link_history = getattr(model.history.model, name).model
    source = getattr(model, name).field.m2m_field_name()
    columns = ", ".join(quote(field.column) for field in links._meta.fields)
    selected = ", ".join(f"link.{quote(field.column)}" for field in links._meta.fields)
    history_table = quote(model.history.model._meta.db_table)
    for start in range(0, len(versions), CHUNK):
        chunk = versions[start : start + CHUNK]
        cursor.execute(
            f"INSERT INTO {quote(link_history._meta.db_table)} ({columns}, history_id)"  # noqa: S608 (names only)
            f" SELECT {selected}, version.history_id FROM {quote(links._meta.db_table)} link"
            f" JOIN {history_table} version ON version.{quote(model._meta.pk.column)}"
            f" = link.{quote(links._meta.get_field(source).column)}"
            f" WHERE version.history_id IN ({', '.join(['%s'] * len(chunk))})",
            chunk,
        )
