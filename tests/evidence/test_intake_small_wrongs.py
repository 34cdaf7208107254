"""Rules that refused what they should keep, and an archived case that still took additions."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import CaseLink, LegalReviewNote
from evidence import services
from evidence.models import CustodyEvent, EvidenceItem
from tests.evidence import corpus
from tests.evidence.conftest import temporary_files, upload
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("content", [b"a", b"\n", "ب".encode()], ids=["letter", "newline", "arabic letter"])
def test_a_text_file_of_one_character_is_kept(as_user, officer, case, backend, content):
    response = upload(as_user(officer), case, corpus.named(content, "note.txt"))
    item = EvidenceItem.objects.get()
    assert (item.media_type, item.size) == ("text/plain", len(content))
    assert backend.read(item.file.name) == content
    assert "added: " in response.text and "SHA-256" in response.text


def test_one_byte_that_is_not_text_is_still_refused(as_user, officer, case, backend):
    response = upload(as_user(officer), case, corpus.named(b"\x00", "note.txt"))
    assert "“note.txt” was refused" in response.text
    assert not EvidenceItem.objects.exists()


@pytest.mark.parametrize("name", ["statement.pdf ", "statement.pdf.", "statement.pdf. . ", "statement.pdf.."])
def test_a_name_ending_in_spaces_or_dots_is_normalised_and_kept_in_custody(as_user, officer, case, backend, name):
    response = upload(as_user(officer), case, corpus.named(corpus.pdf_bytes(), name))
    item = EvidenceItem.objects.get()
    assert item.original_name == "statement.pdf"
    assert item.media_type == "application/pdf"
    uploaded = item.custody_events.get(action=CustodyEvent.Action.UPLOADED)
    assert f"received as {json.dumps(name)}" in uploaded.detail
    assert "was refused" not in response.text


def test_a_trailing_dot_does_not_hide_a_contradicting_ending(as_user, officer, case, backend):
    response = upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "statement.pdf."))
    assert "ends in .pdf but its content is image/png" in response.text
    assert not EvidenceItem.objects.exists()


@pytest.fixture
def archived(officer, administrator, case):
    return case_services.case_archive(actor=administrator, case=case, reason="closed at the family's request")


def test_an_archived_case_refuses_uploads_and_leaves_nothing(as_user, officer, archived, backend):
    before = temporary_files()
    response = upload(as_user(officer), archived, corpus.named(corpus.png_bytes(), "one.png"))
    assert "“one.png” was refused: this case is archived; restore it before adding evidence." in response.text
    assert not EvidenceItem.objects.exists() and not CustodyEvent.objects.exists()
    assert backend.names() == []
    assert temporary_files() <= before


def test_an_archived_case_page_offers_no_upload(as_user, officer, archived):
    response = as_user(officer).get(archived.get_absolute_url())
    assert response.status_code == 200
    assert reverse("evidence:upload", args=[archived.reference]) not in response.text
    assert reverse("evidence:link_add", args=[archived.reference]) not in response.text


@pytest.mark.parametrize("with_copy", [False, True], ids=["link", "link with archived copy"])
def test_an_archived_case_refuses_evidence_links(as_user, officer, archived, backend, with_copy):
    data = {"url": "https://example.org/post/1", "captured_at": "2026-01-02T10:00"}
    if with_copy:
        data["archived_copy"] = corpus.named(corpus.pdf_bytes(), "capture.pdf")
    response = as_user(officer).post(reverse("evidence:link_add", args=[archived.reference]), data, follow=True)
    assert "this case is archived; restore it before adding evidence." in response.text.lower()
    assert not EvidenceItem.objects.exists()
    assert backend.names() == []


def test_an_archived_case_refuses_collection_statements(as_user, officer, administrator, case, backend):
    item = services.link_add(actor=officer, case=case, url="https://example.org/a", captured_at=timezone.now())
    case_services.case_archive(actor=administrator, case=case, reason="duplicate")
    before = item.custody_events.filter(action=CustodyEvent.Action.COLLECTED).count()
    response = as_user(officer).post(
        reverse("evidence:collection_add", args=[item.pk]), {"collected_by": "Field team"}, follow=True
    )
    assert "This case is archived; restore it before adding evidence." in response.text
    assert item.custody_events.filter(action=CustodyEvent.Action.COLLECTED).count() == before


def test_an_archived_case_refuses_review_notes(as_user, administrator, partner, shared_case):
    case_services.case_archive(actor=administrator, case=shared_case, reason="duplicate")
    client = as_user(administrator)
    response = client.post(reverse("cases:review", args=[shared_case.reference]), {"text": "Article 19"}, follow=True)
    assert "This case is archived; restore it before changing it." in response.text
    assert not LegalReviewNote.objects.exists()


def test_an_archived_case_refuses_case_links_both_ways(as_user, officer, administrator, archived):
    other = CaseFactory(created_by=officer)
    other.assigned_officers.add(officer)
    client = as_user(administrator)
    response = client.post(
        reverse("cases:link", args=[archived.reference]), {"reference": other.reference, "kind": "related"}, follow=True
    )
    assert "This case is archived; restore it before changing it." in response.text
    response = client.post(
        reverse("cases:link", args=[other.reference]), {"reference": archived.reference, "kind": "related"}, follow=True
    )
    assert "The other case is archived; restore it before linking it." in response.text
    assert not CaseLink.objects.exists()


def test_a_restored_case_accepts_uploads_again(as_user, officer, administrator, archived, backend):
    case_services.case_unarchive(actor=administrator, case=archived)
    upload(as_user(officer), archived, corpus.named(corpus.png_bytes(), "one.png"))
    assert EvidenceItem.objects.count() == 1


def test_archived_refusal_in_arabic(as_user, officer, archived, backend):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = upload(client, archived, corpus.named(corpus.png_bytes(), "one.png"))
    assert "هذه القضية مؤرشفة" in response.text
