"""The record (PRODUCT.md section 3): cases, violations, persons, actors, interventions, taxonomies."""

from cases.models.case import (
    Case,
    CaseGroupObjectPermission,
    CaseLink,
    CaseUserObjectPermission,
    LegalReviewNote,
    ReferenceCounter,
    SensitivityClearance,
    Tag,
)
from cases.models.content import ContentItem, ContentStatusChange, Escalation, EscalationItem
from cases.models.record import Actor, Consent, Intervention, Person, Violation
from cases.models.taxonomy import ActorType, Outcome, Platform, Profession, ViolationType

__all__ = [
    "Actor",
    "ActorType",
    "Case",
    "CaseGroupObjectPermission",
    "CaseLink",
    "CaseUserObjectPermission",
    "Consent",
    "ContentItem",
    "ContentStatusChange",
    "Escalation",
    "EscalationItem",
    "Intervention",
    "LegalReviewNote",
    "Outcome",
    "Person",
    "Platform",
    "Profession",
    "ReferenceCounter",
    "SensitivityClearance",
    "Tag",
    "Violation",
    "ViolationType",
]
