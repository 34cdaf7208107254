"""Bytes after a file's own end: what makes a picture or a PDF also a zip archive, or hide a payload.

Each format is walked by its structure (JPEG markers and scan data, PNG chunks,
the PDF's last ``%%EOF``); a file that is also a readable zip is named as such.
"""

import mmap
import os
import struct
import zipfile

# What may follow a PDF's last %%EOF without being data.
PDF_TAIL_WHITESPACE = b" \t\r\n\f\x00"


# After 0xFF inside scan data: a stuffed zero, a restart marker or a fill byte, not a segment.
SCAN_BYTES = frozenset({0x00, 0xFF, *range(0xD0, 0xD8)})


def _jpeg_end(data) -> int | None:
    """Offset just after the EOI that ends the image, or None when the structure cannot be followed."""
    size = len(data)
    if data[:2] != b"\xff\xd8":
        return None
    position = 2
    while position + 4 <= size:
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return position + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        position += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            while True:
                position = data.find(b"\xff", position)  # in C: a photograph's scan is megabytes long
                if position < 0 or position + 1 >= size:
                    return None
                if data[position + 1] not in SCAN_BYTES:
                    break
                position += 1
    return None


def _png_end(data) -> int | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    position = 8
    while position + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        position += 12 + length
        if kind == b"IEND":
            return position
    return None


def _pdf_end(data) -> int | None:
    found = data.rfind(b"%%EOF")
    if found < 0:
        return None
    end = found + 5
    tail = data[end : end + 64 * 1024]
    if len(data) - end <= len(tail) and not bytes(tail).strip(PDF_TAIL_WHITESPACE):
        return len(data)
    return end


END_FINDERS = {"image/jpeg": _jpeg_end, "image/png": _png_end, "application/pdf": _pdf_end}


def trailing_data(path: str, media_type: str) -> list[str]:
    """``["trailing_zip"]``, ``["trailing_data"]`` or nothing."""
    if os.path.getsize(path) == 0:
        return []
    finder = END_FINDERS.get(media_type)
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        end = finder(data) if finder else None
        extra = end is not None and end < len(data)
    if _is_zip(path):
        return ["trailing_zip"]
    return ["trailing_data"] if extra else []


def _is_zip(path: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
