"""The history of a case, field by field, across the case, its violations, persons, interventions
and content items, with each status recorded for an item (who, when, from what).

Built from django-simple-history records. Personal fields are shown only to
users who may see personal data. Restoring a version writes a new version
(``history_restore``); no record of the history is ever changed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casebook.compiled import CompiledExists
from cases.disclosure import Reader, may_see_personal_data, reader_for_cases
from cases.models import Case, ContentItem, ContentStatusChange, Intervention, Person, Violation
from cases.reasons import reason_code, reason_text
from cases.services.case import _check_writable, case_refresh_search

# What the history shows, by key used in URLs and forms.
MODELS = {"case": Case, "violation": Violation, "person": Person, "intervention": Intervention}
KIND_LABELS = {
    "case": gettext_lazy("Case"),
    "violation": gettext_lazy("Violation"),
    "person": gettext_lazy("Person"),
    "intervention": gettext_lazy("Intervention"),
    "content": gettext_lazy("Content item"),
    "status": gettext_lazy("Status of a content item"),
}
# Shown only to viewers who read every name; other text is shown with withheld names replaced.
PERSONAL_FIELDS = {
    "person": {"name", "name_latin", "other_names", "contact", "affiliation"},
    "violation": {"content_concerned"},
    "content": {"author_handle"},
}
HIDDEN_FIELDS = {"search_text", "people_search_text", "search_prefixes", "updated_at", "created_at"}
# An item's status moves only through its status records, which the history lists themselves.
HIDDEN_BY_KIND = {"content": {"status", "status_on", "checked_on", "removed_at"}}
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
    "title_key",
    "title_translation_key",
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

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.model])


class _RelatedLabels:
    """The labels of the related objects a history shows, read in one query per related model.

    A history with many versions names the same taxonomy entries, actors and persons again and
    again; they are collected first (``want``) and read together (``load``), so the page makes
    the same number of queries after five edits as after fifty.
    """

    def __init__(self):
        self.wanted: dict[type, set] = {}
        self.objects: dict[type, dict] = {}

    def want(self, related_model, ids) -> None:
        self.wanted.setdefault(related_model, set()).update(pk for pk in ids if pk is not None)

    def load(self) -> None:
        for related_model, ids in self.wanted.items():
            self.objects[related_model] = related_model.objects.in_bulk(ids) if ids else {}

    def get(self, related_model, pk):
        return self.objects.get(related_model, {}).get(pk)


@cache
def _history_model(model):
    """The historical model of ``model`` (``model.history`` builds a new manager class on each use)."""
    return model.history.model


@cache
def _history_of(model):
    """``model.history``, the class's manager of every version, built once: each use of the
    attribute builds a new manager class, which cost more than reading the versions."""
    return model.history


def _m2m_links(model, model_field, history_ids: list[int]) -> dict:
    """For each version (by its history id), the sorted ids it linked to through ``model_field``;
    one query, none for a kind of record the case has never had."""
    links = defaultdict(list)
    if not history_ids:
        return links
    links_model = vars(_history_model(model))[model_field.name].model
    # Plain SQL from the model's own names: two integer columns of one table, read for a list of
    # ids, cost far less to write by hand than through the ORM, and a page reads one per field.
    quote = connection.ops.quote_name
    history_column = quote(links_model._meta.get_field("history").column)
    related_column = quote(links_model._meta.get_field(model_field.m2m_reverse_field_name()).column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {history_column}, {related_column} FROM {quote(links_model._meta.db_table)} "  # noqa: S608
            f"WHERE {history_column} IN ({', '.join(['%s'] * len(history_ids))})",
            [int(history_id) for history_id in history_ids],
        )
        rows = cursor.fetchall()
    for history_id, related_id in rows:
        links[history_id].append(related_id)
    return defaultdict(list, {history_id: sorted(ids) for history_id, ids in links.items()})


def _display(
    model, field_name: str, value, *, hidden: bool, labels: _RelatedLabels, reader: Reader, case_id: int
) -> str:
    if hidden:
        return _("(personal data)")
    if value in (None, "", []):
        return "—"
    model_field = model._meta.get_field(field_name)
    if model_field.many_to_many:
        related = [labels.get(model_field.related_model, pk) for pk in value]
        related = [item for item in related if item is not None]
        if model_field.related_model is Person:
            return ", ".join(reader.name(person) for person in related)
        return ", ".join(str(item) for item in related)
    if model_field.is_relation:
        related = labels.get(model_field.related_model, value)
        return str(related) if related is not None else str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return reader.text(str(value), case_id)


def _history_m2m_fields(model) -> list:
    """The many-to-many fields whose links each historical version keeps."""
    names = {getattr(item, "name", item) for item in _history_model(model)._history_m2m_fields}
    return [model_field for model_field in model._meta.many_to_many if model_field.name in names]


# The kinds of record a case may have had versions of, each a queryset of the case's rows.
HISTORY_KINDS = {
    "violation": lambda case_id: _history_model(Violation).objects.filter(case_id=case_id),
    "person": lambda case_id: _history_model(Person).objects.filter(case_id=case_id),
    "intervention": lambda case_id: _history_model(Intervention).objects.filter(case_id=case_id),
    "content": lambda case_id: _history_model(ContentItem).objects.filter(case_id=case_id),
    "status": lambda case_id: ContentStatusChange.objects.filter(item__case_id=case_id),
}


@cache
def _kinds_query() -> CompiledExists:
    return CompiledExists(Case, HISTORY_KINDS)


def _kinds_present(case: Case) -> frozenset[str]:
    """The kinds of record the case has ever had (and whether its items have a status record), in
    one query built once (``casebook.compiled``): most cases never had an intervention or a content
    item, and their queries are skipped."""
    return _kinds_query().present(case.pk)


def _records(case: Case, present: frozenset[str]):
    yield "case", Case, _history_of(Case).filter(id=case.pk)
    for key in ("violation", "person", "intervention"):
        if key in present:
            model = MODELS[key]
            yield key, model, _history_of(model).filter(case_id=case.pk)
    if "content" in present:
        yield "content", ContentItem, _history_of(ContentItem).filter(case_id=case.pk)


# What the history names a record by, read with it (one query per kind, whatever the number of versions).
SUBJECT_RELATIONS = {"violation": ["violation_type"], "content": ["platform"]}


def _content_subject(item, reader: Reader, case_id: int) -> str:
    """``Post · Instagram · Cx1``: the item's kind, its platform and its id, or its URL as this viewer may read it."""
    platform = str(item.platform) if item.platform_id else ""
    address = item.content_id or reader.text(item.url, case_id)
    return " · ".join(filter(None, [item.get_kind_display(), platform, address]))


