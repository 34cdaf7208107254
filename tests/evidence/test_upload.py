import hashlib
import io
import os

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from evidence.models import CustodyEvent, EvidenceItem

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def windows_executable() -> bytes:
    """A minimal PE header: what libmagic needs to call it a Windows program."""
    dos = bytearray(128)
    dos[0:2] = b"MZ"
    dos[0x3C:0x40] = (128).to_bytes(4, "little")
    pe = b"PE\0\0" + (0x14C).to_bytes(2, "little") + bytes(18)
    return bytes(dos) + pe + bytes(512)


def named(content: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def upload(client, case, *files, description=""):
    return client.post(
        reverse("evidence:upload", args=[case.reference]),
        {"files": list(files), "description": description},
        follow=True,
    )


def stored_files() -> list[str]:
    found = []
    root = default_storage.location
    for folder, _dirs, files in os.walk(root):
        found += [os.path.join(folder, name) for name in files]
    return found


def test_image_is_kept_with_its_hash_shown(as_user, officer, case):
    content = png_bytes()
    response = upload(as_user(officer), case, named(content, "screenshot.png"))
    item = EvidenceItem.objects.get()
    digest = hashlib.sha256(content).hexdigest()
    assert item.sha256 == digest
    assert item.media_type == "image/png"
    assert item.file.name == f"evidence/originals/{digest[:2]}/{digest[2:4]}/{digest}"
    assert default_storage.open(item.file.name).read() == content
    assert digest in response.text
    assert item.custody_events.get().action == CustodyEvent.Action.UPLOADED


def test_executable_renamed_jpg_is_refused_and_nothing_stored(as_user, officer, case):
    before = stored_files()
    response = upload(as_user(officer), case, named(windows_executable(), "holiday.jpg"))
    assert "“holiday.jpg” was refused" in response.text
    assert "Windows executable" in response.text
    assert EvidenceItem.objects.count() == 0
    assert stored_files() == before


def test_refusal_message_in_arabic(as_user, officer, case):
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = upload(client, case, named(windows_executable(), "holiday.jpg"))
    assert "رُفض الملف" in response.text
    assert "برنامج تنفيذي لنظام ويندوز" in response.text


def test_html_renamed_pdf_is_refused(as_user, officer, case):
    response = upload(as_user(officer), case, named(b"<!doctype html><html><script>x</script></html>", "a.pdf"))
    assert "HTML page" in response.text
    assert EvidenceItem.objects.count() == 0


def test_extension_contradicting_content_is_refused(as_user, officer, case):
    response = upload(as_user(officer), case, named(png_bytes(), "statement.pdf"))
    assert "ends in .pdf but its content is image/png" in response.text
    assert EvidenceItem.objects.count() == 0


def test_empty_and_oversized_files_are_refused(as_user, officer, case, settings):
    settings.CASEBOOK_MAX_UPLOAD_BYTES = 1024
    before = stored_files()
    response = upload(as_user(officer), case, named(b"", "empty.txt"), named(b"a" * 4096, "big.txt"))
    assert "“empty.txt” was refused: the file is empty." in response.text
    assert "“big.txt” was refused: it is larger than the limit of 1.0\xa0KB." in response.text
    assert EvidenceItem.objects.count() == 0
    assert stored_files() == before


def test_duplicate_upload_is_recognised(as_user, officer, case):
    client = as_user(officer)
    upload(client, case, named(png_bytes(), "one.png"))
    response = upload(client, case, named(png_bytes(), "two.png"))
    assert "already attached to this case as “one.png”" in response.text
    assert EvidenceItem.objects.count() == 1


def test_download_is_an_attachment_that_cannot_render(as_user, officer, partner, shared_case):
    upload(as_user(officer), shared_case, named(png_bytes(), "screenshot.png"))
    item = EvidenceItem.objects.get()
    response = as_user(partner).get(reverse("evidence:download", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="screenshot.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png_bytes()
    assert item.custody_events.filter(action=CustodyEvent.Action.DOWNLOADED, actor=partner).exists()


def test_tampered_file_is_not_served(as_user, officer, case):
    client = as_user(officer)
    upload(client, case, named(png_bytes(), "screenshot.png"))
    item = EvidenceItem.objects.get()
    with open(default_storage.path(item.file.name), "ab") as handle:
        handle.write(b"tampered")
    response = client.get(reverse("evidence:download", args=[item.pk]))
    assert response.status_code == 409
    assert "no longer matches" in response.text
    assert item.custody_events.filter(action=CustodyEvent.Action.FIXITY_FAILED).exists()


def test_evidence_of_hidden_case_is_404(as_user, officer, partner, outsider, case):
    upload(as_user(officer), case, named(png_bytes(), "screenshot.png"))
    item = EvidenceItem.objects.get()
    for user in (partner, outsider):
        assert as_user(user).get(reverse("evidence:download", args=[item.pk])).status_code == 404
    assert as_user(partner).post(reverse("evidence:upload", args=[case.reference])).status_code == 404


def test_roles_that_may_not_add_evidence_get_403(as_user, advocacy, partner, case, shared_case):
    assert upload(as_user(advocacy), case, named(png_bytes(), "a.png")).status_code == 403
    assert upload(as_user(partner), shared_case, named(png_bytes(), "a.png")).status_code == 403
    assert EvidenceItem.objects.count() == 0


def test_hostile_file_name_is_cleaned(as_user, officer, case):
    upload(as_user(officer), case, named(png_bytes(), "../../\u202egnp.exe\x00.png"))
    item = EvidenceItem.objects.get()
    assert "/" not in item.original_name
    assert "\u202e" not in item.original_name
    assert "\x00" not in item.original_name
