"""Evidence of a content item: attaching a case's evidence to one of its items, and a re-check
stated with a screenshot. The server never fetches the item's URL: the screenshot is the officer's."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casebook.audit import Action, record
from cases import services as case_services
from cases.disclosure import RECORD_TEXT_FIELDS, read_in_place, reader_for_cases
from cases.models import ContentItem
from cases.selectors import content_item_get_for_user
from evidence.forms import ScreenshotCheckForm
from evidence.models import EvidenceItem
from evidence.services import evidence_add
from evidence.uploads import UploadRefused


def _may_attach(actor) -> bool:
    return actor.has_perm("evidence.add_evidenceitem") and actor.has_perm("cases.change_contentitem")


@transaction.atomic
def evidence_attach(*, actor, evidence: EvidenceItem, content_item: ContentItem | None) -> EvidenceItem:
    """Say which item of its case a piece of evidence shows (or none); kept in the evidence's history."""
    if not _may_attach(actor):
        raise PermissionDenied
    if content_item is not None and content_item.case_id != evidence.case_id:
        raise ValidationError({"content_item": _("Choose an item of the same case.")})
    evidence.content_item = content_item
    evidence._history_user = actor
    evidence.save(update_fields=["content_item"])
    record(
        actor=actor,
        action=Action.EVIDENCE_ATTACHED,
        case=evidence.case,
        target=evidence,
        detail={"content_item": content_item.pk if content_item is not None else None},
    )
    return evidence


def content_check_with_screenshot(
    *, actor, content_item: ContentItem, still_down: bool, screenshot, on: date | None = None
):
    """A re-check with the screenshot that shows it: the file is kept as evidence of the item.

    What can be refused before the file is stored is checked first (rights, an
    archived case, a date in the future); raises UploadRefused for a refused file.
    """
    if not _may_attach(actor):
        raise PermissionDenied
    today = case_services.local_today()
    if content_item.case.is_archived:
        raise ValidationError(_("This case is archived; restore it before changing it."))
    if on is not None and on > today:
        raise ValidationError({"on": _("This date is in the future.")})
    # No description is written for the officer: the link to the item and the dated check say what it is.
    evidence = evidence_add(actor=actor, case=content_item.case, uploaded=screenshot)
    with transaction.atomic():
        evidence_attach(actor=actor, evidence=evidence, content_item=content_item)
        check = case_services.content_recheck(actor=actor, item=content_item, still_down=still_down, on=on)
    return check, evidence


# --- The content item page's section -----------------------------------------------------


def content_evidence_panel(request: HttpRequest, item: ContentItem) -> dict:
    evidence = list(item.evidence_items.select_related("uploaded_by").order_by("uploaded_at", "id"))
    read_in_place(reader_for_cases(request.user, [item.case_id]), evidence, RECORD_TEXT_FIELDS["evidence"])
    may_attach = _may_attach(request.user) and not item.case.is_archived
    unattached = []
    if may_attach:
        unattached = list(
            item.case.evidence_items.filter(content_item__isnull=True)
            .order_by("uploaded_at", "id")
            .only("id", "kind", "url", "original_name", "sha256")
        )
    return {
        "template": "evidence/content_panel.html",
        "item": item,
        "evidence_items": evidence,
        "unattached": unattached,
        "check_form": ScreenshotCheckForm(auto_id="id_check_%s") if may_attach else None,
    }


@require_POST
def attach(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    item = content_item_get_for_user(request.user, reference, pk)
    if not _may_attach(request.user):
        raise PermissionDenied
    try:
        evidence = item.case.evidence_items.get(pk=int(request.POST.get("evidence", "")))
    except (ValueError, EvidenceItem.DoesNotExist):
        raise Http404 from None
    try:
        evidence_attach(actor=request.user, evidence=evidence, content_item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Evidence attached to the item."))
    return redirect(item)


@require_POST
def check_with_screenshot(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    item = content_item_get_for_user(request.user, reference, pk)
    if not _may_attach(request.user):
        raise PermissionDenied
    form = ScreenshotCheckForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(item)
    try:
        content_check_with_screenshot(
            actor=request.user,
            content_item=item,
            still_down=form.cleaned_data["result"] == "still_down",
            screenshot=form.cleaned_data["screenshot"],
            on=form.cleaned_data["on"],
        )
    except UploadRefused as refusal:
        messages.error(request, str(refusal))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Check recorded with its screenshot."))
    return redirect(item)
