"""CSV export of the filtered case list, written in keyset chunks, checked, then sent.

Scoped by the caller (the user's visible, filtered cases). Columns naming
persons appear only for users who may see personal data; for everyone else,
titles are read with every spelling of the case's persons replaced by their
pseudonyms (``cases.disclosure``), and the finished file is searched again for
any of those spellings before it is sent: a hit refuses the export. Cells
that a spreadsheet would read as a formula are neutralised.
"""

import csv
import io
import tempfile

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.disclosure import reader_for_cases
from cases.models import Person, Violation
from cases.pagination import keyset_page

CHUNK = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


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


def _rows(queryset, ordering, personal: bool, user=None, leaks: list | None = None):
    after = None
    while True:
        page = keyset_page(queryset.prefetch_related("tags"), ordering=ordering, size=CHUNK, after=after)
        ids = [case.pk for case in page]
        acts: dict[int, list] = {}
        for violation in Violation.objects.filter(case_id__in=ids).select_related("violation_type", "platform"):
            acts.setdefault(violation.case_id, []).append(violation)
        reader = reader_for_cases(user, ids) if user is not None and not personal else None
        people: dict[int, list] = {}
        if personal:
            for person in Person.objects.filter(case_id__in=ids):
                people.setdefault(person.case_id, []).append(person.display_name(personal_data=True))
        for case in page:
            title, translation = case.title, case.title_translation
            if reader is not None:
                title, translation = reader.text(title, case.pk), reader.text(translation, case.pk)
            row = [
                case.reference,
                title,
                translation,
                case.language,
                case.country.code,
                case.start_date.isoformat() if case.start_date else "",
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
            row = [_cell(value) for value in row]
            if reader is not None and leaks is not None:
                # The gate: the row as written, searched again for the names it must not carry.
                line = " ".join(row)
                if any(matcher.found(line) for matcher, _label in reader.rules.get(case.pk, [])):
                    leaks.append(case.reference)
            yield row
        if not page.has_next:
            return
        after = page.next_cursor


class ExportLeak(Exception):
    """The finished CSV still names a person its reader may not see named; it is not sent."""

    def __init__(self, references: list[str]):
        self.references = references
        super().__init__(", ".join(references))


def export_response(queryset, *, ordering, personal: bool, user=None) -> FileResponse:
    """The CSV, written to a temporary file (memory, then disk when large), checked, then sent.

    Raises ExportLeak, with the references of the cases concerned, when a row
    still carries a name the user may not read.
    """
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+b")  # noqa: SIM115 (sent, then closed)
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    writer = csv.writer(text)
    text.write("\ufeff")  # so that spreadsheet programs read the Arabic as UTF-8
    writer.writerow(_header(personal))
    leaks: list[str] = []
    for row in _rows(queryset, ordering, personal, user=user, leaks=leaks):
        writer.writerow(row)
    text.flush()
    text.detach()
    if leaks:
        spool.close()
        raise ExportLeak(leaks)
    spool.seek(0)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = FileResponse(spool, content_type="text/csv; charset=utf-8", as_attachment=True)
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
