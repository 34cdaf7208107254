"""The refused rows, for the user to correct and import again."""

import contextlib
import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from cases.export import _cell
from imports.models import ImportRun

# --- The report -----------------------------------------------------------------------


def refused_csv(run: ImportRun) -> Iterator[str]:
    """The refused rows as they were, with the reason in a last column; cells neutralised for spreadsheets."""
    header = None
    with contextlib.suppress(Exception):
        header = run.mapping.get("header")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([_cell(title) for title in (header or [])] + [_("Reason refused")])
    yield buffer.getvalue()
    for refused in run.refused_rows.order_by("row").iterator(chunk_size=1000):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_cell(value) for value in refused.cells] + [_cell(refused.reason)])
        yield buffer.getvalue()
