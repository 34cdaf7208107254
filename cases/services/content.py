"""Writes to content items, their status history, and escalations of them to platforms.

``today`` is the organisation's calendar day (``TIME_ZONE``) unless a caller
passes one: a status cannot be dated after it, and deadlines count from it.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casebook.audit import Action, record
from cases.choices import (
    AppealStep,
    ContentKind,
    ContentStatus,
    EscalationStatus,
    InterventionKind,
    PlatformAnswer,
    StatusSource,
    Urgency,
)
from cases.models import Case, ContentItem, ContentStatusChange, Escalation, EscalationItem, Platform
from cases.reasons import reason_code
from cases.services.case import _check_writable, case_refresh_search
from cases.services.record import DSA_COMPLAINT_MONTHS, _add_months, suggest_due_date

# The status a platform's answer puts an item in (no answer changes nothing).
ANSWER_STATUS = {
    PlatformAnswer.UPHELD: ContentStatus.UPHELD,
    PlatformAnswer.RESTRICTED: ContentStatus.RESTRICTED,
}
# Answers that a user may contest: the six-month window of DSA Article 20 opens on the answer's day.
ADVERSE_ANSWERS = (PlatformAnswer.UPHELD, PlatformAnswer.RESTRICTED)
WON_APPEAL_STEPS = (AppealStep.COMPLAINT_WON, AppealStep.DISPUTE_WON)


def clock():
    """The current instant; the one seam through which tests move time."""
    return timezone.now()


def local_today(now=None) -> date:
    """The calendar day in the organisation's time zone (not UTC): deadlines fall on its days."""
    return timezone.localdate(now or clock())


def _require(actor, codename: str) -> None:
    if not actor.has_perm(codename):
        raise PermissionDenied


def _back_status(item: ContentItem) -> str:
    """What "back online" is called for this kind of item."""
    return ContentStatus.REINSTATED if item.kind in (ContentKind.ACCOUNT, ContentKind.PAGE) else ContentStatus.RESTORED


def _check_date(on: date, *, today: date, field: str = "on") -> None:
    if on > today:
        raise ValidationError({field: _("This date is in the future.")})


def _check_item_dates(item: ContentItem, *, today: date) -> None:
    """Published and removed in the past, and in that order."""
    for name in ("published_on", "removed_on"):
        if getattr(item, name):
            _check_date(getattr(item, name), today=today, field=name)
    if item.published_on and item.removed_on and item.removed_on < item.published_on:
        raise ValidationError({"removed_on": _("The content cannot be removed before it was published.")})


def _check_statement(item: ContentItem, *, status: str, on: date, source: str, today: date) -> None:
    """A status of the list, on someone's word, on a day between the item's publication and today."""
    if status not in ContentStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if source not in StatusSource.values:
        raise ValidationError({"source": _("Say what this status rests on.")})
    _check_date(on, today=today)
    if item.published_on and on < item.published_on:
        raise ValidationError({"on": _("This date is before the content was published.")})


@transaction.atomic
def content_item_save(
    *,
    actor,
    case: Case,
    item: ContentItem | None = None,
    status: str | None = None,
    status_on: date | None = None,
    source: str = StatusSource.USER_REPORT,
    note: str = "",
    today: date | None = None,
    refresh: bool = True,
    **fields,
) -> ContentItem:
    """Add a content item to the case with its first status, or change an item's description.

    A new item's status is its first entry in the history; afterwards the status
    changes only through ``content_status_record``. ``refresh=False`` leaves the
    case's search columns to the caller (who writes several items, then refreshes once).
    """
    _require(actor, "cases.change_contentitem" if item else "cases.add_contentitem")
    _check_writable(case)
    today = today or local_today()
    is_new = item is None
    item = item or ContentItem(case=case, created_by=actor)
    if item.case_id != case.pk:
        raise PermissionDenied
    # Field names only: the audit log never holds the item's text.
    changed = [] if is_new else sorted(name for name, value in fields.items() if getattr(item, name) != value)
    for name, value in fields.items():
        setattr(item, name, value)
    _check_item_dates(item, today=today)
    if is_new:
        item.status = status or (ContentStatus.REMOVED if item.removed_on else ContentStatus.ONLINE)
        item.status_on = status_on or item.removed_on or today
        _check_date(item.status_on, today=today, field="status_on")
    item.full_clean(exclude=["case", "created_by"])
    item._history_user = actor
    item.save()
    if is_new:
        ContentStatusChange.objects.create(
            item=item, status=item.status, on=item.status_on, source=source, note=note, recorded_by=actor
        )
        record(actor=actor, action=Action.CONTENT_ADDED, case=case, target=item)
    else:
        record(actor=actor, action=Action.CONTENT_CHANGED, case=case, target=item, detail={"fields": changed})
    if refresh:
        case_refresh_search(case=case)
    return item


