"""Imports of existing records from spreadsheets: the runs, the saved mappings, and which row made which case."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Case


class ImportMapping(models.Model):
    """A mapping saved under a name, for next month's file: columns by header, values by field.

    ``columns``: header text → field key. ``values``: field key → {cell text → taxonomy code}.
    ``options``: the grouping column's header, the defaults asked for and the source of external ids.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    columns = models.JSONField(_("columns"), default=dict, blank=True)
    values = models.JSONField(_("values"), default=dict, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("saved"), auto_now=True)

    class Meta:
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImportRun(models.Model):
    """One file brought in: where it is kept until done, how it is read and mapped, and what it did.

    The file is stored under its SHA-256 while the import lasts, then deleted
    unless the user kept it as evidence. ``groups_done`` advances in the same
    transaction as each batch of cases it wrote, so an import stopped midway
    and run again goes on where it stopped.
    """

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for its mapping")
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Error(models.TextChoices):
        # Kept as a code, translated when shown (the worker's language is not the reader's).
        UNREADABLE = "unreadable", _("The file could not be read to the end. Check it and import it again.")
        QUEUE_UNAVAILABLE = "queue_unavailable", _("The queue of background work is unavailable. Try again later.")
        FAILED = "failed", _("The import stopped on an error, which was logged for the administrators.")
        EXPIRED = "expired", _("The file waited too long for its import and was deleted. Upload it again.")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    stored_name = models.CharField(max_length=200, blank=True, editable=False)
    file_format = models.CharField(_("format"), max_length=8)
    sheet = models.CharField(_("sheet"), max_length=200, blank=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    source = models.CharField(
        _("source of the external ids"),
        max_length=120,
        blank=True,
        help_text=_("The sheet's own ids are unique within this source (e.g. “takedown log”)."),
    )
    mapping = models.JSONField(_("mapping"), default=dict, blank=True)
    saved_mapping = models.ForeignKey(
        ImportMapping, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    error = models.CharField(_("error"), max_length=20, choices=Error.choices, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    groups_total = models.PositiveIntegerField(default=0)
    groups_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(_("new"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    refused_name = models.CharField(max_length=200, blank=True, editable=False)
    language = models.CharField(_("language of the report"), max_length=2, default="en")
    keep_on_case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("keep the file as evidence of"),
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} {self.status}"

    def get_absolute_url(self):
        return reverse("imports:detail", args=[self.pk])

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def refused_until(self):
        """Until when the refused rows (personal data) can be downloaded; then they are deleted."""
        if self.finished_at is None:
            return None
        return self.finished_at + timedelta(days=settings.IMPORT_REFUSED_DAYS)

    @property
    def percent(self) -> int:
        if not self.groups_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.groups_done * 100 // self.groups_total)


class ImportedRecord(models.Model):
    """Which case a sheet's own id became, within its source: a second import updates that case."""

    source = models.CharField(max_length=120)
    external_id = models.CharField(max_length=200)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="records")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="imported_record_once")]

    def __str__(self):
        return f"{self.source}:{self.external_id} → {self.case_id}"


class RefusedRow(models.Model):
    """A row the import did not write, with the reason, for the downloadable report of refused rows."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="refused_rows")
    row = models.PositiveIntegerField(_("row"))
    cells = models.JSONField(default=list)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["run", "row"]
        constraints = [models.UniqueConstraint(fields=["run", "row"], name="refused_row_once")]

    def __str__(self):
        return f"{self.run_id} row {self.row}"
