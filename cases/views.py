"""The case pages: short views, access helper first, writes through the services."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casebook.audit import Action, record
from casebook.service_calls import call_service
from cases import services
from cases.disclosure import CASE_TEXT_FIELDS, RECORD_TEXT_FIELDS, hide_names, read_in_place, reader_for_cases
from cases.export import ExportLeak, export_response
from cases.filters import estimate_key, filter_fields_html, filtered_cases
from cases.forms import (
    ArchiveForm,
    CaseForm,
    InterventionForm,
    LinkForm,
    PersonFormSet,
    ReviewNoteForm,
    ShareForm,
    TransitionForm,
    ViolationFormSet,
)
from cases.history import case_history, history_restore
from cases.models import Case
from cases.names import suggestion_table
from cases.pagination import ListCount, keyset_page, list_count
from cases.panels import panels_for
from cases.selectors import (
    case_get_for_user,
    case_interventions,
    case_links_visible,
    case_list_violations,
    case_persons,
    case_review_notes,
    case_sections_present,
    case_shared_users,
    case_violations,
    may_see_personal_data,
)

PAGE_SIZES = (25, 50, 100)
# What the list shows and pages by; the narrative and the search columns stay in the database.
LIST_COLUMNS = (
    "reference",
    "title",
    "title_translation",
    "language",
    "country",
    "status",
    "sensitivity",
    "archived_at",
    "created_at",
    "updated_at",
)
# A search first looks among this many recent cases (of the chosen order) for each row of the
# page, so that a page of 100 rows gets as good a chance as a page of 25; see keyset_page.
SEARCH_WINDOW_PER_ROW = 200


@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    case_filter, cases = filtered_cases(request)
    size = int(request.GET["size"]) if request.GET.get("size") in {str(size) for size in PAGE_SIZES} else 25
    page = keyset_page(
        cases.only(*LIST_COLUMNS),
        ordering=case_filter.ordering,
        size=size,
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        window=SEARCH_WINDOW_PER_ROW * size if request.GET.get("q") else None,
        ranked_first=exact.only(*LIST_COLUMNS) if (exact := case_filter.exact_matches) is not None else None,
        # Start dates follow the order of creation (new cases are about recent events): a range of
        # them may lie deep in the newest-first walk, which then reads the index, not the table.
        ids_first=case_filter.dates_given,
    )
    # Titles are typed by hand: a name the viewer may not read is replaced there too.
    read_in_place(reader_for_cases(request.user, [case.pk for case in page]), page, CASE_TEXT_FIELDS)
    # When the whole list is on this page, the page is its count.
    if page.has_next or page.has_previous:
        total = list_count(
            cases, at_least=len(page) + 1 if page.has_next else len(page), key=estimate_key(request, case_filter)
        )
    else:
        total = ListCount(len(page), "exact")
    query = request.GET.copy()
    for key in ("after", "before"):
        query.pop(key, None)
    context = {
        "filter": case_filter,
        "filter_fields": filter_fields_html(case_filter, request.user),
        "page": page,
        "violations": case_list_violations(case_ids=[case.pk for case in page]),
        "total": total,
        "query": query.urlencode(),
        "page_sizes": PAGE_SIZES,
    }
    return render(request, "cases/list.html", context)


@require_http_methods(["GET"])
def case_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as CSV, within what the user sees; personal columns only for roles allowed them."""
    case_filter, cases = filtered_cases(request)
    # Which filters were used, not their values: a search may be a person's name.
    record(actor=request.user, action=Action.CASES_EXPORTED, request=request, detail={"filters": sorted(request.GET)})
    try:
        return export_response(
            cases, ordering=case_filter.ordering, personal=may_see_personal_data(request.user), user=request.user
        )
    except ExportLeak as leak:
        messages.error(
            request,
            _(
                "The export was refused: the titles of %(references)s still carry a name you may not read. "
                "Ask an officer to correct the title or record that spelling among the person's names."
            )
            % {"references": ", ".join(leak.references[:10])},
        )
        return redirect(reverse("cases:list") + ("?" + request.GET.urlencode() if request.GET else ""))


