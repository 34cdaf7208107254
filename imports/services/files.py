"""The uploaded file: checked like evidence, kept under its hash until the import is done, read from there."""

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation

from casebook.audit import Action, record
from evidence import storage
from evidence.uploads import check_upload
from imports.models import ImportRun
from imports.reading import file_format_for, header_and_rows, open_source, sheet_names

logger = logging.getLogger(__name__)

PENDING = "imports/pending"


def may_import(user) -> bool:
    return user.has_perm("imports.add_importrun")


def _require(user) -> None:
    if not may_import(user):
        raise PermissionDenied


# --- The file -----------------------------------------------------------------------


def import_upload(*, actor, uploaded) -> ImportRun:
    """Check the file like evidence, keep it under its hash until the import is done, record the run.

    Raises UploadRefused or Unreadable with a message for the user; nothing is kept then.
    """
    _require(actor)
    received = _received(uploaded)
    try:
        return _keep(actor=actor, uploaded=received)
    finally:
        if received is not uploaded:
            with contextlib.suppress(FileNotFoundError):
                received.close()


def _keep(*, actor, uploaded) -> ImportRun:
    verdict = check_upload(uploaded)
    file_format = file_format_for(verdict.media_type, uploaded.name)
    path = uploaded.temporary_file_path()
    source = open_source(path, file_format=file_format)
    sheets = sheet_names(source)
    header_and_rows(open_source(path, file_format=file_format, sheet=sheets[0] if sheets else ""))
    name = f"{PENDING}/{uploaded.sha256}.{file_format}"
    if not storage.exists(name):
        storage.write_verified(name, uploaded, sha256=uploaded.sha256, size=uploaded.size)
    with transaction.atomic():
        run = ImportRun(
            file_name=os.path.basename(uploaded.name)[:255],
            sha256=uploaded.sha256,
            size=uploaded.size,
            stored_name=name,
            file_format=file_format,
            sheet=sheets[0] if sheets else "",
            encoding=source.encoding,
            requested_by=actor,
            language=(translation.get_language() or "en")[:2],
        )
        run.full_clean()
        run.save()
        record(
            actor=actor,
            action=Action.IMPORT_UPLOADED,
            target=run,
            detail={"file": run.file_name, "sha256": run.sha256, "size": run.size},
        )
    return run


def _received(uploaded):
    """A file from the upload handler as it is (on disk, hashed); any other file spooled and hashed the same way."""
    if hasattr(uploaded, "temporary_file_path") and hasattr(uploaded, "sha256"):
        return uploaded
    import hashlib

    from django.core.files.uploadedfile import TemporaryUploadedFile

    spooled = TemporaryUploadedFile(uploaded.name, "application/octet-stream", 0, None)
    hasher = hashlib.sha256()
    uploaded.seek(0)
    while chunk := uploaded.read(1024 * 1024):
        hasher.update(chunk)
        spooled.write(chunk)
    spooled.flush()
    spooled.size = spooled.tell()
    spooled.sha256 = hasher.hexdigest()
    return spooled


@contextlib.contextmanager
def local_path(run: ImportRun) -> Iterator[str]:
    """A path on the local disk to the kept file (a temporary copy when storage is remote)."""
    if storage.is_local():
        yield default_storage.path(run.stored_name)
        return
    with tempfile.NamedTemporaryFile(suffix=f".{run.file_format}", dir=settings.FILE_UPLOAD_TEMP_DIR) as copy:
        for chunk in storage.read_chunks(run.stored_name):
            copy.write(chunk)
        copy.flush()
        yield copy.name


def run_sheets(run: ImportRun) -> list[str]:
    with local_path(run) as path:
        return sheet_names(open_source(path, file_format=run.file_format))


def run_sample(run: ImportRun, *, rows: int = 50) -> tuple[list[str], list[list[str]]]:
    """The header and the first rows, for the mapping page and its suggestions."""
    with local_path(run) as path:
        source = open_source(path, file_format=run.file_format, sheet=run.sheet, encoding=run.encoding)
        header, body = header_and_rows(source)
        sample = []
        for _number, cells in body:
            sample.append(cells)
            if len(sample) >= rows:
                break
    return header, sample


def import_reread(*, actor, run: ImportRun, sheet: str, encoding: str) -> ImportRun:
    """Read the file from another sheet, or as another encoding; raises Unreadable when it cannot be."""
    _require(actor)
    if run.requested_by_id != actor.pk or run.status != ImportRun.Status.UPLOADED:
        raise PermissionDenied
    with local_path(run) as path:
        if run.file_format == "csv":
            header_and_rows(open_source(path, file_format=run.file_format, encoding=encoding))
            run.encoding = encoding
        elif sheet in sheet_names(open_source(path, file_format=run.file_format)):
            header_and_rows(open_source(path, file_format=run.file_format, sheet=sheet))
            run.sheet = sheet
    run.full_clean()
    run.save(update_fields=["sheet", "encoding"])
    return run


def run_get_for_user(user, pk) -> ImportRun:
    """The user's own import; raises Http404 for missing imports and for anyone else's alike."""
    from django.http import Http404

    run = ImportRun.objects.filter(pk=pk, requested_by_id=user.pk).first()
    if run is None or not may_import(user):
        raise Http404
    return run


def runs_for_user(user) -> list[ImportRun]:
    return list(ImportRun.objects.filter(requested_by_id=user.pk).order_by("-created_at")[:20])
