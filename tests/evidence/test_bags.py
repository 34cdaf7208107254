"""BagIt export: a package whose SHA-256 manifest the bagit library and bagit.py accept."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from evidence.models import CustodyEvent, EvidenceItem
from tests.evidence import corpus
from tests.evidence.conftest import upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_evidence(as_user, officer, case, backend):
    client = as_user(officer)
    upload(client, case, corpus.named(corpus.png_bytes(), "صورة الشاشة.png"), corpus.named(corpus.pdf_bytes(), "a.pdf"))
    client.post(
        reverse("evidence:link_add", args=[case.reference]),
        {"url": "https://example.org/post/1", "captured_at": "2026-11-01T09:15"},
    )
    return case


def bagit_cli() -> str:
    return str(Path(sys.executable).with_name("bagit.py"))


def test_bag_from_the_case_page_validates(as_user, officer, case_with_evidence, tmp_path):
    response = as_user(officer).post(reverse("evidence:bag", args=[case_with_evidence.reference]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / f"{case_with_evidence.reference}-evidence"
    bag = bagit.Bag(str(root))
    bag.validate()  # raises BagValidationError on any mismatch
    assert bag.info["External-Identifier"] == case_with_evidence.reference
    manifest = bag.payload_entries()
    for item in EvidenceItem.objects.exclude(sha256=""):
        assert manifest[f"data/originals/{item.pk:06d}-{item.original_name}"]["sha256"] == item.sha256
    links = (root / "data" / "links.csv").read_text()
    assert "https://example.org/post/1" in links
    assert "uploaded" in (root / "data" / "custody.csv").read_text()
    cli = subprocess.run([bagit_cli(), "--validate", str(root)], capture_output=True, text=True)
    assert cli.returncode == 0, cli.stderr
    assert CustodyEvent.objects.filter(action=CustodyEvent.Action.EXPORTED).count() == 3


def test_bag_command_and_tampered_bag_fails_validation(officer, case_with_evidence, tmp_path):
    folder = tmp_path / "bag"
    call_command("export_bag", case_with_evidence.reference, str(folder), user="officer")
    payload = next((folder / "data" / "originals").glob("*.pdf"))
    payload.write_bytes(b"changed after export")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(folder)).validate()
    assert subprocess.run([bagit_cli(), "--validate", str(folder)], capture_output=True).returncode != 0


def test_bag_refused_when_a_stored_original_was_altered(as_user, officer, case_with_evidence, backend):
    item = EvidenceItem.objects.filter(media_type="application/pdf").get()
    backend.overwrite(item.file.name, b"replaced")
    response = as_user(officer).post(reverse("evidence:bag", args=[case_with_evidence.reference]), follow=True)
    assert "no longer matches the hash" in response.text
    assert not CustodyEvent.objects.filter(action=CustodyEvent.Action.EXPORTED).exists()
    assert item.custody_events.filter(action=CustodyEvent.Action.FIXITY_FAILED).exists()


def test_bag_permissions(as_user, advocacy, partner, outsider, officer, case, shared_case):
    assert as_user(advocacy).post(reverse("evidence:bag", args=[case.reference])).status_code == 403
    assert as_user(partner).post(reverse("evidence:bag", args=[shared_case.reference])).status_code == 403
    assert as_user(outsider).post(reverse("evidence:bag", args=[case.reference])).status_code == 404
    assert as_user(officer).get(reverse("evidence:bag", args=[case.reference])).status_code == 405


def test_bag_command_refuses_an_existing_folder(officer, case, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_bag", case.reference, str(tmp_path), user="officer")
