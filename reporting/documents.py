"""The documents Casebook produces: for each, its builder, checks, template and rules.

A composer page, the export service and the benchmark all go through this
table; adding a document is adding an entry and a template.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import TextChoices
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from reporting.builders import collective, single, statistics
from reporting.profiles import Profile


class DocumentKind(TextChoices):
    CASE_FILE = "case_file", _("Case file")
    UN_COMMUNICATION = "un_communication", _("UN Special Procedures communication")
    UPR_SUBMISSION = "upr_submission", _("UPR stakeholder submission")
    EU_BRIEF = "eu_brief", _("Brief for an EU delegation")
    DSA_NOTICE = "dsa_notice", _("DSA Article 16 notice")
    DSA_COMPLAINT = "dsa_complaint", _("DSA Article 20 complaint")
    TRUSTED_FLAGGER = "trusted_flagger", _("Trusted-flagger yearly summary")
    PLATFORM_ESCALATION = "platform_escalation", _("Platform escalation")
    STATISTICS = "statistics", _("Statistics report")


@dataclass(frozen=True)
class Document:
    kind: DocumentKind
    builder: Callable
    profiles: tuple[str, ...]
    check: Callable | None = None
    single_case: bool = False
    # The Intervention an export creates or updates as a draft, per case; none
    # for documents that are not sent to anyone about a case.
    intervention_kind: str = ""
    formats: tuple[str, ...] = ("pdf",)
    # Extra fields of the composer for this document (see reporting.forms).
    fields: tuple[str, ...] = field(default_factory=tuple)
    # Whether the builder needs the full record (persons, evidence) or counts only.
    counts_only: bool = False

    @property
    def template(self) -> str:
        return f"pdf/{self.kind.value}.html"

    @property
    def default_profile(self) -> str:
        return self.profiles[0]


DOCUMENTS: dict[str, Document] = {
    document.kind.value: document
    for document in [
        Document(
            DocumentKind.CASE_FILE,
            single.build_case_file,
            profiles=(Profile.LEGAL_PARTNER, Profile.INTERNAL),
            single_case=True,
        ),
        Document(
            DocumentKind.UN_COMMUNICATION,
            single.build_un_communication,
            profiles=(Profile.UN_CONFIDENTIAL,),
            check=single.check_un_communication,
            single_case=True,
            intervention_kind="un_communication",
            fields=("mandate", "recipient", "organisation", "contact"),
        ),
        Document(
            DocumentKind.UPR_SUBMISSION,
            collective.build_upr_submission,
            profiles=(Profile.PUBLIC,),
            check=collective.check_upr_submission,
            intervention_kind="upr_submission",
            formats=("pdf", "docx"),
            fields=("session", "organisation", "contact", "joint", "summary", "recommendations"),
        ),
        Document(
            DocumentKind.EU_BRIEF,
            collective.build_eu_brief,
            profiles=(Profile.UN_CONFIDENTIAL, Profile.PUBLIC),
            check=collective.check_eu_brief,
            intervention_kind="eu_brief",
            fields=("recipient", "organisation", "contact", "action"),
        ),
        Document(
            DocumentKind.DSA_NOTICE,
            single.build_dsa_notice,
            profiles=(Profile.PLATFORM,),
            check=single.check_dsa_notice,
            single_case=True,
            intervention_kind="dsa_notice",
            fields=("platform", "organisation", "contact", "explanation"),
        ),
        Document(
            DocumentKind.DSA_COMPLAINT,
            single.build_dsa_complaint,
            profiles=(Profile.PLATFORM,),
            check=single.check_dsa_complaint,
            single_case=True,
            intervention_kind="dsa_complaint",
            fields=("platform", "organisation", "contact", "explanation", "action"),
        ),
        Document(
            DocumentKind.TRUSTED_FLAGGER,
            statistics.build_trusted_flagger,
            profiles=(Profile.STATISTICS,),
            check=statistics.check_trusted_flagger,
            fields=("year", "organisation"),
            counts_only=True,
        ),
        Document(
            DocumentKind.PLATFORM_ESCALATION,
            collective.build_platform_escalation,
            profiles=(Profile.PLATFORM,),
            check=collective.check_platform_escalation,
            intervention_kind="platform_escalation",
            fields=("platform", "organisation", "contact", "explanation", "harm", "urgent", "action", "escalation"),
        ),
        Document(
            DocumentKind.STATISTICS,
            statistics.build_statistics,
            profiles=(Profile.STATISTICS,),
            fields=("organisation",),
            counts_only=True,
        ),
    ]
}


def document_for(kind: str) -> Document:
    try:
        return DOCUMENTS[kind]
    except KeyError:
        raise Http404 from None
