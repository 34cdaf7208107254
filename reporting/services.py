"""Producing documents: render, keep with a hash, record custody, in one transaction."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation

from cases.models import Case
from evidence.models import CustodyEvent
from evidence.services import custody_record
from reporting.builders.single import build_case_file as case_file_data  # replaced below
from reporting.models import Report
from reporting.pdf import render_pdf


def case_file_export(*, actor, case: Case, language: str) -> tuple[Report, bytes]:
    """Render the case file of one case and keep it as a Report."""
    with translation.override(language):
        data = case_file_data(case=case, language=language)
        pdf = render_pdf("pdf/case_file.html", data)
    sha256 = hashlib.sha256(pdf).hexdigest()
    name = default_storage.save(f"reports/{sha256[:2]}/{sha256}.pdf", ContentFile(pdf))
    try:
        with transaction.atomic():
            report = Report.objects.create(
                template=Report.Template.CASE_FILE,
                profile=Report.Profile.LEGAL_PARTNER,
                language=language,
                file=name,
                sha256=sha256,
                created_by=actor,
            )
            report.cases.add(case)
            for entry in data["evidence"]:
                custody_record(
                    item=entry["item"],
                    action=CustodyEvent.Action.INCLUDED_IN_REPORT,
                    actor=actor,
                    detail=f"report {report.pk}",
                )
    except Exception:
        default_storage.delete(name)
        raise
    return report, pdf
