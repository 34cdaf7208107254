"""Disclosure profiles: what personal data a document may contain, decided field by field.

A profile is applied by ``disclose_case``, which every document builder calls
before anything reaches a template: a template only lays out what it is given,
so a name the profile withholds is not in the template's context at all.

Consent is read at build time, so a consent withdrawn today takes effect in
the next document built. Withheld names, contact details and places are also
removed from the free text of the case (narrative, descriptions, summaries),
where an officer may have typed them.
"""

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reporting.records import (
    CaseRecord,
    ConsentRecord,
    EvidenceRecord,
    InterventionRecord,
    PersonRecord,
    ViolationRecord,
)


class Profile(TextChoices):
    INTERNAL = "internal", gettext_lazy("Internal")
    LEGAL_PARTNER = "legal_partner", gettext_lazy("Legal partner")
    UN_CONFIDENTIAL = "un_confidential", gettext_lazy("UN confidential")
    PUBLIC = "public", gettext_lazy("Public")
    PLATFORM = "platform", gettext_lazy("Platform")
    STATISTICS = "statistics", gettext_lazy("Statistics")


CONSENT_KINDS = [
    ("state", gettext_lazy("To be named to the State or company concerned")),
    ("public", gettext_lazy("To be named in public reports")),
    ("platform", gettext_lazy("To have the case raised with a platform")),
]


class Naming(StrEnum):
    ALL = "all"  # every name
    CONSENT = "consent"  # names only with the profile's consent, pseudonyms otherwise
    NONE = "none"  # pseudonyms only


@dataclass(frozen=True)
class Policy:
    """What one profile lets through. ``consent`` names the consent that allows naming."""

    naming: Naming
    consent: str | None = None
    contact: bool = False
    persons: bool = True
    # The exact place (town, street, detention site) follows naming: it is shown
    # only when every affected person of the case may be named under this profile.
    place: bool = True
    affiliation_needs_consent: bool = False
    free_text: bool = True
    evidence_file_names: bool = False
    staff_names: bool = False


POLICIES: dict[str, Policy] = {
    Profile.INTERNAL: Policy(naming=Naming.ALL, contact=True, evidence_file_names=True, staff_names=True),
    # A legal partner does not see personal data in the app; its file names a
    # person only as litigation would, before the State's authorities.
    # File names and pictures of evidence are as telling as a name (a screenshot of
    # the person's profile, "summons_haddad.jpg"): they stay inside the organisation.
    Profile.LEGAL_PARTNER: Policy(naming=Naming.CONSENT, consent="state"),
    Profile.UN_CONFIDENTIAL: Policy(naming=Naming.CONSENT, consent="state"),
    Profile.PUBLIC: Policy(naming=Naming.CONSENT, consent="public", affiliation_needs_consent=True),
    Profile.PLATFORM: Policy(naming=Naming.CONSENT, consent="platform", affiliation_needs_consent=True),
    Profile.STATISTICS: Policy(naming=Naming.NONE, persons=False, place=False, free_text=False),
}


# Profiles only a user allowed to see personal data in the app may choose.
PERSONAL_DATA_PROFILES = (Profile.INTERNAL,)


def policy_for(profile: str) -> Policy:
    return POLICIES[Profile(profile)]


@dataclass
class DisclosedPerson:
    """A person as a document may show them: ``label`` is always safe to print."""

    id: int
    label: str
    named: bool
    role: str
    role_label: str
    name: str = ""
    contact: str = ""
    gender: str = ""
    age_group: str = ""
    profession: str = ""
    affiliation: str = ""
    consents: dict[str, ConsentRecord] = field(default_factory=dict)

    def consent(self, kind: str) -> ConsentRecord:
        return self.consents.get(kind) or ConsentRecord(kind=kind)

    @property
    def facts(self) -> list[str]:
        """Profession, gender, age group and affiliation, those that are known."""
        return [value for value in (self.profession, self.gender, self.age_group, self.affiliation) if value]

    def consent_rows(self) -> list[dict]:
        """Each consent as a line a document can print: given, refused, withdrawn or not recorded."""
        rows = []
        for kind, label in CONSENT_KINDS:
            consent = self.consent(kind)
            if consent.is_valid:
                state, when = _("given"), consent.given_on
            elif consent.withdrawn_on:
                state, when = _("withdrawn"), consent.withdrawn_on
            elif consent.is_recorded:
                state, when = _("refused"), consent.given_on
            else:
                state, when = _("not recorded"), None
            rows.append({"kind": kind, "label": label, "state": state, "date": when, "valid": consent.is_valid})
        return rows


