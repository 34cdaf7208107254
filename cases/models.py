from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.choices import Language, Platform, Sensitivity, Status, ViolationType


class ReferenceCounter(models.Model):
    """The last reference number handed out in a year; incremented under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    narrative = models.TextField(_("narrative"), blank=True)
    language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    violation_type = models.CharField(_("violation type"), max_length=40, choices=ViolationType.choices)
    platform = models.CharField(_("platform or channel"), max_length=20, choices=Platform.choices)
    country = CountryField(_("country"))
    incident_date = models.DateField(_("incident date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTAKE)
    sensitivity = models.CharField(
        _("sensitivity"), max_length=12, choices=Sensitivity.choices, default=Sensitivity.SENSITIVE
    )
    assigned_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_cases", verbose_name=_("assigned officers")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("share_case", _("Can share a case with a legal partner")),
            ("view_restricted_case", _("Can view restricted cases without being assigned")),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["violation_type", "-created_at"]),
            models.Index(fields=["platform", "-created_at"]),
            models.Index(fields=["country", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.reference])

    @property
    def direction(self) -> str:
        return "rtl" if self.language == Language.ARABIC else "ltr"


class CaseUserObjectPermission(UserObjectPermissionBase):
    """A case shared with one user (a legal partner), with a real foreign key."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
