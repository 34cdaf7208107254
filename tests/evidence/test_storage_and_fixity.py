"""Storage, download and fixity, the same on the local disk and on an S3-compatible server."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from evidence.models import CustodyEvent, EvidenceItem
from evidence.serving import FixityError
from tests.evidence import corpus
from tests.evidence.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(as_user, officer, case, backend):
    upload(as_user(officer), case, corpus.named(corpus.pdf_bytes(), "statement.pdf"))
    return EvidenceItem.objects.get()


def flip_one_byte(content: bytes) -> bytes:
    middle = len(content) // 2
    return content[:middle] + bytes([content[middle] ^ 0xFF]) + content[middle + 1 :]


def test_original_kept_byte_for_byte_under_its_hash(stored, backend):
    content = corpus.pdf_bytes()
    digest = hashlib.sha256(content).hexdigest()
    assert stored.sha256 == digest
    assert stored.size == len(content)
    assert stored.media_type == "application/pdf"
    assert stored.file.name == f"evidence/originals/{digest[:2]}/{digest[2:4]}/{digest}"
    assert backend.read(stored.file.name) == content


@pytest.mark.s3
def test_s3_objects_are_private_and_encrypted(as_user, officer, case, s3_storage):
    client, bucket = s3_storage
    upload(as_user(officer), case, corpus.named(corpus.pdf_bytes(), "statement.pdf"))
    stored = EvidenceItem.objects.get()
    head = client.head_object(Bucket=bucket, Key=stored.file.name)
    assert head.get("ServerSideEncryption") == "AES256"
    grants = client.get_object_acl(Bucket=bucket, Key=stored.file.name)["Grants"]
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)
    assert all("AuthenticatedUsers" not in str(grant["Grantee"]) for grant in grants)


def test_download_is_an_attachment_that_cannot_render(as_user, officer, partner, shared_case, backend):
    upload(as_user(officer), shared_case, corpus.named(corpus.png_bytes(), "screen shot \u202e.png"))
    item = EvidenceItem.objects.get()
    response = as_user(partner).get(reverse("evidence:download", args=[item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="screen shot .png"'
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Length"] == str(len(corpus.png_bytes()))
    assert b"".join(response.streaming_content) == corpus.png_bytes()
    assert item.custody_events.filter(action=CustodyEvent.Action.DOWNLOADED, actor=partner).exists()


def test_tampered_file_is_refused_before_sending(as_user, officer, stored, backend):
    backend.overwrite(stored.file.name, flip_one_byte(corpus.pdf_bytes()))
    response = as_user(officer).get(reverse("evidence:download", args=[stored.pk]))
    assert response.status_code == 409
    assert "no longer matches the hash" in response.text
    assert stored.custody_events.filter(action=CustodyEvent.Action.FIXITY_FAILED).exists()
    assert not stored.custody_events.filter(action=CustodyEvent.Action.DOWNLOADED).exists()


def test_tampered_file_refused_in_arabic(as_user, officer, stored, backend):
    backend.overwrite(stored.file.name, b"replaced")
    client = as_user(officer)
    client.cookies["django_language"] = "ar"
    response = client.get(reverse("evidence:download", args=[stored.pk]))
    assert response.status_code == 409
    assert "لم يعد هذا الملف مطابقًا" in response.text


def test_large_tampered_file_is_cut_short_while_streaming(as_user, officer, stored, backend, settings, caplog):
    """Above the verify-first size, the mismatch shows at the end: the last chunk is never sent."""
    settings.EVIDENCE_VERIFY_BEFORE_SENDING_BYTES = 0
    backend.overwrite(stored.file.name, flip_one_byte(corpus.pdf_bytes()))
    response = as_user(officer).get(reverse("evidence:download", args=[stored.pk]))
    assert response.status_code == 200
    received = io.BytesIO()
    with pytest.raises(FixityError):
        for chunk in response.streaming_content:
            received.write(chunk)
    assert len(received.getvalue()) < int(response["Content-Length"])
    assert stored.custody_events.filter(action=CustodyEvent.Action.FIXITY_FAILED).exists()
    assert "failed its fixity check" in caplog.text


def test_large_intact_file_streams_whole(as_user, officer, stored, backend, settings):
    settings.EVIDENCE_VERIFY_BEFORE_SENDING_BYTES = 0
    response = as_user(officer).get(reverse("evidence:download", args=[stored.pk]))
    assert b"".join(response.streaming_content) == corpus.pdf_bytes()


def test_missing_file_is_not_served(as_user, officer, stored, backend):
    backend.remove(stored.file.name)
    assert as_user(officer).get(reverse("evidence:download", args=[stored.pk])).status_code == 409


def test_verify_evidence_passes_and_records_the_check(stored, backend, capsys):
    call_command("verify_evidence")
    assert "1 originals checked, 0 problems." in capsys.readouterr().out
    check = stored.custody_events.get(action=CustodyEvent.Action.FIXITY_CHECKED)
    assert check.actor is None
    assert stored.sha256 in check.detail


@pytest.mark.parametrize("damage", ["altered", "missing"])
def test_verify_evidence_catches_damage_and_exits_non_zero(stored, backend, damage, capsys):
    if damage == "altered":
        backend.overwrite(stored.file.name, flip_one_byte(corpus.pdf_bytes()))
    else:
        backend.remove(stored.file.name)
    with pytest.raises(CommandError) as failure:
        call_command("verify_evidence")
    assert failure.value.returncode == 1
    assert f"{stored.file.name}: {damage}" in capsys.readouterr().err
    failed = stored.custody_events.get(action=CustodyEvent.Action.FIXITY_FAILED)
    assert damage in failed.detail


def test_verify_evidence_exit_status_from_the_shell(stored, backend):
    """The exit status a scheduler sees, not only the exception."""
    backend.overwrite(stored.file.name, b"replaced")
    with pytest.raises(SystemExit) as exit_info:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "verify_evidence"])
    assert exit_info.value.code == 1


def test_download_of_hidden_item_is_404(as_user, partner, outsider, stored):
    for user in (partner, outsider):
        assert as_user(user).get(reverse("evidence:download", args=[stored.pk])).status_code == 404
    assert as_user(partner).get(reverse("evidence:download", args=[999999])).status_code == 404


def test_download_is_get_only(as_user, officer, stored):
    assert as_user(officer).post(reverse("evidence:download", args=[stored.pk])).status_code == 405
