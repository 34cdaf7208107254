"""Disclosure profiles: what personal data a document may contain, decided field by field.

A profile is applied by ``disclose_case``, which every document builder calls
before anything reaches a template: a template only lays out what it is given,
so a name the profile withholds is not in the template's context at all.

Consent is read at build time, so a consent withdrawn today takes effect in
the next document built. Withheld names, contact details and places are also
removed from the free text of the case (narrative, descriptions, summaries),
where an officer may have typed them.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import ConsentKind, ConsentStatus
from cases.models.record import Consent
from cases.names import is_arabic, name_matcher
from reporting.records import CaseRecord, Data, PersonRecord, data_kind


class Profile(TextChoices):
    INTERNAL = "internal", gettext_lazy("Internal")
    LEGAL_PARTNER = "legal_partner", gettext_lazy("Legal partner")
    UN_CONFIDENTIAL = "un_confidential", gettext_lazy("UN confidential")
    PUBLIC = "public", gettext_lazy("Public")
    PLATFORM = "platform", gettext_lazy("Platform")
    STATISTICS = "statistics", gettext_lazy("Statistics")


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
    consents: dict[str, Consent] = field(default_factory=dict)

    def consent(self, kind: str) -> Consent:
        return self.consents.get(kind) or Consent(kind=kind)

    @property
    def facts(self) -> list[str]:
        """Profession, gender, age group and affiliation, those that are known."""
        return [value for value in (self.profession, self.gender, self.age_group, self.affiliation) if value]

    def consent_rows(self) -> list[dict]:
        """Each consent as a line a document can print: its status and the date of that status."""
        statuses = dict(ConsentStatus.choices)
        return [
            {
                "kind": kind.value,
                "label": kind.label,
                "state": statuses[consent.status],
                "date": consent.on,
                "valid": consent.is_valid,
            }
            for kind in ConsentKind
            for consent in [self.consent(kind)]
        ]


@dataclass
class DisclosedCase:
    """A case after its profile: the record, with persons replaced and free text cleaned."""

    record: CaseRecord
    profile: str
    persons: list[DisclosedPerson]
    place: str
    withheld: int  # how many persons are shown under a pseudonym or not at all
    # Where a withheld name was replaced in the text, for the officer to check: (field, label) pairs.
    replacements: list[tuple[str, str]] = field(default_factory=list)

    def __getattr__(self, name):
        # Everything the profile does not touch reads through to the record.
        return getattr(self.record, name)

    def person(self, person_id: int) -> DisclosedPerson | None:
        return next((person for person in self.persons if person.id == person_id), None)

    @property
    def affected_persons(self) -> list[DisclosedPerson]:
        return [person for person in self.persons if person.role == "affected"]


def may_name(person: PersonRecord, policy: Policy) -> bool:
    if not person.spellings:
        return False
    if policy.naming == Naming.ALL:
        return True
    if policy.naming == Naming.CONSENT and policy.consent:
        return person.consent(policy.consent).is_valid
    return False


def person_label(person: PersonRecord, number: int) -> str:
    return person.pseudonym or _("Person %(number)s") % {"number": number}


def _name_in(person: PersonRecord, language: str | None) -> str:
    """The spelling a document in ``language`` prints: the one in the document's script when recorded."""
    if language and person.name_latin and is_arabic(person.name) != (language == "ar"):
        return person.name_latin
    return person.name or person.name_latin


def disclose_person(person: PersonRecord, policy: Policy, number: int, language: str | None = None) -> DisclosedPerson:
    named = may_name(person, policy)
    affiliation_ok = named or not policy.affiliation_needs_consent
    name = _name_in(person, language) if named else ""
    return DisclosedPerson(
        id=person.id,
        label=name or person_label(person, number),
        named=named,
        role=person.role,
        role_label=person.role_label,
        name=name,
        contact=person.contact if policy.contact else "",
        gender=person.gender,
        age_group=person.age_group,
        profession=person.profession,
        affiliation=person.affiliation if affiliation_ok else "",
        consents=dict(person.consents),
    )


# --- Removing withheld data from free text ------------------------------------------


def _digits_pattern(digits: str) -> str:
    """A phone number however it is spaced or punctuated."""
    return r"[\s\-./()]*".join(re.escape(digit) for digit in digits)


def contact_patterns(contact: str) -> list[str]:
    patterns = []
    for piece in re.split(r"[\n,;]+", contact):
        piece = piece.strip()
        digits = re.sub(r"\D", "", piece)
        if len(digits) >= 6:
            patterns.append(_digits_pattern(digits))
        if len(piece) >= 4:
            patterns.append(re.escape(piece))
    return patterns


class Redactor:
    """Replaces every spelling of withheld persons, their contact details and a withheld place in text.

    Names are found by ``cases.names`` (every recorded spelling, in both
    scripts, with its variants); ``replacements`` lists where a name was
    replaced, so that the officer can check a name that is also a common word.
    """

    def __init__(self):
        self.names: list[tuple[object, str]] = []
        self.others: list[tuple[re.Pattern, str]] = []
        self.replacements: list[tuple[str, str]] = []

    def withhold_person(self, spellings: list[str], label: str) -> None:
        matcher = name_matcher(spellings)
        if matcher:
            self.names.append((matcher, label))

    def withhold_pattern(self, pattern: str, label: str) -> None:
        self.others.append((re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE), label))

    def __call__(self, text: str, where: str = "") -> str:
        if not text:
            return text
        for matcher, label in self.names:
            text, count = matcher.replace(text, label)
            if count and where:
                self.replacements.append((where, label))
        for pattern, label in self.others:
            text = pattern.sub(label.replace("\\", "\\\\"), text)
        return text