@transaction.atomic
def content_status_record(
    *, actor, item: ContentItem, status: str, on: date, source: str, note: str = "", today: date | None = None
) -> ContentStatusChange:
    """Append a dated statement of the item's status (and who says so) to its history.

    The item's current status is the latest statement by date; one recorded
    late for an earlier day goes into the history without overriding a newer one.
    """
    _require(actor, "cases.change_contentitem")
    _check_writable(item.case)
    today = today or local_today()
    _check_statement(item, status=status, on=on, source=source, today=today)
    item = ContentItem.objects.select_for_update().get(pk=item.pk)
    change = ContentStatusChange(
        item=item, status=status, previous_status=item.status, on=on, source=source, note=note, recorded_by=actor
    )
    change.full_clean()
    change.save()
    changed = []
    if item.status_on is None or on >= item.status_on:
        item.status, item.status_on = status, on
        changed += ["status", "status_on"]
    if source == StatusSource.TEAM_CHECK and (item.checked_on is None or on > item.checked_on):
        item.checked_on = on
        changed.append("checked_on")
    if changed:
        item._history_user = actor
        item.save()
    record(actor=actor, action=Action.CONTENT_STATUS_RECORDED, case=item.case, target=item)
    return change


def content_recheck(
    *, actor, item: ContentItem, still_down: bool, on: date | None = None, note: str = "", today: date | None = None
) -> ContentStatusChange:
    """ "Checked on <date>: still removed / restored", as a team member states it (the server fetches nothing)."""
    today = today or local_today()
    status = item.status if still_down else _back_status(item)
    return content_status_record(
        actor=actor, item=item, status=status, on=on or today, source=StatusSource.TEAM_CHECK, note=note, today=today
    )


@transaction.atomic
def content_item_remove(*, actor, item: ContentItem) -> None:
    """Take an item off its case without deleting it (it stays in the history)."""
    _require(actor, "cases.change_contentitem")
    _check_writable(item.case)
    if item.removed_at is None:
        item.removed_at = timezone.now()
        item._history_user = actor
        item._change_reason = reason_code("removed")
        item.save()
        record(actor=actor, action=Action.CONTENT_REMOVED, case=item.case, target=item)
        case_refresh_search(case=item.case)


# --- Escalations -------------------------------------------------------------------------


@transaction.atomic
def escalation_create(
    *,
    actor,
    platform: Platform,
    items: list[ContentItem],
    channel: str = "",
    urgency: str = Urgency.NORMAL,
    summary: str = "",
) -> Escalation:
    """A draft escalation of these items (already checked to be visible to ``actor``) to one platform."""
    _require(actor, "cases.add_escalation")
    if not items:
        raise ValidationError({"items": _("Choose at least one content item.")})
    other = [item for item in items if item.platform_id != platform.pk]
    if other:
        raise ValidationError({"items": _("Every item of an escalation must be on the platform it is sent to.")})
    for case in {item.case for item in items}:
        _check_writable(case)
    escalation = Escalation(platform=platform, channel=channel, urgency=urgency, summary=summary, created_by=actor)
    escalation.full_clean(exclude=["created_by"])
    escalation._history_user = actor
    escalation.save()
    for item in dict.fromkeys(items):
        entry = EscalationItem(escalation=escalation, item=item)
        entry._history_user = actor
        entry.save()
    # One entry for the escalation, which may gather items of several cases (as when it is sent).
    record(actor=actor, action=Action.ESCALATION_CREATED, target=escalation, detail={"items": len(set(items))})
    return escalation


