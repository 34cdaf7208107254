import hashlib
import mimetypes

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.choices import Language
from cases.selectors import case_get_for_user
from reporting import jobs
from reporting.models import Job, Report

# Seconds between two loads of a waiting job's page (the Refresh header needs no script).
STATUS_REFRESH_SECONDS = 2


def reports_panel(request: HttpRequest, case) -> dict:
    """The documents section of the case page: anyone who sees the case may take its file."""
    return {
        "template": "reporting/panel.html",
        "languages": Language.choices,
        "default_language": case.language,
        "jobs": jobs.jobs_for_case(user=request.user, case=case),
    }


@require_POST
def case_file(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    language = request.POST.get("language") or get_language()
    if language not in Language.values:
        language = case.language
    job = jobs.job_submit(
        actor=request.user, kind="case_file", parameters={"case": case.reference, "language": language}, case=case
    )
    if job.status == Job.Status.DONE:
        return _report_response(job.report, jobs.builder_for(job.kind).filename(job.parameters))
    if job.status == Job.Status.FAILED:
        messages.error(request, job.get_error_display())
        return redirect(case)
    return redirect(job)


@require_GET
def job_status(request: HttpRequest, pk) -> HttpResponse:
    job = jobs.job_get_for_user(request.user, pk)
    response = render(request, "reporting/job.html", {"job": job, "label": jobs.builder_for(job.kind).label})
    if job.pending:
        response["Refresh"] = str(STATUS_REFRESH_SECONDS)
    return response


@require_GET
def job_download(request: HttpRequest, pk) -> HttpResponse:
    job = jobs.job_get_for_user(request.user, pk)
    if job.status != Job.Status.DONE:
        return redirect(job)
    return _report_response(job.report, jobs.builder_for(job.kind).filename(job.parameters))


def _report_response(report: Report, filename: str) -> HttpResponse:
    """The kept document as an attachment, checked against its hash first.

    Documents are bounded in size: read once from storage, hashed, then sent.
    """
    with default_storage.open(report.file.name, "rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != report.sha256:
        return HttpResponse(
            _("This document no longer matches the hash recorded when it was made. It was not sent."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    content_type = mimetypes.guess_type(report.file.name)[0] or "application/octet-stream"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Casebook-SHA256"] = report.sha256
    return response