WITHHELD = "[…]"

# Where a replacement was made, as the composer names it.
FIELD_LABELS = {
    "title": gettext_lazy("title"),
    "title_translation": gettext_lazy("translated title"),
    "narrative": gettext_lazy("narrative"),
    "narrative_translation": gettext_lazy("translated narrative"),
    "tags": gettext_lazy("tags"),
    "description": gettext_lazy("description"),
    "stated_reason": gettext_lazy("stated reason"),
    "legal_basis": gettext_lazy("legal basis"),
    "content_concerned": gettext_lazy("content concerned"),
    "summary": gettext_lazy("intervention summary"),
    "response_text": gettext_lazy("response"),
    "recipient": gettext_lazy("recipient"),
    "channel": gettext_lazy("channel"),
    "external_reference": gettext_lazy("reference"),
    "original_name": gettext_lazy("file name"),
}


@dataclass
class _Context:
    policy: Policy
    redact: Redactor
    place_allowed: bool


def _disclose_value(value, kind: Data, name: str, parent, context: _Context):
    """One field's value as the profile lets it through, by the kind of data it holds."""
    policy, redact = context.policy, context.redact
    where = str(FIELD_LABELS.get(name, name))
    if kind == Data.PLAIN:
        return _disclose(value, context)
    if kind == Data.TITLE:
        if not (policy.persons or policy.free_text):
            return type(value)() if isinstance(value, list | str) else value
        return [redact(line, where) for line in value] if isinstance(value, list) else redact(value, where)
    if kind in (Data.TEXT, Data.LINES):
        if not policy.free_text:
            return type(value)()
        return [redact(line, where) for line in value] if isinstance(value, list) else redact(value, where)
    if kind == Data.PLACE:
        return value if context.place_allowed else ""
    if kind == Data.FILE_NAME:
        if policy.evidence_file_names:
            return redact(value, where) if policy.naming != Naming.ALL else value
        return _("Item %(number)s") % {"number": getattr(parent, "number", 0) or "?"}
    if kind == Data.STAFF:
        return value if policy.staff_names else ""
    if kind == Data.CONTACT:
        return value if policy.contact else ""
    if kind == Data.STORAGE:
        return value
    # Names and affiliations belong to persons, which are disclosed one by one.
    return type(value)() if isinstance(value, list | str) else None


def _disclose(value, context: _Context):
    """A record, a list of records or a plain value, every field through its kind."""
    if isinstance(value, list):
        return [_disclose(item, context) for item in value]
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes = {
        model_field.name: _disclose_value(
            getattr(value, model_field.name), data_kind(model_field), model_field.name, value, context
        )
        for model_field in dataclasses.fields(value)
        if model_field.name not in ("persons", "removed_persons")
    }
    return dataclasses.replace(value, **changes)


def disclose_case(record: CaseRecord, profile: str, language: str | None = None) -> DisclosedCase:
    """Apply a profile to one case; the result is all a document builder passes on.

    Persons are disclosed one by one (their consent decides); every other
    field goes through the rule for the kind of data it declares
    (``reporting.records.Data``).
    """
    policy = policy_for(profile)
    persons, redact = [], Redactor()
    for number, person in enumerate(record.persons, start=1):
        shown = disclose_person(person, policy, number, language)
        if policy.persons:
            persons.append(shown)
        if not shown.named:
            redact.withhold_person(person.spellings, shown.label)
        if not policy.contact and person.contact.strip():
            for pattern in contact_patterns(person.contact):
                redact.withhold_pattern(pattern, shown.label)
    for number, person in enumerate(record.removed_persons, start=len(record.persons) + 1):
        if policy.naming != Naming.ALL:
            redact.withhold_person(person.spellings, person_label(person, number))
    affected = [person for person in persons if person.role == "affected"] or persons
    place_allowed = policy.place and (policy.naming == Naming.ALL or bool(affected and all(p.named for p in affected)))
    if record.place.strip() and not place_allowed:
        redact.withhold_pattern(re.escape(record.place.strip()), WITHHELD)
    # Evidence is designated by its place in the index where its file name is withheld.
    record = dataclasses.replace(
        record,
        evidence=[
            dataclasses.replace(item, number=item.number or index) for index, item in enumerate(record.evidence, 1)
        ],
    )
    cleaned = _disclose(record, _Context(policy=policy, redact=redact, place_allowed=place_allowed))
    cleaned = dataclasses.replace(cleaned, persons=[], removed_persons=[])
    if not policy.persons:
        cleaned.violations = [dataclasses.replace(v, affected_person_ids=[]) for v in cleaned.violations]
    withheld = sum(1 for person in record.persons if not may_name(person, policy))
    return DisclosedCase(
        record=cleaned,
        profile=profile,
        persons=persons,
        place=cleaned.place,
        withheld=withheld,
        replacements=sorted(set(redact.replacements)),
    )
