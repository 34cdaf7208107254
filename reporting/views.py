from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from cases.choices import Language
from cases.selectors import case_get_for_user
from reporting import services


def reports_panel(request: HttpRequest, case) -> dict:
    """The documents section of the case page: anyone who sees the case may take its file."""
    return {"template": "reporting/panel.html", "languages": Language.choices, "default_language": case.language}


@require_POST
def case_file(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    language = request.POST.get("language") or get_language()
    if language not in Language.values:
        language = case.language
    report, pdf = services.case_file_export(actor=request.user, case=case, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-case-file-{language}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["X-Casebook-SHA256"] = report.sha256
    return response
