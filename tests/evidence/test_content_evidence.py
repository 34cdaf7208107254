"""Evidence attached to a content item, and a re-check stated with a screenshot."""

from datetime import timedelta

import pytest
from django.urls import reverse

from cases import services
from cases.models import Platform
from evidence.models import EvidenceItem
from tests.evidence.corpus import named, png_bytes, windows_executable
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def content(officer, case):
    return services.content_item_save(
        actor=officer,
        case=case,
        url="https://www.instagram.com/p/Cx1",
        platform=Platform.objects.get(code="instagram"),
        removed_on=services.local_today() - timedelta(days=20),
    )


def test_a_check_with_a_screenshot_keeps_the_file_as_evidence_of_the_item(as_user, officer, case):
    item = content(officer, case)
    client = as_user(officer)
    response = client.post(
        reverse("evidence:content_check", args=[case.reference, item.pk]),
        {"result": "still_down", "screenshot": named(png_bytes(), "check.png")},
    )
    assert response["Location"] == item.get_absolute_url()
    evidence = EvidenceItem.objects.get()
    assert (evidence.case, evidence.content_item, evidence.original_name) == (case, item, "check.png")
    item.refresh_from_db()
    assert item.checked_on == services.local_today() and item.status == "removed"
    assert item.status_changes.latest("recorded_at").is_check
    page = client.get(item.get_absolute_url()).text
    assert reverse("evidence:detail", args=[evidence.pk]) in page


def test_a_refused_screenshot_records_no_check(as_user, officer, case):
    item = content(officer, case)
    response = as_user(officer).post(
        reverse("evidence:content_check", args=[case.reference, item.pk]),
        {"result": "back", "screenshot": named(windows_executable(), "check.png")},
        follow=True,
    )
    assert not EvidenceItem.objects.exists()
    item.refresh_from_db()
    assert item.status == "removed" and item.checked_on is None
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_a_check_dated_in_the_future_stores_nothing(as_user, officer, case):
    item = content(officer, case)
    as_user(officer).post(
        reverse("evidence:content_check", args=[case.reference, item.pk]),
        {
            "result": "back",
            "on": (services.local_today() + timedelta(days=2)).isoformat(),
            "screenshot": named(png_bytes(), "a.png"),
        },
    )
    assert not EvidenceItem.objects.exists() and item.status_changes.count() == 1


def test_evidence_of_the_case_is_attached_to_an_item_and_not_across_cases(as_user, officer, case):
    item = content(officer, case)
    client = as_user(officer)
    client.post(reverse("evidence:upload", args=[case.reference]), {"files": [named(png_bytes(), "post.png")]})
    evidence = EvidenceItem.objects.get()
    assert "id_attach_evidence" in client.get(item.get_absolute_url()).text
    client.post(reverse("evidence:content_attach", args=[case.reference, item.pk]), {"evidence": evidence.pk})
    evidence.refresh_from_db()
    assert evidence.content_item == item
    assert evidence.history.latest().content_item_id == item.pk
    other = CaseFactory(created_by=officer)
    other_item = content(officer, other)
    response = client.post(
        reverse("evidence:content_attach", args=[other.reference, other_item.pk]), {"evidence": evidence.pk}
    )
    assert response.status_code == 404
    evidence.refresh_from_db()
    assert evidence.content_item == item


def test_a_reader_may_not_attach_or_check(as_user, officer, advocacy, case):
    item = content(officer, case)
    client = as_user(advocacy)
    response = client.post(
        reverse("evidence:content_check", args=[case.reference, item.pk]),
        {"result": "back", "screenshot": named(png_bytes(), "a.png")},
    )
    assert response.status_code == 403
    assert "id_check_screenshot" not in client.get(item.get_absolute_url()).text
    assert not EvidenceItem.objects.exists() and item.status_changes.count() == 1
