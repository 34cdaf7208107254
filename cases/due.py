"""What is due: the home page's sections, each scoped to what the user may see.

Every section is one queryset built on ``case_list_visible``: a hidden case
contributes nothing, not even to a count. The home page shows each section's
count and first rows; ``/due/<section>/`` lists the whole section.

Legal partners see their shared cases' deadlines only (interventions,
escalations, appeal windows), never the organisation's work lists.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cases.choices import (
    CONTENT_DOWN_STATUSES,
    OPEN_INTERVENTION_STATUSES,
    EscalationStatus,
    Status,
)
from cases.models import Case, ContentItem, ContentStatusChange, Escalation, EscalationItem, Intervention
from cases.selectors import VIEW, case_list_visible

WEEK = 7
# An appeal window is shown this many days before it closes.
APPEAL_NOTICE_DAYS = 30


def recheck_days() -> int:
    """Days after which a removed item that nobody has checked is listed again."""
    return settings.CASEBOOK_RECHECK_DAYS


def _live(user) -> QuerySet[Case]:
    return case_list_visible(user=user, archived=False)


def interventions_due(user, *, today: date, overdue: bool) -> QuerySet[Intervention]:
    """Open interventions past their due date, or due from today to a week ahead."""
    dates = Q(due_date__lt=today) if overdue else Q(due_date__gte=today, due_date__lte=today + timedelta(days=WEEK))
    return (
        Intervention.objects.filter(dates, status__in=OPEN_INTERVENTION_STATUSES, case__in=_live(user))
        .select_related("case", "platform")
        .order_by("due_date", "id")
    )


def _escalations(user) -> QuerySet[Escalation]:
    visible_items = EscalationItem.objects.filter(
        escalation_id=OuterRef("pk"), item__case__in=_live(user), item__removed_at__isnull=True
    )
    return Escalation.objects.filter(Exists(visible_items))


def escalations_due(user, *, today: date, overdue: bool) -> QuerySet[Escalation]:
    """Sent escalations still waiting for the platform's answer."""
    dates = Q(due_date__lt=today) if overdue else Q(due_date__gte=today, due_date__lte=today + timedelta(days=WEEK))
    return (
        _escalations(user)
        .filter(dates, status=EscalationStatus.SENT)
        .select_related("platform")
        .order_by("due_date", "id")
    )


def appeals_closing(user, *, today: date) -> QuerySet[EscalationItem]:
    """Adverse answers whose six-month DSA Article 20 window closes within the notice period."""
    return (
        EscalationItem.objects.filter(
            appeal_deadline__gte=today,
            appeal_deadline__lte=today + timedelta(days=APPEAL_NOTICE_DAYS),
            appeal_step="",
            item__case__in=_live(user),
            item__removed_at__isnull=True,
        )
        .select_related("item__case", "item__platform", "escalation")
        .order_by("appeal_deadline", "id")
    )


def items_to_recheck(user, *, today: date, days: int | None = None) -> QuerySet[ContentItem]:
    """Items still down that nobody checked in ``days`` days (since the status was recorded, if never)."""
    since = today - timedelta(days=recheck_days() if days is None else days)
    stale = Q(checked_on__lt=since) | Q(checked_on__isnull=True, status_on__lt=since)
    return (
        ContentItem.objects.filter(stale, status__in=CONTENT_DOWN_STATUSES, case__in=_live(user))
        .select_related("case", "platform")
        .order_by("checked_on", "status_on", "id")
    )


def cases_in_intake(user, *, today: date) -> QuerySet[Case]:
    return _live(user).filter(status=Status.INTAKE).order_by("created_at", "id")


def followed_cases(user) -> QuerySet[Case]:
    """The cases a user follows: those they are assigned to, among those they may still see."""
    return _live(user).filter(assigned_officers=user)


def recent_activity(user, *, today: date, limit: int = 10) -> list[dict]:
    """The latest changes to followed cases and to their content items' status, newest first."""
    followed = followed_cases(user)
    since = today - timedelta(days=WEEK * 2)
    case_changes = (
        Case.history.filter(id__in=followed.values("pk"), history_date__date__gte=since)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    status_changes = (
        ContentStatusChange.objects.filter(item__case__in=followed, on__gte=since)
        .select_related("item__case", "item__platform", "recorded_by")
        .order_by("-recorded_at")[:limit]
    )
    events = [
        {"when": change.history_date, "case": change, "reference": change.reference, "kind": "case", "row": change}
        for change in case_changes
    ] + [
        {
            "when": change.recorded_at,
            "case": change.item.case,
            "reference": change.item.case.reference,
            "kind": "content",
            "row": change,
        }
        for change in status_changes
    ]
    events.sort(key=lambda event: event["when"], reverse=True)
    return events[:limit]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: Callable[..., QuerySet]
    # Who sees the section: a permission, or None for everyone (deadlines of visible cases).
    permission: str | None = None
    row_template: str = ""


SECTIONS = {
    "interventions_overdue": Section(
        "interventions_overdue",
        _("Interventions overdue"),
        lambda user, today: interventions_due(user, today=today, overdue=True),
        row_template="casebook/due/intervention.html",
    ),
    "interventions_week": Section(
        "interventions_week",
        _("Interventions due this week"),
        lambda user, today: interventions_due(user, today=today, overdue=False),
        row_template="casebook/due/intervention.html",
    ),
    "escalations_overdue": Section(
        "escalations_overdue",
        _("Escalations overdue"),
        lambda user, today: escalations_due(user, today=today, overdue=True),
        row_template="casebook/due/escalation.html",
    ),
    "escalations_week": Section(
        "escalations_week",
        _("Escalations due this week"),
        lambda user, today: escalations_due(user, today=today, overdue=False),
        row_template="casebook/due/escalation.html",
    ),
    "appeals": Section(
        "appeals",
        _("DSA appeal deadlines approaching"),
        lambda user, today: appeals_closing(user, today=today),
        row_template="casebook/due/appeal.html",
    ),
    "recheck": Section(
        "recheck",
        _("Content not re-checked"),
        lambda user, today: items_to_recheck(user, today=today),
        permission="cases.change_contentitem",
        row_template="casebook/due/content.html",
    ),
    "intake": Section(
        "intake",
        _("Cases in intake waiting for review"),
        lambda user, today: cases_in_intake(user, today=today),
        permission="cases.change_case",
        row_template="casebook/due/case.html",
    ),
}


def sections_for(user) -> list[Section]:
    return [section for section in SECTIONS.values() if section.permission is None or user.has_perm(section.permission)]


def sees_activity(user) -> bool:
    """Role-wide readers follow the cases they are assigned to; a partner sees deadlines only."""
    return user.has_perm(VIEW)
