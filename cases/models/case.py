"""The case: one situation being documented, and what hangs directly on it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.choices import CaseLinkKind, DatePrecision, Language, Sensitivity, Status, VerificationLevel
from cases.search import WordPrefixesField


class ReferenceCounter(models.Model):
    """The last reference number handed out in a year; incremented under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Tag(models.Model):
    """A free label officers put on cases (a campaign, an election, a law)."""

    name = models.CharField(_("name"), max_length=80, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Case(models.Model):
    """One situation being documented (PRODUCT.md section 3).

    Title and narrative are kept in their original ``language``; the
    ``*_translation`` fields hold them in the other language. Dates carry a
    precision: a ``month`` date is stored as the first day of that month.
    ``search_text`` and ``people_search_text`` are normalised copies for the
    Arabic-aware search, and ``title_key`` and ``title_translation_key`` the
    keys of the titles (with the country and start date) for the import's
    duplicate check, kept up to date by ``cases.services`` only.
    Cases are never deleted: ``archived_at`` set means archived.
    """

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    title_translation = models.CharField(_("title, translated"), max_length=300, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    narrative_translation = models.TextField(_("narrative, translated"), blank=True)
    language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    start_date_precision = models.CharField(
        _("start date precision"), max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_date_precision = models.CharField(
        _("end date precision"), max_length=12, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    country = CountryField(_("country"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTAKE)
    verification_level = models.CharField(
        _("verification level"), max_length=20, choices=VerificationLevel.choices, default=VerificationLevel.UNVERIFIED
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=12, choices=Sensitivity.choices, default=Sensitivity.SENSITIVE
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="cases", verbose_name=_("tags"))
    assigned_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_cases", verbose_name=_("assigned officers")
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("archived by"),
    )
    archive_reason = models.TextField(_("reason for archiving"), blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    people_search_text = models.TextField(editable=False, default="")
    # Derived from the two columns above whenever it is written (see WordPrefixesField).
    search_prefixes = WordPrefixesField(editable=False, null=True)
    # ``cases.search.title_key`` of the title and of its translation, each with the country and
    # start date, kept with the search columns: an import finds a likely duplicate (same title,
    # country and start date) by one indexed lookup.
    title_key = models.CharField(max_length=64, editable=False, default="", blank=True)
    title_translation_key = models.CharField(max_length=64, editable=False, default="", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "search_text",
            "people_search_text",
            "search_prefixes",
            "title_key",
            "title_translation_key",
        ],
        m2m_fields=[tags, assigned_officers],
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("share_case", _("Can share a case with a legal partner")),
            ("view_restricted_case", _("Can view restricted cases without being assigned")),
            ("archive_case", _("Can archive and restore a case")),
            ("reopen_case", _("Can reopen a closed case")),
            ("export_case", _("Can export the list of cases")),
            ("add_legal_review", _("Can add a legal review note to a visible case")),
        ]
        indexes = [
            # Keyset pagination: newest first, the open cases and every case.
            models.Index(
                fields=["-created_at", "-id"], name="case_live_newest_idx", condition=Q(archived_at__isnull=True)
            ),
            models.Index(fields=["-created_at", "-id"], name="case_newest_idx"),
            models.Index(fields=["-updated_at", "-id"], name="case_updated_idx"),
            # A status, newest first, holding what a date filter and the visibility rules look at, so
            # that the ids of a page are found in the index alone (``keyset_page(ids_first=True)``);
            # the extra columns are kept by PostgreSQL only.
            models.Index(
                fields=["status", "-created_at", "-id"],
                include=["start_date", "archived_at", "sensitivity", "country"],
                name="case_status_idx",
            ),
            models.Index(fields=["country", "-created_at"], name="case_country_idx"),
            models.Index(fields=["sensitivity", "-created_at"], name="case_sensitivity_idx"),
            models.Index(fields=["start_date"], name="case_start_idx"),
            # The import's duplicate check: exact keys (of a title with its country and start date).
            models.Index(fields=["title_key"], name="case_title_key_idx"),
            models.Index(fields=["title_translation_key"], name="case_translation_key_idx"),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.reference])

    @property
    def direction(self) -> str:
        return "rtl" if self.language == Language.ARABIC else "ltr"

    @property
    def translation_language(self) -> str:
        return Language.ENGLISH if self.language == Language.ARABIC else Language.ARABIC

    @property
    def translation_direction(self) -> str:
        return "rtl" if self.translation_language == Language.ARABIC else "ltr"

    def title_for_reader(self) -> tuple[str, str]:
        """(title, its language) in the interface language when a translation exists, else the original."""
        reader = Language.ARABIC if (get_language() or "").startswith("ar") else Language.ENGLISH
        if self.language != reader and self.title_translation:
            return self.title_translation, reader
        return self.title, self.language

    @property
    def reader_title(self) -> str:
        return self.title_for_reader()[0]

    @property
    def reader_title_language(self) -> str:
        return self.title_for_reader()[1]

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self):
        from cases.validation import check_case

        check_case(self)


class CaseLink(models.Model):
    """Two cases that belong together (same campaign, same person); stored once, read both ways."""

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_from")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_to")
    kind = models.CharField(_("link"), max_length=20, choices=CaseLinkKind.choices, default=CaseLinkKind.RELATED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("linked case")
        verbose_name_plural = _("linked cases")
        constraints = [
            models.UniqueConstraint(fields=["from_case", "to_case"], name="case_link_once"),
            models.CheckConstraint(condition=~Q(from_case=models.F("to_case")), name="case_link_not_self"),
        ]

    def __str__(self):
        return f"{self.from_case_id} ↔ {self.to_case_id} ({self.kind})"


class LegalReviewNote(models.Model):
    """A legal partner's (or officer's) analysis of a case; notes are added, never edited."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="review_notes", verbose_name=_("case"))
    text = models.TextField(_("legal review"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal review note")
        verbose_name_plural = _("legal review notes")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.case_id} {self.created_at:%Y-%m-%d}"


class SensitivityClearance(models.Model):
    """How sensitive a case a role-wide reader without editing rights (advocacy) may read.

    Without a row, such a reader sees normal cases only (least privilege); an
    administrator raises it to sensitive. Restricted cases are never covered
    by a clearance: they need an assignment or the administrator role.
    """

    class Level(models.TextChoices):
        NORMAL = Sensitivity.NORMAL.value, Sensitivity.NORMAL.label
        SENSITIVE = Sensitivity.SENSITIVE.value, Sensitivity.SENSITIVE.label

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_clearance", verbose_name=_("user")
    )
    level = models.CharField(_("highest sensitivity"), max_length=12, choices=Level.choices, default=Level.NORMAL)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sensitivity clearance")
        verbose_name_plural = _("sensitivity clearances")

    def __str__(self):
        return f"{self.user} ≤ {self.level}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    """A case shared with one user (a legal partner), with a real foreign key."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
