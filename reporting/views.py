import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casebook.audit import Action, record
from cases.choices import Language
from cases.disclosure import read_in_place, reader_for_cases
from cases.filters import filtered_cases
from cases.selectors import case_get_for_user
from reporting import jobs, services
from reporting.documents import DOCUMENTS, document_for
from reporting.forms import MAX_CASES, ComposeForm, platforms_of
from reporting.job_documents import document_label
from reporting.models import Job, Report
from reporting.profiles import Profile

# Seconds between two loads of a waiting job's page (the Refresh header needs no script).
STATUS_REFRESH_SECONDS = 2
# With a broker, a document of more cases than this is made by a worker while
# the user watches its status page; smaller ones come back at once.
BACKGROUND_FROM_CASES = 20


def reports_panel(request: HttpRequest, case, *, empty: bool = False) -> dict:
    """The documents section of the case page: anyone who sees the case may take its file.

    ``empty``: the case has no document job at all (``cases.panels``), so the user has none either.
    """
    return {
        "template": "reporting/panel.html",
        "languages": Language.choices,
        "default_language": case.language,
        "jobs": [] if empty else jobs.jobs_for_case(user=request.user, case=case),
        "can_compose": request.user.has_perm("reporting.add_report"),
        "documents": [document for document in DOCUMENTS.values() if not document.counts_only],
    }


