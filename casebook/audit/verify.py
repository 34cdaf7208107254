"""Checking the whole audit log against itself and against the signed checkpoints."""

from django.conf import settings
from django.db import connection

from casebook.audit import chain, triggers
from casebook.audit.checkpoints import read_checkpoints
from casebook.models import AuditEvent


def _rows(chunk_size: int):
    """Every entry in sequence order, as plain database values.

    Read with a plain cursor rather than through the ORM: the walk needs only
    the stored values, and skipping the ORM's per-row conversions halves the time.
    One statement sees one snapshot of the table, whatever is appended meanwhile;
    on PostgreSQL the cursor is server-side, so memory does not grow with the log.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(AuditEvent._meta.get_field(name).column) for name in (*chain.FIELDS, "hash"))
    table = quote(AuditEvent._meta.db_table)
    server_side = not connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")  # e.g. behind PgBouncer
    cursor = connection.chunked_cursor() if server_side else connection.cursor()
    try:
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {quote('sequence')}")  # noqa: S608 (names only)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows
    finally:
        cursor.close()


def verify_audit_log(*, chunk_size: int = 20000) -> chain.Verification:
    """The chain, the checkpoints and the append-only triggers, checked together."""
    checkpoints, checkpoint_problems = read_checkpoints()
    expected = {checkpoint.sequence: checkpoint.hash for checkpoint in checkpoints}
    result = chain.walk(_rows(chunk_size), expected)
    result.problems.extend(checkpoint_problems)
    for name in triggers.missing(connection):
        result.problems.append(
            f"the append-only trigger {name} is missing or disabled: the log can be changed in the database"
        )
    latest = max((checkpoint.sequence for checkpoint in checkpoints), default=0)
    result.latest_checkpoint = min(latest, result.head_sequence)
    result.unprotected = result.head_sequence - result.latest_checkpoint
    if result.first_broken_sequence is None:
        if latest > result.head_sequence:
            result.problems.append(
                f"the log ends at entry #{result.head_sequence} but a signed checkpoint names entry #{latest}: "
                "entries were removed from the end"
            )
        interval = settings.AUDIT_CHECKPOINT_EVERY
        due = result.head_sequence - result.head_sequence % interval
        if latest < due:
            result.problems.append(
                f"no signed checkpoint names entry #{due} or later, though one is written every {interval} "
                f"entries (latest: #{latest}): the checkpoint file was removed or cut"
            )
    return result
