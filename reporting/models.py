from django.conf import settings
from django.db import models
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
