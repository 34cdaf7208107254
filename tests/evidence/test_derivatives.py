"""Working copies: made from the original, stored apart, linked by hash, without any metadata."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from evidence.models import Derivative, EvidenceItem
from tests.evidence import corpus
from tests.evidence.conftest import upload

pytestmark = pytest.mark.django_db


def test_photo_with_gps_warns_the_officer_and_its_copies_carry_no_metadata(as_user, officer, case, backend):
    original = corpus.jpeg_with_gps()
    response = upload(as_user(officer), case, corpus.named(original, "protest.jpg"))
    assert "carries GPS coordinates" in response.text
    item = EvidenceItem.objects.get()
    assert item.has_location
    assert backend.read(item.file.name) == original  # the original is never altered

    copies = {derivative.kind: derivative for derivative in Derivative.objects.filter(original_sha256=item.sha256)}
    assert set(copies) == {"thumbnail", "preview"}
    for derivative in copies.values():
        assert derivative.file.name.startswith(f"evidence/derivatives/{item.sha256[:2]}/")
        content = backend.read(derivative.file.name)
        image = Image.open(io.BytesIO(content))
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "xmp" not in image.info and "exif" not in image.info
        assert b"GPS" not in content and b"PhoneMaker" not in content and b"xmpmeta" not in content


def test_photo_without_gps_gives_no_warning(as_user, officer, case, backend):
    response = upload(as_user(officer), case, corpus.named(corpus.png_bytes(size=(600, 400)), "screen.png"))
    assert "GPS" not in response.text
    thumbnail = Derivative.objects.get(kind="thumbnail")
    assert (thumbnail.width, thumbnail.height) == (320, 213)


def test_first_page_of_a_pdf_is_previewed(as_user, officer, case, backend):
    upload(as_user(officer), case, corpus.named(corpus.pdf_bytes(), "statement.pdf"))
    preview = Derivative.objects.get(kind="preview")
    image = Image.open(io.BytesIO(backend.read(preview.file.name)))
    assert max(image.size) == 1280
    assert image.getpixel((image.width // 2, image.height // 2))[2] > 120  # the page's blue, rendered


def test_preview_is_shown_on_the_item_page_and_served_as_an_image(as_user, officer, partner, shared_case, backend):
    upload(as_user(officer), shared_case, corpus.named(corpus.jpeg_with_gps(), "protest.jpg"))
    item = EvidenceItem.objects.get()
    client = as_user(partner)
    page = client.get(reverse("evidence:detail", args=[item.pk]))
    url = reverse("evidence:derivative", args=[item.pk, "preview"])
    assert url in page.text
    assert "GPS coordinates" in page.text
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


def test_working_copies_of_hidden_items_are_404(as_user, officer, outsider, partner, case, backend):
    upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    item = EvidenceItem.objects.get()
    for user in (outsider, partner):
        assert as_user(user).get(reverse("evidence:derivative", args=[item.pk, "preview"])).status_code == 404
    assert as_user(officer).get(reverse("evidence:derivative", args=[item.pk, "other"])).status_code == 404
    assert as_user(officer).post(reverse("evidence:derivative", args=[item.pk, "preview"])).status_code == 405


def test_failed_working_copy_never_costs_the_evidence(as_user, officer, case, backend, monkeypatch):
    from evidence import derivatives

    monkeypatch.setattr(derivatives, "_open_image", lambda path: (_ for _ in ()).throw(OSError("broken")))
    upload(as_user(officer), case, corpus.named(corpus.png_bytes(), "a.png"))
    assert EvidenceItem.objects.count() == 1
    assert Derivative.objects.count() == 0
    assert not any("derivatives" in name for name in backend.names())
    monkeypatch.undo()
    from django.core.management import call_command

    call_command("make_derivatives")
    assert Derivative.objects.count() == 2
    assert all(default_storage.exists(d.file.name) for d in Derivative.objects.all())
