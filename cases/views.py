from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casebook.audit import Action, record
from cases import services
from cases.filters import CaseFilter
from cases.forms import CaseForm, ShareForm
from cases.history import case_history
from cases.panels import panels_for
from cases.selectors import case_get_for_user, case_list_visible, case_shared_users

PAGE_SIZE = 25


@require_http_methods(["GET"])
def case_list(request: HttpRequest) -> HttpResponse:
    visible = case_list_visible(user=request.user)
    case_filter = CaseFilter(request.GET or None, queryset=visible)
    cases = case_filter.qs if case_filter.is_valid() or not case_filter.is_bound else visible.none()
    page = Paginator(cases.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/list.html", {"filter": case_filter, "page": page})


@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("cases.add_case"):
        raise PermissionDenied
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.case_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Case %(reference)s created.") % {"reference": case.reference})
        return redirect(case)
    return render(request, "cases/form.html", {"form": form})


@require_http_methods(["GET"])
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    record(actor=request.user, action=Action.CASE_VIEWED, case=case, request=request)
    context = {"case": case, "can_change": request.user.has_perm("cases.change_case")}
    if request.user.has_perm("cases.share_case"):
        context["share_form"] = ShareForm()
        context["shared_with"] = case_shared_users(case=case)
    context["panels"] = panels_for(request, case)
    return render(request, "cases/detail.html", context)


@require_POST
def case_share(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a legal partner to share the case with."))
        return redirect(case)
    try:
        services.case_share(actor=request.user, case=case, partner=form.cleaned_data["partner"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Case shared with %(user)s.") % {"user": form.cleaned_data["partner"]})
    return redirect(case)


@require_POST
def case_revoke(request: HttpRequest, reference: str, user_id: int) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    partner = get_object_or_404(case_shared_users(case=case), pk=user_id)
    services.case_revoke(actor=request.user, case=case, partner=partner)
    messages.success(request, _("Access of %(user)s withdrawn.") % {"user": partner})
    return redirect(case)


@require_http_methods(["GET"])
def case_history_view(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_get_for_user(request.user, reference)
    return render(request, "cases/history.html", {"case": case, "entries": case_history(case)})
