"""Originals and working copies in Django's storage: hash-derived names, streaming reads.

Works with any storage; two fast paths keep memory flat and avoid needless
copies: a local file system (rename of the received temporary file, fsync of
the folder) and S3 (the object's body read as a stream rather than spooled).
"""

import hashlib
import os
from collections.abc import Iterator

from django.core.files.storage import FileSystemStorage, default_storage

CHUNK = 1024 * 1024
ORIGINALS = "evidence/originals"
DERIVATIVES = "evidence/derivatives"


class StoredFileMismatch(Exception):
    """What storage holds is not what was written or recorded."""


def original_name_for(sha256: str) -> str:
    """Where an original lives in storage: derived from its hash, never from the user."""
    return f"{ORIGINALS}/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def derivative_name_for(sha256: str, kind: str, extension: str) -> str:
    return f"{DERIVATIVES}/{sha256[:2]}/{sha256[2:4]}/{sha256}/{kind}.{extension}"


def is_local(storage=None) -> bool:
    return isinstance(storage or default_storage, FileSystemStorage)


def read_chunks(name: str, storage=None) -> Iterator[bytes]:
    """The stored bytes, chunk by chunk; raises FileNotFoundError when nothing is stored."""
    storage = storage or default_storage
    if hasattr(storage, "bucket") and hasattr(storage, "_normalize_name"):
        yield from _s3_chunks(storage, name)
        return
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _s3_chunks(storage, name: str) -> Iterator[bytes]:
    # django-storages' S3File downloads the whole object before the first read;
    # the object's body streams instead, so a large original needs no spool.
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    try:
        body = storage.bucket.Object(storage._normalize_name(clean_name(name))).get()["Body"]
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
            raise FileNotFoundError(name) from None
        raise
    try:
        yield from body.iter_chunks(CHUNK)
    finally:
        body.close()


def hash_stored(name: str, storage=None) -> tuple[str, int]:
    """SHA-256 and size of a stored file, streaming; raises FileNotFoundError."""
    hasher = hashlib.sha256()
    size = 0
    for chunk in read_chunks(name, storage):
        hasher.update(chunk)
        size += len(chunk)
    return hasher.hexdigest(), size


def exists(name: str, storage=None) -> bool:
    return (storage or default_storage).exists(name)


def write_verified(name: str, content, *, sha256: str, size: int, storage=None) -> None:
    """Write ``content`` under ``name`` and check that storage holds exactly those bytes.

    On the local file system a received temporary file is renamed into place:
    the stored file is then the very file whose bytes were hashed while they
    arrived, and the check is its size. Anything else is read back and hashed.
    Raises StoredFileMismatch (after removing what it wrote) when the check fails.
    """
    storage = storage or default_storage
    renamed = is_local(storage) and hasattr(content, "temporary_file_path")
    content.seek(0)
    stored = storage.save(name, content)
    if stored != name:
        # Another writer put the same bytes there between our check and our write.
        storage.delete(stored)
    if renamed:
        path = storage.path(name)
        _fsync_folder(os.path.dirname(path))
        matches = os.path.getsize(path) == size
    else:
        matches = hash_stored(name, storage) == (sha256, size)
    if not matches:
        storage.delete(name)
        raise StoredFileMismatch(name)


def _fsync_folder(folder: str) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def walk(prefix: str, storage=None) -> Iterator[str]:
    """Every file name under ``prefix`` in storage."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(prefix)
    except FileNotFoundError:
        return
    for file_name in files:
        yield f"{prefix}/{file_name}"
    for folder in folders:
        yield from walk(f"{prefix}/{folder}", storage)
