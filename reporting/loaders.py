"""Reading cases into plain records, in a fixed number of queries whatever the number of cases.

The queryset given is already scoped to the user (``case_list_visible``):
loaders never widen what a user may see. Labels are read in the active
language, so call them inside ``translation.override(language)``.
"""

import dataclasses

from django.db.models import Count, Max, Min, OuterRef, Prefetch, QuerySet, Subquery

from cases.choices import ConsentKind
from cases.models import Case, ContentItem, Intervention, Person, Violation
from evidence.models import CustodyEvent, EvidenceItem
from reporting.records import (
    ActorRecord,
    CaseRecord,
    ContentRecord,
    CustodySummary,
    EscalationAnswerRecord,
    EvidenceRecord,
    InterventionRecord,
    PersonRecord,
    StatusRecord,
    ViolationRecord,
)


def copy(record_class, instance, **values):
    """A record of ``record_class`` from a model instance: each field not given in ``values`` is
    read from the attribute of the same name, so a new field needs no line here when the names agree."""
    for record_field in dataclasses.fields(record_class):
        if record_field.name not in values and hasattr(instance, record_field.name):
            value = getattr(instance, record_field.name)
            if isinstance(value, str | int | float | bool | type(None)) or hasattr(value, "isoformat"):
                values[record_field.name] = value
    return record_class(**values)


class Labels:
    """Choice labels in the active language, translated once per load rather than once per row
    (``get_FOO_display`` hashes lazy strings, which translates them again every time)."""

    def __init__(self):
        from cases.choices import (
            AgeGroup,
            Gender,
            InterventionKind,
            InterventionStatus,
            PersonRole,
            Sensitivity,
            Status,
            VerificationLevel,
        )

        def table(choices):
            return {value: str(label) for value, label in choices.choices}

        self.role = table(PersonRole)
        self.gender = table(Gender)
        self.age_group = table(AgeGroup)
        self.kind = table(InterventionKind)
        self.intervention_status = table(InterventionStatus)
        self.status = table(Status)
        self.verification = table(VerificationLevel)
        self.sensitivity = table(Sensitivity)
        self.custody = {value: str(label) for value, label in CustodyEvent.Action.choices}
        self.countries = {}
        self.taxonomy = {}

    def of(self, taxonomy) -> str:
        """A taxonomy row's label, read once per row and language."""
        if taxonomy is None:
            return ""
        key = (type(taxonomy), taxonomy.pk)
        if key not in self.taxonomy:
            self.taxonomy[key] = taxonomy.label
        return self.taxonomy[key]

    def country(self, country) -> str:
        code = str(country)
        if code not in self.countries:
            self.countries[code] = str(country.name)
        return self.countries[code]


def person_record(person: Person, labels: Labels) -> PersonRecord:
    return copy(
        PersonRecord,
        person,
        id=person.pk,
        role_label=labels.role.get(person.role, person.role),
        other_names=[line.strip() for line in person.other_names.splitlines() if line.strip()],
        gender=labels.gender.get(person.gender, "") if person.gender != "unknown" else "",
        age_group=labels.age_group.get(person.age_group, "") if person.age_group != "unknown" else "",
        profession=labels.of(person.profession),
        consents={kind.value: person.consent(kind) for kind in ConsentKind},
    )


def violation_record(violation: Violation, labels: Labels) -> ViolationRecord:
    return copy(
        ViolationRecord,
        violation,
        id=violation.pk,
        type_code=violation.violation_type.code,
        type_label=labels.of(violation.violation_type),
        platform_code=violation.platform.code if violation.platform_id else "",
        platform_label=labels.of(violation.platform),
        affected_person_ids=[person.pk for person in violation.affected_persons.all()],
        actors=[
            ActorRecord(name=actor.name, actor_type=labels.of(actor.actor_type), country=str(actor.country or ""))
            for actor in violation.actors.all()
        ],
        content_concerned=[line.strip() for line in violation.content_concerned.splitlines() if line.strip()],
        outcome=labels.of(violation.outcome),
    )


def intervention_record(intervention: Intervention, labels: Labels) -> InterventionRecord:
    return copy(
        InterventionRecord,
        intervention,
        id=intervention.pk,
        kind_label=labels.kind.get(intervention.kind, intervention.kind),
        platform_code=intervention.platform.code if intervention.platform_id else "",
        platform_label=labels.of(intervention.platform),
        status_label=labels.intervention_status.get(intervention.status, intervention.status),
    )