@dataclass
class DisclosedCase:
    """A case after its profile: the record, with persons replaced and free text cleaned."""

    record: CaseRecord
    profile: str
    persons: list[DisclosedPerson]
    place: str
    withheld: int  # how many persons are shown under a pseudonym or not at all

    def __getattr__(self, name):
        # Everything the profile does not touch reads through to the record.
        return getattr(self.record, name)

    def person(self, person_id: int) -> DisclosedPerson | None:
        return next((person for person in self.persons if person.id == person_id), None)

    @property
    def affected_persons(self) -> list[DisclosedPerson]:
        return [person for person in self.persons if person.role == "affected"]


def may_name(person: PersonRecord, policy: Policy) -> bool:
    if policy.naming == Naming.ALL:
        return bool(person.name)
    if policy.naming == Naming.CONSENT and policy.consent:
        return bool(person.name) and person.consent(policy.consent).is_valid
    return False


def person_label(person: PersonRecord, number: int) -> str:
    return person.pseudonym or _("Person %(number)s") % {"number": number}


def disclose_person(person: PersonRecord, policy: Policy, number: int) -> DisclosedPerson:
    named = may_name(person, policy)
    affiliation_ok = named or not policy.affiliation_needs_consent
    return DisclosedPerson(
        id=person.id,
        label=person.name if named else person_label(person, number),
        named=named,
        role=person.role,
        role_label=person.role_label,
        name=person.name if named else "",
        contact=person.contact if policy.contact else "",
        gender=person.gender,
        age_group=person.age_group,
        profession=person.profession,
        affiliation=person.affiliation if affiliation_ok else "",
        consents=dict(person.consents),
    )


# --- Removing withheld data from free text ------------------------------------------

_TASHKEEL = "\u064b-\u0652\u0670\u0640"  # diacritics and tatweel, ignored when matching
_ARABIC_VARIANTS = {
    "ا": "اأإآ",
    "أ": "اأإآ",
    "إ": "اأإآ",
    "آ": "اأإآ",
    "ي": "يى",
    "ى": "يى",
    "ة": "ةه",
    "ه": "ةه",
}


def _token_pattern(token: str) -> str:
    """A pattern for one word that tolerates case, tashkeel, tatweel and the usual letter variants."""
    parts = []
    for char in token:
        parts.append(f"[{_ARABIC_VARIANTS[char]}]" if char in _ARABIC_VARIANTS else re.escape(char))
        parts.append(f"[{_TASHKEEL}]*")
    return "".join(parts)


def _digits_pattern(digits: str) -> str:
    """A phone number however it is spaced or punctuated."""
    return r"[\s\-./()]*".join(re.escape(digit) for digit in digits)


def _withheld_patterns(person: PersonRecord, *, name: bool, contact: bool) -> list[str]:
    patterns = []
    if name and person.name.strip():
        tokens = [token for token in re.split(r"[\s,.\-]+", person.name) if len(token) >= 3]
        patterns.append(r"[\s]+".join(_token_pattern(token) for token in person.name.split()))
        # A surname or a first name alone identifies a person as well as the full name.
        patterns.extend(_token_pattern(token) for token in tokens)
    if contact and person.contact.strip():
        for piece in re.split(r"[\n,;]+", person.contact):
            piece = piece.strip()
            digits = re.sub(r"\D", "", piece)
            if len(digits) >= 6:
                patterns.append(_digits_pattern(digits))
            if len(piece) >= 4:
                patterns.append(re.escape(piece))
    return patterns


class Redactor:
    """Replaces withheld names, contact details and places in free text."""

    def __init__(self, replacements: list[tuple[str, str]]):
        # Longest first, so that a full name goes before its parts.
        self.rules = [
            (re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE), label)
            for pattern, label in sorted(replacements, key=lambda rule: -len(rule[0]))
        ]

    def __call__(self, text: str) -> str:
        for pattern, label in self.rules:
            text = pattern.sub(label, text)
        return text


