"""The hostile corpus: each file refused or neutralised, and nothing of it left behind."""

import hashlib

import pytest
from django.urls import reverse

from evidence.models import CustodyEvent, Derivative, EvidenceItem
from tests.evidence import corpus
from tests.evidence.conftest import temporary_files, upload
from tests.evidence.corpus import named, png_bytes, windows_executable  # noqa: F401 - shared with other apps' tests

pytestmark = pytest.mark.django_db

REFUSED = [
    ("exe renamed jpg", corpus.windows_executable, "holiday.jpg", "a Windows executable"),
    ("html renamed pdf", corpus.html_page, "statement.pdf", "an HTML page"),
    ("svg with script", lambda: corpus.svg(script=True), "logo.svg", "it holds a “script” element"),
    ("svg with event handler", corpus.svg_with_handler, "logo.svg", "attribute, which is not accepted"),
    ("png decompression bomb", corpus.png_bomb, "map.png", "decompression bomb"),
    ("zip bomb", corpus.zip_bomb, "archive.zip", "decompression bomb"),
    # zipfile stops at the declared size; the checksum of the truncated member then fails.
    ("zip lying about sizes", corpus.zip_lying_about_sizes, "notes.zip", "the archive is damaged"),
    ("zip with ../ paths", corpus.zip_with_traversal, "photos.zip", "a path that leads outside it"),
    (
        "zip holding an executable",
        lambda: corpus.zip_of({"readme.txt": b"hello", "setup.exe": corpus.windows_executable()}),
        "bundle.zip",
        "“setup.exe” inside it: its content is a Windows executable",
    ),
    (
        "zip inside a zip",
        lambda: corpus.zip_of({"inner.zip": corpus.zip_of({"a.txt": b"a"})}),
        "outer.zip",
        "an archive inside an archive",
    ),
    ("docx with macros", corpus.docx_with_macros, "letter.docx", "contains macros"),
    ("png named pdf", corpus.png_bytes, "statement.pdf", "ends in .pdf but its content is image/png"),
    ("empty file", lambda: b"", "empty.txt", "the file is empty."),
    ("oversized file", lambda: b"a" * (6 * 1024 * 1024), "big.txt", "larger than the limit of 5.0\xa0MB"),
]


@pytest.mark.parametrize(("content", "name", "reason"), [case[1:] for case in REFUSED], ids=[c[0] for c in REFUSED])
def test_hostile_file_is_refused_and_leaves_nothing(as_user, officer, case, backend, content, name, reason):
    before = temporary_files()
    response = upload(as_user(officer), case, corpus.named(content(), name))
    assert f"“{name}” was refused" in response.text
    assert reason in response.text.replace("&quot;", '"').replace("&#x27;", "'")
    assert EvidenceItem.objects.count() == 0
    assert CustodyEvent.objects.count() == 0
    assert Derivative.objects.count() == 0
    assert backend.names() == []
    assert temporary_files() <= before


def test_zip_with_too_many_files_is_refused(as_user, officer, case, backend, settings):
    settings.EVIDENCE_ARCHIVE_MAX_MEMBERS = 5
    members = {f"note{index}.txt": b"note %d" % index for index in range(6)}
    response = upload(as_user(officer), case, corpus.named(corpus.zip_of(members), "notes.zip"))
    assert "the archive holds 6 files; at most 5 are accepted." in response.text
    assert EvidenceItem.objects.count() == 0
    assert backend.names() == []


def test_zip_over_the_total_expanded_size_is_refused(as_user, officer, case, backend, settings):
    settings.EVIDENCE_ARCHIVE_MAX_TOTAL_BYTES = 1000
    archive = corpus.zip_of({"a.txt": b"a" * 800, "b.txt": b"b" * 800}, compression=0)
    response = upload(as_user(officer), case, corpus.named(archive, "two.zip"))
    assert "decompression bomb" in response.text
    assert backend.names() == []


def test_zip_whose_members_pass_is_kept_whole(as_user, officer, case, backend):
    archive = corpus.zip_of({"screens/one.png": corpus.png_bytes(), "notes.txt": "ملاحظات".encode()})
    response = upload(as_user(officer), case, corpus.named(archive, "screens.zip"))
    item = EvidenceItem.objects.get()
    assert item.media_type == "application/zip"
    assert item.sha256 == hashlib.sha256(archive).hexdigest()
    assert backend.read(item.file.name) == archive
    assert "“screens.zip” added: " in response.text and f"SHA-256 {item.sha256}." in response.text


def test_svg_without_script_is_accepted(as_user, officer, case, backend):
    upload(as_user(officer), case, corpus.named(corpus.svg(script=False), "logo.svg"))
    assert EvidenceItem.objects.get().media_type == "image/svg+xml"


def test_hostile_file_name_is_neutralised(as_user, officer, case, backend):
    upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "../../\u202egnp.exe\x00..png"))
    item = EvidenceItem.objects.get()
    for hostile in ("/", "\u202e", "\x00", ".."):
        assert hostile not in item.original_name
    assert item.file.name == f"evidence/originals/{item.sha256[:2]}/{item.sha256[2:4]}/{item.sha256}"


def test_refusal_message_in_arabic(as_user, officer, case, backend):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = upload(client, case, corpus.named(corpus.windows_executable(), "holiday.jpg"))
    assert "رُفض الملف" in response.text
    assert "برنامج تنفيذي لنظام ويندوز" in response.text


