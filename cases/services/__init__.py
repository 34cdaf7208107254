"""Every write to the record goes through these functions (keyword-only, acting user explicit)."""

from django.core.exceptions import PermissionDenied, ValidationError

from cases.services.bulk import NewCase, case_create_many
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
from cases.services.content import (
    content_item_remove,
    content_item_save,
    content_recheck,
    content_status_record,
    escalation_answer,
    escalation_appeal,
    escalation_create,
    escalation_send,
    local_today,
)
from cases.services.content_many import ItemWrite, StatusStatement, content_write_many
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
    "ItemWrite",
    "NewCase",
    "PermissionDenied",
    "RowChange",
    "StatusStatement",
    "ValidationError",
    "actor_create",
    "allowed_transitions",
    "case_archive",
    "case_create",
    "case_create_many",
    "case_link",
    "case_refresh_search",
    "case_revoke",
    "case_save_entry",
    "case_share",
    "case_transition",
    "case_unarchive",
    "case_update",
    "content_item_remove",
    "content_item_save",
    "content_recheck",
    "content_status_record",
    "content_write_many",
    "escalation_answer",
    "escalation_appeal",
    "escalation_create",
    "escalation_send",
    "intervention_save",
    "legal_review_add",
    "local_today",
    "person_save",
    "record_remove",
    "search_texts",
    "suggest_due_date",
    "violation_save",
]
