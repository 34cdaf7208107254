"""The chain of custody: append-only, shown on the item's page, fed by every step."""

import pytest
from django.urls import reverse

from evidence.models import AppendOnlyError, CustodyEvent, EvidenceItem
from evidence.services import custody_record
from tests.evidence import corpus
from tests.evidence.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(as_user, officer, shared_case):
    upload(as_user(officer), shared_case, corpus.named(corpus.png_bytes(), "a.png"))
    return EvidenceItem.objects.get()


def test_custody_log_cannot_be_changed_or_emptied(item):
    event = item.custody_events.get()
    event.detail = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CustodyEvent.objects.filter(item=item).update(detail="rewritten")
    with pytest.raises(AppendOnlyError):
        CustodyEvent.objects.filter(item=item).delete()
    assert CustodyEvent.objects.get().detail.startswith("SHA-256 ")


def test_item_page_shows_the_log_and_records_the_view(as_user, officer, partner, item):
    response = as_user(partner).get(reverse("evidence:detail", args=[item.pk]))
    assert response.status_code == 200
    assert item.sha256 in response.text
    assert "Chain of custody" in response.text
    assert "Uploaded" in response.text
    assert item.custody_events.filter(action=CustodyEvent.Action.VIEWED, actor=partner).exists()


def test_collection_statement_added_later_is_shown(as_user, officer, item):
    client = as_user(officer)
    response = client.post(
        reverse("evidence:collection_add", args=[item.pk]),
        {"collected_by": "مراسل ميداني", "collected_from": "Telegram channel @example", "collection_tool": "Hunchly"},
        follow=True,
    )
    assert "Collection statement added" in response.text
    assert "مراسل ميداني" in response.text and "Hunchly" in response.text
    event = item.custody_events.get(action=CustodyEvent.Action.COLLECTED)
    assert event.actor == officer and event.collected_from == "Telegram channel @example"


def test_empty_collection_statement_is_refused(as_user, officer, item):
    response = as_user(officer).post(reverse("evidence:collection_add", args=[item.pk]), {}, follow=True)
    assert "State at least one fact" in response.text
    assert not item.custody_events.filter(action=CustodyEvent.Action.COLLECTED).exists()


def test_sharing_and_withdrawing_the_case_are_custody_events(as_user, officer, administrator, case):
    from tests.factories import UserFactory

    lawyer = UserFactory(username="lawyer", role="Legal partner")
    upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    item = EvidenceItem.objects.get()
    client = as_user(administrator)
    client.post(reverse("cases:share", args=[case.reference]), {"partner": lawyer.pk})
    client.post(reverse("cases:revoke", args=[case.reference, lawyer.pk]))
    shared = item.custody_events.get(action=CustodyEvent.Action.SHARED)
    withdrawn = item.custody_events.get(action=CustodyEvent.Action.ACCESS_WITHDRAWN)
    assert shared.actor == administrator and "lawyer" in shared.detail
    assert withdrawn.actor == administrator


def test_report_inclusion_through_the_custody_api(item, officer):
    parameters = {"report": 7, "template": "case_file", "profile": "internal", "sha256": "ab" * 32}
    event = custody_record(
        item=item, action=CustodyEvent.Action.INCLUDED_IN_REPORT, actor=officer, code="report", parameters=parameters
    )
    assert event.get_action_display() == "Included in a report"
    assert event.detail.startswith("report 7 (case_file, internal)")


def test_an_unknown_detail_code_is_refused(item, officer):
    with pytest.raises(ValueError):
        custody_record(item=item, action=CustodyEvent.Action.VIEWED, actor=officer, code="made up")


@pytest.mark.parametrize(
    ("language", "shared", "uploaded"),
    [("en", "shared with lawyer", "bytes"), ("ar", "شُوركت مع lawyer", "بايت")],
)
def test_custody_details_read_in_the_readers_language(
    as_user, officer, administrator, item, language, shared, uploaded
):
    from tests.factories import UserFactory

    lawyer = UserFactory(username="lawyer", role="Legal partner")
    as_user(administrator).post(reverse("cases:share", args=[item.case.reference]), {"partner": lawyer.pk})
    client = as_user(officer)
    client.cookies["django_language"] = language
    text = client.get(reverse("evidence:detail", args=[item.pk])).text
    assert shared in text
    uploaded_line = text[text.index(item.sha256) - 200 : text.index(item.sha256) + 200]
    assert uploaded in uploaded_line
    if language == "ar":
        assert "shared with" not in text and "bytes" not in text


def test_events_written_before_the_codes_show_their_stored_words(item, officer):
    event = CustodyEvent(item=item, action=CustodyEvent.Action.VIEWED, detail="sha256 abc; 3 bytes")
    assert event.describe() == "sha256 abc; 3 bytes"


def test_item_page_of_hidden_case_is_404(as_user, outsider, other_officer, officer, restricted_case, item):
    upload(as_user(officer), restricted_case, corpus.named(corpus.pdf_bytes(), "b.pdf"))
    hidden = EvidenceItem.objects.get(case=restricted_case)
    assert as_user(outsider).get(reverse("evidence:detail", args=[item.pk])).status_code == 404
    assert as_user(other_officer).get(reverse("evidence:detail", args=[hidden.pk])).status_code == 404
    assert not hidden.custody_events.filter(action=CustodyEvent.Action.VIEWED).exists()


def test_item_page_is_get_only(as_user, officer, item):
    assert as_user(officer).post(reverse("evidence:detail", args=[item.pk])).status_code == 405


def test_read_only_roles_cannot_add_collection_statements(as_user, advocacy, partner, item):
    url = reverse("evidence:collection_add", args=[item.pk])
    assert as_user(advocacy).post(url, {"collected_by": "x"}).status_code == 403
    assert as_user(partner).post(url, {"collected_by": "x"}).status_code == 403


def test_collection_statement_on_hidden_item_is_404_and_post_only(as_user, outsider, officer, item):
    url = reverse("evidence:collection_add", args=[item.pk])
    assert as_user(outsider).post(url, {"collected_by": "x"}).status_code == 404
    assert as_user(officer).get(url).status_code == 405


def test_item_page_in_arabic_is_right_to_left(as_user, officer, item):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = client.get(reverse("evidence:detail", args=[item.pk]))
    assert 'dir="rtl"' in response.text
    assert "سلسلة الحيازة" in response.text
    assert "رُفع" in response.text
