"""Upload intake: hash while the request streams, then judge the content."""

import contextlib
import hashlib
import os
import threading

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from evidence.inspection import Refusal, Verdict, inspect


class UploadRefused(Exception):
    """An upload that must not be kept; the message is for the user."""


class HashingUploadHandler(TemporaryFileUploadHandler):
    """Streams each file to a temporary file, computing its SHA-256 and size on the way.

    Memory does not grow with the file: each chunk is hashed and written, then
    dropped. A file over the size limit stops being written at once; it is
    discarded and reported as refused. The finished file is flushed to the disk
    (``EVIDENCE_FSYNC``) so that keeping it is a rename of durable bytes.
    """

    # Large chunks: the multipart parser and the hash spend their time in C, not in Python calls.
    chunk_size = 1024 * 1024
    # With EVIDENCE_FSYNC, the bytes received so far are flushed to the disk in a
    # background thread every this many bytes, so that the disk writes while the
    # rest arrives and the final fsync has only the tail left to wait for.
    flush_every = 64 * 1024 * 1024

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.hasher = hashlib.sha256()
        self.received = 0
        self.unflushed = 0
        self.flusher = None
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if self.too_large:
            return None
        self.received += len(raw_data)
        if self.received > settings.CASEBOOK_MAX_UPLOAD_BYTES:
            self.too_large = True
            self._wait_for_flush()
            self.file.close()  # a temporary upload deletes itself when closed
            return None
        self.hasher.update(raw_data)
        self.file.write(raw_data)
        self.unflushed += len(raw_data)
        if settings.EVIDENCE_FSYNC and self.unflushed >= self.flush_every and not self._flushing():
            self.file.flush()
            self.unflushed = 0
            self.flusher = threading.Thread(target=_flush_quietly, args=(self.file.fileno(),), daemon=True)
            self.flusher.start()
        return None

    def _flushing(self) -> bool:
        return self.flusher is not None and self.flusher.is_alive()

    def _wait_for_flush(self) -> None:
        if getattr(self, "flusher", None) is not None:
            self.flusher.join()

    def file_complete(self, file_size):
        if self.too_large:
            return OversizedUpload(self.file_name, self.received)
        self._wait_for_flush()
        uploaded = super().file_complete(file_size)
        if settings.EVIDENCE_FSYNC:
            os.fsync(uploaded.file.fileno())
        uploaded.sha256 = self.hasher.hexdigest()
        return uploaded

    def upload_interrupted(self):
        self._wait_for_flush()
        super().upload_interrupted()


def _flush_quietly(descriptor: int) -> None:
    # fdatasync releases the GIL: the disk writes while the request goes on being parsed.
    with contextlib.suppress(OSError):  # the final fsync, which does report errors, follows
        os.fdatasync(descriptor)


class OversizedUpload:
    """Stands in for a file that went over the limit, so the form can say so."""

    def __init__(self, name: str, received: int):
        self.name = name
        self.size = received
        self.too_large = True

    def close(self):
        pass


def refused(name: str, reason) -> UploadRefused:
    return UploadRefused(_("“%(name)s” was refused: %(reason)s") % {"name": name, "reason": reason})


def check_upload(uploaded) -> Verdict:
    """The verdict on a received file, from its content; raises UploadRefused for the user."""
    name = uploaded.name
    if getattr(uploaded, "too_large", False):
        raise refused(
            name,
            _("it is larger than the limit of %(limit)s.")
            % {"limit": filesizeformat(settings.CASEBOOK_MAX_UPLOAD_BYTES)},
        )
    if uploaded.size == 0:
        raise refused(name, _("the file is empty."))
    try:
        return inspect(uploaded.temporary_file_path(), name=name)
    except Refusal as refusal:
        raise refused(name, refusal) from None
