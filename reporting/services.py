"""Producing documents: check, build, render, keep with a hash, record custody and the intervention.

``export_document`` is the one entry point: the composer calls it inline, and
a background job can call it with the same arguments for long documents.
"""

import hashlib
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from casebook.audit import Action, record
from cases import services as case_services
from cases.choices import InterventionStatus, Language
from cases.models import Case, Intervention, Platform
from cases.selectors import case_list_visible
from evidence.models import CustodyEvent, EvidenceItem
from evidence.services import custody_record
from reporting import gate
from reporting.builders.checks import Problem
from reporting.documents import Document, DocumentKind, document_for
from reporting.loaders import load_case_records, load_count_records
from reporting.models import Report
from reporting.pdf import render_document
from reporting.profiles import PERSONAL_DATA_PROFILES, Profile, disclose_case
from reporting.word import upr_docx


class ExportRefused(ValidationError):
    """The document may not leave as it is; ``problems`` says why, in the user's language."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([problem.message for problem in problems])


@dataclass
class Prepared:
    """A document built and rendered, not yet kept: what the preview shows."""

    document: Document
    data: dict
    problems: list[Problem]
    content: bytes = b""
    # The persons this document's audience may not see named: what the gate looks for.
    withheld: list[gate.Withheld] = field(default_factory=list)
    # Where a withheld name was replaced in the text: (reference, field, label), for the officer to check.
    replacements: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def blocking(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.blocking]


def may_export(actor, *, template: str, profile: str) -> bool:
    """Composing is for those who may add reports; anyone who sees a case may take its file
    under the legal partner profile (that is how a legal partner receives it)."""
    if actor.has_perm("reporting.add_report"):
        return True
    return template == DocumentKind.CASE_FILE and profile == Profile.LEGAL_PARTNER


def check_profile(*, actor, document: Document, profile: str) -> None:
    if profile not in document.profiles:
        raise ValidationError(_("This disclosure profile cannot be used for this document."))
    if profile in PERSONAL_DATA_PROFILES and not actor.has_perm("cases.view_personal_data"):
        raise PermissionDenied


def case_ids(cases) -> list[int]:
    return sorted({case.pk if isinstance(case, Case) else int(case) for case in cases})


def scoped_cases(*, actor, cases) -> "list[int]":
    """The ids of the cases asked for, each visible to the actor; Http404 if one is not."""
    ids = case_ids(cases)
    visible = set(case_list_visible(user=actor).filter(pk__in=ids).values_list("pk", flat=True))
    if len(visible) != len(ids):
        raise Http404
    return ids


def prepare_document(*, actor, template: str, cases, profile: str, language: str, options=None) -> Prepared:
    """Check and build a document's data for the actor, without rendering or keeping anything."""
    document = document_for(template)
    options = dict(options or {})
    if language not in Language.values:
        raise ValidationError(_("Choose English or Arabic."))
    check_profile(actor=actor, document=document, profile=profile)
    ids = case_ids(cases)
    if not ids:
        raise ValidationError(_("Choose at least one case."))
    if document.single_case and len(ids) != 1:
        raise ValidationError(_("This document is about one case: choose exactly one."))
    with translation.override(language):
        # Read through the actor's own scope: a case they may not see is never loaded.
        selected = case_list_visible(user=actor).filter(pk__in=ids)
        records = load_count_records(selected) if document.counts_only else load_case_records(selected)
        if len(records) != len(ids):
            raise Http404
        problems = document.check(cases=records, options=options, language=language) if document.check else []
        data = document.builder(cases=records, profile=profile, language=language, options=options)
        withheld = [] if document.counts_only else gate.withheld_persons(records, profile=profile, options=options)
        replacements = [
            (record.reference, where, label)
            for record in ([] if document.counts_only else records)
            for where, label in disclose_case(record, profile, language).replacements
        ]
    return Prepared(document=document, data=data, problems=problems, withheld=withheld, replacements=replacements)


def gate_check(prepared: Prepared, content, file_format: str) -> None:
    """Refuse an artefact that still names a person its audience may not see named (``reporting.gate``)."""
    try:
        leaks = gate.check_artefact(content, file_format, prepared.withheld)
    except gate.GateUnavailable:
        raise ExportRefused([Problem(_("The document's text could not be checked, so it was not exported."))]) from None
    if leaks:
        raise ExportRefused([Problem(leak.message) for leak in leaks])


def _mandate_name(code, language: str = "en") -> str:
    """The UN mandate a communication is addressed to: in English for the export's record,
    in the document's language where the document prints it."""
    from reporting.mandates import UN_MANDATES

    if not code or code not in UN_MANDATES:
        return ""
    with translation.override(language):
        return str(UN_MANDATES[code])