@transaction.atomic
def escalation_send(
    *, actor, escalation: Escalation, sent_on: date, external_reference: str = "", today: date | None = None
) -> Escalation:
    """Mark the escalation sent; the answer is due after the platform's target response time."""
    _require(actor, "cases.change_escalation")
    _check_date(sent_on, today=today or local_today(), field="sent_on")
    if escalation.status != EscalationStatus.DRAFT:
        raise ValidationError(_("This escalation has already been sent."))
    escalation.status = EscalationStatus.SENT
    escalation.sent_on = sent_on
    escalation.external_reference = external_reference
    escalation.due_date = suggest_due_date(
        kind=InterventionKind.PLATFORM_ESCALATION,
        platform=escalation.platform,
        urgency=escalation.urgency,
        sent_on=sent_on,
    )
    escalation.full_clean(exclude=["created_by"])
    escalation._history_user = actor
    escalation.save()
    record(actor=actor, action=Action.ESCALATION_SENT, target=escalation, detail={"items": escalation.entries.count()})
    return escalation


@transaction.atomic
def escalation_answer(
    *,
    actor,
    entry: EscalationItem,
    answer: str,
    answered_on: date,
    note: str = "",
    today: date | None = None,
) -> EscalationItem:
    """Record the platform's answer on one item: the item's status follows, and an adverse answer
    opens the six-month window of a DSA Article 20 complaint."""
    _require(actor, "cases.change_escalation")
    today = today or local_today()
    escalation = entry.escalation
    if escalation.status == EscalationStatus.DRAFT or escalation.sent_on is None:
        raise ValidationError(_("Send the escalation before recording answers."))
    if answer not in PlatformAnswer.values:
        raise ValidationError({"answer": _("Choose an answer from the list.")})
    _check_date(answered_on, today=today, field="answered_on")
    if answered_on < escalation.sent_on:
        raise ValidationError({"answered_on": _("The answer cannot come before the escalation was sent.")})
    entry.answer, entry.answered_on, entry.answer_note = answer, answered_on, note
    entry.appeal_deadline = _add_months(answered_on, DSA_COMPLAINT_MONTHS) if answer in ADVERSE_ANSWERS else None
    entry.full_clean()
    entry._history_user = actor
    entry.save()
    item = entry.item
    record(actor=actor, action=Action.ESCALATION_ANSWERED, case=item.case, target=entry, detail={"answer": answer})
    status = _back_status(item) if answer == PlatformAnswer.RESTORED else ANSWER_STATUS.get(answer)
    if status is not None:
        content_status_record(
            actor=actor,
            item=item,
            status=status,
            on=answered_on,
            source=StatusSource.PLATFORM_NOTICE,
            note=note,
            today=today,
        )
    if not escalation.entries.filter(answer="").exists() and escalation.status == EscalationStatus.SENT:
        escalation.status = EscalationStatus.ANSWERED
        escalation._history_user = actor
        escalation.save()
    return entry


@transaction.atomic
def escalation_appeal(
    *, actor, entry: EscalationItem, step: str, on: date, dispute_body: str = "", today: date | None = None
) -> EscalationItem:
    """Move an item's appeal on: complaint lodged (DSA Art. 20), its outcome, referral to an
    out-of-court body (Art. 21) and its outcome. A won step restores the item."""
    _require(actor, "cases.change_escalation")
    today = today or local_today()
    if not entry.answer or entry.answer not in ADVERSE_ANSWERS:
        raise ValidationError(_("Only a removal upheld or a restriction kept can be appealed."))
    if step not in AppealStep.values or not step:
        raise ValidationError({"step": _("Choose a step from the list.")})
    _check_date(on, today=today)
    if on < entry.answered_on:
        raise ValidationError({"on": _("An appeal cannot come before the decision.")})
    if step == AppealStep.COMPLAINT and entry.appeal_deadline and on > entry.appeal_deadline:
        raise ValidationError({"on": _("The six months to lodge a complaint had ended on this date.")})
    if step.startswith("dispute") and not (dispute_body or entry.dispute_body):
        raise ValidationError({"dispute_body": _("Name the out-of-court dispute settlement body.")})
    entry.appeal_step, entry.appeal_step_on = step, on
    if dispute_body:
        entry.dispute_body = dispute_body
    entry.full_clean()
    entry._history_user = actor
    entry.save()
    record(actor=actor, action=Action.ESCALATION_APPEALED, case=entry.item.case, target=entry, detail={"step": step})
    if step in WON_APPEAL_STEPS:
        content_status_record(
            actor=actor,
            item=entry.item,
            status=_back_status(entry.item),
            on=on,
            source=StatusSource.PLATFORM_NOTICE,
            today=today,
        )
    return entry
