"""The case's history, field by field, built from django-simple-history records."""

from dataclasses import dataclass, field
from datetime import datetime

from cases.models import Case


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
    changes: list[Change] = field(default_factory=list)


def _display(field_name: str, value) -> str:
    model_field = Case._meta.get_field(field_name)
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def case_history(case: Case) -> list[HistoryEntry]:
    """Newest first; each entry lists what changed compared with the version before."""
    records = list(case.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = []
    previous = None
    for record in records:
        entry = HistoryEntry(
            when=record.history_date,
            who=record.history_user.get_username() if record.history_user else "—",
            kind=record.history_type,
        )
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                entry.changes.append(
                    Change(
                        label=str(Case._meta.get_field(change.field).verbose_name),
                        old=_display(change.field, change.old),
                        new=_display(change.field, change.new),
                    )
                )
        entries.append(entry)
        previous = record
    return list(reversed(entries))