def _subject(key: str, record, reader: Reader) -> str:
    if key == "case":
        return str(record.reference)
    if key == "person":
        name = (record.name or record.name_latin) if reader.personal or record.id in reader.named else record.pseudonym
        return name or f"#{record.id}"
    if key == "violation":
        return str(record.violation_type) if record.violation_type_id else f"#{record.id}"
    if key == "content":
        return _content_subject(record, reader, record.case_id)
    return f"{record.get_kind_display()} #{record.id}"


def _field_changes(record, previous, m2m_links: dict, hidden: set) -> list[tuple[str, object, object]]:
    """(field, old, new) for each field shown that differs between two versions of one object."""
    delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS | hidden | set(m2m_links))
    changes = [(change.field, change.old, change.new) for change in delta.changes]
    for name, links in m2m_links.items():
        old, new = links[previous.history_id], links[record.history_id]
        if old != new:
            changes.append((name, old, new))
    return changes


def case_history(case: Case, *, user) -> list[HistoryEntry]:
    """Newest first; each entry lists what changed compared with the version before it.

    The number of queries does not depend on the number of versions: one per kind of record
    (with its users), one per many-to-many field, one per kind of related object named.
    """
    personal = may_see_personal_data(user)
    reader = reader_for_cases(user, [case.pk])
    labels = _RelatedLabels()
    pending = []  # (entry, model, [(field, old, new, hidden)]), labelled once every related id is known
    present = _kinds_present(case)
    for key, model, queryset in _records(case, present):
        hidden_fields = set() if personal else PERSONAL_FIELDS.get(key, set())
        previous_by_object = {}
        latest_ids = {}
        subject_relations = SUBJECT_RELATIONS.get(key, [])
        records = list(
            queryset.select_related("history_user", *subject_relations).order_by("history_date", "history_id")
        )
        history_ids = [record.history_id for record in records]
        m2m_links = {
            model_field.name: _m2m_links(model, model_field, history_ids) for model_field in _history_m2m_fields(model)
        }
        for record in records:
            latest_ids[record.id] = record.history_id
        for record in records:
            entry = HistoryEntry(
                when=record.history_date,
                who=record.history_user.get_username() if record.history_user else "—",
                kind=record.history_type,
                model=key,
                subject=_subject(key, record, reader),
                history_id=record.history_id,
                reason=reason_text(record.history_change_reason or ""),
                restorable=key in MODELS and record.history_id != latest_ids[record.id],
            )
            previous = previous_by_object.get(record.id)
            previous_by_object[record.id] = record
            changes = []
            if previous is None:
                # A record created with its links at once (an import) shows them on its creation.
                for name, links in m2m_links.items():
                    if links[record.history_id]:
                        hidden = name in hidden_fields
                        if not hidden:
                            labels.want(model._meta.get_field(name).related_model, links[record.history_id])
                        changes.append((name, [], links[record.history_id], hidden))
            else:
                for name, old, new in _field_changes(record, previous, m2m_links, HIDDEN_BY_KIND.get(key, set())):
                    hidden = name in hidden_fields
                    model_field = model._meta.get_field(name)
                    if model_field.is_relation and not hidden:
                        ids = [*old, *new] if model_field.many_to_many else [old, new]
                        labels.want(model_field.related_model, ids)
                    changes.append((name, old, new, hidden))
                # A save that changed nothing shown, for no stated reason; or an item's new status,
                # which its status record shows (whatever reason the save carried).
                status_only = key == "content" and record.removed_at == previous.removed_at
                if not changes and record.history_type == "~" and (not entry.reason or status_only):
                    continue
            pending.append((entry, model, changes))
    labels.load()
    entries = []
    for entry, model, changes in pending:
        for name, old, new, hidden in changes:
            entry.changes.append(
                Change(
                    label=str(model._meta.get_field(name).verbose_name),
                    old=_display(model, name, old, hidden=hidden, labels=labels, reader=reader, case_id=case.pk),
                    new=_display(model, name, new, hidden=hidden, labels=labels, reader=reader, case_id=case.pk),
                )
            )
        entries.append(entry)
    if "status" in present:
        entries += _status_entries(case, reader=reader)
    entries.sort(key=lambda entry: (entry.when, entry.history_id), reverse=True)
    return entries


def _status_entries(case: Case, *, reader: Reader) -> list[HistoryEntry]:
    """Each status recorded for the case's items: what it was and became, on which day, on whose word.

    Records are appended and never edited, so each is one entry; none can be restored.
    """
    changes = (
        ContentStatusChange.objects.filter(item__case=case)
        .select_related("item__platform", "recorded_by")
        .order_by("recorded_at", "id")
    )
    field = ContentStatusChange._meta.get_field
    entries = []
    for change in changes:
        entry = HistoryEntry(
            when=change.recorded_at,
            who=change.recorded_by.get_username(),
            kind="+",
            model="status",
            subject=_content_subject(change.item, reader, case.pk),
            history_id=change.pk,
        )
        entry.changes = [
            Change(
                str(field("status").verbose_name),
                change.get_previous_status_display() or "—",
                change.get_status_display(),
            ),
            Change(str(field("on").verbose_name), "—", formats.date_format(change.on, "DATE_FORMAT")),
            Change(str(field("source").verbose_name), "—", change.get_source_display()),
        ]
        if change.note:
            entry.changes.append(Change(str(field("note").verbose_name), "—", reader.text(change.note, case.pk)))
        entries.append(entry)
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
