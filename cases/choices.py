"""Fixed vocabularies of the record: the workflow, sensitivity, dates and consent.

The open vocabularies (violation types, platforms, actor types, professions,
outcomes) are tables administrators edit, in ``cases.models.taxonomy``.
"""

from django.db.models import TextChoices
from django.utils.translation import get_language, override, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries


class Status(TextChoices):
    INTAKE = "intake", _("Intake")
    UNDER_VERIFICATION = "under_verification", _("Under verification")
    VERIFIED = "verified", _("Verified")
    ESCALATED = "escalated", _("Escalated")
    CLOSED = "closed", _("Closed")


class Sensitivity(TextChoices):
    NORMAL = "normal", _("Normal")
    SENSITIVE = "sensitive", _("Sensitive")
    RESTRICTED = "restricted", _("Restricted")


class VerificationLevel(TextChoices):
    UNVERIFIED = "unverified", _("Not verified")
    SINGLE_SOURCE = "single_source", _("One source")
    CORROBORATED = "corroborated", _("Corroborated by independent sources")
    CONFIRMED = "confirmed", _("Confirmed (documents or direct evidence)")


class Language(TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class DatePrecision(TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")
    APPROXIMATE = "approximate", _("Approximate")


class PersonRole(TextChoices):
    AFFECTED = "affected", _("Affected person")
    RESPONSIBLE = "responsible", _("Responsible individual")
    SOURCE = "source", _("Source")
    WITNESS = "witness", _("Witness")


class Gender(TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Another gender")
    UNKNOWN = "unknown", _("Not known or not disclosed")


class AgeGroup(TextChoices):
    CHILD = "child", _("Under 18")
    AGE_18_29 = "18_29", _("18–29")
    AGE_30_44 = "30_44", _("30–44")
    AGE_45_64 = "45_64", _("45–64")
    AGE_65_PLUS = "65_plus", _("65 and over")
    UNKNOWN = "unknown", _("Not known")


class ConsentKind(TextChoices):
    """The three separate consents a person gives (or not); each is recorded apart."""

    STATE = "state", _("To be named to the State or company concerned")
    PUBLIC = "public", _("To be named in public reports")
    PLATFORM = "platform", _("To have the case raised with a platform")


class ConsentStatus(TextChoices):
    """Where a person stands on one consent; only *given* allows naming them to that audience."""

    # A consent (feminine in Arabic), apart from the same words said of an intervention.
    NOT_ASKED = "not_asked", pgettext_lazy("consent", "Not asked")
    GIVEN = "given", pgettext_lazy("consent", "Given")
    REFUSED = "refused", pgettext_lazy("consent", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("consent", "Withdrawn")


class ConsentMethod(TextChoices):
    WRITTEN = "written", _("In writing, signed")
    ORAL = "oral", _("Orally, noted by the officer")
    RECORDED = "recorded", _("Orally, recorded")
    MESSAGE = "message", _("By secure message")
    REPRESENTATIVE = "representative", _("Through a lawyer or representative")


class InterventionKind(TextChoices):
    PLATFORM_ESCALATION = "platform_escalation", _("Platform escalation")
    UN_COMMUNICATION = "un_communication", _("UN Special Procedures communication")
    UPR_SUBMISSION = "upr_submission", _("UPR submission")
    EU_BRIEF = "eu_brief", _("Brief to an EU delegation")
    DSA_NOTICE = "dsa_notice", _("DSA Article 16 notice")
    DSA_COMPLAINT = "dsa_complaint", _("DSA Article 20 complaint")
    COMPLAINT = "complaint", _("Complaint")
    LEGAL_ACTION = "legal_action", _("Legal action")
    MEDIA = "media", _("Media release")


class InterventionStatus(TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACTIONED = "actioned", _("Actioned")
    CONTENT_RESTORED = "content_restored", _("Content restored")
    REFUSED = "refused", _("Refused")
    NO_RESPONSE = "no_response", _("No response")


# Still waiting for an answer: these are the interventions that can be overdue.
OPEN_INTERVENTION_STATUSES = (InterventionStatus.DRAFT, InterventionStatus.SENT, InterventionStatus.ACKNOWLEDGED)


class Urgency(TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent (risk to a person)")


class CaseLinkKind(TextChoices):
    SAME_CAMPAIGN = "same_campaign", _("Same campaign")
    SAME_PERSON = "same_person", _("Same person")
    RELATED = "related", _("Related")


def country_names() -> dict[str, str]:
    """Country code → name in the active language, sorted by name; computed once per language
    (the list's drop-down and rows would otherwise look up hundreds of translations a page)."""
    language = get_language() or "en"
    if language not in _COUNTRY_NAMES:
        _COUNTRY_NAMES[language] = {code: str(name) for code, name in countries}
    return _COUNTRY_NAMES[language]


_COUNTRY_NAMES: dict[str, dict[str, str]] = {}


def country_name(code: str, language: str) -> str:
    """The name of the country ``code`` in ``language`` ("" for no such country), without
    activating the language each time (a batch of cases asks for it twice per case)."""
    if language not in _COUNTRY_NAMES:
        with override(language):
            country_names()
    return _COUNTRY_NAMES[language].get(code, "")


class ContentKind(TextChoices):
    POST = "post", _("Post")
    STORY = "story", _("Story")
    COMMENT = "comment", _("Comment")
    VIDEO = "video", _("Video")
    ACCOUNT = "account", _("Account")
    PAGE = "page", _("Page")
    GROUP = "group", _("Group")
    HASHTAG = "hashtag", _("Hashtag")


class ContentStatus(TextChoices):
    """Where a content item stands on its platform; every change is kept with its date and source."""

    ONLINE = "online", _("Online")
    REMOVED = "removed", _("Removed")
    RESTRICTED = "restricted", _("Restricted or reduced reach")
    GEO_BLOCKED = "geo_blocked", _("Geo-blocked")
    SUSPENDED = "suspended", _("Account suspended")
    RESTORED = "restored", _("Restored")
    REINSTATED = "reinstated", _("Reinstated")
    UPHELD = "upheld", _("Removal upheld")


# The content is (still) not available as it was: these are what a re-check follows.
CONTENT_DOWN_STATUSES = (
    ContentStatus.REMOVED,
    ContentStatus.RESTRICTED,
    ContentStatus.GEO_BLOCKED,
    ContentStatus.SUSPENDED,
    ContentStatus.UPHELD,
)
# Back as it was.
CONTENT_BACK_STATUSES = (ContentStatus.RESTORED, ContentStatus.REINSTATED)


class StatusSource(TextChoices):
    """What a recorded status rests on. The server never fetches a URL: a check is a person's statement."""

    PLATFORM_NOTICE = "platform_notice", _("Platform notice")
    USER_REPORT = "user_report", _("User report")
    TEAM_CHECK = "team_check", _("Check by the team")
    IMPORT = "import", _("Spreadsheet import")


# What a person records by hand; a spreadsheet import says so itself.
STATUS_SOURCES_BY_HAND = [(value, label) for value, label in StatusSource.choices if value != StatusSource.IMPORT]


class PlatformAnswer(TextChoices):
    """A platform's answer on one item of an escalation."""

    RESTORED = "restored", _("Restored or reinstated")
    UPHELD = "upheld", _("Removal upheld")
    RESTRICTED = "restricted", _("Kept restricted")
    NO_ANSWER = "no_answer", _("No answer on this item")


class EscalationStatus(TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class AppealStep(TextChoices):
    """After a platform's decision: its internal complaint (DSA Article 20), then an out-of-court body (Article 21)."""

    NONE = "", _("None")
    COMPLAINT = "complaint", _("Internal complaint lodged (DSA Article 20)")
    COMPLAINT_WON = "complaint_won", _("Complaint upheld: decision reversed")
    COMPLAINT_LOST = "complaint_lost", _("Complaint rejected")
    DISPUTE = "dispute", _("Referred to an out-of-court dispute body (DSA Article 21)")
    DISPUTE_WON = "dispute_won", _("Dispute body found for the user")
    DISPUTE_LOST = "dispute_lost", _("Dispute body upheld the decision")
