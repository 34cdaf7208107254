from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casebook.audit import Action, record
from cases.disclosure import RECORD_TEXT_FIELDS, read_in_place, reader_for_cases
from cases.selectors import case_get_for_user
from evidence import bags, services, serving
from evidence.forms import CollectionForm, LinkForm, UploadForm
from evidence.models import CustodyEvent
from evidence.selectors import custody_for_item, derivatives_for, evidence_for_case, evidence_get_for_user
from evidence.uploads import UploadRefused


def _can_add(user) -> bool:
    return user.has_perm("evidence.add_evidenceitem")


def evidence_panel(request: HttpRequest, case, *, empty: bool = False) -> dict:
    """The evidence section of the case page."""
    # An archived case takes nothing new: its page offers no upload until it is restored.
    can_add = _can_add(request.user) and not case.is_archived
    items = [] if empty else list(evidence_for_case(case=case))
    if items:
        read_in_place(reader_for_cases(request.user, [case.pk]), items, RECORD_TEXT_FIELDS["evidence"])
    return {
        "template": "evidence/panel.html",
        "evidence_items": items,
        "upload_form": UploadForm(auto_id="id_upload_%s") if can_add else None,
        "link_form": LinkForm(auto_id="id_link_%s") if can_add else None,
        "can_export": request.user.has_perm("evidence.export_evidence"),
    }


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _active_content_warning(item) -> str:
    return _(
        "“%(name)s” was kept as it is, but it carries %(flags)s. Open the downloaded original only in an "
        "isolated viewer (a machine or virtual machine kept apart, offline); the preview shown here is a picture of it."
    ) % {"name": item.original_name, "flags": "; ".join(item.active_content_labels)}


def _warning_for(item) -> str:
    return _(
        "“%(name)s” carries GPS coordinates in its metadata. The original is kept unchanged; "
        "its thumbnails and previews do not carry them. Take care before sharing the original."
    ) % {"name": item.original_name}


@require_POST
def upload(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "evidence.add_evidenceitem")
    form = UploadForm(request.POST, request.FILES)
    results = []
    if not form.is_valid():
        results = [{"ok": False, "message": error} for errors in form.errors.values() for error in errors]
    else:
        for uploaded in form.cleaned_data["files"]:
            try:
                item = services.evidence_add(
                    actor=request.user,
                    case=case,
                    uploaded=uploaded,
                    description=form.cleaned_data["description"],
                    collection=form.collection(),
                )
            except UploadRefused as refused:
                results.append({"ok": False, "message": str(refused)})
            else:
                message = _("“%(name)s” added: %(size)s, SHA-256 %(sha256)s.") % {
                    "name": item.original_name,
                    "size": filesizeformat(item.size),
                    "sha256": item.sha256,
                }
                results.append({"ok": True, "message": message, "url": item.get_absolute_url()})
                if item.has_location:
                    results.append({"ok": True, "warning": True, "message": _warning_for(item)})
                if item.active_content:
                    results.append({"ok": True, "warning": True, "message": _active_content_warning(item)})
            finally:
                uploaded.close()
    # Also kept for the next page: the case page reloaded after the uploads still says what was kept.
    for result in results:
        level = messages.WARNING if result.get("warning") else messages.SUCCESS if result["ok"] else messages.ERROR
        messages.add_message(request, level, result["message"])
    if _wants_json(request):
        return JsonResponse({"results": results}, status=200 if all(r["ok"] for r in results) else 422)
    return redirect(case)


@require_POST
def link_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "evidence.add_evidenceitem")
    form = LinkForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(case)
    data = form.cleaned_data
    try:
        item = services.link_add(
            actor=request.user,
            case=case,
            url=data["url"],
            captured_at=data["captured_at"],
            note=data["note"],
            archived_copy=data["archived_copy"],
            collection=form.collection(),
        )
    except UploadRefused as refused:
        messages.error(request, str(refused))
        return redirect(case)
    finally:
        if data["archived_copy"] is not None:
            data["archived_copy"].close()
    messages.success(request, _("Link recorded as evidence."))
    if item.has_location:
        messages.warning(request, _warning_for(item))
    if item.active_content:
        messages.warning(request, _active_content_warning(item))
    return redirect(item)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = evidence_get_for_user(request.user, pk)
    services.custody_record(item=item, action=CustodyEvent.Action.VIEWED, actor=request.user)
    record(actor=request.user, action=Action.EVIDENCE_VIEWED, case=item.case, target=item, request=request)
    # Custody details and collection notes are typed by hand too: a name there is read like anywhere else.
    reader = reader_for_cases(request.user, [item.case_id])
    events = list(custody_for_item(item=item))
    custody_texts = ("detail", "collected_by", "collected_from", "collection_tool", "note")
    read_in_place(reader, events, custody_texts, case_id=item.case_id)
    read_in_place(reader, [item], RECORD_TEXT_FIELDS["evidence"])
    read_in_place(reader, [item.case], ("title", "title_translation"))
    context = {
        "item": item,
        "case": item.case,
        "events": events,
        "derivatives": derivatives_for(item=item),
        "collection_form": CollectionForm(auto_id="id_collection_%s") if _can_add(request.user) else None,
    }
    return render(request, "evidence/detail.html", context)


@require_POST
def collection_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = evidence_get_for_user(request.user, pk)
    if not _can_add(request.user):
        raise PermissionDenied
    form = CollectionForm(request.POST)
    if not form.is_valid() or not any(form.collection().values()):
        messages.error(request, _("State at least one fact about how the item was collected."))
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(item)
    try:
        services.collection_record(actor=request.user, item=item, collection=form.collection())
    except UploadRefused as refused:
        messages.error(request, str(refused))
        return redirect(item)
    messages.success(request, _("Collection statement added to the chain of custody."))
    return redirect(item)


@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    item = evidence_get_for_user(request.user, pk)
    if not item.has_file:
        raise Http404
    response = serving.attachment(item, request.user)
    if response.status_code == 200:
        services.custody_record(item=item, action=CustodyEvent.Action.DOWNLOADED, actor=request.user)
        record(actor=request.user, action=Action.EVIDENCE_DOWNLOADED, case=item.case, target=item, request=request)
    return response


@require_GET
def derivative(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A working copy shown in the page: our own JPEG, never the original."""
    item = evidence_get_for_user(request.user, pk)
    working_copy = derivatives_for(item=item).get(kind)
    if working_copy is None:
        raise Http404
    # Each fetch is audited like the item page: a working copy shows the evidence itself.
    record(
        actor=request.user,
        action=Action.WORKING_COPY_VIEWED,
        case=item.case,
        target=item,
        request=request,
        detail={"kind": kind},
    )
    response = FileResponse(default_storage.open(working_copy.file.name, "rb"), content_type="image/jpeg")
    return serving.protect(response)


@require_POST
def bag_export(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "evidence.export_evidence")
    try:
        archive = bags.bag_archive(actor=request.user, case=case)
        record(actor=request.user, action=Action.EVIDENCE_EXPORTED, case=case, request=request)
    except bags.BagRefused as refused:
        messages.error(request, str(refused))
        return redirect(case)
    response = FileResponse(archive, as_attachment=True, filename=f"{case.reference}-evidence-bag.zip")
    response["Content-Type"] = "application/zip"
    return serving.protect(response)
