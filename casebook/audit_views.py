from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from casebook.audit import Action, record
from casebook.filters import AuditFilter
from casebook.models import AuditEvent

PAGE_SIZE = 50


@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit log for administrators, filtered by user, case, action and date; itself logged."""
    if not request.user.has_perm("casebook.view_auditevent"):
        raise PermissionDenied
    audit_filter = AuditFilter(request.GET or None, queryset=AuditEvent.objects.all(), request=request)
    valid = audit_filter.is_valid() or not audit_filter.is_bound
    events = audit_filter.qs if valid else AuditEvent.objects.none()
    page = Paginator(events.order_by("-sequence"), PAGE_SIZE).get_page(request.GET.get("page"))
    record(
        actor=request.user,
        action=Action.AUDIT_VIEWED,
        request=request,
        detail={key: value for key, value in request.GET.items() if key in audit_filter.filters and value},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "casebook/audit_list.html", {"filter": audit_filter, "page": page, "query": query.urlencode()}
    )
