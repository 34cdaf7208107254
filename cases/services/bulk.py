"""Many new cases at once (a spreadsheet's batch): what ``case_create``, ``person_save`` and
``violation_save`` write one by one, in a few statements per table.

The same checks, the same versions in the history (a case's creation, then the version
where its officers are assigned, then the one where its tags are set; an act's creation,
then the version where its affected persons are set), the same search columns and one
audit entry per case, chained in order. One transaction: all the cases or none.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_countries import countries
from simple_history.utils import bulk_create_with_history

from casebook.audit import Action, record_many
from casebook.roles import Role, has_role
from cases.choices import DatePrecision, PersonRole, Status
from cases.models import Case, Person, Tag, Violation
from cases.services.case import _normalise_dates, _reserve_references, search_texts_of
from cases.validation import normalise_partial


@dataclass
class NewCase:
    """One case to create: its own fields, its tags, and the field values of its persons and acts."""

    fields: dict
    tags: list[Tag] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    acts: list[dict] = field(default_factory=list)


def _known(values: dict) -> list[str]:
    """Foreign keys given as records read from the database: no need to ask whether they exist."""
    return [name for name, value in values.items() if isinstance(value, models.Model)]


def _check_country(case: Case) -> None:
    """The country field's own check, by a lookup: ``full_clean`` reads its 250 translated
    names for each case (1.5 ms, more than the rest of the case's checks together)."""
    if not case.country.code or case.country.code not in countries:
        country = Case._meta.get_field("country")
        message = country.error_messages["blank" if not case.country.code else "invalid_choice"]
        raise ValidationError({"country": [message % {"value": case.country.code}]})


def _check(actor, items: list[NewCase]) -> None:
    if not actor.has_perm("cases.add_case"):
        raise PermissionDenied
    if any(item.fields.get("status", Status.INTAKE) != Status.INTAKE for item in items) and not actor.has_perm(
        "cases.change_case"
    ):
        raise PermissionDenied
    if any(item.persons for item in items) and not actor.has_perm("cases.add_person"):
        raise PermissionDenied
    if any(item.acts for item in items) and not actor.has_perm("cases.add_violation"):
        raise PermissionDenied


def _changed_versions(*, model, records: list, m2m: dict, actor, reason: str) -> None:
    """A ``~`` version of each record with the many-to-many rows it holds at that point
    (``m2m``: field name → record pk → through rows), as simple-history writes after ``set()``."""
    versions = model.history.bulk_history_create(records, update=True, default_user=actor, default_change_reason=reason)
    history_model = model.history.model
    for field_name, rows_of in m2m.items():
        m2m_history = getattr(history_model, field_name).model
        # Column names (``case_id``), not relations: reading a relation would fetch its record.
        names = [through_field.attname for through_field in getattr(model, field_name).through._meta.fields]
        m2m_history.objects.bulk_create(
            m2m_history(history=version, **{name: getattr(row, name) for name in names})
            for version, record in zip(versions, records, strict=True)
            for row in rows_of.get(record.pk, [])
        )


@transaction.atomic
def case_create_many(*, actor, cases: list[NewCase], change_reason: str = "") -> list[Case]:
    """Create every case of ``cases`` with its persons and acts; return the cases, in order.

    An officer who creates cases is assigned to them; a new act concerns every affected person
    of its case, as in ``violation_save``. ``change_reason`` goes on every version written.
    """
    _check(actor, cases)
    if not cases:
        return []
    created = []
    persons_of: list[list[Person]] = []
    acts_of: list[list[Violation]] = []
    for item in cases:
        fields = dict(item.fields)
        fields.setdefault("sensitivity", settings.CASEBOOK_DEFAULT_SENSITIVITY)
        _normalise_dates(fields)
        case = Case(created_by=actor, **fields)
        case.full_clean(exclude=["reference", "created_by", "country", *_known(fields)])
        _check_country(case)
        persons = []
        for values in item.persons:
            person = Person(case=case, **values)
            person.full_clean(exclude=["case", *_known(values)])
            persons.append(person)
        acts = []
        for values in item.acts:
            values = dict(values)
            if "date" in values:
                values["date"] = normalise_partial(values["date"], values.get("date_precision", DatePrecision.DAY))
            act = Violation(case=case, **values)
            act.full_clean(exclude=["case", *_known(values)])
            acts.append(act)
        created.append(case)
        persons_of.append(persons)
        acts_of.append(acts)

    for case, reference in zip(created, _reserve_references(timezone.now().year, len(created)), strict=True):
        case.reference = reference
    for case, item, persons, acts in zip(created, cases, persons_of, acts_of, strict=True):
        case.search_text, case.people_search_text = search_texts_of(
            case, tags=[tag.name for tag in item.tags], acts=[(act, []) for act in acts], persons=persons
        )
    bulk_create_with_history(created, Case, default_user=actor, default_change_reason=change_reason)

    m2m: dict[str, dict] = {}
    if has_role(actor, Role.OFFICER):
        through = Case.assigned_officers.through
        rows = through.objects.bulk_create(through(case_id=case.pk, user_id=actor.pk) for case in created)
        m2m["assigned_officers"] = {row.case_id: [row] for row in rows}
        _changed_versions(model=Case, records=created, m2m=m2m, actor=actor, reason=change_reason)
    tagged = [(case, item.tags) for case, item in zip(created, cases, strict=True) if item.tags]
    if tagged:
        through = Case.tags.through
        rows = through.objects.bulk_create(
            through(case_id=case.pk, tag_id=tag.pk) for case, tags in tagged for tag in dict.fromkeys(tags)
        )
        m2m["tags"] = {}
        for row in rows:
            m2m["tags"].setdefault(row.case_id, []).append(row)
        _changed_versions(
            model=Case, records=[case for case, _tags in tagged], m2m=m2m, actor=actor, reason=change_reason
        )

    for case, persons, acts in zip(created, persons_of, acts_of, strict=True):
        for record in (*persons, *acts):
            record.case = case  # the case now has its primary key
    persons = [person for persons in persons_of for person in persons]
    bulk_create_with_history(persons, Person, default_user=actor, default_change_reason=change_reason)
    acts = [act for acts in acts_of for act in acts]
    bulk_create_with_history(acts, Violation, default_user=actor, default_change_reason=change_reason)
    through = Violation.affected_persons.through
    affected: dict[int, list] = {}
    rows = through.objects.bulk_create(
        through(violation_id=act.pk, person_id=person.pk)
        for persons, acts in zip(persons_of, acts_of, strict=True)
        for act in acts
        for person in persons
        if person.role == PersonRole.AFFECTED
    )
    for row in rows:
        affected.setdefault(row.violation_id, []).append(row)
    concerned = [act for act in acts if act.pk in affected]
    if concerned:
        _changed_versions(
            model=Violation, records=concerned, m2m={"affected_persons": affected}, actor=actor, reason=change_reason
        )

    record_many(actor=actor, action=Action.CASE_CREATED, cases=created)
    return created