def _evidence_queryset():
    last = CustodyEvent.objects.filter(item=OuterRef("pk")).order_by("-at", "-id")
    return (
        EvidenceItem.objects.select_related("uploaded_by")
        .annotate(
            custody_count=Count("custody_events"),
            custody_first=Min("custody_events__at"),
            custody_last=Max("custody_events__at"),
            custody_last_action=Subquery(last.values("action")[:1]),
        )
        .order_by("uploaded_at", "id")
    )


def evidence_record(item: EvidenceItem, labels: Labels, number: int = 0) -> EvidenceRecord:
    return copy(
        EvidenceRecord,
        item,
        id=item.pk,
        number=number,
        uploaded_by=item.uploaded_by.get_username(),
        file_name=item.file.name,
        custody=CustodySummary(
            count=item.custody_count,
            first_at=item.custody_first,
            last_action=labels.custody.get(item.custody_last_action, item.custody_last_action or ""),
            last_at=item.custody_last,
        ),
    )


def content_record(item, labels) -> ContentRecord:
    return copy(
        ContentRecord,
        item,
        id=item.pk,
        platform_code=item.platform.code,
        platform_label=labels.of(item.platform),
        kind_label=item.get_kind_display(),
        status_label=item.get_status_display(),
        statuses=[],
        escalations=[],
        escalation_ids=[entry.escalation_id for entry in item.escalation_entries.all()],
    )


def load_case_records(cases: QuerySet[Case]) -> list[CaseRecord]:
    """The cases of ``cases`` as records, in reference order, with everything a document may show."""
    violations = Violation.objects.select_related("violation_type", "platform", "outcome").prefetch_related(
        "affected_persons", "actors__actor_type"
    )
    prefetches = [
        Prefetch("violations", queryset=violations),
        Prefetch("interventions", queryset=Intervention.objects.select_related("platform")),
        "tags",
        Prefetch("persons", queryset=Person.objects.select_related("profession")),
        Prefetch("evidence_items", queryset=_evidence_queryset()),
        Prefetch(
            "content_items",
            queryset=ContentItem.objects.select_related("platform").prefetch_related("escalation_entries"),
        ),
    ]
    labels = Labels()
    records = []
    removed: dict[int, list] = {}
    for person in Person.all_objects.filter(case__in=cases.values("pk"), removed_at__isnull=False).select_related(
        "profession"
    ):
        removed.setdefault(person.case_id, []).append(person_record(person, labels))
    for case in cases.prefetch_related(*prefetches).order_by("reference"):
        records.append(
            copy(
                CaseRecord,
                case,
                id=case.pk,
                country=str(case.country),
                country_name=labels.country(case.country),
                status_label=labels.status.get(case.status, case.status),
                verification_label=labels.verification.get(case.verification_level, ""),
                sensitivity_label=labels.sensitivity.get(case.sensitivity, case.sensitivity),
                tags=[tag.name for tag in case.tags.all()],
                persons=[person_record(person, labels) for person in case.persons.all()],
                removed_persons=removed.get(case.pk, []),
                violations=[violation_record(violation, labels) for violation in case.violations.all()],
                interventions=[intervention_record(i, labels) for i in case.interventions.all()],
                evidence=[
                    evidence_record(item, labels, number)
                    for number, item in enumerate(case.evidence_items.all(), start=1)
                ],
                content=[content_record(item, labels) for item in case.content_items.all()],
            )
        )
    return records