def test_one_refusal_does_not_stop_the_others(as_user, officer, case, backend):
    response = upload(
        as_user(officer),
        case,
        corpus.named(corpus.png_bytes(), "one.png"),
        corpus.named(corpus.windows_executable(), "two.jpg"),
        corpus.named(corpus.pdf_bytes(), "three.pdf"),
    )
    assert sorted(EvidenceItem.objects.values_list("original_name", flat=True)) == ["one.png", "three.pdf"]
    assert "“two.jpg” was refused" in response.text


def test_duplicate_upload_is_recognised_by_hash(as_user, officer, case, backend):
    client = as_user(officer)
    upload(client, case, corpus.named(corpus.png_bytes(), "one.png"))
    response = upload(client, case, corpus.named(corpus.png_bytes(), "renamed.png"))
    assert "already attached to this case as “one.png”" in response.text
    assert EvidenceItem.objects.count() == 1


def test_same_bytes_in_two_cases_share_one_stored_original(as_user, officer, case, shared_case, backend):
    client = as_user(officer)
    upload(client, case, corpus.named(corpus.png_bytes(), "one.png"))
    upload(client, shared_case, corpus.named(corpus.png_bytes(), "one.png"))
    first, second = EvidenceItem.objects.order_by("pk")
    assert first.file.name == second.file.name
    assert [name for name in backend.names() if "originals" in name] == [first.file.name]


def test_json_answer_for_the_upload_script(as_user, officer, case, backend):
    response = as_user(officer).post(
        reverse("evidence:upload", args=[case.reference]),
        {"files": [corpus.named(corpus.png_bytes(), "a.png"), corpus.named(b"", "b.txt")]},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 422
    results = response.json()["results"]
    assert results[0]["ok"] is True
    assert results[0]["url"] == EvidenceItem.objects.get().get_absolute_url()
    assert results[1] == {"ok": False, "message": "“b.txt” was refused: the file is empty."}


def test_collection_statement_is_recorded_with_the_upload(as_user, officer, case, backend):
    upload(
        as_user(officer),
        case,
        corpus.named(corpus.png_bytes(), "a.png"),
        collected_by="Field researcher R.",
        collected_at="2026-10-01T14:30",
        collected_from="The victim's phone, WhatsApp chat",
        collection_tool="Screenshot on Android 14",
    )
    collected, uploaded = EvidenceItem.objects.get().custody_events.order_by("pk")
    assert collected.action == CustodyEvent.Action.COLLECTED
    assert collected.actor == officer
    assert collected.collected_by == "Field researcher R."
    assert collected.collected_at.isoformat().startswith("2026-10-01T14:30")
    assert collected.collected_from == "The victim's phone, WhatsApp chat"
    assert collected.collection_tool == "Screenshot on Android 14"
    assert uploaded.action == CustodyEvent.Action.UPLOADED


def test_roles_that_may_not_add_evidence_get_403(as_user, advocacy, partner, case, shared_case):
    png = corpus.png_bytes()
    assert upload(as_user(advocacy), case, corpus.named(png, "a.png")).status_code == 403
    assert upload(as_user(partner), shared_case, corpus.named(png, "a.png")).status_code == 403
    assert EvidenceItem.objects.count() == 0


def test_upload_to_hidden_case_is_404(as_user, partner, outsider, case, restricted_case, other_officer):
    png = corpus.png_bytes()
    assert upload(as_user(partner), case, corpus.named(png, "a.png")).status_code == 404
    assert upload(as_user(outsider), case, corpus.named(png, "a.png")).status_code == 404
    assert upload(as_user(other_officer), restricted_case, corpus.named(png, "a.png")).status_code == 404


def test_upload_is_post_only(as_user, officer, case):
    assert as_user(officer).get(reverse("evidence:upload", args=[case.reference])).status_code == 405


def test_large_upload_is_flushed_to_disk_as_it_arrives(as_user, officer, case, backend, monkeypatch):
    """The background flushes during the upload leave the kept bytes exactly as sent."""
    from evidence.uploads import HashingUploadHandler

    monkeypatch.setattr(HashingUploadHandler, "chunk_size", 64 * 1024)
    monkeypatch.setattr(HashingUploadHandler, "flush_every", 64 * 1024)
    content = "\n".join(f"line {number} of a long chat export" for number in range(60_000)).encode()
    upload(as_user(officer), case, corpus.named(content, "chat.txt"))
    item = EvidenceItem.objects.get()
    assert item.sha256 == hashlib.sha256(content).hexdigest()
    assert backend.read(item.file.name) == content


@pytest.mark.parametrize(
    ("language", "kept", "size"),
    [("en", "“shot.png” added: ", "bytes, SHA-256 "), ("ar", "أُضيف الملف «shot.png»: ", "بايت، بصمة SHA-256: ")],
)
def test_an_upload_confirms_what_was_kept_in_the_readers_language(
    as_user, officer, case, backend, language, kept, size
):
    client = as_user(officer)
    client.cookies["django_language"] = language
    response = upload(client, case, corpus.named(corpus.png_bytes(), "shot.png"))
    item = EvidenceItem.objects.get()
    message = next(str(message) for message in response.context["messages"])
    assert message.startswith(kept) and size in message and item.sha256 in message
    assert str(item.size) in message


def test_the_script_driven_upload_leaves_the_confirmation_for_the_reloaded_page(as_user, officer, case, backend):
    from django.urls import reverse

    client = as_user(officer)
    files = [corpus.named(corpus.png_bytes(), "shot.png")]
    answer = client.post(
        reverse("evidence:upload", args=[case.reference]), {"files": files}, headers={"Accept": "application/json"}
    )
    assert answer.json()["results"][0]["ok"]
    page = client.get(case.get_absolute_url())
    assert "“shot.png” added: " in page.text
