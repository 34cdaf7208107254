"""Every write to the record goes through these functions (keyword-only, acting user explicit)."""

from django.core.exceptions import PermissionDenied, ValidationError

from cases.services.case import (
    TRANSITIONS,
    allowed_transitions,
    case_archive,
    case_create,
    case_link,
    case_refresh_search,
    case_revoke,
    case_share,
    case_transition,
    case_unarchive,
    case_update,
    legal_review_add,
    search_texts,
)
from cases.services.entry import RowChange, case_save_entry
from cases.services.record import (
    actor_create,
    intervention_save,
    person_save,
    record_remove,
    suggest_due_date,
    violation_save,
)

__all__ = [
    "TRANSITIONS",
    "PermissionDenied",
    "RowChange",
    "ValidationError",
    "actor_create",
    "allowed_transitions",
    "case_archive",
    "case_create",
    "case_link",
    "case_refresh_search",
    "case_revoke",
    "case_save_entry",
    "case_share",
    "case_transition",
    "case_unarchive",
    "case_update",
    "intervention_save",
    "legal_review_add",
    "person_save",
    "record_remove",
    "search_texts",
    "suggest_due_date",
    "violation_save",
]
