"""CSV export of the filtered case list, streamed in keyset chunks.

Scoped by the caller (the user's visible, filtered cases). Columns naming
persons appear only when ``personal`` is true. Cells that a spreadsheet
would read as a formula are neutralised.
"""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import DatePrecision
from cases.models import Person, Violation
from cases.pagination import keyset_page

CHUNK = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value):
        return value


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def recorded_date(value, precision: str) -> str:
    """The date as it was recorded: 2012 for a year, 2016-06 for a month, the day otherwise
    (an approximate date keeps the day it was stored with; its precision column says it is approximate)."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()


def _header(personal: bool) -> list[str]:
    header = [
        _("Reference"),
        _("Title"),
        _("Title, translated"),
        _("Language"),
        _("Country"),
        _("Start date"),
        _("Start date precision"),
        _("Status"),
        _("Sensitivity"),
        _("Violation types"),
        _("Platforms"),
        _("Tags"),
        _("Created"),
    ]
    if personal:
        header.append(_("Persons"))
    return header


def _rows(queryset, ordering, personal: bool):
    after = None
    while True:
        page = keyset_page(queryset.prefetch_related("tags"), ordering=ordering, size=CHUNK, after=after)
        ids = [case.pk for case in page]
        acts: dict[int, list] = {}
        for violation in Violation.objects.filter(case_id__in=ids).select_related("violation_type", "platform"):
            acts.setdefault(violation.case_id, []).append(violation)
        people: dict[int, list] = {}
        if personal:
            for person in Person.objects.filter(case_id__in=ids):
                people.setdefault(person.case_id, []).append(person.display_name(personal_data=True))
        for case in page:
            row = [
                case.reference,
                case.title,
                case.title_translation,
                case.language,
                case.country.code,
                recorded_date(case.start_date, case.start_date_precision),
                case.get_start_date_precision_display() if case.start_date else "",
                case.get_status_display(),
                case.get_sensitivity_display(),
                "; ".join(sorted({str(act.violation_type) for act in acts.get(case.pk, [])})),
                "; ".join(sorted({str(act.platform) for act in acts.get(case.pk, []) if act.platform_id})),
                "; ".join(tag.name for tag in case.tags.all()),
                timezone.localtime(case.created_at).isoformat(timespec="seconds"),
            ]
            if personal:
                row.append("; ".join(people.get(case.pk, [])))
            yield [_cell(value) for value in row]
        if not page.has_next:
            return
        after = page.next_cursor


def export_response(queryset, *, ordering, personal: bool) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so that spreadsheet programs read the Arabic as UTF-8
        yield writer.writerow(_header(personal))
        for row in _rows(queryset, ordering, personal):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
