from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case


class Report(models.Model):
    """A generated document, kept with its hash; records are only ever added."""

    class Template(models.TextChoices):
        CASE_FILE = "case_file", _("Case file")

    class Profile(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        LEGAL_PARTNER = "legal_partner", _("Legal partner")

    template = models.CharField(_("template"), max_length=40, choices=Template.choices)
    profile = models.CharField(_("disclosure profile"), max_length=30, choices=Profile.choices)
    language = models.CharField(_("language"), max_length=2)
    cases = models.ManyToManyField(Case, related_name="reports", verbose_name=_("cases"))
    file = models.FileField(_("file"), max_length=200)
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
