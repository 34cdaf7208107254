"""Many content items at once (a takedown log's batch): what ``content_item_save`` and
``content_status_record`` write, in a few statements per table whatever the number of items.

The same items, status statements (each with the status it replaced) and audit entries (each
item added or changed, then each further status stated), in order; the caller's transaction
makes them all or nothing. As for cases written a batch at a time (``cases.services.bulk``),
an item has one version per batch: a new item's is its creation, in the status its last
statement leaves it in; a recorded item's holds its changes and its new status together. The
one-by-one services write a version per status recorded.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied

from casebook.audit import Action, Entry, record_many
from cases.choices import ContentStatus, StatusSource
from cases.models import Case, ContentItem, ContentStatusChange, Platform
from cases.services.case import _check_writable
from cases.services.content import _check_date, _check_item_dates, _check_statement, local_today
from cases.services.versions import copy_versions


@dataclass(frozen=True)
class StatusStatement:
    """A status as someone states it: on which day (None: today) and on whose word."""

    status: str
    on: date | None
    source: str


@dataclass
class ItemWrite:
    """One item to write: a new one of ``case`` (``item`` None) on ``platform`` with ``fields``,
    or a recorded ``item`` with the ``fields`` that change; and the statuses stated of it, in
    order (a new item's first one is its status when added)."""

    case: Case | None = None  # None within a ``NewCase``: the case being created
    item: ContentItem | None = None
    platform: Platform | None = None
    fields: dict = field(default_factory=dict)
    statements: list[StatusStatement] = field(default_factory=list)


@dataclass
class PreparedItems:
    """What ``prepare_items`` made ready: the items (one per write), those to insert and to
    update (with the fields that change), their status statements and their audit entries."""

    items: list[ContentItem] = field(default_factory=list)
    new: list[ContentItem] = field(default_factory=list)
    changed: list[ContentItem] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    status_changes: list[ContentStatusChange] = field(default_factory=list)
    entries: list[tuple[Case, Entry]] = field(default_factory=list)


def _check(actor, writes: list[ItemWrite]) -> None:
    if any(write.item is None for write in writes) and not actor.has_perm("cases.add_contentitem"):
        raise PermissionDenied
    changing = any(write.item is not None or len(write.statements) > 1 for write in writes)
    if changing and not actor.has_perm("cases.change_contentitem"):
        raise PermissionDenied
    for case in {id(write.case): write.case for write in writes}.values():
        _check_writable(case)


def _apply_statement(actor, item: ContentItem, statement: StatusStatement, *, today: date) -> ContentStatusChange:
    """``content_status_record`` on an item held in memory: the statement, and the item's status after it."""
    on = statement.on or today
    _check_statement(item, status=statement.status, on=on, source=statement.source, today=today)
    change = ContentStatusChange(
        item=item,
        status=statement.status,
        previous_status=item.status,
        on=on,
        source=statement.source,
        recorded_by=actor,
    )
    change.full_clean(exclude=["item", "recorded_by"])
    if item.status_on is None or on >= item.status_on:
        item.status, item.status_on = statement.status, on
    if statement.source == StatusSource.TEAM_CHECK and (item.checked_on is None or on > item.checked_on):
        item.checked_on = on
    return change


def _new_item(actor, write: ItemWrite, statements: list[StatusStatement], *, today: date, prepared) -> ContentItem:
    """``content_item_save`` of a new item: its first statement (if any) is its status when added."""
    item = ContentItem(case=write.case, created_by=actor, platform=write.platform, **write.fields)
    _check_item_dates(item, today=today)
    first = statements.pop(0) if statements else None
    item.status = first.status if first else (ContentStatus.REMOVED if item.removed_on else ContentStatus.ONLINE)
    item.status_on = (first.on if first else None) or item.removed_on or today
    _check_date(item.status_on, today=today, field="status_on")
    # A platform given as a record exists: no need to ask the database, item after item.
    item.full_clean(exclude=["case", "created_by", *(["platform"] if write.platform is not None else [])])
    change = ContentStatusChange(
        item=item,
        status=item.status,
        on=item.status_on,
        source=first.source if first else StatusSource.IMPORT,
        recorded_by=actor,
    )
    change.full_clean(exclude=["item", "recorded_by"])
    prepared.status_changes.append(change)
    prepared.new.append(item)
    prepared.entries.append((write.case, Entry(Action.CONTENT_ADDED, write.case, item)))
    return item


def prepare_items(actor, writes: list[ItemWrite], *, today: date | None = None) -> PreparedItems:
    """Check every write and apply it in memory; nothing is saved. Recorded items are read again
    under a row lock, so that their status is the latest one when the statements follow it."""
    _check(actor, writes)
    today = today or local_today()
    recorded = [write.item.pk for write in writes if write.item is not None]
    locked = ContentItem.all_objects.select_for_update().in_bulk(recorded) if recorded else {}
    prepared = PreparedItems()
    for write in writes:
        statements = list(write.statements)
        if write.item is None:
            item = _new_item(actor, write, statements, today=today, prepared=prepared)
        else:
            item = locked[write.item.pk]
            if item.case_id != write.case.pk:
                raise PermissionDenied
            before = (item.status, item.status_on, item.checked_on)
            changed = sorted(name for name, value in write.fields.items() if getattr(item, name) != value)
            for name, value in write.fields.items():
                setattr(item, name, value)
            _check_item_dates(item, today=today)
            item.full_clean(exclude=["case", "created_by", "platform"])
            if write.fields:
                entry = Entry(Action.CONTENT_CHANGED, write.case, item, {"fields": changed})
                prepared.entries.append((write.case, entry))
        for statement in statements:
            prepared.status_changes.append(_apply_statement(actor, item, statement, today=today))
            prepared.entries.append((write.case, Entry(Action.CONTENT_STATUS_RECORDED, write.case, item)))
        # A recorded item gets a version when its description or its status changed; a statement
        # dated before its current status goes into its status history only.
        if write.item is not None and (write.fields or (item.status, item.status_on, item.checked_on) != before):
            prepared.changed.append(item)
            prepared.changed_fields.update(write.fields)
        prepared.items.append(item)
    return prepared


def save_items(actor, prepared: PreparedItems, *, change_reason: str = "") -> None:
    """Write what ``prepare_items`` made ready, each new item once its case has its primary key;
    the audit entries are the caller's to record."""
    if not (prepared.new or prepared.changed or prepared.status_changes):
        return
    for item in prepared.new:
        item.case = item.case  # its case may have received its primary key since
    ContentItem.objects.bulk_create(prepared.new)
    copy_versions(ContentItem, prepared.new, user=actor, reason=change_reason)
    if prepared.changed:
        names = sorted({"status", "status_on", "checked_on", *prepared.changed_fields})
        ContentItem.all_objects.bulk_update(prepared.changed, names)
        copy_versions(ContentItem, prepared.changed, user=actor, reason=change_reason, kind="~")
    for change in prepared.status_changes:
        change.item = change.item  # the item now has its primary key
    ContentStatusChange.objects.bulk_create(prepared.status_changes)


def content_write_many(*, actor, writes: list[ItemWrite], change_reason: str = "", today=None) -> list[ContentItem]:
    """Write every item of ``writes`` with its statuses; return the items, in order. Their cases'
    search columns are the caller's to refresh (as with ``refresh=False``)."""
    if not writes:
        return []
    prepared = prepare_items(actor, writes, today=today)
    save_items(actor, prepared, change_reason=change_reason)
    record_many(actor=actor, entries=[entry for _case, entry in prepared.entries])
    return prepared.items
