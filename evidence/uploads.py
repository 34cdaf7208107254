"""Upload intake: hash while the request streams, then decide the type from the content."""

import hashlib
import os

import magic
from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SNIFF_BYTES = 64 * 1024

# Media types accepted as evidence, with the file name endings each may carry.
ALLOWED_TYPES: dict[str, set[str]] = {
    "image/jpeg": {".jpg", ".jpeg", ".jfif"},
    "image/png": {".png"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
    "image/heic": {".heic"},
    "application/pdf": {".pdf"},
    "text/plain": {".txt", ".text", ".log", ".md"},
    "audio/mpeg": {".mp3"},
    "audio/ogg": {".ogg", ".oga", ".opus"},
    "audio/x-wav": {".wav"},
    "audio/x-m4a": {".m4a"},
    "video/mp4": {".mp4", ".m4v"},
    "video/quicktime": {".mov"},
    "video/webm": {".webm"},
    "video/x-matroska": {".mkv"},
}

READABLE_KINDS = {
    "application/x-dosexec": gettext_lazy("a Windows executable"),
    "application/vnd.microsoft.portable-executable": gettext_lazy("a Windows executable"),
    "application/x-msdownload": gettext_lazy("a Windows executable"),
    "application/x-executable": gettext_lazy("a Linux executable"),
    "application/x-sharedlib": gettext_lazy("a Linux program or library"),
    "application/x-pie-executable": gettext_lazy("a Linux executable"),
    "text/html": gettext_lazy("an HTML page"),
    "image/svg+xml": gettext_lazy("an SVG drawing"),
    "application/zip": gettext_lazy("a zip archive"),
}


class UploadRefused(Exception):
    """An upload that must not be kept; the message is for the user."""


class HashingUploadHandler(TemporaryFileUploadHandler):
    """Streams each file to a temporary file, computing its SHA-256 and size on the way.

    Memory does not grow with the file. A file over the size limit stops being
    written at once; it is discarded and reported as refused.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.hasher = hashlib.sha256()
        self.received = 0
        self.head = bytearray()
        self.too_large = False

    def receive_data_chunk(self, raw_data, start):
        if self.too_large:
            return None
        self.received += len(raw_data)
        if self.received > settings.CASEBOOK_MAX_UPLOAD_BYTES:
            self.too_large = True
            self.file.close()  # a temporary upload deletes itself when closed
            return None
        if len(self.head) < SNIFF_BYTES:
            self.head.extend(raw_data[: SNIFF_BYTES - len(self.head)])
        self.hasher.update(raw_data)
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.too_large:
            return OversizedUpload(self.file_name, self.received)
        uploaded = super().file_complete(file_size)
        uploaded.sha256 = self.hasher.hexdigest()
        uploaded.head = bytes(self.head)
        return uploaded


class OversizedUpload:
    """Stands in for a file that went over the limit, so the form can say so."""

    def __init__(self, name: str, received: int):
        self.name = name
        self.size = received
        self.too_large = True

    def close(self):
        pass


def sniff(head: bytes) -> str:
    # A Magic object per call: libmagic handles are not safe to share across threads.
    return magic.Magic(mime=True).from_buffer(head)


def check_upload(uploaded) -> str:
    """The media type of an upload, decided from its content; raises UploadRefused."""
    name = uploaded.name
    if getattr(uploaded, "too_large", False):
        raise UploadRefused(
            _("“%(name)s” was refused: it is larger than the limit of %(limit)s.")
            % {"name": name, "limit": filesizeformat(settings.CASEBOOK_MAX_UPLOAD_BYTES)}
        )
    if uploaded.size == 0:
        raise UploadRefused(_("“%(name)s” was refused: the file is empty.") % {"name": name})
    media_type = sniff(uploaded.head)
    if media_type not in ALLOWED_TYPES:
        kind = READABLE_KINDS.get(media_type, media_type)
        raise UploadRefused(
            _(
                "“%(name)s” was refused: its content is %(kind)s, which is not accepted as evidence "
                "(accepted: images, PDF, audio, video and plain text)."
            )
            % {"name": name, "kind": kind}
        )
    extension = os.path.splitext(name)[1].lower()
    if extension and extension not in ALLOWED_TYPES[media_type]:
        raise UploadRefused(
            _("“%(name)s” was refused: its name ends in %(extension)s but its content is %(kind)s.")
            % {"name": name, "extension": extension, "kind": media_type}
        )
    return media_type