WITHHELD = "[…]"


def disclose_case(record: CaseRecord, profile: str) -> DisclosedCase:
    """Apply a profile to one case; the result is all a document builder passes on."""
    policy = policy_for(profile)
    if not policy.persons and not policy.free_text:
        return _counting_case(record, profile)
    persons, replacements = [], []
    for number, person in enumerate(record.persons, start=1):
        shown = disclose_person(person, policy, number)
        if policy.persons:
            persons.append(shown)
        replacements += [
            (pattern, shown.label)
            for pattern in _withheld_patterns(person, name=not shown.named, contact=not policy.contact)
        ]
    affected = [person for person in persons if person.role == "affected"] or persons
    place_allowed = policy.place and (policy.naming == Naming.ALL or (affected and all(p.named for p in affected)))
    if record.place.strip() and not place_allowed:
        replacements.append((re.escape(record.place.strip()), WITHHELD))
    redact = Redactor(replacements)
    withheld = sum(1 for person in record.persons if not may_name(person, policy))

    def text(value: str) -> str:
        return redact(value) if policy.free_text else ""

    cleaned = replace(
        record,
        title=redact(record.title),
        title_translation=redact(record.title_translation),
        narrative=text(record.narrative),
        narrative_translation=text(record.narrative_translation),
        place=record.place if place_allowed else "",
        persons=[],
        violations=[
            replace(
                violation,
                description=text(violation.description),
                stated_reason=text(violation.stated_reason),
                legal_basis=redact(violation.legal_basis),
                content_concerned=[redact(line) for line in violation.content_concerned],
                affected_person_ids=violation.affected_person_ids if policy.persons else [],
            )
            for violation in record.violations
        ],
        interventions=[
            replace(
                intervention,
                summary=text(intervention.summary),
                response_text=text(intervention.response_text),
            )
            for intervention in record.interventions
        ],
        evidence=[_disclose_evidence(item, policy, redact, number) for number, item in enumerate(record.evidence, 1)],
    )
    return DisclosedCase(record=cleaned, profile=profile, persons=persons, place=cleaned.place, withheld=withheld)


def _disclose_evidence(item: EvidenceRecord, policy: Policy, redact: Redactor, number: int) -> EvidenceRecord:
    # A file name often carries a name ("passport_ahmed.jpg"): only profiles that
    # name everyone keep it; the others give the item a number.
    return replace(
        item,
        original_name=item.original_name if policy.evidence_file_names else _("Item %(number)s") % {"number": number},
        description=redact(item.description) if policy.free_text else "",
        uploaded_by=item.uploaded_by if policy.staff_names else "",
    )


def _counting_case(record: CaseRecord, profile: str) -> DisclosedCase:
    """For profiles that keep no person and no free text: only what is counted is copied."""
    counted = CaseRecord(
        id=record.id,
        reference=record.reference,
        language=record.language,
        start_date=record.start_date,
        start_date_precision=record.start_date_precision,
        end_date=record.end_date,
        end_date_precision=record.end_date_precision,
        country=record.country,
        country_name=record.country_name,
        status=record.status,
        status_label=record.status_label,
        sensitivity=record.sensitivity,
        sensitivity_label=record.sensitivity_label,
        violations=[
            ViolationRecord(
                id=violation.id,
                type_code=violation.type_code,
                type_label=violation.type_label,
                platform_code=violation.platform_code,
                platform_label=violation.platform_label,
                date=violation.date,
                date_precision=violation.date_precision,
                actors=violation.actors,
                outcome=violation.outcome,
            )
            for violation in record.violations
        ],
        interventions=[
            InterventionRecord(
                id=intervention.id,
                kind=intervention.kind,
                kind_label=intervention.kind_label,
                violation_id=intervention.violation_id,
                platform_code=intervention.platform_code,
                platform_label=intervention.platform_label,
                sent_on=intervention.sent_on,
                status=intervention.status,
                status_label=intervention.status_label,
                response_date=intervention.response_date,
            )
            for intervention in record.interventions
        ],
    )
    return DisclosedCase(record=counted, profile=profile, persons=[], place="", withheld=len(record.persons))
