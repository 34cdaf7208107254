"""Who did what to whom: violations, persons (with consent), actors and interventions.

Violations, persons and interventions are never deleted through the
application: removing one from a case sets ``removed_at``. Their default
manager (``objects``, and so ``case.persons`` and the like) leaves removed
rows out; ``all_objects`` includes them.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases.choices import (
    OPEN_INTERVENTION_STATUSES,
    AgeGroup,
    ConsentKind,
    ConsentMethod,
    ConsentStatus,
    DatePrecision,
    Gender,
    InterventionKind,
    InterventionStatus,
    PersonRole,
    Urgency,
)
from cases.models.case import Case
from cases.models.taxonomy import ActorType, Outcome, Platform, Profession, ViolationType


class LiveManager(models.Manager):
    """Rows not removed from their case."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class Actor(models.Model):
    """A responsible body (an agency, a court, a ministry, an ISP, a platform company), shared across cases."""

    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    other_names = models.TextField(
        _("other spellings and aliases"), blank=True, help_text=_("One per line: acronyms, former names, spellings.")
    )
    actor_type = models.ForeignKey(
        ActorType, on_delete=models.PROTECT, related_name="actors", verbose_name=_("actor type")
    )
    country = CountryField(_("country"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name_en", "name_ar", "id"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the request's language, or in the other one when that is all there is."""
        if (get_language() or "en").startswith("ar"):
            return self.name_ar or self.name_en
        return self.name_en or self.name_ar

    @property
    def spellings(self) -> list[str]:
        return [spelling for spelling in (self.name_ar, self.name_en, *_other_names(self.other_names)) if spelling]

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.name_en.strip() or self.name_ar.strip()):
            raise ValidationError(_("Give the actor's name in English, in Arabic or in both."))


@dataclass(frozen=True)
class Consent:
    """One of a person's three consents: its status, the date of that status and how it was expressed."""

    kind: str
    status: str = ConsentStatus.NOT_ASKED
    on: date | None = None
    method: str = ""

    @property
    def is_valid(self) -> bool:
        """Given (and not since withdrawn): the only status in which the person may be named that way."""
        return self.status == ConsentStatus.GIVEN

    @property
    def is_recorded(self) -> bool:
        """The question was put to the person and the answer noted."""
        return self.status != ConsentStatus.NOT_ASKED

    @property
    def status_label(self) -> str:
        return str(ConsentStatus(self.status).label)

    @property
    def method_label(self) -> str:
        return str(ConsentMethod(self.method).label) if self.method else ""


def consent_fields(kind: str) -> tuple[models.Field, models.Field, models.Field]:
    """The status, date and manner of one consent, declared once for every kind."""
    return (
        models.CharField(
            ConsentKind(kind).label, max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.NOT_ASKED
        ),
        models.DateField(_("date of this status"), null=True, blank=True),
        models.CharField(_("how expressed"), max_length=16, choices=ConsentMethod.choices, blank=True),
    )


def _other_names(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class Person(models.Model):
    """An affected person, responsible individual, source or witness in one case.

    Name, pseudonym and contact details are personal data: shown only to roles
    that may see them (``cases.view_personal_data``). The three consents are
    separate, each with the date it was given, how, and its withdrawal; read
    them with ``consent(ConsentKind.STATE)`` or the ``may_be_*`` properties.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="persons", verbose_name=_("case"))
    role = models.CharField(_("role in the case"), max_length=12, choices=PersonRole.choices, default="affected")
    name = models.CharField(
        _("name as written"), max_length=200, blank=True, help_text=_("In its own script, Arabic or Latin.")
    )
    name_latin = models.CharField(
        _("name in the other script"),
        max_length=200,
        blank=True,
        help_text=_("The same name in Latin script for an Arabic name, in Arabic script for a Latin one."),
    )
    other_names = models.TextField(
        _("other spellings and aliases"),
        blank=True,
        help_text=_(
            "One per line: other spellings, nicknames, kunya, the name a platform shows, a distinctive family "
            "name alone. Every spelling is withheld wherever the name is."
        ),
    )
    pseudonym = models.CharField(
        _("pseudonym"), max_length=100, blank=True, help_text=_("Used wherever the name may not appear.")
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices, default=AgeGroup.UNKNOWN)
    profession = models.ForeignKey(
        Profession, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("profession")
    )
    affiliation = models.CharField(_("affiliation or activities"), max_length=300, blank=True)
    contact = models.TextField(_("contact details"), blank=True)

    # Each consent on its own: a status (given, refused, not asked, withdrawn), its date and manner.
    # Their changes are in the person's history.
    consent_state_status, consent_state_date, consent_state_method = consent_fields(ConsentKind.STATE)
    consent_public_status, consent_public_date, consent_public_method = consent_fields(ConsentKind.PUBLIC)
    consent_platform_status, consent_platform_date, consent_platform_method = consent_fields(ConsentKind.PLATFORM)

    removed_at = models.DateTimeField(_("removed from the case"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    all_objects = models.Manager()
    objects = LiveManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["created_at", "id"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        permissions = [("view_personal_data", _("Can see names and contact details of persons"))]

    def __str__(self):
        return self.display_name(personal_data=False)

    def display_name(self, *, personal_data: bool) -> str:
        """The name when personal data may be shown, otherwise the pseudonym (or a neutral label)."""
        if personal_data and self.name:
            return self.name
        return self.pseudonym or str(_("Person #%(number)s") % {"number": self.pk or "?"})

    @property
    def spellings(self) -> list[str]:
        """Every recorded spelling of the name: as written, in the other script, the others."""
        return [spelling for spelling in (self.name, self.name_latin, *_other_names(self.other_names)) if spelling]

    def consent(self, kind: str) -> Consent:
        kind = ConsentKind(kind)
        return Consent(
            kind=kind,
            status=getattr(self, f"consent_{kind}_status"),
            on=getattr(self, f"consent_{kind}_date"),
            method=getattr(self, f"consent_{kind}_method"),
        )

    @property
    def consents(self) -> list[Consent]:
        return [self.consent(kind) for kind in ConsentKind]

    @property
    def may_be_named_to_state(self) -> bool:
        return self.consent(ConsentKind.STATE).is_valid

    @property
    def may_be_named_in_public(self) -> bool:
        return self.consent(ConsentKind.PUBLIC).is_valid

    @property
    def may_be_raised_with_platform(self) -> bool:
        return self.consent(ConsentKind.PLATFORM).is_valid

    def clean(self):
        from cases.validation import check_person

        check_person(self)


class Violation(models.Model):
    """One act within a case: its type, the platform, whom it hit, who is responsible, how it ended."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="violations", verbose_name=_("case"))
    violation_type = models.ForeignKey(
        ViolationType, on_delete=models.PROTECT, related_name="violations", verbose_name=_("violation type")
    )
    platform = models.ForeignKey(
        Platform,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
        verbose_name=_("platform or channel"),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    description = models.TextField(_("what happened"), blank=True)
    affected_persons = models.ManyToManyField(
        Person, blank=True, related_name="violations_suffered", verbose_name=_("affected persons")
    )
    actors = models.ManyToManyField(Actor, blank=True, related_name="violations", verbose_name=_("responsible actors"))
    legal_basis = models.CharField(
        _("legal basis invoked"), max_length=300, blank=True, help_text=_("Law and article, e.g. a cybercrime law.")
    )
    content_concerned = models.TextField(
        _("content concerned"), blank=True, help_text=_("URLs, post IDs, account handles; one per line.")
    )
    stated_reason = models.TextField(_("stated reason"), blank=True)
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("outcome")
    )
    removed_at = models.DateTimeField(_("removed from the case"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[affected_persons, actors])

    all_objects = models.Manager()
    objects = LiveManager()

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["date", "created_at", "id"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        indexes = [
            models.Index(fields=["violation_type", "case"], name="violation_type_case_idx"),
            models.Index(fields=["platform", "case"], name="violation_platform_case_idx"),
        ]

    def __str__(self):
        return f"{self.violation_type} ({self.platform})" if self.platform_id else str(self.violation_type)

    def clean(self):
        from cases.validation import check_violation

        check_violation(self)


class Intervention(models.Model):
    """An action taken on a case (escalation, UN communication, complaint…) and the answer to it.

    ``due_date`` is when an answer is expected (or, for a DSA Article 20
    complaint, the end of the six-month window to lodge it); an open
    intervention past its due date is overdue.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="interventions", verbose_name=_("case"))
    violation = models.ForeignKey(
        Violation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interventions",
        verbose_name=_("act concerned"),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=InterventionKind.choices)
    recipient = models.CharField(_("recipient"), max_length=200)
    platform = models.ForeignKey(
        Platform, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("platform")
    )
    channel = models.CharField(_("channel"), max_length=200, blank=True, help_text=_("Form, e-mail, portal, letter…"))
    urgency = models.CharField(_("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    sent_on = models.DateField(_("date sent"), null=True, blank=True)
    external_reference = models.CharField(_("reference given by the recipient"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InterventionStatus.choices, default=InterventionStatus.DRAFT
    )
    summary = models.TextField(_("what was asked"), blank=True)
    response_date = models.DateField(_("response date"), null=True, blank=True)
    response_text = models.TextField(_("response"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed from the case"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    all_objects = models.Manager()
    objects = LiveManager()

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["sent_on", "created_at", "id"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        indexes = [models.Index(fields=["status", "due_date", "case"], name="intervention_open_due_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_INTERVENTION_STATUSES

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()

    def clean(self):
        from cases.validation import check_intervention

        check_intervention(self)
