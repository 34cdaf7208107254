"""Links as evidence: the URL, its capture date, the note, and an archived copy when one is given."""

import pytest
from django.urls import reverse

from evidence.models import CustodyEvent, EvidenceItem
from tests.evidence import corpus

pytestmark = pytest.mark.django_db


def add_link(client, case, **fields):
    data = {"url": "https://x.com/example/status/1", "captured_at": "2026-11-01T09:15", "note": "Deleted since"}
    return client.post(reverse("evidence:link_add", args=[case.reference]), {**data, **fields}, follow=True)


def test_link_without_copy_is_recorded(as_user, officer, case, backend):
    response = add_link(as_user(officer), case, collected_by="Monitoring team", collection_tool="Browser")
    item = EvidenceItem.objects.get()
    assert item.kind == EvidenceItem.Kind.LINK
    assert item.url == "https://x.com/example/status/1"
    assert item.captured_at.isoformat().startswith("2026-11-01T09:15")
    assert item.description == "Deleted since"
    assert not item.has_file and backend.names() == []
    assert "https://x.com/example/status/1" in response.text
    actions = list(item.custody_events.values_list("action", flat=True))
    assert actions[:2] == [CustodyEvent.Action.COLLECTED, CustodyEvent.Action.UPLOADED]


def test_link_with_archived_copy_keeps_the_copy_as_evidence(as_user, officer, case, backend):
    add_link(as_user(officer), case, archived_copy=corpus.named(corpus.pdf_bytes(), "capture.pdf"))
    item = EvidenceItem.objects.get()
    assert item.kind == EvidenceItem.Kind.LINK and item.has_file
    assert backend.read(item.file.name) == corpus.pdf_bytes()
    response = as_user(officer).get(reverse("evidence:download", args=[item.pk]))
    assert b"".join(response.streaming_content) == corpus.pdf_bytes()


def test_hostile_archived_copy_is_refused_and_nothing_kept(as_user, officer, case, backend):
    response = add_link(as_user(officer), case, archived_copy=corpus.named(corpus.html_page(), "capture.pdf"))
    assert "“capture.pdf” was refused" in response.text
    assert EvidenceItem.objects.count() == 0 and backend.names() == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"url": "file:///etc/passwd"}, "Enter a valid URL."),
        ({"captured_at": "2099-01-01T00:00"}, "The capture date cannot be in the future."),
        ({"captured_at": ""}, "This field is required."),
    ],
)
def test_bad_link_is_refused_with_a_message(as_user, officer, case, fields, message):
    response = add_link(as_user(officer), case, **fields)
    assert message in response.text
    assert EvidenceItem.objects.count() == 0


def test_link_of_hidden_case_is_404_read_only_is_403_and_post_only(as_user, outsider, advocacy, officer, case):
    assert add_link(as_user(outsider), case).status_code == 404
    assert add_link(as_user(advocacy), case).status_code == 403
    assert as_user(officer).get(reverse("evidence:link_add", args=[case.reference])).status_code == 405
    assert EvidenceItem.objects.count() == 0


def test_link_item_has_no_download(as_user, officer, case):
    add_link(as_user(officer), case)
    item = EvidenceItem.objects.get()
    assert as_user(officer).get(reverse("evidence:download", args=[item.pk])).status_code == 404


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_link_page_shows_only_what_exists(as_user, officer, case, backend, language):
    from django.utils.translation import gettext, override

    with override(language):
        copy_label = gettext("Archived copy")
    client = as_user(officer)
    client.cookies["django_language"] = language

    def facts(item):
        page = client.get(reverse("evidence:detail", args=[item.pk])).text
        start = page.index('<dl class="facts">')
        return page[start : page.index("</dl>", start)]

    add_link(client, case)
    bare = facts(EvidenceItem.objects.get())
    assert "https://x.com/example/status/1" in bare
    assert copy_label not in bare
    add_link(client, case, archived_copy=corpus.named(corpus.pdf_bytes(), "capture.pdf"))
    full = facts(EvidenceItem.objects.exclude(file="").get())
    assert copy_label in full and "capture.pdf" in full
