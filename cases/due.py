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


def _due_dates(*, today: date, overdue: bool) -> Q:
    """Past the due date, or due from today to a week ahead."""
    return Q(due_date__lt=today) if overdue else Q(due_date__gte=today, due_date__lte=today + timedelta(days=WEEK))


def interventions_due(user, *, today: date, overdue: bool) -> QuerySet[Intervention]:
    """Open interventions past their due date, or due from today to a week ahead."""
    dates = _due_dates(today=today, overdue=overdue)
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
    dates = _due_dates(today=today, overdue=overdue)
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


def _section(key: str, title, rows: Callable[..., QuerySet], row_template: str, permission=None, **options) -> Section:
    """A section whose rows are ``rows(user, today=today, **options)``."""
    return Section(key, title, lambda user, today: rows(user, today=today, **options), permission, row_template)


_INTERVENTION, _ESCALATION = "casebook/due/intervention.html", "casebook/due/escalation.html"
SECTIONS = {
    section.key: section
    for section in (
        _section("interventions_overdue", _("Interventions overdue"), interventions_due, _INTERVENTION, overdue=True),
        _section(
            "interventions_week", _("Interventions due this week"), interventions_due, _INTERVENTION, overdue=False
        ),
        _section("escalations_overdue", _("Escalations overdue"), escalations_due, _ESCALATION, overdue=True),
        _section("escalations_week", _("Escalations due this week"), escalations_due, _ESCALATION, overdue=False),
        _section("appeals", _("DSA appeal deadlines approaching"), appeals_closing, "casebook/due/appeal.html"),
        _section(
            "recheck",
            _("Content not re-checked"),
            items_to_recheck,
            "casebook/due/content.html",
            permission="cases.change_contentitem",
        ),
        _section(
            "intake",
            _("Cases in intake waiting for review"),
            cases_in_intake,
            "casebook/due/case.html",
            permission="cases.change_case",
        ),
    )
}


def sections_for(user) -> list[Section]:
    return [section for section in SECTIONS.values() if section.permission is None or user.has_perm(section.permission)]


def sees_activity(user) -> bool:
    """Role-wide readers follow the cases they are assigned to; a partner sees deadlines only."""
    return user.has_perm(VIEW)
