"""Plain data a document is built from: what the record holds, before any disclosure rule.

Every field says what kind of data it holds (``Data``), once, here: the
disclosure profiles (``reporting.profiles``) apply a profile to a record by
these kinds alone, and the loaders (``reporting.loaders``) copy a field from
the model attribute of the same name. Adding a field to documents is adding it
here with its kind (and, when the model names it differently, one line in the
loader).
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from cases.models.record import Consent


class Data(StrEnum):
    """What kind of data a field holds, which decides who may see it."""

    PLAIN = "plain"  # codes, labels, dates, counts, hashes: no personal data
    NAME = "name"  # a person's name or one of its spellings
    CONTACT = "contact"  # a person's contact details, the most sensitive of all
    AFFILIATION = "affiliation"  # what a person does and with whom: identifies as well as a name
    PLACE = "place"  # the exact place of the events
    TITLE = "title"  # short text typed by hand, shown by every document that shows the case
    TEXT = "text"  # free text typed by hand: narratives, descriptions, answers
    LINES = "lines"  # lines typed by hand: URLs, post IDs, handles
    FILE_NAME = "file_name"  # a file's original name ("summons_haddad.jpg")
    STAFF = "staff"  # the name of a member of the organisation's staff
    STORAGE = "storage"  # where a file is kept: used to fetch it, never printed


def of(kind: Data, default=None, *, factory=None):
    """A record field holding data of ``kind``."""
    if factory is not None:
        return field(default_factory=factory, metadata={"data": kind})
    return field(default=default, metadata={"data": kind})


def data_kind(model_field) -> Data:
    return model_field.metadata.get("data", Data.PLAIN)


@dataclass
class PersonRecord:
    id: int
    role: str = "affected"
    role_label: str = ""
    name: str = of(Data.NAME, "")
    name_latin: str = of(Data.NAME, "")
    other_names: list[str] = of(Data.NAME, factory=list)
    pseudonym: str = ""
    gender: str = ""
    age_group: str = ""
    profession: str = ""
    affiliation: str = of(Data.AFFILIATION, "")
    contact: str = of(Data.CONTACT, "")
    consents: dict[str, Consent] = field(default_factory=dict)

    def consent(self, kind: str) -> Consent:
        return self.consents.get(kind) or Consent(kind=kind)

    @property
    def spellings(self) -> list[str]:
        return [spelling for spelling in (self.name, self.name_latin, *self.other_names) if spelling.strip()]


@dataclass
class ActorRecord:
    name: str
    actor_type: str = ""
    country: str = ""


@dataclass
class ViolationRecord:
    id: int
    type_code: str = ""
    type_label: str = ""
    platform_code: str = ""
    platform_label: str = ""
    date: dt.date | None = None
    date_precision: str = "day"
    description: str = of(Data.TEXT, "")
    affected_person_ids: list[int] = field(default_factory=list)
    actors: list[ActorRecord] = field(default_factory=list)
    legal_basis: str = of(Data.TITLE, "")
    content_concerned: list[str] = of(Data.LINES, factory=list)
    stated_reason: str = of(Data.TEXT, "")
    outcome: str = ""


@dataclass
class InterventionRecord:
    id: int
    kind: str = ""
    violation_id: int | None = None
    urgency: str = ""
    kind_label: str = ""
    recipient: str = of(Data.TITLE, "")
    channel: str = of(Data.TITLE, "")
    platform_code: str = ""
    platform_label: str = ""
    sent_on: dt.date | None = None
    status: str = ""
    status_label: str = ""
    summary: str = of(Data.TEXT, "")
    external_reference: str = of(Data.TITLE, "")
    response_date: dt.date | None = None
    response_text: str = of(Data.TEXT, "")
    due_date: dt.date | None = None


@dataclass
class StatusRecord:
    status: str
    on: dt.date


@dataclass
class EscalationAnswerRecord:
    """One item's place in an escalation: when it was sent, when the answer was due and came, and what it was."""

    sent_on: dt.date | None = None
    due_date: dt.date | None = None
    answered_on: dt.date | None = None
    answer: str = ""


@dataclass
class ContentRecord:
    """A content item: its platform, kind, removal and dated statuses, and where a platform finds it."""

    id: int
    platform_code: str = ""
    platform_label: str = ""
    kind: str = ""
    kind_label: str = ""
    removed_on: dt.date | None = None
    status: str = ""
    status_label: str = ""
    statuses: list[StatusRecord] = field(default_factory=list)
    escalations: list[EscalationAnswerRecord] = field(default_factory=list)
    # What a platform needs to find the content (documents only; statistics never read them).
    url: str = of(Data.LINES, "")
    content_id: str = of(Data.LINES, "")
    author_handle: str = of(Data.LINES, "")
    published_on: dt.date | None = None
    policy: str = of(Data.TITLE, "")
    stated_reason: str = of(Data.TEXT, "")
    statement_of_reasons_id: str = ""
    escalation_ids: list[int] = field(default_factory=list)


@dataclass
class CustodySummary:
    count: int = 0
    first_at: dt.datetime | None = None
    last_action: str = ""
    last_at: dt.datetime | None = None


@dataclass
class EvidenceRecord:
    id: int
    number: int = 0  # its place in the case's evidence index, from 1
    original_name: str = of(Data.FILE_NAME, "")
    media_type: str = ""
    size: int = 0
    sha256: str = ""
    uploaded_at: dt.datetime | None = None
    uploaded_by: str = of(Data.STAFF, "")
    description: str = of(Data.TEXT, "")
    file_name: str = of(Data.STORAGE, "")
    custody: CustodySummary = field(default_factory=CustodySummary)

    @property
    def is_image(self) -> bool:
        return self.media_type in {"image/png", "image/jpeg", "image/gif", "image/webp"}


@dataclass
class CaseRecord:
    id: int
    reference: str
    title: str = of(Data.TITLE, "")
    title_translation: str = of(Data.TITLE, "")
    narrative: str = of(Data.TEXT, "")
    narrative_translation: str = of(Data.TEXT, "")
    language: str = "en"
    start_date: dt.date | None = None
    start_date_precision: str = "day"
    end_date: dt.date | None = None
    end_date_precision: str = "day"
    country: str = ""
    country_name: str = ""
    place: str = of(Data.PLACE, "")
    status: str = ""
    status_label: str = ""
    verification_label: str = ""
    sensitivity: str = ""
    sensitivity_label: str = ""
    tags: list[str] = of(Data.TITLE, factory=list)
    persons: list[PersonRecord] = field(default_factory=list)
    # Persons removed from the case: never shown, but their names may remain in its text.
    removed_persons: list[PersonRecord] = field(default_factory=list)
    violations: list[ViolationRecord] = field(default_factory=list)
    interventions: list[InterventionRecord] = field(default_factory=list)
    evidence: list[EvidenceRecord] = field(default_factory=list)
    content: list[ContentRecord] = field(default_factory=list)
