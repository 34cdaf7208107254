"""Plain data a document is built from: what the record holds, before any disclosure rule.

The loaders in ``reporting.loaders`` read the database into these; the
disclosure profiles (``reporting.profiles``) turn them into what a document
may show. Keeping the two apart lets the rules be tested on plain data.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ConsentRecord:
    kind: str  # "state", "public" or "platform"
    given: bool = False
    given_on: dt.date | None = None
    method: str = ""
    withdrawn_on: dt.date | None = None

    @property
    def is_valid(self) -> bool:
        """Given and not withdrawn: the only state in which the person may be named that way."""
        return self.given and self.withdrawn_on is None

    @property
    def is_recorded(self) -> bool:
        """The question was put to the person and the answer noted: given, refused on a date, or withdrawn."""
        return self.given or self.given_on is not None or self.withdrawn_on is not None


@dataclass
class PersonRecord:
    id: int
    role: str = "affected"
    role_label: str = ""
    name: str = ""
    pseudonym: str = ""
    gender: str = ""
    age_group: str = ""
    profession: str = ""
    affiliation: str = ""
    contact: str = ""
    consents: dict[str, ConsentRecord] = field(default_factory=dict)

    def consent(self, kind: str) -> ConsentRecord:
        return self.consents.get(kind) or ConsentRecord(kind=kind)


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
    description: str = ""
    affected_person_ids: list[int] = field(default_factory=list)
    actors: list[ActorRecord] = field(default_factory=list)
    legal_basis: str = ""
    content_concerned: list[str] = field(default_factory=list)
    stated_reason: str = ""
    outcome: str = ""


@dataclass
class InterventionRecord:
    id: int
    kind: str = ""
    violation_id: int | None = None
    urgency: str = ""
    kind_label: str = ""
    recipient: str = ""
    channel: str = ""
    platform_code: str = ""
    platform_label: str = ""
    sent_on: dt.date | None = None
    status: str = ""
    status_label: str = ""
    summary: str = ""
    external_reference: str = ""
    response_date: dt.date | None = None
    response_text: str = ""
    due_date: dt.date | None = None


@dataclass
class CustodySummary:
    count: int = 0
    first_at: dt.datetime | None = None
    last_action: str = ""
    last_at: dt.datetime | None = None


@dataclass
class EvidenceRecord:
    id: int
    original_name: str = ""
    media_type: str = ""
    size: int = 0
    sha256: str = ""
    uploaded_at: dt.datetime | None = None
    uploaded_by: str = ""
    description: str = ""
    # Where the original is kept in storage; never shown, used to fetch images.
    file_name: str = ""
    custody: CustodySummary = field(default_factory=CustodySummary)

    @property
    def is_image(self) -> bool:
        return self.media_type in {"image/png", "image/jpeg", "image/gif", "image/webp"}


@dataclass
class CaseRecord:
    id: int
    reference: str
    title: str = ""
    title_translation: str = ""
    narrative: str = ""
    narrative_translation: str = ""
    language: str = "en"
    start_date: dt.date | None = None
    start_date_precision: str = "day"
    end_date: dt.date | None = None
    end_date_precision: str = "day"
    country: str = ""
    country_name: str = ""
    place: str = ""
    status: str = ""
    status_label: str = ""
    verification_label: str = ""
    sensitivity: str = ""
    sensitivity_label: str = ""
    tags: list[str] = field(default_factory=list)
    persons: list[PersonRecord] = field(default_factory=list)
    violations: list[ViolationRecord] = field(default_factory=list)
    interventions: list[InterventionRecord] = field(default_factory=list)
    evidence: list[EvidenceRecord] = field(default_factory=list)
