from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case


class EvidenceItem(models.Model):
    """An original file, kept byte for byte under a name derived from its SHA-256."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence_items", verbose_name=_("case"))
    file = models.FileField(_("file"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    media_type = models.CharField(_("type"), max_length=120)
    original_name = models.CharField(_("original file name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        ordering = ["uploaded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "sha256"], name="evidence_unique_per_case")]

    def __str__(self):
        return f"{self.original_name} ({self.sha256[:12]})"


class CustodyEvent(models.Model):
    """One step in an item's chain of custody; rows are only ever added."""

    class Action(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        VIEWED = "viewed", _("Viewed")
        DOWNLOADED = "downloaded", _("Downloaded")
        INCLUDED_IN_REPORT = "included_in_report", _("Included in a report")
        FIXITY_CHECKED = "fixity_checked", _("Fixity checked")
        FIXITY_FAILED = "fixity_failed", _("Fixity check failed")

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="custody_events")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.item_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
