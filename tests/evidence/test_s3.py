"""The same intake, download and fixity against a real S3-compatible server."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from evidence.models import EvidenceItem
from tests.evidence.test_upload import named, png_bytes, upload, windows_executable

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def test_upload_and_download_through_s3(as_user, officer, case, s3_storage):
    client_s3, bucket = s3_storage
    client = as_user(officer)
    upload(client, case, named(png_bytes(), "screenshot.png"))
    item = EvidenceItem.objects.get()
    head = client_s3.head_object(Bucket=bucket, Key=item.file.name)
    assert head["ContentLength"] == len(png_bytes())
    assert head.get("ServerSideEncryption") == "AES256"
    acl = client_s3.get_object_acl(Bucket=bucket, Key=item.file.name)
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in acl["Grants"])

    response = client.get(reverse("evidence:download", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert hashlib.sha256(png_bytes()).hexdigest() == item.sha256


def test_refused_upload_leaves_nothing_in_the_bucket(as_user, officer, case, s3_storage):
    client_s3, bucket = s3_storage
    upload(as_user(officer), case, named(windows_executable(), "photo.jpg"))
    assert EvidenceItem.objects.count() == 0
    assert client_s3.list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0


def test_tampered_object_is_not_served(as_user, officer, case, s3_storage):
    client_s3, bucket = s3_storage
    client = as_user(officer)
    upload(client, case, named(png_bytes(), "screenshot.png"))
    item = EvidenceItem.objects.get()
    client_s3.put_object(Bucket=bucket, Key=item.file.name, Body=b"replaced")
    assert default_storage.open(item.file.name).read() == b"replaced"
    assert client.get(reverse("evidence:download", args=[item.pk])).status_code == 409
