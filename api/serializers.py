"""What the API shows and accepts. Reads are fed objects already redacted for the caller
(``cases.disclosure``), writes only validate shapes: the services decide and record."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.choices import ConsentKind, ConsentMethod, ConsentStatus
from cases.forms import PersonForm
from cases.models import (
    Actor,
    Case,
    Intervention,
    Outcome,
    Person,
    Platform,
    Profession,
    Violation,
    ViolationType,
)
from evidence.models import EvidenceItem
from reporting.models import Job, Report


class TaxonomySerializer(serializers.Serializer):
    code = serializers.CharField()
    label_en = serializers.CharField()
    label_ar = serializers.CharField()
    is_active = serializers.BooleanField()


class TaxonomiesSerializer(serializers.Serializer):
    violation_types = TaxonomySerializer(many=True)
    platforms = TaxonomySerializer(many=True)
    actor_types = TaxonomySerializer(many=True)
    professions = TaxonomySerializer(many=True)
    outcomes = TaxonomySerializer(many=True)


class TaxonomyRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class CaseListSerializer(serializers.ModelSerializer):
    country = CountryField()
    archived = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "reference",
            "title",
            "title_translation",
            "language",
            "country",
            "place",
            "status",
            "verification_level",
            "sensitivity",
            "start_date",
            "start_date_precision",
            "end_date",
            "end_date_precision",
            "archived",
            "created_at",
            "updated_at",
            "url",
        ]

    def get_archived(self, case) -> bool:
        return case.archived_at is not None

    def get_url(self, case) -> str:
        return reverse("api:case", args=[case.reference])


class CasePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True, help_text="The next page, or null on the last.")
    previous = serializers.URLField(allow_null=True)
    results = CaseListSerializer(many=True)


class CaseDetailSerializer(CaseListSerializer):
    tags = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [*CaseListSerializer.Meta.fields, "narrative", "narrative_translation", "tags"]

    def get_tags(self, case) -> list[str]:
        return [tag.name for tag in case.tags.all()]


class CaseWriteSerializer(serializers.ModelSerializer):
    """The case's own fields; the status moves through the workflow on the pages, not here."""

    country = CountryField()

    class Meta:
        model = Case
        fields = [
            "title",
            "title_translation",
            "narrative",
            "narrative_translation",
            "language",
            "country",
            "place",
            "verification_level",
            "sensitivity",
            "start_date",
            "start_date_precision",
            "end_date",
            "end_date_precision",
        ]


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(help_text="The name where the caller may read it, otherwise a pseudonym.")


# A person's fields as the case form edits them, the three consents sent as one list.
PERSON_FIELDS = [*(name for name in PersonForm.Meta.fields if not name.startswith("consent_")), "consents"]


class ConsentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConsentKind.choices)
    status = serializers.CharField()
    on = serializers.DateField(allow_null=True)
    method = serializers.CharField()


class PersonSerializer(serializers.ModelSerializer):
    """For callers who may read personal data only (``cases.view_personal_data``)."""

    profession = serializers.SerializerMethodField()
    other_names = serializers.SerializerMethodField()
    consents = ConsentSerializer(many=True)

    class Meta:
        model = Person
        fields = ["id", *PERSON_FIELDS, "created_at"]

    @extend_schema_field(TaxonomyRefSerializer(allow_null=True))
    def get_profession(self, person):
        return _taxonomy(person.profession)

    def get_other_names(self, person) -> list[str]:
        return [line.strip() for line in person.other_names.splitlines() if line.strip()]


def _person_label(reader, person) -> str:
    """The name where the caller may read it (every name for personal-data readers), else the pseudonym."""
    if reader.personal and person.spellings:
        return person.name or person.name_latin
    return reader.name(person)


def _taxonomy(entry) -> dict | None:
    return {"code": entry.code, "label": entry.label} if entry is not None else None


class ActorSerializer(serializers.ModelSerializer):
    actor_type = serializers.SerializerMethodField()
    country = CountryField()

    class Meta:
        model = Actor
        fields = ["id", "name_en", "name_ar", "actor_type", "country"]

    @extend_schema_field(TaxonomyRefSerializer(allow_null=True))
    def get_actor_type(self, actor):
        return _taxonomy(actor.actor_type)


class ViolationSerializer(serializers.ModelSerializer):
    violation_type = serializers.SerializerMethodField()
    platform = serializers.SerializerMethodField()
    outcome = serializers.SerializerMethodField()
    affected_persons = serializers.SerializerMethodField()
    actors = ActorSerializer(many=True)

    class Meta:
        model = Violation
        fields = [
            "id",
            "violation_type",
            "platform",
            "date",
            "date_precision",
            "description",
            "affected_persons",
            "actors",
            "legal_basis",
            "content_concerned",
            "stated_reason",
            "outcome",
            "created_at",
        ]

    @extend_schema_field(TaxonomyRefSerializer())
    def get_violation_type(self, violation):
        return _taxonomy(violation.violation_type)

    @extend_schema_field(TaxonomyRefSerializer(allow_null=True))
    def get_platform(self, violation):
        return _taxonomy(violation.platform)

    @extend_schema_field(TaxonomyRefSerializer(allow_null=True))
    def get_outcome(self, violation):
        return _taxonomy(violation.outcome)

    @extend_schema_field(PersonRefSerializer(many=True))
    def get_affected_persons(self, violation):
        reader = self.context["reader"]
        return [
            {"id": person.pk, "label": _person_label(reader, person)} for person in violation.affected_persons.all()
        ]