def _report_response(report: Report, filename: str) -> HttpResponse:
    """The kept document as an attachment, checked against its hash first.

    Documents are bounded in size: read once from storage, hashed, then sent.
    """
    content = services.report_content(report)
    if hashlib.sha256(content).hexdigest() != report.sha256:
        return HttpResponse(
            _("This document no longer matches the hash recorded when it was made. It was not sent."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type=report.media_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Casebook-SHA256"] = report.sha256
    return response


def _download(report: Report, name: str) -> HttpResponse:
    filename = f"{name}-{report.template.replace('_', '-')}-{report.language}.{report.file_format}"
    return _report_response(report, filename)


def _job_outcome(request: HttpRequest, job: Job, *, back: str) -> HttpResponse:
    """The document at once when the job is done, its status page while it runs."""
    if job.status == Job.Status.DONE:
        return _report_response(job.report, jobs.builder_for(job.kind).filename(job.parameters))
    if job.status == Job.Status.FAILED:
        messages.error(request, job.get_error_display())
        return redirect(back)
    return redirect(job)


@require_POST
def case_file(request: HttpRequest, reference: str) -> HttpResponse:
    """The case file of one case, for anyone who may see the case (legal partners included)."""
    case = case_get_for_user(request.user, reference)
    language = request.POST.get("language") or get_language()
    if language not in Language.values:
        language = case.language
    job = jobs.job_submit(
        actor=request.user, kind="case_file", parameters={"case": case.reference, "language": language}, case=case
    )
    return _job_outcome(request, job, back=case.get_absolute_url())


@require_GET
def job_status(request: HttpRequest, pk) -> HttpResponse:
    job = jobs.job_get_for_user(request.user, pk)
    response = render(request, "reporting/job.html", {"job": job, "label": document_label(job)})
    if job.pending:
        response["Refresh"] = str(STATUS_REFRESH_SECONDS)
    return response


@require_GET
def job_download(request: HttpRequest, pk) -> HttpResponse:
    job = jobs.job_get_for_user(request.user, pk)
    if job.status != Job.Status.DONE:
        return redirect(job)
    record(actor=request.user, action=Action.REPORT_DOWNLOADED, case=job.case, target=job.report, request=request)
    return _report_response(job.report, jobs.builder_for(job.kind).filename(job.parameters))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reporting.add_report"):
        raise PermissionDenied
    recent = Report.objects.filter(created_by=request.user).prefetch_related("cases")[:20]
    return render(request, "reporting/index.html", {"documents": DOCUMENTS.values(), "recent": recent})


def _recorded_platform(filtered, reference: str | None) -> str | None:
    if not reference:
        return None
    recorded = platforms_of(filtered.filter(reference=reference))
    return recorded[0].code if len(recorded) == 1 else None


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, kind: str) -> HttpResponse:
    """Choose cases from the filtered list, a profile and a language; preview, then export.

    The filter travels in the query string; the choices in the form. "Preview"
    builds the document and shows it with its checks; "Export" keeps it.
    """
    document = document_for(kind)
    if not request.user.has_perm("reporting.add_report"):
        raise PermissionDenied
    case_filter, filtered = filtered_cases(request)
    # The filter and the composer share field names (platform, language): their ids must differ.
    case_filter.form.auto_id = "id_filter_%s"
    filtered = filtered.order_by("-created_at", "-id")
    form = ComposeForm(
        request.POST or None,
        document=document,
        user=request.user,
        cases=filtered,
        initial={
            "language": get_language() if get_language() in Language.values else "en",
            # Arriving from a case or an escalation page: its cases are ticked (if the user may see
            # them), and the platform the escalation or the case's acts record is offered.
            "cases": request.GET.getlist("reference"),
            "platform": request.GET.get("platform") or _recorded_platform(filtered, request.GET.get("reference")),
            **({"escalation": request.GET["escalation"]} if request.GET.get("escalation") else {}),
        },
    )
    listed = list(filtered[:MAX_CASES])
    if listed:
        reader = reader_for_cases(request.user, [case.pk for case in listed])
        read_in_place(reader, listed, ("title", "title_translation"))
    context = {
        "document": document,
        "filter": case_filter,
        # The filter stays folded unless one of its own fields is in use (?reference= is not one).
        "filtering": any(request.GET.get(name) for name in case_filter.form.fields),
        "form": form,
        "listed": listed,
        "matching": filtered.count(),
        "max_cases": MAX_CASES,
    }
    if request.method == "POST" and form.is_valid():
        ticked = form.cleaned_data["cases"]
        chosen = filtered if document.counts_only and not ticked else ticked
        arguments = {
            "actor": request.user,
            "template": kind,
            "cases": list(chosen.values_list("pk", flat=True)),
            "profile": form.cleaned_data["profile"],
            "language": form.cleaned_data["language"],
            "options": form.options(),
        }
        try:
            if "export" in request.POST:
                file_format = request.POST.get("export", "pdf")
                if settings.CASEBOOK_BACKGROUND_JOBS and len(arguments["cases"]) > BACKGROUND_FROM_CASES:
                    return _export_in_background(request, arguments, file_format)
                report = services.export_document(**arguments, file_format=file_format)
                return _download(report, report.created_at.strftime("%Y%m%d-%H%M"))
            prepared = services.prepare_document(**arguments)
            with translation.override(arguments["language"]):
                html = render_to_string(document.template, {**prepared.data, "fragment": True})
            # The preview is an artefact too: it passes the same gate as the file would.
            services.gate_check(prepared, html, "html")
            _record_preview(request, document, chosen, arguments)
        except services.ExportRefused as refusal:
            context["problems"] = refusal.problems
            messages.error(request, _("The document was not exported: correct what is listed first."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            context["problems"] = prepared.problems
            context["blocking"] = bool(prepared.blocking)
            context["word_count"] = prepared.data.get("word_count")
            context["replacements"] = prepared.replacements
            # The document's own template, rendered with autoescaping like any page.
            context["preview"] = mark_safe(html)  # noqa: S308
            context["preview_language"] = arguments["language"]
    context["profiles"] = [Profile(value) for value in document.profiles]
    return render(request, "reporting/compose.html", context)


def _record_preview(request: HttpRequest, document, chosen, arguments: dict) -> None:
    """A preview shows the cases' content as their pages do: each case shown is audited like a view.
    Statistics name no case: one entry, with how many cases they count."""
    detail = {"template": arguments["template"], "profile": arguments["profile"], "language": arguments["language"]}
    if document.counts_only:
        detail["cases"] = len(arguments["cases"])
        record(actor=request.user, action=Action.REPORT_PREVIEWED, request=request, detail=detail)
        return
    for reference in chosen.values_list("reference", flat=True):
        record(actor=request.user, action=Action.REPORT_PREVIEWED, case=reference, request=request, detail=detail)


def _export_in_background(request: HttpRequest, arguments: dict, file_format: str) -> HttpResponse:
    """A long document goes to a worker; the user follows it on the job's page."""
    parameters = {key: value for key, value in arguments.items() if key != "actor"}
    parameters["format"] = file_format
    job = jobs.job_submit(actor=request.user, kind="document", parameters=parameters)
    return _job_outcome(request, job, back=request.get_full_path())
