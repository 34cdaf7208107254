"""Appending to the audit log, one writer at a time."""

import json

from django.db import connection, transaction
from django.utils import timezone

from casebook.audit import Entry, chain
from casebook.audit.actions import Action
from casebook.audit.context import current_request
from casebook.models import AuditEvent
from casebook.security import client_ip

# Any constant will do: it names the lock that serialises writers on PostgreSQL.
ADVISORY_LOCK_KEY = 0x0CA5EB00C


def _lock_chain(*, without_waiting_for_the_disk: bool = False) -> None:
    """Hold the chain's head until the transaction ends (and, if asked, commit asynchronously).

    On PostgreSQL an advisory transaction lock; SQLite transactions here start
    as IMMEDIATE (settings), which already holds the single write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if without_waiting_for_the_disk:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s), set_config('synchronous_commit', 'off', true)",
                    [ADVISORY_LOCK_KEY],
                )
            else:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])


# A page looked at, as opposed to anything changed, downloaded or exported. Its entry is committed
# without waiting for the write-ahead log to reach the disk (PostgreSQL's asynchronous commit):
# a crash of the database server may lose the last fraction of a second of such entries, never
# a change, and never a hole in the chain (the log is written in order, so any later entry that
# survived was flushed after it). Waiting for the disk on every page view is most of a page's cost.
PAGE_VIEWS = frozenset(
    {
        Action.CASE_VIEWED,
        Action.CASE_HISTORY_VIEWED,
        Action.CONTENT_VIEWED,
        Action.ESCALATION_VIEWED,
        Action.AUDIT_VIEWED,
    }
)


def _case_reference(case) -> str:
    if case is None:
        return ""
    return str(getattr(case, "reference", case))[:40]


def _target(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk)[:64]


def _head() -> tuple[int, str] | None:
    """The last entry's sequence and hash (read under the chain's lock)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('sequence')}, {quote('hash')} FROM {quote(AuditEvent._meta.db_table)} "  # noqa: S608
            f"ORDER BY {quote('sequence')} DESC LIMIT 1"
        )
        return cursor.fetchone()


def _insert(event: AuditEvent) -> None:
    """One entry written with a plain INSERT: what ``save(force_insert=True)`` sends, without the
    model's signals and bookkeeping, which a page view paid for on every request. Each value is
    prepared by its field for this database, as the ORM would."""
    fields = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(AuditEvent._meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [field.get_db_prep_save(getattr(event, field.attname), connection) for field in fields])
        event.pk = cursor.fetchone()[0]
    event._state.adding = False
    event._state.db = connection.alias


def append(*, actor, action, case=None, target=None, request=None, detail=None) -> AuditEvent:
    return append_many(actor=actor, entries=[Entry(action, case, target, detail)], request=request)[0]


def append_many(*, actor, entries, request=None) -> list[AuditEvent]:
    """Entries (``casebook.audit.Entry``: action, case, target, detail), chained in order in one insert.

    The chain's head is read once under its lock, so a thousand entries cost one round trip
    and not three thousand; each entry is hashed as a single one is. The model's checks run on
    the first entry of each kind (action, object type and detail): the other fields of an entry
    are the same for all, or made to fit (a case reference, an object's id) or computed here.
    """
    if not entries:
        return []
    request = request if request is not None else current_request()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    actor_id = actor.pk if actor else None
    actor_name = actor.get_username()[:150] if actor else ""
    actions = [Action(entry.action) for entry in entries]
    own_transaction = not connection.in_atomic_block
    page_views = all(action in PAGE_VIEWS for action in actions)
    ip_address = (client_ip(request) or "") if request is not None else ""
    events = []
    checked = set()
    with transaction.atomic():
        _lock_chain(without_waiting_for_the_disk=own_transaction and page_views)
        last = _head()
        sequence, previous_hash = last if last else (0, chain.GENESIS)
        for entry, action in zip(entries, actions, strict=True):
            sequence += 1
            target_type, target_id = _target(entry.target)
            detail = json.dumps(entry.detail, ensure_ascii=False, sort_keys=True, default=str) if entry.detail else ""
            event = AuditEvent(
                sequence=sequence,
                created_at=timezone.now(),
                actor_id=actor_id,
                actor_name=actor_name,
                action=action.value,
                case_reference=_case_reference(entry.case),
                target_type=target_type,
                target_id=target_id,
                ip_address=ip_address,
                detail=detail,
                previous_hash=previous_hash,
            )
            event.hash = chain.entry_hash(tuple(getattr(event, name) for name in chain.FIELDS))
            if (action, target_type, detail) not in checked:
                event.full_clean(exclude=["actor"], validate_unique=False)
                checked.add((action, target_type, detail))
            previous_hash = event.hash
            events.append(event)
        if len(events) == 1:
            _insert(events[0])
        elif events:
            AuditEvent.objects.bulk_create(events)
        # A checkpoint whenever the chain passes a multiple of the interval; of several entries
        # appended together, the last such one is signed: it vouches for every entry before it
        # (any change to one changes each hash after it), and each checkpoint costs a disk flush.
        interval = checkpoint_interval()
        passed = [event for event in events if event.sequence % interval == 0]
        if passed:
            from casebook.audit.checkpoints import write_checkpoint

            last = passed[-1]
            transaction.on_commit(
                lambda sequence=last.sequence, head=last.hash: write_checkpoint(sequence=sequence, head_hash=head)
            )
    return events


def checkpoint_interval() -> int:
    from django.conf import settings

    return settings.AUDIT_CHECKPOINT_EVERY
