"""Saving the case form: the case, its persons and its violations, all or nothing."""

from dataclasses import dataclass, field

from django.db import transaction

from cases.models import Case, Person, Violation
from cases.services.case import case_create, case_refresh_search, case_update
from cases.services.record import actor_create, person_save, record_remove, violation_save


@dataclass
class RowChange:
    """One inline row of the form: an existing ``instance`` or None for a new one."""

    instance: Person | Violation | None
    fields: dict = field(default_factory=dict)
    remove: bool = False
    relations: dict = field(default_factory=dict)


@transaction.atomic
def case_save_entry(
    *,
    actor,
    case: Case | None,
    case_fields: dict,
    tags,
    assigned_officers,
    persons: list[RowChange],
    violations: list[RowChange],
) -> Case:
    """Create or change the case, then its persons (first: new acts default to the affected persons),
    then its violations. Any refusal rolls everything back."""
    if case is None:
        case = case_create(actor=actor, tags=tags, assigned_officers=assigned_officers, **case_fields)
    else:
        case = case_update(actor=actor, case=case, tags=tags, assigned_officers=assigned_officers, **case_fields)
    for row in persons:
        if row.remove and row.instance is not None:
            record_remove(actor=actor, item=row.instance)
        elif not row.remove:
            person_save(actor=actor, case=case, person=row.instance, refresh=False, **row.fields)
    for row in violations:
        if row.remove and row.instance is not None:
            record_remove(actor=actor, item=row.instance)
        elif not row.remove:
            relations = dict(row.relations)
            if new_actor := relations.pop("new_actor", None):
                current = relations.get("actors")
                if current is None:  # the act's actors stay, and the new one joins them
                    current = list(row.instance.actors.all()) if row.instance is not None else []
                relations["actors"] = [*current, actor_create(actor=actor, **new_actor)]
            violation_save(actor=actor, case=case, violation=row.instance, refresh=False, **row.fields, **relations)
    case_refresh_search(case=case)
    return case
