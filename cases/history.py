"""The history of a case, field by field, across the case, its violations, persons and interventions.

Built from django-simple-history records. Personal fields are shown only to
users who may see personal data. Restoring a version writes a new version
(``history_restore``); no record of the history is ever changed.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, Intervention, Person, Violation
from cases.reasons import reason_code, reason_text
from cases.services.case import _check_writable, case_refresh_search

# What the history shows, by key used in URLs and forms.
MODELS = {"case": Case, "violation": Violation, "person": Person, "intervention": Intervention}
KIND_LABELS = {
    "case": gettext_lazy("Case"),
    "violation": gettext_lazy("Violation"),
    "person": gettext_lazy("Person"),
    "intervention": gettext_lazy("Intervention"),
}
PERSONAL_FIELDS = {"person": {"name", "contact", "affiliation"}, "violation": {"content_concerned"}}
HIDDEN_FIELDS = {"search_text", "people_search_text", "search_prefixes", "updated_at", "created_at"}
# Fields a restore leaves alone: they change only through their own workflow.
NOT_RESTORED = {
    "id",
    "case",
    "reference",
    "created_by",
    "created_at",
    "updated_at",
    "status",
    "archived_at",
    "archived_by",
    "archive_reason",
    "search_text",
    "people_search_text",
    "search_prefixes",
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str  # "+" created, "~" changed
    model: str
    subject: str
    history_id: int
    reason: str = ""
    restorable: bool = False
    changes: list[Change] = field(default_factory=list)


def _display(model, field_name: str, value, *, hidden: bool) -> str:
    if hidden:
        return _("(personal data)")
    if value in (None, "", []):
        return "—"
    model_field = model._meta.get_field(field_name)
    if model_field.many_to_many:
        related = model_field.related_model.objects.filter(
            pk__in=[row[model_field.m2m_reverse_field_name()] for row in value]
        )
        if model_field.related_model is Person:
            return ", ".join(person.display_name(personal_data=not hidden) for person in related)
        return ", ".join(str(item) for item in related)
    if model_field.is_relation:
        related = model_field.related_model.objects.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _records(case: Case):
    yield "case", Case, case.history.filter(id=case.pk)
    for key in ("violation", "person", "intervention"):
        model = MODELS[key]
        yield key, model, model.history.filter(case_id=case.pk)


def _subject(key: str, record, personal: bool) -> str:
    if key == "case":
        return str(record.reference)
    if key == "person":
        name = record.name if personal and record.name else record.pseudonym
        return name or f"#{record.id}"
    if key == "violation":
        return str(record.violation_type) if record.violation_type_id else f"#{record.id}"
    return f"{record.get_kind_display()} #{record.id}"


def case_history(case: Case, *, user) -> list[HistoryEntry]:
    """Newest first; each entry lists what changed compared with the version before it."""
    personal = user.has_perm("cases.view_personal_data")
    entries = []
    for key, model, queryset in _records(case):
        hidden_fields = set() if personal else PERSONAL_FIELDS.get(key, set())
        previous_by_object = {}
        latest_ids = {}
        records = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
        for record in records:
            latest_ids[record.id] = record.history_id
        for record in records:
            entry = HistoryEntry(
                when=record.history_date,
                who=record.history_user.get_username() if record.history_user else "—",
                kind=record.history_type,
                model=key,
                subject=_subject(key, record, personal),
                history_id=record.history_id,
                reason=reason_text(record.history_change_reason or ""),
                restorable=record.history_id != latest_ids[record.id],
            )
            previous = previous_by_object.get(record.id)
            if previous is not None:
                delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
                for change in delta.changes:
                    hidden = change.field in hidden_fields
                    entry.changes.append(
                        Change(
                            label=str(model._meta.get_field(change.field).verbose_name),
                            old=_display(model, change.field, change.old, hidden=hidden),
                            new=_display(model, change.field, change.new, hidden=hidden),
                        )
                    )
                if not entry.changes and not entry.reason and record.history_type == "~":
                    previous_by_object[record.id] = record
                    continue  # a save that changed nothing shown, for no stated reason
            entries.append(entry)
            previous_by_object[record.id] = record
    entries.sort(key=lambda entry: (entry.when, entry.history_id), reverse=True)
    return entries


@transaction.atomic
def history_restore(*, actor, case: Case, model_key: str, history_id: int):
    """Bring an object of the case back to an earlier version, as a new version.

    Many-to-many links and workflow fields (status, archive) are not restored.
    Raises Http404-like ``LookupError`` for a version that is not of this case.
    """
    model = MODELS.get(model_key)
    if model is None:
        raise LookupError(model_key)
    if not actor.has_perm(f"cases.change_{model._meta.model_name}"):
        raise PermissionDenied
    _check_writable(case)
    scope = {"id": case.pk} if model is Case else {"case_id": case.pk}
    record = model.history.filter(history_id=history_id, **scope).first()
    if record is None:
        raise LookupError(history_id)
    manager = model.all_objects if hasattr(model, "all_objects") else model.objects
    instance = manager.get(pk=record.id)
    names = [
        model_field.attname
        for model_field in model._meta.concrete_fields
        if model_field.name not in NOT_RESTORED and hasattr(record, model_field.attname)
    ]
    for name in names:
        setattr(instance, name, getattr(record, name))
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ValidationError(
            _("That version cannot be restored as it is: %(errors)s") % {"errors": "; ".join(error.messages)}
        ) from None
    instance._history_user = actor
    instance._change_reason = reason_code("restored", version=history_id)
    instance.save()
    case_refresh_search(case=case if model is not Case else instance)
    return instance