def _code_of(taxonomy, *, required: bool = False) -> serializers.SlugRelatedField:
    """A taxonomy entry given by its code; only active entries are accepted."""
    optional = {} if required else {"required": False, "allow_null": True}
    return serializers.SlugRelatedField(slug_field="code", queryset=taxonomy.objects.active(), **optional)


class ViolationWriteSerializer(serializers.ModelSerializer):
    violation_type = _code_of(ViolationType, required=True)
    platform = _code_of(Platform)
    outcome = _code_of(Outcome)

    class Meta:
        model = Violation
        fields = [
            "violation_type",
            "platform",
            "date",
            "date_precision",
            "description",
            "legal_basis",
            "content_concerned",
            "stated_reason",
            "outcome",
        ]


INTERVENTION_FIELDS = [
    "kind",
    "recipient",
    "platform",
    "channel",
    "urgency",
    "sent_on",
    "external_reference",
    "status",
    "summary",
    "response_date",
    "response_text",
    "due_date",
    "violation",
]


# How a consent's parts are named in the API (``on``) and on the model (``consent_<kind>_date``).
CONSENT_PARTS = {"status": "status", "on": "date", "method": "method"}
CONSENT_BLANK = {"on": None, "method": ""}


class ConsentWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConsentKind.choices)
    status = serializers.ChoiceField(choices=ConsentStatus.choices)
    on = serializers.DateField(required=False, allow_null=True)
    method = serializers.ChoiceField(choices=ConsentMethod.choices, required=False, allow_blank=True)


class PersonWriteSerializer(serializers.ModelSerializer):
    """A person as the case form takes it: every spelling of the name, and each consent sent
    whole (status, date, manner); a consent not sent is left as it is."""

    profession = _code_of(Profession)
    other_names = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=50,
        help_text="Other spellings and aliases, one per item: each is withheld wherever the name is.",
    )
    consents = ConsentWriteSerializer(many=True, required=False)

    class Meta:
        model = Person
        fields = PERSON_FIELDS

    def validate_consents(self, consents):
        kinds = [consent["kind"] for consent in consents]
        if len(kinds) != len(set(kinds)):
            raise serializers.ValidationError(_("Send each consent once."))
        return consents

    def validate(self, data):
        """The model's fields: spellings one per line, each consent as its three fields."""
        data = dict(data)
        if "other_names" in data:
            data["other_names"] = "\n".join(name.strip() for name in data["other_names"] if name.strip())
        for consent in data.pop("consents", []):
            for part, field in CONSENT_PARTS.items():
                # A part left out is cleared: a consent is always sent whole (DRF's defaults are
                # not applied to a partial update, so they are applied here).
                data[f"consent_{consent['kind']}_{field}"] = consent.get(part, CONSENT_BLANK.get(part))
        return data


def consent_errors_named_as_sent(error: DjangoValidationError) -> DjangoValidationError:
    """A person's refusal with its consent fields named as the API takes them (``consents.state.on``)."""
    if not hasattr(error, "error_dict"):
        return error
    names = {
        f"consent_{kind}_{field}": f"consents.{kind}.{part}"
        for kind in ConsentKind
        for part, field in CONSENT_PARTS.items()
    }
    return DjangoValidationError({names.get(key, key): value for key, value in error.error_dict.items()})


class InterventionSerializer(serializers.ModelSerializer):
    platform = serializers.SerializerMethodField()

    class Meta:
        model = Intervention
        fields = ["id", *INTERVENTION_FIELDS, "created_at"]

    @extend_schema_field(TaxonomyRefSerializer(allow_null=True))
    def get_platform(self, intervention):
        return _taxonomy(intervention.platform)


class InterventionWriteSerializer(serializers.ModelSerializer):
    platform = _code_of(Platform)
    violation = serializers.IntegerField(required=False, allow_null=True, help_text="An act of the same case.")

    class Meta:
        model = Intervention
        fields = INTERVENTION_FIELDS


class EvidenceSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceItem
        fields = [
            "id",
            "kind",
            "original_name",
            "media_type",
            "size",
            "sha256",
            "description",
            "url",
            "captured_at",
            "has_location",
            "uploaded_at",
            "download_url",
        ]

    def get_download_url(self, item) -> str | None:
        return reverse("api:evidence_download", args=[item.pk]) if item.file else None


class EvidenceLinkWriteSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    captured_at = serializers.DateTimeField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class EvidenceFileWriteSerializer(serializers.Serializer):
    file = serializers.FileField()
    description = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class CaseLinkSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    note = serializers.CharField()


class ReportSerializer(serializers.ModelSerializer):
    cases = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "template",
            "profile",
            "language",
            "file_format",
            "size",
            "sha256",
            "recipient",
            "export_id",
            "cases",
            "created_at",
            "download_url",
        ]

    def get_cases(self, report) -> list[str]:
        return [case.reference for case in report.cases.all()]

    def get_download_url(self, report) -> str:
        return reverse("api:report_download", args=[report.pk])


class JobSerializer(serializers.ModelSerializer):
    report = serializers.IntegerField(source="report_id", allow_null=True, help_text="Set once the job is done.")

    class Meta:
        model = Job
        fields = ["id", "kind", "status", "error", "created_at", "started_at", "finished_at", "report"]


class CountSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_status = CountSerializer(many=True)
    by_country = CountSerializer(many=True)
    by_violation_type = CountSerializer(many=True)
    by_platform = CountSerializer(many=True)
    by_month = CountSerializer(many=True)
