"""Pages of content items (with their status history and re-checks) and of escalations to platforms."""

import csv
import io
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casebook.audit import Action, record
from cases import services
from cases.choices import CONTENT_DOWN_STATUSES
from cases.content_forms import (
    AnswerForm,
    AppealForm,
    ContentItemForm,
    EscalationForm,
    RecheckForm,
    SendForm,
    StatusForm,
)
from cases.disclosure import may_see_personal_data, read_in_place, reader_for_cases
from cases.export import _cell
from cases.panels import content_panels_for
from cases.selectors import (
    case_get_for_user,
    cases_without_platform_consent,
    content_item_get_for_user,
    content_items_visible,
    content_status_history,
    escalation_entries,
    escalation_get_for_user,
    escalations_visible,
)

CONTENT_TEXT_FIELDS = ("url", "stated_reason", "policy")


def _require(request: HttpRequest, codename: str) -> None:
    if not request.user.has_perm(codename):
        raise PermissionDenied


def _readable(user, items) -> None:
    """Hand-typed text of items as this viewer may read it; the handle only for those who read names."""
    items = list(items)
    read_in_place(reader_for_cases(user, {item.case_id for item in items}), items, CONTENT_TEXT_FIELDS)
    if not may_see_personal_data(user):
        for item in items:
            item.author_handle = ""


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# --- Content items -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def content_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    _require(request, "cases.add_contentitem")
    form = ContentItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.content_item_save(actor=request.user, case=case, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Content item added."))
            return redirect(item)
    return render(request, "cases/content_form.html", {"form": form, "case": case, "item": None})


@require_http_methods(["GET", "POST"])
def content_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    item = content_item_get_for_user(request.user, reference, pk)
    _require(request, "cases.change_contentitem")
    form = ContentItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.content_item_save(actor=request.user, case=item.case, item=item, **form.service_fields())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Content item saved."))
            return redirect(item)
    return render(request, "cases/content_form.html", {"form": form, "case": item.case, "item": item})


@require_http_methods(["GET"])
def content_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    item = content_item_get_for_user(request.user, reference, pk)
    record(actor=request.user, action=Action.CONTENT_VIEWED, case=item.case, target=item, request=request)
    history = list(content_status_history(item=item))
    reader = reader_for_cases(request.user, [item.case_id])
    read_in_place(reader, [item.case], ("title", "title_translation"))
    read_in_place(reader, history, ("note",), case_id=item.case_id)
    _readable(request.user, [item])
    entries = item.escalation_entries.select_related("escalation__platform").order_by("-escalation__created_at")
    can_change = request.user.has_perm("cases.change_contentitem") and not item.case.is_archived
    context = {
        "item": item,
        "case": item.case,
        "history": history,
        "entries": entries,
        "can_change": can_change,
        "is_down": item.status in CONTENT_DOWN_STATUSES,
        "status_form": StatusForm(initial={"status": item.status, "source": "team_check"}) if can_change else None,
        "panels": content_panels_for(request, item),
    }
    return render(request, "cases/content_detail.html", context)


@require_POST
def content_status(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    item = content_item_get_for_user(request.user, reference, pk)
    _require(request, "cases.change_contentitem")
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a status, its date and what it rests on."))
        return redirect(item)
    try:
        services.content_status_record(actor=request.user, item=item, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Status recorded."))
    return redirect(item)


@require_POST
def content_recheck(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    item = content_item_get_for_user(request.user, reference, pk)
    _require(request, "cases.change_contentitem")
    form = RecheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the content is still down or restored."))
        return redirect(item)
    still_down = form.cleaned_data["result"] == "still_down"
    try:
        services.content_recheck(actor=request.user, item=item, still_down=still_down, on=form.cleaned_data["on"])
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Check recorded."))
    # From the list of items to re-check, back to that list; otherwise to the item.
    recheck_list = reverse("cases:due", args=["recheck"])
    return redirect(recheck_list if request.POST.get("next") == recheck_list else item)


# --- Escalations -------------------------------------------------------------------------


@require_http_methods(["GET"])
def escalation_list(request: HttpRequest) -> HttpResponse:
    escalations = escalations_visible(user=request.user).select_related("platform").order_by("-created_at", "-id")
    return render(request, "cases/escalation_list.html", {"escalations": escalations[:200]})


@require_http_methods(["GET", "POST"])
def escalation_create(request: HttpRequest) -> HttpResponse:
    """Choose content items across the cases one may see and send them as one escalation."""
    _require(request, "cases.add_escalation")
    candidates = (
        content_items_visible(user=request.user)
        .filter(status__in=CONTENT_DOWN_STATUSES)
        .select_related("case", "platform")
        .order_by("platform__position", "case__reference", "id")
    )
    platform = request.GET.get("platform") or request.POST.get("platform")
    if platform:
        candidates = candidates.filter(platform__code=platform)
    form = EscalationForm(request.POST or None, items=candidates, initial={"platform": platform})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            escalation = services.escalation_create(
                actor=request.user,
                platform=data["platform"],
                items=list(data["items"]),
                channel=data["channel"],
                urgency=data["urgency"],
                summary=data["summary"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Escalation prepared."))
            return redirect(escalation)
    rows = list(candidates[:500])
    _readable(request.user, rows)
    return render(request, "cases/escalation_form.html", {"form": form, "rows": rows})


@require_http_methods(["GET"])
def escalation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = escalation_get_for_user(request.user, pk)
    entries = list(escalation_entries(escalation=escalation, user=request.user))
    # The cases this viewer saw through it: an escalation may hold items of cases they cannot see.
    seen = sorted({entry.item.case.reference for entry in entries})
    record(
        actor=request.user, action=Action.ESCALATION_VIEWED, target=escalation, request=request, detail={"cases": seen}
    )
    _readable(request.user, [entry.item for entry in entries])
    reader = reader_for_cases(request.user, {entry.item.case_id for entry in entries})
    for entry in entries:
        read_in_place(reader, [entry], ("answer_note", "dispute_body"), case_id=entry.item.case_id)
    can_change = request.user.has_perm("cases.change_escalation")
    # The platform escalation document, composed with this batch's cases ticked and its items only.
    references = sorted({entry.item.case.reference for entry in entries})
    document_query = urlencode(
        {"platform": escalation.platform.code, "escalation": escalation.pk, "reference": references}, doseq=True
    )
    context = {
        "escalation": escalation,
        "document_query": document_query,
        "entries": entries,
        "can_change": can_change,
        "send_form": SendForm() if can_change else None,
        "answer_form": AnswerForm() if can_change else None,
        "appeal_form": AppealForm() if can_change else None,
    }
    return render(request, "cases/escalation_detail.html", context)


@require_POST
def escalation_send(request: HttpRequest, pk: int) -> HttpResponse:
    escalation = escalation_get_for_user(request.user, pk)
    _require(request, "cases.change_escalation")
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the escalation was sent."))
        return redirect(escalation)
    try:
        services.escalation_send(actor=request.user, escalation=escalation, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(
            request,
            _("Escalation marked as sent; the answer is due on %(date)s.") % {"date": escalation.due_date.isoformat()},
        )
    return redirect(escalation)


def _entry(request: HttpRequest, pk: int, entry_pk: int):
    escalation = escalation_get_for_user(request.user, pk)
    try:
        entry = escalation_entries(escalation=escalation, user=request.user).get(pk=entry_pk)
    except escalation.entries.model.DoesNotExist:
        raise Http404 from None
    _require(request, "cases.change_escalation")
    return escalation, entry


@require_POST
def escalation_answer(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    escalation, entry = _entry(request, pk, entry_pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the platform's answer and its date."))
        return redirect(escalation)
    try:
        services.escalation_answer(actor=request.user, entry=entry, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Answer recorded."))
    return redirect(escalation)


@require_POST
def escalation_appeal(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    escalation, entry = _entry(request, pk, entry_pk)
    form = AppealForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the appeal step and its date."))
        return redirect(escalation)
    try:
        services.escalation_appeal(actor=request.user, entry=entry, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Appeal recorded."))
    return redirect(escalation)


# The columns of a trusted partner channel's bulk sheet: one row per content item.
CSV_COLUMNS = (
    ("URL", "url"),
    ("Content ID", "content_id"),
    ("Content type", "kind"),
    # Without its "@": a cell starting with "@" is a formula to a spreadsheet, and would be neutralised.
    ("Account handle (without @)", "author_handle"),
    ("Date published", "published_on"),
    ("Date removed", "removed_on"),
    ("Reason given by the platform", "stated_reason"),
    ("Policy cited", "policy"),
    ("DSA statement of reasons ID", "statement_of_reasons_id"),
    ("Blocked in", "blocked_in"),
    ("Requester reference", "reference"),
)


@require_http_methods(["GET"])
def escalation_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The escalation's items in the partner channel's columns (English headers, as platforms read them)."""
    escalation = escalation_get_for_user(request.user, pk)
    _require(request, "cases.change_escalation")
    entries = list(escalation_entries(escalation=escalation, user=request.user))
    refused = cases_without_platform_consent(case_ids={entry.item.case_id for entry in entries})
    if refused:
        messages.error(
            request,
            _(
                "The CSV was not made: in %(references)s, an affected person has not consented to the case "
                "being raised with a platform. Record the consent, or prepare an escalation without those items."
            )
            % {"references": ", ".join(refused)},
        )
        return redirect(escalation)
    items = [entry.item for entry in entries]
    _readable(request.user, items)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([header for header, _field in CSV_COLUMNS])
    for entry in entries:
        item = entry.item
        values = {
            "kind": item.kind,
            "author_handle": item.author_handle.lstrip("@"),
            "published_on": item.published_on.isoformat() if item.published_on else "",
            "removed_on": item.removed_on.isoformat() if item.removed_on else "",
            "blocked_in": " ".join(country.code for country in item.blocked_in),
            "reference": f"{item.case.reference}/{item.pk}",
        }
        writer.writerow([_cell(values[name] if name in values else getattr(item, name)) for _h, name in CSV_COLUMNS])
    record(
        actor=request.user,
        action=Action.ESCALATION_EXPORTED,
        target=escalation,
        request=request,
        detail={"format": "csv", "items": len(entries)},
    )
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="escalation-{escalation.pk}.csv"'
    return response


# --- The case page's section -------------------------------------------------------------


def content_panel(request: HttpRequest, case, *, empty: bool = False) -> dict:
    """The case page's list of content items (a panel, so that the case page needs no change)."""
    from cases.selectors import case_content_items

    items = [] if empty else list(case_content_items(case=case))
    _readable(request.user, items)
    can_add = request.user.has_perm("cases.add_contentitem") and not case.is_archived
    return {"template": "cases/content_panel.html", "case": case, "content_items": items, "can_add": can_add}
