"""The home page (what is due, for this user) and the full list behind each of its sections."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cases import due
from cases.disclosure import may_see_personal_data, read_in_place, reader_for_cases
from cases.models import Case, ContentItem, ContentStatusChange, EscalationItem
from cases.services import local_today

# Rows of each section shown on the home page; the rest is one click away.
HOME_ROWS = 5
LIST_ROWS = 100


def _case_of(row):
    """The case a row belongs to, for links and for reading its title (an escalation has several)."""
    if isinstance(row, Case):
        return row
    if isinstance(row, EscalationItem | ContentStatusChange):
        return row.item.case
    return getattr(row, "case", None)


def _readable(user, rows) -> None:
    """Titles and hand-typed text of the rows as this viewer may read them (one reader per page)."""
    cases = [case for case in (_case_of(row) for row in rows) if case is not None]
    reader = reader_for_cases(user, {case.pk for case in cases})
    read_in_place(reader, cases, ("title", "title_translation"))
    items = [row if isinstance(row, ContentItem) else getattr(row, "item", None) for row in rows]
    items = [item for item in items if item is not None]
    read_in_place(reader, items, ("url", "stated_reason", "policy"))
    if not may_see_personal_data(user):
        for item in items:
            item.author_handle = ""


@require_http_methods(["GET"])
def home(request: HttpRequest) -> HttpResponse:
    user, today = request.user, local_today()
    sections = []
    for section in due.sections_for(user):
        rows = section.rows(user, today)
        count = rows.count()
        shown = list(rows[:HOME_ROWS]) if count else []
        _readable(user, shown)
        sections.append({"section": section, "count": count, "rows": shown})
    activity = due.recent_activity(user, today=today) if due.sees_activity(user) else None
    context = {"sections": sections, "activity": activity, "today": today, "recheck_days": due.recheck_days()}
    return render(request, "casebook/home.html", context)


@require_http_methods(["GET"])
def due_list(request: HttpRequest, section: str) -> HttpResponse:
    sections = {entry.key: entry for entry in due.sections_for(request.user)}
    if section not in sections:
        raise Http404
    entry, today = sections[section], local_today()
    if section == "recheck" and request.GET.get("days", "").isdigit():
        days = min(int(request.GET["days"]), 3650)
        rows = due.items_to_recheck(request.user, today=today, days=days)
    else:
        days = due.recheck_days() if section == "recheck" else None
        rows = entry.rows(request.user, today)
    page = Paginator(rows, LIST_ROWS).get_page(request.GET.get("page"))
    _readable(request.user, page.object_list)
    context = {"section": entry, "page": page, "today": today, "days": days}
    return render(request, "casebook/due_list.html", context)
