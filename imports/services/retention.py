"""How long an import keeps what it was given: the refused rows and a file never imported.

The refused rows repeat the sheet's cells, names included: they can be downloaded for
``IMPORT_REFUSED_DAYS`` after the import ends, then they are deleted (the counts stay).
The file itself is deleted when the import ends (unless kept as a case's evidence); a
file uploaded and never imported is deleted after ``IMPORT_UPLOAD_DAYS``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from imports.models import ImportRun, RefusedRow
from imports.services.running import _forget_file

logger = logging.getLogger(__name__)


def refused_rows_available(run: ImportRun, *, now=None) -> bool:
    """Whether the refused rows of this import can still be downloaded."""
    now = now or timezone.now()
    return run.status == ImportRun.Status.DONE and bool(run.refused) and run.refused_until > now


def imports_purge(*, now=None) -> dict[str, int]:
    """Delete the refused rows past their days and the files of uploads never imported.

    Returns how many imports lost their refused rows and how many uploads expired.
    Safe to run at any time and more than once.
    """
    now = now or timezone.now()
    finished_before = now - timedelta(days=settings.IMPORT_REFUSED_DAYS)
    past = RefusedRow.objects.filter(run__finished_at__lt=finished_before)
    runs = past.values("run_id").distinct().count()
    rows, _by_model = past.delete()
    expired = 0
    waiting = ImportRun.objects.filter(
        status=ImportRun.Status.UPLOADED, created_at__lt=now - timedelta(days=settings.IMPORT_UPLOAD_DAYS)
    )
    for run in waiting.iterator():
        with transaction.atomic():
            locked = ImportRun.objects.select_for_update().filter(pk=run.pk, status=ImportRun.Status.UPLOADED).first()
            if locked is None:
                continue  # started meanwhile
            _forget_file(locked)
            locked.status = ImportRun.Status.FAILED
            locked.error = ImportRun.Error.EXPIRED
            locked.finished_at = now
            locked.stored_name = ""
            locked.save(update_fields=["status", "error", "finished_at", "stored_name"])
            expired += 1
    logger.info("imports purged", extra={"refused_rows": rows, "imports": runs, "uploads_expired": expired})
    return {"refused": runs, "uploads": expired}
