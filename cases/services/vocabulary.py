"""Writes to what cases refer to by name: taxonomies, tags, actors and clearances (from the admin).

A renamed tag or a relabelled violation type changes what the cases that use it
are found by, so their search columns are recomputed in the same transaction;
each change is in the item's history and in the audit log like any other write.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from casebook.audit import Action, record
from cases.models import Actor, ActorType, Case, Outcome, Platform, Profession, Tag, ViolationType
from cases.services.case import case_refresh_search

# For each kind of item: how cases reach it, and the fields of it their search columns hold.
SEARCHED_THROUGH = {
    ViolationType: ("violations__violation_type", {"label_en", "label_ar"}),
    Platform: ("violations__platform", {"label_en", "label_ar"}),
    Outcome: ("violations__outcome", {"label_en", "label_ar"}),
    Profession: ("persons__profession", {"label_en", "label_ar"}),
    Actor: ("violations__actors", {"name_en", "name_ar"}),
    Tag: ("tags", {"name"}),
    ActorType: (None, set()),
}


def cases_using(item) -> "list[Case]":
    """Every case (archived ones too) whose search columns hold something of ``item``."""
    lookup, _fields = SEARCHED_THROUGH.get(type(item), (None, set()))
    if lookup is None:
        return []
    return list(Case.objects.filter(**{lookup: item}).distinct().order_by("pk"))


@transaction.atomic
def vocabulary_save(*, actor, item, created: bool, changed_fields=()) -> int:
    """Save an item made or changed in the admin; returns how many cases' search was refreshed."""
    meta = item._meta
    codename = f"{meta.app_label}.{'add' if created else 'change'}_{meta.model_name}"
    if not actor.has_perm(codename):
        raise PermissionDenied
    item.full_clean()
    item._history_user = actor
    item.save()
    record(
        actor=actor,
        action=Action.VOCABULARY_CHANGED,
        target=item,
        detail={"created": created, "fields": sorted(changed_fields)},
    )
    _lookup, searched = SEARCHED_THROUGH.get(type(item), (None, set()))
    if created or not searched & set(changed_fields):
        return 0
    cases = cases_using(item)
    for case in cases:
        case_refresh_search(case=case)
    return len(cases)


def search_refresh_all(*, batch_size: int = 500) -> int:
    """Recompute the search columns of every case (an operator's repair); returns how many."""
    done = 0
    last_pk = 0
    while True:
        batch = list(Case.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
        if not batch:
            return done
        with transaction.atomic():
            for case in batch:
                case_refresh_search(case=case)
        done += len(batch)
        last_pk = batch[-1].pk