def _rows(formset) -> list[services.RowChange]:
    rows = []
    for form in formset.forms:
        instance = form.instance if form.instance.pk else None
        removing = formset.can_delete and formset._should_delete_form(form)
        if removing:
            if instance is not None:
                rows.append(services.RowChange(instance=instance, remove=True))
            continue
        if not form.has_changed():
            continue
        fields = form.service_fields() if hasattr(form, "service_fields") else dict(form.cleaned_data)
        relations = {}
        for name in ("affected_persons", "actors"):
            # A form's service_fields() leaves its many-to-many fields out: take them from the
            # cleaned data, or an edit of them would answer "saved" and store nothing.
            fields.pop(name, None)
            if name in form.cleaned_data:
                relations[name] = list(form.cleaned_data[name])
        if hasattr(form, "new_actor") and (new_actor := form.new_actor()):
            relations["new_actor"] = new_actor
        for name in ("id", "case", "DELETE"):
            fields.pop(name, None)
        rows.append(services.RowChange(instance=instance, fields=fields, relations=relations))
    return rows


def _case_entry(request: HttpRequest, case: Case | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = CaseForm(data, instance=case)
    parent = case or Case()
    persons = PersonFormSet(
        data, instance=parent, prefix="persons", queryset=case_persons(case=parent) if case else None
    )
    violations = ViolationFormSet(data, instance=parent, prefix="violations", form_kwargs={"case": case})
    if case is None:
        violations.min_num, violations.validate_min = 1, True
    if data is not None and form.is_valid() and persons.is_valid() and violations.is_valid():
        try:
            saved = services.case_save_entry(
                actor=request.user,
                case=case,
                case_fields=form.service_fields(),
                tags=form.cleaned_data["tags"],
                assigned_officers=form.cleaned_data["assigned_officers"],
                persons=_rows(persons),
                violations=_rows(violations),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            text = _("Case %(reference)s saved.") if case else _("Case %(reference)s created.")
            messages.success(request, text % {"reference": saved.reference})
            return redirect(saved)
    context = {
        "form": form,
        "persons": persons,
        "violations": violations,
        "case": case,
        "spelling_table": json.dumps(suggestion_table(), ensure_ascii=False),
    }
    return render(request, "cases/form.html", context)


@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("cases.add_case"):  # no case yet: the permission alone
        raise PermissionDenied
    return _case_entry(request, None)


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.change_case")
    if case.is_archived:
        messages.error(request, _("This case is archived; restore it before changing it."))
        return redirect(case)
    return _case_entry(request, case)


@require_http_methods(["GET"])
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    record(actor=request.user, action=Action.CASE_VIEWED, case=case, request=request)
    user = request.user
    present = case_sections_present(case=case)

    def rows(section: str, read) -> list:
        return list(read()) if section in present else []

    persons = rows("persons", lambda: case_persons(case=case))
    violations = rows("violations", lambda: case_violations(case=case))
    interventions = rows("interventions", lambda: case_interventions(case=case))
    review_notes = rows("review_notes", lambda: case_review_notes(case=case))
    links = rows("links", lambda: case_links_visible(case=case, user=user))
    # One decision for the page: which names this viewer reads, and the text with the others replaced.
    reader = reader_for_cases(user, [case.pk, *(other.pk for _link, other in links)])
    hide_names(reader, persons + [person for violation in violations for person in violation.affected_persons.all()])
    read_in_place(reader, [case], CASE_TEXT_FIELDS)
    read_in_place(reader, violations, RECORD_TEXT_FIELDS["violation"])
    read_in_place(reader, interventions, RECORD_TEXT_FIELDS["intervention"])
    read_in_place(reader, review_notes, ("text",))
    read_in_place(reader, [other for _link, other in links], ("title", "title_translation"))
    context = {
        "case": case,
        "reader": reader,
        "can_change": user.has_perm("cases.change_case") and not case.is_archived,
        "personal": may_see_personal_data(user),
        "names": True,  # names the viewer may not read are blanked above
        "persons": persons,
        "violations": violations,
        "interventions": interventions,
        "review_notes": review_notes,
        "links": links,
        "tags": rows("tags", lambda: case.tags.all()),
        "assigned_officers": rows("assigned_officers", lambda: case.assigned_officers.all()),
        "next_statuses": [
            (status, dict(Case._meta.get_field("status").flatchoices)[status])
            for status in services.allowed_transitions(user=user, case=case)
        ],
        "panels": panels_for(request, case, present),
    }
    if user.has_perm("cases.add_legal_review"):
        context["review_form"] = ReviewNoteForm()
    if user.has_perm("cases.archive_case"):
        context["archive_form"] = ArchiveForm()
    if context["can_change"]:
        context["link_form"] = LinkForm()
    if user.has_perm("cases.share_case"):
        context["share_form"] = ShareForm()
        context["shared_with"] = rows("shares", lambda: case_shared_users(case=case))
    return render(request, "cases/detail.html", context)


@require_POST
def case_transition(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect(case)
    call_service(
        request,
        lambda: services.case_transition(
            actor=request.user, case=case, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        ),
        success=lambda: _("Status changed to “%(status)s”.") % {"status": case.get_status_display()},
    )
    return redirect(case)


@require_POST
def case_archive(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.archive_case")
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the case is archived."))
        return redirect(case)
    call_service(
        request,
        lambda: services.case_archive(actor=request.user, case=case, reason=form.cleaned_data["reason"]),
        success=_("Case archived. It can be restored at any time."),
    )
    return redirect(case)


@require_POST
def case_unarchive(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.archive_case")
    call_service(
        request,
        lambda: services.case_unarchive(actor=request.user, case=case),
        success=_("Case restored from the archive."),
    )
    return redirect(case)


@require_http_methods(["GET", "POST"])
def intervention_edit(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.change_intervention" if pk else "cases.add_intervention")
    intervention = get_object_or_404(case.interventions, pk=pk) if pk else None
    form = InterventionForm(request.POST or None, instance=intervention, case=case)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data.items())
        try:
            services.intervention_save(actor=request.user, case=case, intervention=intervention, **fields)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Intervention saved."))
            return redirect(case)
    return render(request, "cases/intervention_form.html", {"form": form, "case": case, "intervention": intervention})


@require_POST
def review_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.add_legal_review")
    form = ReviewNoteForm(request.POST)
    if form.is_valid():
        try:
            services.legal_review_add(actor=request.user, case=case, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Legal review note added."))
    else:
        messages.error(request, _("The note is empty."))
    return redirect(case)


@require_POST
def case_link(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.change_case")
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reference of a case you can see."))
        return redirect(case)
    try:
        other = case_get_for_user(request.user, form.cleaned_data["reference"].strip())
    except Http404:
        messages.error(request, _("No case with that reference among the cases you can see."))
        return redirect(case)
    data = form.cleaned_data
    call_service(
        request,
        lambda: services.case_link(actor=request.user, case=case, other=other, kind=data["kind"], note=data["note"]),
        success=_("Cases linked."),
    )
    return redirect(case)


@require_POST
def case_share(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.share_case")
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a legal partner to share the case with."))
        return redirect(case)
    partner = form.cleaned_data["partner"]
    call_service(
        request,
        lambda: services.case_share(actor=request.user, case=case, partner=partner),
        success=_("Case shared with %(user)s.") % {"user": partner},
    )
    return redirect(case)


@require_POST
def case_revoke(request: HttpRequest, reference: str, user_id: int) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.share_case")
    partner = get_object_or_404(case_shared_users(case=case), pk=user_id)
    services.case_revoke(actor=request.user, case=case, partner=partner)
    messages.success(request, _("Access of %(user)s withdrawn.") % {"user": partner})
    return redirect(case)


@require_http_methods(["GET"])
def case_history_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    record(actor=request.user, action=Action.CASE_HISTORY_VIEWED, case=case, request=request)
    entries = case_history(case, user=request.user)
    can_restore = request.user.has_perm("cases.change_case") and not case.is_archived
    context = {
        "case": case,
        "entries": entries,
        "can_restore": can_restore,
        "restore_url": reverse("cases:history_restore", args=[case.reference]),
    }
    return render(request, "cases/history.html", context)


@require_POST
def case_history_restore(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference, "cases.change_case")
    try:
        history_id = int(request.POST.get("history_id", ""))
    except ValueError:
        raise Http404 from None
    model_key = request.POST.get("model", "")

    def restore():
        try:
            history_restore(actor=request.user, case=case, model_key=model_key, history_id=history_id)
        except LookupError:
            raise Http404 from None

    call_service(request, restore, success=_("Earlier version restored as a new version."))
    return redirect("cases:history", reference=case.reference)
