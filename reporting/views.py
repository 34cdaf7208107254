from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.choices import Language
from cases.filters import CaseFilter
from cases.selectors import case_get_for_user, case_list_visible
from reporting import services
from reporting.documents import DOCUMENTS, document_for
from reporting.forms import MAX_CASES, ComposeForm
from reporting.models import Report
from reporting.profiles import Profile


def reports_panel(request: HttpRequest, case) -> dict:
    """The documents section of the case page: anyone who sees the case may take its file."""
    return {
        "template": "reporting/panel.html",
        "languages": Language.choices,
        "default_language": case.language,
        "can_compose": request.user.has_perm("reporting.add_report"),
        "documents": [document for document in DOCUMENTS.values() if not document.counts_only],
    }


def _attachment(content: bytes, *, filename: str, media_type: str, sha256: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Casebook-SHA256"] = sha256
    return response


def _download(report: Report, content: bytes, name: str) -> HttpResponse:
    filename = f"{name}-{report.template.replace('_', '-')}-{report.language}.{report.file_format}"
    return _attachment(content, filename=filename, media_type=report.media_type, sha256=report.sha256)


@require_POST
def case_file(request: HttpRequest, reference: str) -> HttpResponse:
    """The case file of one case, for anyone who may see the case (legal partners included)."""
    case = case_get_for_user(request.user, reference)
    language = request.POST.get("language") or get_language()
    if language not in Language.values:
        language = case.language
    report = services.case_file_export(actor=request.user, case=case, language=language)
    return _download(report, services.report_content(report), case.reference)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("reporting.add_report"):
        raise PermissionDenied
    recent = Report.objects.filter(created_by=request.user).prefetch_related("cases")[:20]
    return render(request, "reporting/index.html", {"documents": DOCUMENTS.values(), "recent": recent})


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, kind: str) -> HttpResponse:
    """Choose cases from the filtered list, a profile and a language; preview, then export.

    The filter travels in the query string; the choices in the form. "Preview"
    builds the document and shows it with its checks; "Export" keeps it.
    """
    document = document_for(kind)
    if not request.user.has_perm("reporting.add_report"):
        raise PermissionDenied
    visible = case_list_visible(user=request.user)
    case_filter = CaseFilter(request.GET or None, queryset=visible, request=request)
    filtered = case_filter.qs if case_filter.is_valid() or not case_filter.is_bound else visible.none()
    filtered = filtered.order_by("-created_at", "-id")
    form = ComposeForm(
        request.POST or None,
        document=document,
        user=request.user,
        cases=filtered,
        initial={
            "language": get_language() if get_language() in Language.values else "en",
            # Arriving from a case page: that case is ticked (if the user may see it).
            "cases": [request.GET["reference"]] if request.GET.get("reference") else [],
        },
    )
    context = {
        "document": document,
        "filter": case_filter,
        "form": form,
        "listed": filtered[:MAX_CASES] if not document.counts_only else None,
        "matching": filtered.count(),
        "max_cases": MAX_CASES,
    }
    if request.method == "POST" and form.is_valid():
        chosen = filtered if document.counts_only else form.cleaned_data["cases"]
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
                report = services.export_document(**arguments, file_format=file_format)
                return _download(report, services.report_content(report), report.created_at.strftime("%Y%m%d-%H%M"))
            prepared = services.prepare_document(**arguments)
        except services.ExportRefused as refusal:
            context["problems"] = refusal.problems
            messages.error(request, _("The document was not exported: correct what is listed first."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            context["problems"] = prepared.problems
            context["blocking"] = bool(prepared.blocking)
            context["word_count"] = prepared.data.get("word_count")
            with_fragment = {**prepared.data, "fragment": True}
            with translation.override(arguments["language"]):
                html = render_to_string(document.template, with_fragment)
            # The document's own template, rendered with autoescaping like any page.
            context["preview"] = mark_safe(html)  # noqa: S308
            context["preview_language"] = arguments["language"]
    context["profiles"] = [Profile(value) for value in document.profiles]
    return render(request, "reporting/compose.html", context)