def new_export_id() -> str:
    """A short identifier printed on every page of one export and hidden in its file, to trace a leaked copy."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    token = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"CB-{token[:4]}-{token[4:8]}-{token[8:]}"


def render(prepared: Prepared, *, language: str, file_format: str = "pdf") -> bytes:
    with translation.override(language):
        if file_format == Report.Format.DOCX:
            return upr_docx(prepared.data)
        return render_document(
            prepared.document.template, prepared.data, evidence=prepared.data.get("evidence_files")
        ).pdf


def _mark_export(prepared: Prepared, *, recipient: str) -> str:
    """Give the document its recipient and export id before it is rendered; returns the id."""
    export_id = new_export_id()
    prepared.data["export"] = {"id": export_id, "recipient": recipient}
    return export_id


def _record_intervention(*, actor, document: Document, case: Case, report: Report, data: dict, options: dict):
    """Create the matching intervention as a draft, or bring the open draft up to date.

    Authorised by the export itself (``reporting.add_report`` on a visible case),
    not by ``cases.add_intervention``: advocacy officers export submissions but do
    not edit interventions on the case pages. The write follows the rules of
    ``cases.services.intervention_save``: the model's validation, the due date it
    would suggest, the history attributed to the actor, and no write to an
    archived case.
    """
    if case.is_archived:
        raise ValidationError(_("This case is archived; restore it before changing it."))
    intervention = (
        Intervention.objects.filter(case=case, kind=document.intervention_kind, status=InterventionStatus.DRAFT)
        .order_by("-created_at", "-id")
        .first()
    ) or Intervention(case=case, kind=document.intervention_kind, created_by=actor)
    platform = Platform.objects.filter(code=options.get("platform")).first() if options.get("platform") else None
    recipient = options.get("recipient") or (platform.label if platform else "") or str(document.kind.label)
    intervention.recipient = recipient[:200]
    # No words in it: the summary is stored once and read in either language (the kind says what it is),
    # so a sentence written in the language of one export would show untranslated in the other.
    intervention.summary = f"{data['reference']} · #{report.pk} · SHA-256 {report.sha256[:16]}"
    if platform is not None:
        intervention.platform = platform
    decision = data.get("decision")
    if decision is not None:
        intervention.violation = case.violations.filter(pk=decision.id).first()
    if intervention.due_date is None:
        intervention.due_date = case_services.suggest_due_date(
            kind=intervention.kind,
            platform=intervention.platform,
            urgency=intervention.urgency,
            sent_on=intervention.sent_on,
            violation=intervention.violation,
        )
    is_new = intervention.pk is None
    intervention.full_clean()
    intervention._history_user = actor
    intervention.save()
    # Logged like a change on the case page; the summary is the document's and stays out of the log.
    action = Action.INTERVENTION_ADDED if is_new else Action.INTERVENTION_CHANGED
    record(actor=actor, action=action, case=case, target=intervention, detail={"report": report.pk})
    return intervention


def export_document(
    *,
    actor,
    template: str,
    cases,
    profile: str,
    language: str,
    options=None,
    file_format: str = "pdf",
    recipient: str = "",
) -> Report:
    """Build, render, check and keep one document; raises ExportRefused when a check blocks it.

    The rendered file itself goes through the gate (``reporting.gate``) before
    anything is kept. Records a Report (template, cases, profile, recipient,
    export id, user, time, file, SHA-256), a custody event on every evidence
    item the document lists, and, for a document sent about cases, the
    matching intervention as a draft on each.
    """
    if not may_export(actor, template=template, profile=profile):
        raise PermissionDenied
    options = dict(options or {})
    typed_recipient = (recipient or options.get("recipient") or "").strip()
    recipient = typed_recipient or _mandate_name(options.get("mandate"))
    if not recipient:
        raise ValidationError(_("Say who receives this document: it carries its recipient."))
    printed_recipient = typed_recipient or _mandate_name(options.get("mandate"), language)
    prepared = prepare_document(
        actor=actor, template=template, cases=cases, profile=profile, language=language, options=options
    )
    if file_format not in prepared.document.formats:
        raise ValidationError(_("This document cannot be exported in that format."))
    if prepared.blocking:
        raise ExportRefused(prepared.blocking)
    export_id = _mark_export(prepared, recipient=printed_recipient)
    content = render(prepared, language=language, file_format=file_format)
    gate_check(prepared, content, file_format)
    sha256 = hashlib.sha256(content).hexdigest()
    name = default_storage.save(f"reports/{sha256[:2]}/{sha256}.{file_format}", ContentFile(content))
    try:
        with transaction.atomic():
            report = Report(
                template=template,
                profile=profile,
                language=language,
                file_format=file_format,
                file=name,
                size=len(content),
                sha256=sha256,
                recipient=recipient[:200],
                export_id=export_id,
                created_by=actor,
            )
            report.full_clean()
            report.save()
            case_objects = list(Case.objects.filter(pk__in=scoped_cases(actor=actor, cases=cases)))
            report.cases.add(*case_objects)
            for case in case_objects:
                record(actor=actor, action=Action.REPORT_EXPORTED, case=case, target=report, detail={"sha256": sha256})
            listed = prepared.data.get("listed_evidence", [])
            for item in EvidenceItem.objects.filter(pk__in=listed, case__in=case_objects).order_by("pk"):
                custody_record(
                    item=item,
                    action=CustodyEvent.Action.INCLUDED_IN_REPORT,
                    actor=actor,
                    code="report",
                    parameters={"report": report.pk, "template": template, "profile": profile, "sha256": sha256},
                )
            if prepared.document.intervention_kind:
                with translation.override(language):
                    interventions = [
                        _record_intervention(
                            actor=actor,
                            document=prepared.document,
                            case=case,
                            report=report,
                            data=prepared.data,
                            options=options,
                        )
                        for case in case_objects
                    ]
                report.interventions.add(*interventions)
    except Exception:
        default_storage.delete(name)
        raise
    return report


def report_content(report: Report) -> bytes:
    with default_storage.open(report.file.name, "rb") as handle:
        return handle.read()


def case_file_export(*, actor, case: Case, language: str) -> Report:
    """The case file of one case under the legal partner profile, as the case page offers it:
    its recipient is the person who takes it."""
    return export_document(
        actor=actor,
        template=DocumentKind.CASE_FILE,
        cases=[case],
        profile=Profile.LEGAL_PARTNER,
        language=language,
        recipient=actor.get_full_name() or actor.get_username(),
    )
