"""Writes to what a case holds: persons, violations and interventions.

Nothing here deletes: removing sets ``removed_at`` and the row stays in the
history, from where it can be restored.
"""

import calendar
import re
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casebook.audit import Action, record
from cases.choices import InterventionKind, PersonRole, Urgency
from cases.models import Actor, ActorType, Case, Intervention, Person, Violation
from cases.reasons import reason_code
from cases.services.case import _check_writable, case_refresh_search
from cases.validation import normalise_partial

# Six months to contest a platform's decision through its internal complaint system (DSA Article 20(1)).
DSA_COMPLAINT_MONTHS = 6


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def suggest_due_date(
    *, kind: str, platform=None, urgency: str = Urgency.NORMAL, sent_on=None, violation=None
) -> date | None:
    """When an answer is due: the platform's target response time (halved when urgent) after sending;
    for a DSA Article 20 complaint, the end of the six-month window after the platform's decision."""
    if kind == InterventionKind.DSA_COMPLAINT:
        decision = violation.date if violation is not None else None
        return _add_months(decision, DSA_COMPLAINT_MONTHS) if decision else None
    if sent_on is None:
        return None
    days = platform.response_days if platform is not None else 30
    if urgency == Urgency.URGENT:
        days = max(1, days // 2)
    return sent_on + timedelta(days=days)


def _require(actor, codename: str) -> None:
    if not actor.has_perm(codename):
        raise PermissionDenied


def _save(instance, *, actor, exclude=None):
    instance.full_clean(exclude=exclude)
    instance._history_user = actor
    instance.save()
    return instance


# What the audit log says of each kind of record: added, changed, removed.
_ACTIONS = {
    "person": (Action.PERSON_ADDED, Action.PERSON_CHANGED, Action.PERSON_REMOVED),
    "violation": (Action.VIOLATION_ADDED, Action.VIOLATION_CHANGED, Action.VIOLATION_REMOVED),
    "intervention": (Action.INTERVENTION_ADDED, Action.INTERVENTION_CHANGED, Action.INTERVENTION_REMOVED),
}


def _changed_names(instance, fields: dict) -> list[str]:
    """The names of the fields that these values change (names only: the audit log never holds content)."""
    if instance.pk is None:
        return []
    return sorted(name for name, value in fields.items() if getattr(instance, name) != value)


def _audit(*, actor, item, is_new: bool, changed=()) -> None:
    added, changed_action, _removed = _ACTIONS[item._meta.model_name]
    if is_new:
        record(actor=actor, action=added, case=item.case, target=item)
    else:
        record(actor=actor, action=changed_action, case=item.case, target=item, detail={"fields": sorted(changed)})


@transaction.atomic
def person_save(*, actor, case: Case, person: Person | None = None, refresh=True, **fields) -> Person:
    """Add a person to the case (``person`` None) or change one of its persons."""
    _require(actor, "cases.change_person" if person else "cases.add_person")
    _check_writable(case)
    is_new = person is None
    person = person or Person(case=case)
    if person.case_id != case.pk:
        raise PermissionDenied
    changed = _changed_names(person, fields)
    for name, value in fields.items():
        setattr(person, name, value)
    _save(person, actor=actor, exclude=["case"])
    _audit(actor=actor, item=person, is_new=is_new, changed=changed)
    if refresh:
        case_refresh_search(case=case)
    return person


_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


@transaction.atomic
def actor_create(*, actor, name: str, actor_type: ActorType, country: str = "") -> Actor:
    """A responsible body named from the case form; one already known by that name and type is
    reused rather than listed twice. The name is filed as Arabic when written in Arabic letters."""
    _require(actor, "cases.add_actor")
    name = " ".join(name.split())
    language = "name_ar" if _ARABIC_LETTER.search(name) else "name_en"
    existing = Actor.objects.filter(**{f"{language}__iexact": name}, actor_type=actor_type).first()
    if existing is not None:
        return existing
    created = _save(Actor(**{language: name}, actor_type=actor_type, country=country), actor=actor)
    record(actor=actor, action=Action.VOCABULARY_CHANGED, target=created, detail={"created": True, "fields": []})
    return created


@transaction.atomic
def violation_save(
    *,
    actor,
    case: Case,
    violation: Violation | None = None,
    affected_persons=None,
    actors=None,
    refresh=True,
    **fields,
) -> Violation:
    """Add or change an act of the case. Without affected persons chosen, a new act concerns
    every affected person of the case (the usual situation when a case is first entered)."""
    _require(actor, "cases.change_violation" if violation else "cases.add_violation")
    _check_writable(case)
    is_new = violation is None
    violation = violation or Violation(case=case)
    if violation.case_id != case.pk:
        raise PermissionDenied
    if "date" in fields:
        fields["date"] = normalise_partial(fields["date"], fields.get("date_precision", violation.date_precision))
    changed = _changed_names(violation, fields)
    for name, value in fields.items():
        setattr(violation, name, value)
    _save(violation, actor=actor, exclude=["case"])
    if affected_persons is not None:
        foreign = [person for person in affected_persons if person.case_id != case.pk]
        if foreign:
            raise ValidationError({"affected_persons": _("Choose persons of this case only.")})
    if affected_persons is None or (is_new and not affected_persons):
        affected_persons = list(case.persons.filter(role=PersonRole.AFFECTED)) if is_new else None
    if affected_persons is not None and set(affected_persons) != set(violation.affected_persons.all()):
        violation.affected_persons.set(affected_persons)
        changed.append("affected_persons")
    if actors is not None and set(actors) != set(violation.actors.all()):
        violation.actors.set(actors)
        changed.append("actors")
    _audit(actor=actor, item=violation, is_new=is_new, changed=changed)
    if refresh:
        case_refresh_search(case=case)
    return violation


@transaction.atomic
def intervention_save(*, actor, case: Case, intervention: Intervention | None = None, **fields) -> Intervention:
    """Add or change an intervention; without a due date, the suggested one is used."""
    _require(actor, "cases.change_intervention" if intervention else "cases.add_intervention")
    _check_writable(case)
    is_new = intervention is None
    intervention = intervention or Intervention(case=case, created_by=actor)
    if intervention.case_id != case.pk:
        raise PermissionDenied
    changed = _changed_names(intervention, fields)
    for name, value in fields.items():
        setattr(intervention, name, value)
    if intervention.violation_id and intervention.violation.case_id != case.pk:
        raise ValidationError({"violation": _("Choose an act of this case.")})
    if intervention.due_date is None:
        intervention.due_date = suggest_due_date(
            kind=intervention.kind,
            platform=intervention.platform,
            urgency=intervention.urgency,
            sent_on=intervention.sent_on,
            violation=intervention.violation,
        )
    _save(intervention, actor=actor, exclude=["case", "created_by"])
    _audit(actor=actor, item=intervention, is_new=is_new, changed=changed)
    return intervention


@transaction.atomic
def record_remove(*, actor, item: Person | Violation | Intervention) -> None:
    """Take a person, act or intervention off its case without deleting it (it stays in the history)."""
    _require(actor, f"cases.change_{item._meta.model_name}")
    _check_writable(item.case)
    if item.removed_at is not None:
        return
    item.removed_at = timezone.now()
    item._history_user = actor
    item._change_reason = reason_code("removed")
    item.save()
    record(actor=actor, action=_ACTIONS[item._meta.model_name][2], case=item.case, target=item)
    case_refresh_search(case=item.case)