def load_count_records(cases: QuerySet[Case]) -> list[CaseRecord]:
    """The cases as records for counting only: taxonomy, dates, countries, actors and interventions.

    Statistics run over hundreds of cases; rows are read as plain values (no model
    instances, no per-row querysets), which keeps the app's share of the time small.
    """
    from cases.models import Actor, ActorType, Platform, ViolationType

    labels = Labels()

    def taxonomy(model) -> dict:
        return {row.pk: (row.code, labels.of(row)) for row in model.objects.all()}

    types, platforms, actor_types = taxonomy(ViolationType), taxonomy(Platform), taxonomy(ActorType)
    records = {}
    rows = cases.order_by("reference").values_list(
        "pk",
        "reference",
        "language",
        "start_date",
        "start_date_precision",
        "end_date",
        "end_date_precision",
        "country",
        "status",
        "sensitivity",
    )
    from django_countries import countries

    def country_name(code: str) -> str:
        if code not in labels.countries:
            labels.countries[code] = str(countries.name(code)) if code else ""
        return labels.countries[code]

    for pk, reference, language, start, start_precision, end, end_precision, country, status, sensitivity in rows:
        records[pk] = CaseRecord(
            id=pk,
            reference=reference,
            language=language,
            start_date=start,
            start_date_precision=start_precision,
            end_date=end,
            end_date_precision=end_precision,
            country=country,
            country_name=country_name(country),
            status=status,
            status_label=labels.status.get(status, status),
            sensitivity=sensitivity,
            sensitivity_label=labels.sensitivity.get(sensitivity, sensitivity),
        )
    ids = list(records)
    actors = {}
    links = Violation.actors.through.objects.filter(violation__case_id__in=ids, violation__removed_at__isnull=True)
    for violation_id, actor_id in links.values_list("violation_id", "actor_id"):
        actors.setdefault(violation_id, []).append(actor_id)
    actor_rows = {
        pk: ActorRecord(name=name_en or name_ar, actor_type=actor_types.get(type_id, ("", ""))[1])
        for pk, name_en, name_ar, type_id in Actor.objects.filter(
            pk__in={actor for group in actors.values() for actor in group}
        ).values_list("pk", "name_en", "name_ar", "actor_type_id")
    }
    for pk, case_id, type_id, platform_id, date, precision in Violation.objects.filter(case_id__in=ids).values_list(
        "pk", "case_id", "violation_type_id", "platform_id", "date", "date_precision"
    ):
        type_code, type_label = types.get(type_id, ("", ""))
        platform_code, platform_label = platforms.get(platform_id, ("", ""))
        records[case_id].violations.append(
            ViolationRecord(
                id=pk,
                type_code=type_code,
                type_label=type_label,
                platform_code=platform_code,
                platform_label=platform_label,
                date=date,
                date_precision=precision,
                actors=[actor_rows[actor] for actor in actors.get(pk, []) if actor in actor_rows],
            )
        )
    for pk, case_id, kind, status, platform_id, sent_on, response_date, violation_id in Intervention.objects.filter(
        case_id__in=ids
    ).values_list("pk", "case_id", "kind", "status", "platform_id", "sent_on", "response_date", "violation_id"):
        platform_code, platform_label = platforms.get(platform_id, ("", ""))
        records[case_id].interventions.append(
            InterventionRecord(
                id=pk,
                kind=kind,
                kind_label=labels.kind.get(kind, kind),
                status=status,
                status_label=labels.intervention_status.get(status, status),
                platform_code=platform_code,
                platform_label=platform_label,
                sent_on=sent_on,
                response_date=response_date,
                violation_id=violation_id,
            )
        )
    _load_content(records, platforms)
    return list(records.values())


def _load_content(records: dict, platforms: dict) -> None:
    """Content items of the cases, with their dated statuses and escalation answers: three queries."""
    from cases.models import ContentItem, ContentStatusChange, EscalationItem

    items = {}
    for pk, case_id, platform_id, kind, removed_on, status in (
        ContentItem.objects.filter(case_id__in=list(records))
        .order_by("case_id", "id")
        .values_list("pk", "case_id", "platform_id", "kind", "removed_on", "status")
    ):
        platform_code, platform_label = platforms.get(platform_id, ("", ""))
        items[pk] = ContentRecord(
            id=pk,
            platform_code=platform_code,
            platform_label=platform_label,
            kind=kind,
            removed_on=removed_on,
            status=status,
        )
        records[case_id].content.append(items[pk])
    changes = ContentStatusChange.objects.filter(item_id__in=list(items)).order_by("on", "recorded_at", "id")
    for item_id, status, on in changes.values_list("item_id", "status", "on"):
        items[item_id].statuses.append(StatusRecord(status=status, on=on))
    entries = EscalationItem.objects.filter(item_id__in=list(items)).order_by("escalation__sent_on", "id")
    for item_id, sent_on, due_date, answered_on, answer in entries.values_list(
        "item_id", "escalation__sent_on", "escalation__due_date", "answered_on", "answer"
    ):
        items[item_id].escalations.append(
            EscalationAnswerRecord(sent_on=sent_on, due_date=due_date, answered_on=answered_on, answer=answer)
        )
