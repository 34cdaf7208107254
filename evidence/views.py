from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casebook.audit import Action, record
from cases.selectors import case_get_for_user
from evidence import services
from evidence.forms import UploadForm
from evidence.models import CustodyEvent
from evidence.selectors import evidence_for_case, evidence_get_for_user
from evidence.uploads import UploadRefused


def evidence_panel(request: HttpRequest, case) -> dict:
    """The evidence section of the case page."""
    can_upload = request.user.has_perm("evidence.add_evidenceitem")
    return {
        "template": "evidence/panel.html",
        "evidence_items": evidence_for_case(case=case),
        "upload_form": UploadForm() if can_upload else None,
    }


@require_POST
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    if not request.user.has_perm("evidence.add_evidenceitem"):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("files", []):
            messages.error(request, error)
        return redirect(case)
    for uploaded in form.cleaned_data["files"]:
        try:
            item = services.evidence_add(
                actor=request.user, case=case, uploaded=uploaded, description=form.cleaned_data["description"]
            )
        except UploadRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("“%(name)s” added; SHA-256 %(sha256)s.") % {"name": item.original_name, "sha256": item.sha256},
            )
        finally:
            uploaded.close()
    return redirect(case)


@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    item = evidence_get_for_user(request.user, pk)
    if services.stored_sha256(item) != item.sha256:
        services.custody_record(
            item=item, action=CustodyEvent.Action.FIXITY_FAILED, actor=request.user, detail="on download"
        )
        return HttpResponse(
            _("This file no longer matches the hash recorded when it was received. It was not sent."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    services.custody_record(item=item, action=CustodyEvent.Action.DOWNLOADED, actor=request.user)
    record(actor=request.user, action=Action.EVIDENCE_DOWNLOADED, case=item.case, target=item, request=request)
    response = FileResponse(
        default_storage.open(item.file.name, "rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
