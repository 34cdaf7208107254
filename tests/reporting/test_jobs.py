"""Documents made by jobs: inline without a broker, on a worker with one."""

import pytest
from django.urls import reverse
from guardian.shortcuts import remove_perm

from reporting import jobs
from reporting.models import Job, Report
from reporting.tasks import backoff_seconds, run_job
from tools import stack

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_builder():
    def build(*, actor, parameters):
        raise RuntimeError("secret detail that must not reach the user")

    jobs.register_builder(
        "broken", label="Broken", build=build, authorize=lambda user, parameters: None, filename=lambda p: "x.pdf"
    )
    yield
    jobs._builders.pop("broken")


def ask_case_file(client, case, language="en"):
    return client.post(reverse("reporting:case_file", args=[case.reference]), {"language": language})


def test_without_a_broker_the_case_file_comes_at_once(as_user, officer, case):
    response = ask_case_file(as_user(officer), case)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    job = Job.objects.get()
    assert job.status == Job.Status.DONE
    assert job.requested_by == officer
    assert job.report.sha256 == response["X-Casebook-SHA256"]


def test_with_a_broker_the_user_waits_on_a_status_page(
    as_user, officer, case, background, django_capture_on_commit_callbacks
):
    client = as_user(officer)
    # The task is not sent yet: the page says the job waits, and reloads by itself.
    with django_capture_on_commit_callbacks(execute=False):
        response = ask_case_file(client, case)
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == reverse("reporting:job", args=[job.pk])
    waiting = client.get(response["Location"])
    assert waiting.status_code == 200
    assert waiting["Refresh"] == "2"
    assert "<script" not in waiting.text
    assert reverse("reporting:job_download", args=[job.pk]) not in waiting.text

    # The worker runs it (Celery's eager execution of the real task).
    run_job.delay(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    done = client.get(response["Location"])
    assert "Refresh" not in done
    download_url = reverse("reporting:job_download", args=[job.pk])
    assert download_url in done.text
    document = client.get(download_url)
    assert document.status_code == 200
    assert document.content.startswith(b"%PDF")
    assert document["Content-Disposition"].startswith("attachment;")
    assert document["X-Content-Type-Options"] == "nosniff"
    # The case page lists the user's own document jobs.
    assert reverse("reporting:job", args=[job.pk]) in client.get(case.get_absolute_url()).text


def test_a_job_delivered_twice_makes_one_document(officer, case):
    job = Job.objects.create(
        kind="case_file", parameters={"case": case.reference, "language": "en"}, requested_by=officer
    )
    assert jobs.job_run(job_id=job.pk, may_retry=True) == Job.Status.DONE
    assert jobs.job_run(job_id=job.pk, may_retry=True) == Job.Status.DONE
    assert Report.objects.count() == 1


def test_a_job_whose_worker_died_is_finished_by_the_next_delivery(officer, case):
    job = Job.objects.create(
        kind="case_file",
        parameters={"case": case.reference, "language": "en"},
        requested_by=officer,
        status=Job.Status.RUNNING,
        attempts=1,
    )
    assert jobs.job_run(job_id=job.pk, may_retry=True) == Job.Status.DONE
    job.refresh_from_db()
    assert job.attempts == 2
    assert job.report is not None


def test_a_failed_job_tells_the_user_without_technical_detail(as_user, officer, broken_builder):
    job = jobs.job_submit(actor=officer, kind="broken", parameters={})
    assert job.status == Job.Status.FAILED
    page = as_user(officer).get(reverse("reporting:job", args=[job.pk]))
    assert page.status_code == 200
    assert "could not be made" in page.text
    assert "secret detail" not in page.text
    assert "Refresh" not in page


def test_a_passing_failure_is_retried_then_reported(officer):
    from django.db import OperationalError

    def build(*, actor, parameters):
        raise OperationalError("connection refused")

    jobs.register_builder(
        "flaky", label="Flaky", build=build, authorize=lambda user, parameters: None, filename=lambda p: "x.pdf"
    )
    try:
        job = Job.objects.create(kind="flaky", parameters={}, requested_by=officer)
        with pytest.raises(jobs.TransientJobError):
            jobs.job_run(job_id=job.pk, may_retry=True)
        job.refresh_from_db()
        assert job.status == Job.Status.QUEUED
        assert jobs.job_run(job_id=job.pk, may_retry=False) == Job.Status.FAILED
        job.refresh_from_db()
        assert job.error == Job.Error.SERVICE_UNAVAILABLE
    finally:
        jobs._builders.pop("flaky")


def test_backoff_grows_and_is_capped():
    delays = [backoff_seconds(retries) for retries in range(12)]
    assert delays[0] < delays[3]
    assert max(delays) <= 605


def test_job_fails_clearly_when_the_queue_is_down(as_user, officer, case, settings, django_capture_on_commit_callbacks):
    from casebook.celery import app

    settings.CASEBOOK_BACKGROUND_JOBS = True
    previous = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{stack.free_port()}/0"
    app.pool.force_close_all()
    client = as_user(officer)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("reporting:case_file", args=[case.reference]), {"language": "en"})
    finally:
        app.conf.broker_url = previous
        app.pool.force_close_all()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    page = client.get(response["Location"])
    assert "queue of background work is unavailable" in page.text
    assert "Refresh" not in page


def test_only_the_requester_sees_a_job(as_user, officer, other_officer, case):
    ask_case_file(as_user(officer), case)
    job = Job.objects.get()
    for name in ("reporting:job", "reporting:job_download"):
        assert as_user(other_officer).get(reverse(name, args=[job.pk])).status_code == 404


def test_a_partner_whose_share_was_withdrawn_loses_the_job(as_user, partner, shared_case):
    client = as_user(partner)
    ask_case_file(client, shared_case)
    job = Job.objects.get()
    assert client.get(reverse("reporting:job_download", args=[job.pk])).status_code == 200
    remove_perm("cases.view_case", partner, shared_case)
    assert client.get(reverse("reporting:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reporting:job_download", args=[job.pk])).status_code == 404


def test_outsider_cannot_ask_for_a_hidden_case_file(as_user, outsider, case):
    assert ask_case_file(as_user(outsider), case).status_code == 404
    assert Job.objects.count() == 0


def test_job_pages_refuse_writes(as_user, officer, case):
    ask_case_file(as_user(officer), case)
    job = Job.objects.get()
    client = as_user(officer)
    assert client.post(reverse("reporting:job", args=[job.pk])).status_code == 405
    assert client.post(reverse("reporting:job_download", args=[job.pk])).status_code == 405


def test_a_pending_job_download_goes_back_to_its_status(as_user, officer, case):
    job = Job.objects.create(
        kind="case_file", parameters={"case": case.reference, "language": "en"}, requested_by=officer
    )
    response = as_user(officer).get(reverse("reporting:job_download", args=[job.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:job", args=[job.pk])


def test_a_tampered_document_is_not_sent(as_user, officer, case):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    client = as_user(officer)
    ask_case_file(client, case)
    job = Job.objects.get()
    name = job.report.file.name
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"%PDF-1.7 altered"))
    assert client.get(reverse("reporting:job_download", args=[job.pk])).status_code == 409


def test_job_page_reads_right_to_left_in_arabic(as_user, officer, broken_builder):
    job = jobs.job_submit(actor=officer, kind="broken", parameters={})
    client = as_user(officer)
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    page = client.get(reverse("reporting:job", args=[job.pk]))
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "فشلت" in page.text
    assert "تعذّر إعداد الوثيقة" in page.text
