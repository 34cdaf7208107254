from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case, ContentItem


class EvidenceItem(models.Model):
    """An original file, kept byte for byte under a name derived from its SHA-256, or a link.

    A link item carries the URL and its capture date; when an archived copy of
    the page was uploaded with it, that copy is the item's file.
    """

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence_items", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FILE)
    file = models.FileField(_("file"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    media_type = models.CharField(_("type"), max_length=120, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    captured_at = models.DateTimeField(_("captured"), null=True, blank=True)
    content_item = models.ForeignKey(
        ContentItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_items",
        verbose_name=_("content item"),
        help_text=_("The post, account or page of the case this evidence shows."),
    )
    has_location = models.BooleanField(
        _("original carries location"),
        default=False,
        help_text=_("The original file holds GPS coordinates; its working copies do not."),
    )
    active_content = models.JSONField(
        _("active content"),
        default=list,
        blank=True,
        help_text=_("What the original carries that acts when it is opened (codes of evidence.flags)."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        ordering = ["uploaded_at", "id"]
        permissions = [("export_evidence", _("Can export a case's evidence as a BagIt package"))]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "sha256"], condition=~Q(sha256=""), name="evidence_unique_per_case"
            ),
            models.CheckConstraint(
                condition=Q(kind="link", sha256="") | (~Q(sha256="") & ~Q(file="")),
                name="evidence_file_has_hash",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.LINK and not self.sha256:
            return self.url
        return f"{self.original_name} ({self.sha256[:12]})"

    def get_absolute_url(self):
        return reverse("evidence:detail", args=[self.pk])

    @property
    def has_file(self) -> bool:
        return bool(self.sha256)

    @property
    def active_content_labels(self) -> list[str]:
        from evidence.flags import labels

        return labels(self.active_content)


class AppendOnlyError(Exception):
    """Custody events are never changed or removed."""


class CustodyEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("the chain of custody is append-only")

    def delete(self):
        raise AppendOnlyError("the chain of custody is append-only")


# Custody details by code: each is stored as its code and parameters (CustodyEvent.code).
DETAILS = {
    "uploaded_file": _("SHA-256 %(sha256)s; %(size)s bytes; %(media_type)s"),
    "uploaded_link": _("link %(url)s"),
    "shared": _("shared with %(user)s"),
    "access_withdrawn": _("access of %(user)s withdrawn"),
    "bag": _("BagIt package of %(reference)s"),
    "report": _("report %(report)s (%(template)s, %(profile)s), SHA-256 %(sha256)s"),
    "fixity_matches": _("SHA-256 %(sha256)s matches"),
    "fixity_missing": _("fixity check: the stored file is missing"),
    "fixity_altered": _("fixity check: altered, SHA-256 %(sha256)s, %(size)s bytes"),
    "download_missing": _("on download: the stored file is missing"),
    "download_altered": _("on download: SHA-256 %(sha256)s, %(size)s bytes"),
    "download_stream_altered": _("on download: the stream ended with SHA-256 %(sha256)s, %(size)s bytes"),
    "export_altered": _("on export: the stored file does not match its hash"),
}


# Parts a detail may add after its own words, when its parameters hold them.
DETAIL_PARTS = {
    "flags": _("active content: %(flags)s"),
    "received_as": _("received as %(received_as)s"),
}


def detail_text(code: str, parameters: dict) -> str:
    """A custody detail in the active language: its code's words, then any optional parts."""
    parts = [str(DETAILS[code]) % parameters]
    parts += [str(text) % parameters for name, text in DETAIL_PARTS.items() if parameters.get(name)]
    return "; ".join(parts)


class CustodyEvent(models.Model):
    """One step in an item's chain of custody; rows are only ever added.

    For a *collected* event the ``collected_*`` fields hold what the officer
    states (by whom, when, from where, with what tool); the row's own actor
    and time say who recorded the statement and when.
    """

    class Action(models.TextChoices):
        COLLECTED = "collected", _("Collected")
        UPLOADED = "uploaded", _("Uploaded")
        VIEWED = "viewed", _("Viewed")
        DOWNLOADED = "downloaded", _("Downloaded")
        SHARED = "shared", _("Shared")
        ACCESS_WITHDRAWN = "access_withdrawn", _("Access withdrawn")
        INCLUDED_IN_REPORT = "included_in_report", _("Included in a report")
        EXPORTED = "exported", _("Exported")
        FIXITY_CHECKED = "fixity_checked", _("Fixity checked")
        FIXITY_FAILED = "fixity_failed", _("Fixity check failed")

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="custody_events")
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    # What happened, as a code and its parameters, put into words in the reader's language
    # (DETAILS); ``detail`` keeps the same words in English for the bag's custody.csv, and
    # holds the only record of events written before the codes.
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    code = models.CharField(_("detail code"), max_length=40, blank=True)
    parameters = models.JSONField(_("detail parameters"), default=dict, blank=True)
    collected_by = models.CharField(_("collected by"), max_length=200, blank=True)
    collected_at = models.DateTimeField(_("collected on"), null=True, blank=True)
    collected_from = models.CharField(_("collected from"), max_length=500, blank=True)
    collection_tool = models.CharField(_("collected with"), max_length=200, blank=True)

    objects = CustodyEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.item_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("the chain of custody is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("the chain of custody is append-only")

    def describe(self) -> str:
        """The detail in the active language (the stored English words for events without a code)."""
        if self.code not in DETAILS:
            return self.detail
        try:
            return detail_text(self.code, self.parameters)
        except (KeyError, TypeError, ValueError):
            return self.detail


class Derivative(models.Model):
    """A working copy (thumbnail, preview) made from an original, linked to it by hash.

    Items of different cases holding the same bytes share their derivatives.
    Derivatives never carry the original's metadata (EXIF, XMP, GPS).
    """

    class Kind(models.TextChoices):
        THUMBNAIL = "thumbnail", _("Thumbnail")
        PREVIEW = "preview", _("Preview")

    original_sha256 = models.CharField(_("SHA-256 of the original"), max_length=64, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    media_type = models.CharField(_("type"), max_length=120)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("derivative")
        verbose_name_plural = _("derivatives")
        constraints = [models.UniqueConstraint(fields=["original_sha256", "kind"], name="derivative_one_per_kind")]

    def __str__(self):
        return f"{self.kind} of {self.original_sha256[:12]}"
