import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.choices import Language
from cases.models import Case, Intervention
from reporting.documents import DocumentKind
from reporting.profiles import Profile


class Report(models.Model):
    """A generated document, kept with its hash; records are only ever added.

    Which template, which cases, which disclosure profile, who made it and when:
    enough to say what left the organisation, and to prove the file unchanged.
    """

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    template = models.CharField(_("template"), max_length=40, choices=DocumentKind.choices)
    profile = models.CharField(_("disclosure profile"), max_length=30, choices=Profile.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file_format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.PDF)
    cases = models.ManyToManyField(Case, related_name="reports", verbose_name=_("cases"))
    interventions = models.ManyToManyField(
        Intervention, blank=True, related_name="reports", verbose_name=_("interventions prepared")
    )
    file = models.FileField(_("file"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    # Printed on every page and hidden in the file: names this export when a copy turns up elsewhere.
    export_id = models.CharField(_("export id"), max_length=20, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_template_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def media_type(self) -> str:
        if self.file_format == self.Format.DOCX:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return "application/pdf"


class Job(models.Model):
    """A document asked for by one user and made in the background (or at once).

    Its state is what the requester sees on the status page; ``error`` is a
    message for them, never a trace. The key is random so that job addresses
    cannot be guessed, and only the requester may see a job.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Error(models.TextChoices):
        # Kept as a code and translated when shown: a job fails in the worker's
        # language, and is read in the requester's.
        QUEUE_UNAVAILABLE = "queue_unavailable", _("The queue of background work is unavailable. Try again later.")
        ACCESS_WITHDRAWN = "access_withdrawn", _("You no longer have access to what this document covers.")
        SERVICE_UNAVAILABLE = "service_unavailable", _("A service was unavailable. Try again in a few minutes.")
        DATABASE_ERROR = "database_error", _("The document could not be made. Try again later.")
        FAILED = "failed", _("The document could not be made. The error was logged for the administrators.")
        REFUSED = (
            "refused",
            _("The document did not pass its checks. Preview it in the composer to see what to correct."),
        )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("document"), max_length=60)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("case")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    error = models.CharField(_("error"), max_length=30, choices=Error.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("asked for by")
    )
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("document job")
        verbose_name_plural = _("document jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["requested_by", "case", "-created_at"], name="reporting_job_requester")]

    def __str__(self):
        return f"{self.kind} {self.status} {self.pk}"

    def get_absolute_url(self):
        return reverse("reporting:job", args=[self.pk])

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
