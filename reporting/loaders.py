"""Reading cases into plain records, in a fixed number of queries whatever the number of cases.

The queryset given is already scoped to the user (``case_list_visible``):
loaders never widen what a user may see. Labels are read in the active
language, so call them inside ``translation.override(language)``.
"""

from django.db.models import Count, Max, Min, OuterRef, Prefetch, QuerySet, Subquery

from cases.models import Case, Intervention, Person, Violation
from evidence.models import CustodyEvent, EvidenceItem
from reporting.records import (
    ActorRecord,
    CaseRecord,
    ConsentRecord,
    CustodySummary,
    EvidenceRecord,
    InterventionRecord,
    PersonRecord,
    ViolationRecord,
)

CONSENT_KINDS = ("state", "public", "platform")


def _label(taxonomy) -> str:
    return taxonomy.label if taxonomy is not None else ""


def person_record(person: Person) -> PersonRecord:
    return PersonRecord(
        id=person.pk,
        role=person.role,
        role_label=str(person.get_role_display()),
        name=person.name,
        pseudonym=person.pseudonym,
        gender=str(person.get_gender_display()) if person.gender != "unknown" else "",
        age_group=str(person.get_age_group_display()) if person.age_group != "unknown" else "",
        profession=_label(person.profession),
        affiliation=person.affiliation,
        contact=person.contact,
        consents={
            kind: ConsentRecord(
                kind=kind,
                given=getattr(person, f"consent_{kind}_given"),
                given_on=getattr(person, f"consent_{kind}_date"),
                method=getattr(person, f"consent_{kind}_method"),
                withdrawn_on=getattr(person, f"consent_{kind}_withdrawn_on"),
            )
            for kind in CONSENT_KINDS
        },
    )


def violation_record(violation: Violation) -> ViolationRecord:
    return ViolationRecord(
        id=violation.pk,
        type_code=violation.violation_type.code,
        type_label=_label(violation.violation_type),
        platform_code=violation.platform.code if violation.platform_id else "",
        platform_label=_label(violation.platform),
        date=violation.date,
        date_precision=violation.date_precision,
        description=violation.description,
        affected_person_ids=[person.pk for person in violation.affected_persons.all()],
        actors=[
            ActorRecord(name=actor.name, actor_type=_label(actor.actor_type), country=str(actor.country or ""))
            for actor in violation.actors.all()
        ],
        legal_basis=violation.legal_basis,
        content_concerned=[line.strip() for line in violation.content_concerned.splitlines() if line.strip()],
        stated_reason=violation.stated_reason,
        outcome=_label(violation.outcome),
    )


def intervention_record(intervention: Intervention) -> InterventionRecord:
    return InterventionRecord(
        id=intervention.pk,
        kind=intervention.kind,
        violation_id=intervention.violation_id,
        urgency=intervention.urgency,
        kind_label=str(intervention.get_kind_display()),
        recipient=intervention.recipient,
        channel=intervention.channel,
        platform_code=intervention.platform.code if intervention.platform_id else "",
        platform_label=_label(intervention.platform),
        sent_on=intervention.sent_on,
        status=intervention.status,
        status_label=str(intervention.get_status_display()),
        summary=intervention.summary,
        external_reference=intervention.external_reference,
        response_date=intervention.response_date,
        response_text=intervention.response_text,
        due_date=intervention.due_date,
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


def evidence_record(item: EvidenceItem) -> EvidenceRecord:
    actions = dict(CustodyEvent.Action.choices)
    return EvidenceRecord(
        id=item.pk,
        original_name=item.original_name,
        media_type=item.media_type,
        size=item.size,
        sha256=item.sha256,
        uploaded_at=item.uploaded_at,
        uploaded_by=item.uploaded_by.get_username(),
        description=item.description,
        file_name=item.file.name,
        custody=CustodySummary(
            count=item.custody_count,
            first_at=item.custody_first,
            last_action=str(actions.get(item.custody_last_action, item.custody_last_action or "")),
            last_at=item.custody_last,
        ),
    )


def load_case_records(cases: QuerySet[Case], *, counts_only: bool = False) -> list[CaseRecord]:
    """The cases of ``cases`` as records, in reference order.

    ``counts_only`` leaves out persons, evidence and custody, which the
    statistics documents never show.
    """
    violations = Violation.objects.select_related("violation_type", "platform", "outcome").prefetch_related(
        "affected_persons", "actors__actor_type"
    )
    prefetches = [
        Prefetch("violations", queryset=violations),
        Prefetch("interventions", queryset=Intervention.objects.select_related("platform")),
    ]
    if not counts_only:
        prefetches += [
            "tags",
            Prefetch("persons", queryset=Person.objects.select_related("profession")),
            Prefetch("evidence_items", queryset=_evidence_queryset()),
        ]
    records = []
    for case in cases.prefetch_related(*prefetches).order_by("reference"):
        records.append(
            CaseRecord(
                id=case.pk,
                reference=case.reference,
                title=case.title,
                title_translation=case.title_translation,
                narrative=case.narrative,
                narrative_translation=case.narrative_translation,
                language=case.language,
                start_date=case.start_date,
                start_date_precision=case.start_date_precision,
                end_date=case.end_date,
                end_date_precision=case.end_date_precision,
                country=str(case.country),
                country_name=str(case.country.name),
                place=case.place,
                status=case.status,
                status_label=str(case.get_status_display()),
                verification_label=str(case.get_verification_level_display()),
                sensitivity=case.sensitivity,
                sensitivity_label=str(case.get_sensitivity_display()),
                tags=[] if counts_only else [tag.name for tag in case.tags.all()],
                persons=[] if counts_only else [person_record(person) for person in case.persons.all()],
                violations=[violation_record(violation) for violation in case.violations.all()],
                interventions=[intervention_record(i) for i in case.interventions.all()],
                evidence=[] if counts_only else [evidence_record(item) for item in case.evidence_items.all()],
            )
        )
    return records
