"""Long documents from the composer go to a worker when a broker is configured."""

import pytest
from django.urls import reverse

from reporting import views
from reporting.models import Job, Report
from reporting.tasks import run_job
from tests.reporting.test_composer import form, url
from tests.reporting.test_documents import OPTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_from_two(monkeypatch):
    """Two cases make a long document here, so the test need not create hundreds."""
    monkeypatch.setattr(views, "BACKGROUND_FROM_CASES", 1)


def test_a_long_document_is_made_by_a_worker_while_the_user_waits(
    as_user,
    advocacy,
    make_case,
    background,
    long_from_two,
    django_capture_on_commit_callbacks,
):
    cases = [make_case(consents={"state": True}), make_case(consents={"state": True})]
    client = as_user(advocacy)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            url("upr_submission"),
            form([case.reference for case in cases], profile="public", button="export", **OPTIONS),
        )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:job", args=[job.pk])
    assert job.requested_by == advocacy and job.kind == "document"
    assert Report.objects.count() == 0  # nothing made in the request
    waiting = client.get(response["Location"])
    assert waiting["Refresh"] == "2"
    assert "UPR stakeholder submission" in waiting.text

    run_job.delay(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    document = client.get(reverse("reporting:job_download", args=[job.pk]))
    assert document.status_code == 200
    assert document.content.startswith(b"%PDF")
    assert sorted(job.report.cases.values_list("pk", flat=True)) == sorted(case.pk for case in cases)
    assert job.report.sha256 == document["X-Casebook-SHA256"]


def test_a_short_document_still_comes_at_once_with_a_broker(as_user, advocacy, make_case, background):
    case = make_case(consents={"state": True})
    response = as_user(advocacy).post(
        url("upr_submission"), form([case.reference], profile="public", button="export", **OPTIONS)
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert Job.objects.count() == 0


def test_a_background_document_refused_by_its_checks_says_so(
    as_user,
    officer,
    make_case,
    background,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(views, "BACKGROUND_FROM_CASES", 0)
    case = make_case()  # no consent to raise the case with a platform: the escalation may not leave
    client = as_user(officer)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            url("platform_escalation"), form([case.reference], profile="platform", button="export", **OPTIONS)
        )
    job = Job.objects.get()
    run_job.delay(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == Job.Error.REFUSED
    page = client.get(response["Location"])
    assert "did not pass its checks" in page.text
    assert Report.objects.count() == 0
