"""Evidence tests run against the local disk and against a real S3-compatible server alike."""

import os

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.urls import reverse

from evidence import storage


class Backend:
    """What a test needs to know of where the evidence is stored, whichever it is."""

    def __init__(self, kind: str, s3=None):
        self.kind = kind
        self.s3_client, self.bucket = s3 if s3 else (None, None)

    def names(self) -> list[str]:
        return sorted([*storage.walk(storage.ORIGINALS), *storage.walk(storage.DERIVATIVES)])

    def read(self, name: str) -> bytes:
        with default_storage.open(name, "rb") as handle:
            return handle.read()

    def overwrite(self, name: str, content: bytes) -> None:
        """Tamper with a stored file behind the application's back."""
        if self.s3_client:
            self.s3_client.put_object(Bucket=self.bucket, Key=name, Body=content)
        else:
            with open(default_storage.path(name), "wb") as handle:
                handle.write(content)

    def remove(self, name: str) -> None:
        if self.s3_client:
            self.s3_client.delete_object(Bucket=self.bucket, Key=name)
        else:
            os.unlink(default_storage.path(name))


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def backend(request, settings, tmp_path):
    settings.CASEBOOK_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    if request.param == "s3":
        return Backend("s3", request.getfixturevalue("s3_storage"))
    # A media folder of its own per test, so that "nothing left behind" means exactly that.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
    }
    return Backend("local")


def temporary_files() -> set[str]:
    found = set()
    for folder, _dirs, files in os.walk(django_settings.FILE_UPLOAD_TEMP_DIR):
        found |= {os.path.join(folder, name) for name in files}
    return found


def upload(client, case, *files, description="", **fields):
    return client.post(
        reverse("evidence:upload", args=[case.reference]),
        {"files": list(files), "description": description, **fields},
        follow=True,
    )
