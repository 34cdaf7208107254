"""Content items on platforms, their fate, and the batches in which they are escalated.

A content item's ``status`` is the latest of its ``status_changes``: each
change is dated, says who recorded it and what it rests on (a platform notice,
a user's report, a check by the team). A re-check that finds nothing new is a
change to the same status: it proves the item was looked at on that day.

An escalation sends items of several cases to one platform at once; each item's
answer, and the appeal that may follow, is recorded on its ``EscalationItem``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases.choices import (
    AppealStep,
    ContentKind,
    ContentStatus,
    EscalationStatus,
    PlatformAnswer,
    StatusSource,
    Urgency,
)
from cases.models.case import Case
from cases.models.taxonomy import Platform


class LiveContentManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class ContentItem(models.Model):
    """A post, story, comment, video, account, page, group or hashtag on a platform, within one case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="content_items", verbose_name=_("case"))
    url = models.URLField(_("URL"), max_length=2000)
    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="content_items", verbose_name=_("platform")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ContentKind.choices, default=ContentKind.POST)
    content_id = models.CharField(_("platform's id of the content"), max_length=200, blank=True)
    author_handle = models.CharField(_("author handle as shown"), max_length=200, blank=True)
    published_on = models.DateField(_("date published"), null=True, blank=True)
    removed_on = models.DateField(_("date removed"), null=True, blank=True)
    stated_reason = models.TextField(_("reason stated by the platform"), blank=True)
    policy = models.CharField(_("policy cited"), max_length=300, blank=True)
    statement_of_reasons_id = models.CharField(
        _("DSA statement-of-reasons id"),
        max_length=200,
        blank=True,
        help_text=_("As given in the platform's notice or the DSA Transparency Database."),
    )
    blocked_in = CountryField(_("blocked in"), multiple=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ContentStatus.choices, default=ContentStatus.REMOVED, editable=False
    )
    status_on = models.DateField(_("status since"), null=True, blank=True, editable=False)
    checked_on = models.DateField(_("last checked"), null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(_("removed from the case"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    all_objects = models.Manager()
    objects = LiveContentManager()

    class Meta:
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        ordering = ["created_at", "id"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        indexes = [
            models.Index(fields=["status", "checked_on", "case"], name="content_recheck_idx"),
            models.Index(fields=["platform", "case"], name="content_platform_case_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.platform} · {self.content_id or self.url}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cases:content_detail", args=[self.case.reference, self.pk])


class ContentStatusChange(models.Model):
    """One dated statement about an item's status; appended, never edited."""

    item = models.ForeignKey(
        ContentItem, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("content item")
    )
    status = models.CharField(_("status"), max_length=12, choices=ContentStatus.choices)
    previous_status = models.CharField(_("previous status"), max_length=12, choices=ContentStatus.choices, blank=True)
    on = models.DateField(_("date"))
    source = models.CharField(_("according to"), max_length=16, choices=StatusSource.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["on", "recorded_at", "id"]
        indexes = [models.Index(fields=["item", "on"], name="content_status_item_on_idx")]

    def __str__(self):
        return f"{self.item_id} {self.on}: {self.status}"

    @property
    def is_check(self) -> bool:
        """A re-check that found the item as it was."""
        return self.source == StatusSource.TEAM_CHECK and self.status == self.previous_status


class Escalation(models.Model):
    """Content items of one or more cases sent together to a platform, followed as one intervention.

    ``due_date`` comes from the platform's target response time (set by
    administrators on the platform), counted from the day it was sent.
    """

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="escalations", verbose_name=_("platform")
    )
    channel = models.CharField(
        _("channel"), max_length=200, blank=True, help_text=_("Trusted partner channel, trusted flagger portal…")
    )
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    summary = models.TextField(_("what is asked"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EscalationStatus.choices, default=EscalationStatus.DRAFT
    )
    sent_on = models.DateField(_("date sent"), null=True, blank=True)
    due_date = models.DateField(_("answer due"), null=True, blank=True)
    external_reference = models.CharField(_("reference given by the platform"), max_length=200, blank=True)
    items = models.ManyToManyField(
        ContentItem, through="EscalationItem", related_name="escalations", verbose_name=_("content items")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "due_date"], name="escalation_open_due_idx")]

    def __str__(self):
        return str(_("Escalation %(number)s to %(platform)s") % {"number": self.pk, "platform": self.platform})

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cases:escalation_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (EscalationStatus.DRAFT, EscalationStatus.SENT)


class EscalationItem(models.Model):
    """One item of an escalation: the platform's answer on it, and the appeal that may follow.

    ``appeal_deadline`` is the last day to lodge a complaint under DSA Article
    20 (six months from the decision), computed when an adverse answer is recorded.
    """

    escalation = models.ForeignKey(
        Escalation, on_delete=models.PROTECT, related_name="entries", verbose_name=_("escalation")
    )
    item = models.ForeignKey(
        ContentItem, on_delete=models.PROTECT, related_name="escalation_entries", verbose_name=_("content item")
    )
    answer = models.CharField(_("platform's answer"), max_length=12, choices=PlatformAnswer.choices, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_note = models.TextField(_("what the platform said"), blank=True)
    appeal_deadline = models.DateField(_("last day to appeal"), null=True, blank=True, editable=False)
    appeal_step = models.CharField(_("appeal"), max_length=16, choices=AppealStep.choices, blank=True)
    appeal_step_on = models.DateField(_("appeal step on"), null=True, blank=True)
    dispute_body = models.CharField(_("out-of-court dispute body"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("escalated item")
        verbose_name_plural = _("escalated items")
        ordering = ["escalation", "id"]
        constraints = [models.UniqueConstraint(fields=["escalation", "item"], name="escalation_item_once")]
        indexes = [models.Index(fields=["appeal_deadline"], name="escalation_appeal_deadline_idx")]

    def __str__(self):
        return f"{self.escalation_id}/{self.item_id}"

    @property
    def appeal_open(self) -> bool:
        """An adverse decision whose complaint window is running and no appeal lodged yet."""
        return self.appeal_deadline is not None and not self.appeal_step
