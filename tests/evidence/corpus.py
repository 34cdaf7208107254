"""Files for the intake tests, built here byte by byte: nothing hostile is kept in the repository."""

import functools
import io
import struct
import zipfile
import zlib

from PIL import Image


def png_bytes(colour=(200, 30, 30), size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@functools.cache  # Pillow stamps the PDF with the time; one copy per test run
def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), (20, 90, 160)).save(buffer, format="PDF")
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    """A photograph as a phone writes it: EXIF with GPS coordinates, and XMP."""
    image = Image.new("RGB", (64, 48), (10, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (33.0, 53.0, 30.0), 3: "E", 4: (35.0, 30.0, 15.0)})
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="33,53.5N"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, xmp=xmp)
    return buffer.getvalue()


def windows_executable() -> bytes:
    """A minimal PE header: what libmagic needs to call it a Windows program."""
    dos = bytearray(128)
    dos[0:2] = b"MZ"
    dos[0x3C:0x40] = (128).to_bytes(4, "little")
    pe = b"PE\0\0" + (0x14C).to_bytes(2, "little") + bytes(18)
    return bytes(dos) + pe + bytes(512)


def html_page() -> bytes:
    return b"<!doctype html><html><body><script>fetch('/cases/')</script></body></html>"


def svg(script: bool) -> bytes:
    inner = b"<script>alert(document.cookie)</script>" if script else b""
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b'<rect width="10" height="10" fill="red"/>' + inner + b"</svg>"
    )


def svg_with_handler() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5" onload="alert(1)"/></svg>'


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A tiny PNG whose header promises ten billion pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\0" * 4096, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """Kilobytes that expand to many megabytes of zeros."""
    return zip_of({f"part{index}.txt": b"\0" * (8 * 1024 * 1024) for index in range(4)})


def zip_lying_about_sizes() -> bytes:
    """A member that declares 100 bytes and inflates to 2 MiB: declared sizes are not trusted."""
    content = b"A" * (2 * 1024 * 1024)
    data = bytearray(zip_of({"note.txt": content}))
    # Patch the declared uncompressed size in the local header and the central directory.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        position = data.find(signature)
        data[position + offset : position + offset + 4] = struct.pack("<I", 100)
    return bytes(data)


def zip_with_traversal() -> bytes:
    return zip_of({"evidence/screenshot.png": png_bytes(), "../../../etc/cron.d/evil": b"* * * * * root sh\n"})


def docx_with_macros() -> bytes:
    return zip_of(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(100),
        }
    )


def named(content: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle
