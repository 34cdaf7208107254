"""Many new cases at once (a spreadsheet's batch): what ``case_create``, ``person_save``,
``violation_save`` and ``content_item_save`` write, in a few statements per table whatever the
number of cases.

The same records, links, search columns and audit entries (each case, then each of its
persons, acts and content items), chained in order; one transaction: all the cases or none.
The history differs in one way: each record is created with everything at once, so it has one
version, its creation, which holds its many-to-many links (a case's officers and tags, an
act's affected persons). The one-by-one services write a version per step (created, officers
assigned, tags set), steps no one took in an import.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_countries import countries

from casebook.audit import Action, Entry, record_many
from casebook.roles import Role, has_role
from cases.choices import DatePrecision, PersonRole, Status
from cases.models import Case, Person, Tag, Violation
from cases.services.case import _normalise_dates, _reserve_references, search_texts_of, set_title_keys
from cases.services.content_many import ItemWrite, prepare_items, save_items
from cases.services.versions import copy_versions
from cases.validation import normalise_partial

# What a caller's own ``full_clean`` may leave out (the import's planner reports these otherwise,
# or reads them as records): always checked here, ``NewCase.checked`` or not.
CHECKED_ON_WRITE = {
    Case: ("title", "country"),
    Person: (),
    Violation: ("violation_type", "platform", "outcome"),
}


@dataclass
class NewCase:
    """One case to create: its own fields, its tags, the field values of its persons and acts,
    and its content items.

    ``checked``: these same values (the case's with the created-by user, each person's and each
    act's) already passed the model's ``full_clean``, leaving out at most ``CHECKED_ON_WRITE``,
    as the import's planner does for every row it keeps; only those fields are checked again.
    """

    fields: dict
    tags: list[Tag] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    acts: list[dict] = field(default_factory=list)
    items: list[ItemWrite] = field(default_factory=list)  # new content items, as ``content_write_many`` takes them
    checked: bool = False


def _known(values: dict) -> list[str]:
    """Foreign keys given as records read from the database: no need to ask whether they exist."""
    return [name for name, value in values.items() if isinstance(value, models.Model)]


def _check_country(case: Case) -> None:
    """The country field's own check, by a lookup: ``full_clean`` reads its 250 translated
    names for each case."""
    if not case.country.code or case.country.code not in countries:
        country = Case._meta.get_field("country")
        message = country.error_messages["blank" if not case.country.code else "invalid_choice"]
        raise ValidationError({"country": [message % {"value": case.country.code}]})


def _clean_fields(instance, names) -> None:
    """The field checks of ``full_clean`` for ``names`` alone."""
    errors = {}
    for name in names:
        model_field = instance._meta.get_field(name)
        try:
            setattr(instance, model_field.attname, model_field.clean(getattr(instance, model_field.attname), instance))
        except ValidationError as error:
            errors[name] = error.error_list
    if errors:
        raise ValidationError(errors)


def _validate(instance, values: dict, *, checked: bool, exclude: list[str]) -> None:
    known = _known(values)
    if checked:
        _clean_fields(instance, [name for name in CHECKED_ON_WRITE[type(instance)] if name not in (*exclude, *known)])
    else:
        instance.full_clean(exclude=[*exclude, *known])


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


@transaction.atomic
def case_create_many(*, actor, cases: list[NewCase], change_reason: str = "") -> list[Case]:
    """Create every case of ``cases`` with its persons, acts and content items; return the cases, in order.

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
        _validate(case, fields, checked=item.checked, exclude=["reference", "created_by", "country"])
        _check_country(case)
        persons = []
        for values in item.persons:
            person = Person(case=case, **values)
            _validate(person, values, checked=item.checked, exclude=["case"])
            persons.append(person)
        acts = []
        for values in item.acts:
            values = dict(values)
            if "date" in values:
                values["date"] = normalise_partial(values["date"], values.get("date_precision", DatePrecision.DAY))
            act = Violation(case=case, **values)
            _validate(act, values, checked=item.checked, exclude=["case"])
            acts.append(act)
        for write in item.items:
            write.case = case
        created.append(case)
        persons_of.append(persons)
        acts_of.append(acts)
    content = prepare_items(actor, [write for item in cases for write in item.items])
    content_of: dict[int, list] = {}
    for new_item in content.new:
        content_of.setdefault(id(new_item.case), []).append((new_item.url, new_item.content_id, new_item.author_handle))

    for case, reference in zip(created, _reserve_references(timezone.now().year, len(created)), strict=True):
        case.reference = reference
    for case, item, persons, acts in zip(created, cases, persons_of, acts_of, strict=True):
        case.search_text, case.people_search_text = search_texts_of(
            case,
            tags=[tag.name for tag in item.tags],
            acts=[(act, []) for act in acts],
            persons=persons,
            content=content_of.get(id(case), []),
        )
        set_title_keys(case)
    Case.objects.bulk_create(created)

    # The links, then the versions that hold them.
    if has_role(actor, Role.OFFICER):
        through = Case.assigned_officers.through
        through.objects.bulk_create(through(case_id=case.pk, user_id=actor.pk) for case in created)
    through = Case.tags.through
    through.objects.bulk_create(
        through(case_id=case.pk, tag_id=tag.pk)
        for case, item in zip(created, cases, strict=True)
        for tag in dict.fromkeys(item.tags)
    )
    copy_versions(Case, created, user=actor, reason=change_reason, through=["assigned_officers", "tags"])

    for case, persons, acts in zip(created, persons_of, acts_of, strict=True):
        for record in (*persons, *acts):
            record.case = case  # the case now has its primary key
    persons = [person for persons in persons_of for person in persons]
    Person.objects.bulk_create(persons)
    copy_versions(Person, persons, user=actor, reason=change_reason)
    acts = [act for acts in acts_of for act in acts]
    Violation.objects.bulk_create(acts)
    through = Violation.affected_persons.through
    through.objects.bulk_create(
        through(violation_id=act.pk, person_id=person.pk)
        for persons, acts_of_case in zip(persons_of, acts_of, strict=True)
        for act in acts_of_case
        for person in persons
        if person.role == PersonRole.AFFECTED
    )
    copy_versions(Violation, acts, user=actor, reason=change_reason, through=["affected_persons"])

    save_items(actor, content, change_reason=change_reason)

    # Each case, then each of its persons, acts and content items, as ``case_create``,
    # ``person_save``, ``violation_save`` and ``content_item_save`` audit them one after the other.
    entries_of: dict[int, list[Entry]] = {}
    for case, entry in content.entries:
        entries_of.setdefault(id(case), []).append(entry)
    record_many(
        actor=actor,
        entries=[
            entry
            for case, persons, acts in zip(created, persons_of, acts_of, strict=True)
            for entry in (
                Entry(Action.CASE_CREATED, case),
                *(Entry(Action.PERSON_ADDED, case, person) for person in persons),
                *(Entry(Action.VIOLATION_ADDED, case, act) for act in acts),
                *entries_of.get(id(case), []),
            )
        ],
    )
    return created
