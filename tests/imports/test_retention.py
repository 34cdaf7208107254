"""What an import keeps, and for how long: refused rows for a number of days, a file never imported briefly."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from imports import services
from imports.models import ImportRun, RefusedRow
from tests.imports.conftest import sample_mapping
from tests.imports.files import ROWS, csv_bytes, upload

pytestmark = pytest.mark.django_db

WITH_REFUSED = [*ROWS, ["4", "Blocked site", "Atlantis", "2024-01-01", "FB", "blocking", "سمير الحداد", ""]]


def finished_run(user):
    run = services.import_upload(actor=user, uploaded=upload("log.csv", csv_bytes(WITH_REFUSED)))
    return services.import_start(actor=user, run=run, mapping=sample_mapping())


def age(run, *, days: int, field: str = "finished_at") -> None:
    ImportRun.objects.filter(pk=run.pk).update(**{field: timezone.now() - timedelta(days=days)})
    run.refresh_from_db()


def test_refused_rows_can_be_downloaded_until_their_days_are_over(client, officer, settings):
    settings.IMPORT_REFUSED_DAYS = 14
    run = finished_run(officer)
    client.force_login(officer)
    age(run, days=13)

    services.imports_purge()

    page = client.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert "deleted after" in page and "personal data" in page
    report = client.get(reverse("imports:refused", args=[run.pk]))
    assert "سمير الحداد" in b"".join(report.streaming_content).decode("utf-8-sig")

    age(run, days=15)
    assert services.imports_purge() == {"refused": 1, "uploads": 0}

    assert not RefusedRow.objects.filter(run=run).exists()
    assert client.get(reverse("imports:refused", args=[run.pk])).status_code == 404
    page = client.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert "were deleted after" in page and 'class="count-refused">1<' in page  # the counts stay
    assert "imports:refused" not in page and reverse("imports:refused", args=[run.pk]) not in page


def test_the_retention_is_told_in_arabic(client, officer):
    run = finished_run(officer)
    client.force_login(officer)
    with translation.override("ar"):
        page = client.get(reverse("imports:detail", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "بيانات شخصية" in page and "تُحذف بعد" in page
    assert "personal data" not in page


def test_a_purge_leaves_the_rows_of_other_imports(officer, settings):
    settings.IMPORT_REFUSED_DAYS = 14
    old, recent = finished_run(officer), finished_run(officer)
    age(old, days=30)

    call_command("purge_imports")

    assert not RefusedRow.objects.filter(run=old).exists()
    assert RefusedRow.objects.filter(run=recent).count() == 1


def test_a_failed_import_keeps_neither_its_file_nor_its_refused_rows(officer, monkeypatch):
    run = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes(WITH_REFUSED)))
    stored = run.stored_name

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("imports.services.running._write_new", broken)
    run = services.import_start(actor=officer, run=run, mapping=sample_mapping())

    assert run.status == ImportRun.Status.FAILED
    assert not default_storage.exists(stored)
    assert not RefusedRow.objects.filter(run=run).exists()


def test_a_file_uploaded_and_never_imported_is_deleted_after_its_days(client, officer, settings):
    settings.IMPORT_UPLOAD_DAYS = 2
    waiting = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes()))
    fresh = services.import_upload(actor=officer, uploaded=upload("other.csv", csv_bytes(ROWS[:1])))
    stored = waiting.stored_name
    age(waiting, days=3, field="created_at")

    assert services.imports_purge() == {"refused": 0, "uploads": 1}

    waiting.refresh_from_db()
    assert waiting.status == ImportRun.Status.FAILED and waiting.error == ImportRun.Error.EXPIRED
    assert not waiting.stored_name and not default_storage.exists(stored)
    assert default_storage.exists(fresh.stored_name)
    client.force_login(officer)
    page = client.get(reverse("imports:detail", args=[waiting.pk])).content.decode()
    assert "waited too long" in page
    assert services.imports_purge() == {"refused": 0, "uploads": 0}  # once is enough


def test_an_expired_upload_keeps_the_file_another_import_of_the_same_bytes_is_using(officer, settings):
    settings.IMPORT_UPLOAD_DAYS = 2
    settings.CASEBOOK_BACKGROUND_JOBS = True  # queued, not yet written
    waiting = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes()))
    queued = services.import_upload(actor=officer, uploaded=upload("log.csv", csv_bytes()))
    queued = services.import_start(actor=officer, run=queued, mapping=sample_mapping())
    age(waiting, days=3, field="created_at")

    services.imports_purge()

    assert queued.stored_name == waiting.stored_name and default_storage.exists(queued.stored_name)


def test_the_purge_runs_every_day(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["import-retention"]
    assert entry["args"] == ["purge_imports"] and entry["schedule"] <= 24 * 3600
