"""Deciding whether received bytes may be kept as evidence, from their content alone.

Every check reads a file on the local disk (the upload's temporary file, or a
member of an archive spooled next to it) and raises ``Refusal`` with a reason
for the user. The name and the browser's claimed type are never trusted; the
name's ending must merely not contradict the content.
"""

import os
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field

import magic
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

from evidence import packages, pdf, polyglot, svg

SNIFF_BYTES = 64 * 1024
SVG_MAX_BYTES = 10 * 1024 * 1024
CHUNK = 1024 * 1024

IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/bmp"}
OOXML = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
LEGACY_OFFICE = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}

# Media types accepted as evidence, with the file name endings each may carry.
ALLOWED_TYPES: dict[str, set[str]] = {
    "image/jpeg": {".jpg", ".jpeg", ".jfif"},
    "image/png": {".png"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
    "image/heic": {".heic", ".heif"},
    "image/tiff": {".tif", ".tiff"},
    "image/bmp": {".bmp"},
    "image/svg+xml": {".svg"},
    "application/pdf": {".pdf"},
    "text/plain": {".txt", ".text", ".log", ".md", ".csv", ".json", ".eml", ".srt", ".vtt"},
    "text/csv": {".csv", ".txt"},
    "application/json": {".json", ".txt"},
    "audio/mpeg": {".mp3"},
    "audio/ogg": {".ogg", ".oga", ".opus"},
    "audio/x-wav": {".wav"},
    "audio/x-m4a": {".m4a"},
    "audio/mp4": {".m4a", ".mp4"},
    "audio/aac": {".aac"},
    "audio/flac": {".flac"},
    "video/mp4": {".mp4", ".m4v"},
    "video/quicktime": {".mov"},
    "video/webm": {".webm"},
    "video/x-matroska": {".mkv"},
    "video/3gpp": {".3gp"},
    "application/warc": {".warc"},
    "application/zip": {".zip"},
    "application/epub+zip": {".epub"},
    "application/msword": {".doc"},
    "application/vnd.ms-excel": {".xls"},
    "application/vnd.ms-powerpoint": {".ppt"},
    **{media_type: {extension} for extension, media_type in OOXML.items()},
}

READABLE_KINDS = {
    "application/x-dosexec": gettext_lazy("a Windows executable"),
    "application/vnd.microsoft.portable-executable": gettext_lazy("a Windows executable"),
    "application/x-msdownload": gettext_lazy("a Windows executable"),
    "application/x-executable": gettext_lazy("a Linux executable"),
    "application/x-sharedlib": gettext_lazy("a Linux program or library"),
    "application/x-pie-executable": gettext_lazy("a Linux executable"),
    "application/x-mach-binary": gettext_lazy("a macOS program"),
    "text/x-shellscript": gettext_lazy("a shell script"),
    "text/html": gettext_lazy("an HTML page"),
    "application/xhtml+xml": gettext_lazy("an HTML page"),
    "image/svg+xml": gettext_lazy("an SVG drawing"),
    "application/zip": gettext_lazy("a zip archive"),
    "application/gzip": gettext_lazy("a compressed archive"),
    "application/x-7z-compressed": gettext_lazy("a compressed archive"),
    "application/x-rar": gettext_lazy("a compressed archive"),
    "application/x-bzip2": gettext_lazy("a compressed archive"),
    "application/x-xz": gettext_lazy("a compressed archive"),
}


class Refusal(Exception):
    """Content that must not be kept; the message is the reason, for the user."""


@dataclass
class Verdict:
    media_type: str
    has_location: bool = False
    # Codes of evidence.flags: active content kept, for the user to be warned of.
    flags: list[str] = field(default_factory=list)

    def flag(self, *codes: str) -> None:
        for code in codes:
            if code not in self.flags:
                self.flags.append(code)


def sniff(head: bytes) -> str:
    # A Magic object per call: libmagic handles are not safe to share across threads.
    return magic.Magic(mime=True).from_buffer(head)


def kind_of(media_type: str) -> str:
    return str(READABLE_KINDS.get(media_type, media_type))


def read_head(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SNIFF_BYTES)


def inspect(path: str, *, name: str, nested: bool = False, depth: int = 0) -> Verdict:
    """The verdict on the file at ``path`` that the user called ``name``; raises Refusal.

    ``nested``: a member of an archive; ``depth``: how many packages it sits in."""
    size = os.path.getsize(path)
    if size == 0:
        raise Refusal(_("the file is empty."))
    # Trailing spaces and dots are dropped by Windows and by the stored name alike:
    # "letter.pdf. " is letter.pdf, and its ending is judged as such.
    extension = os.path.splitext(name.rstrip(" ."))[1].lower()
    head = read_head(path)
    media_type = sniff(head)
    if media_type == "application/octet-stream" and size == len(head) and _is_plain_text(head):
        media_type = "text/plain"  # libmagic cannot judge a text of one character
    if media_type == "application/zip" and extension in OOXML:
        media_type = OOXML[extension]  # some writers produce documents libmagic sees as plain zips
    if media_type in ("application/zip", "application/octet-stream") and extension == ".epub":
        media_type = packages.EPUB
    if media_type not in ALLOWED_TYPES:
        raise Refusal(
            _(
                "its content is %(kind)s, which is not accepted as evidence "
                "(accepted: images, PDF, audio, video, office documents, plain text and zip archives of those)."
            )
            % {"kind": kind_of(media_type)}
        )
    if extension and extension not in ALLOWED_TYPES[media_type]:
        raise Refusal(
            _("its name ends in %(extension)s but its content is %(kind)s.")
            % {"extension": extension, "kind": media_type}
        )
    verdict = Verdict(media_type=media_type)
    if media_type in IMAGE_TYPES:
        verdict.has_location = _check_image(path)
    elif media_type == "image/svg+xml":
        _check_svg(path, size)
    elif media_type == "application/zip":
        if nested:
            raise Refusal(_("an archive inside an archive cannot be checked; send its contents instead."))
        _check_archive(path, verdict, package=None)
    elif media_type in packages.PACKAGE_TYPES:
        if depth > 1:  # a chart's workbook inside a document is checked; anything deeper is not
            raise Refusal(_("an archive inside an archive cannot be checked; send its contents instead."))
        _check_archive(path, verdict, package=media_type, depth=depth)
    elif media_type in LEGACY_OFFICE:
        _check_no_macros(path)
        packages.check_ole(path, verdict)
        verdict.flags.remove("office_embedded_object")  # the document itself is the OLE file
    elif media_type == "application/pdf":
        verdict.flag(*pdf.active_content(path))
    if media_type != "application/zip" and media_type not in packages.PACKAGE_TYPES:
        verdict.flag(*polyglot.trailing_data(path, media_type))  # archives are zips by design
    return verdict


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(character.isprintable() or character in "\t\n\r\f" for character in text)


# --- Images -------------------------------------------------------------------


def _check_image(path: str) -> bool:
    """Refuses images that would decompress into too many pixels; says whether GPS is present."""
    limit = settings.EVIDENCE_MAX_IMAGE_PIXELS
    bomb = Refusal(
        _("the image would expand to more than %(pixels)s million pixels (a decompression bomb).")
        % {"pixels": limit // 1_000_000}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                if width * height > limit:
                    raise bomb
                frames = getattr(image, "n_frames", 1)
                if width * height * frames > 4 * limit:
                    raise bomb
                image.verify()
            with Image.open(path) as image:  # verify() leaves the image unusable
                has_location = image_has_location(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise bomb from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise Refusal(_("the image is damaged and cannot be read.")) from None
    return has_location


def image_has_location(image: Image.Image) -> bool:
    """True when the image's EXIF or XMP metadata holds GPS coordinates."""
    try:
        gps = image.getexif().get_ifd(0x8825)
    except Exception:
        gps = {}
    if any(tag in gps for tag in (1, 2, 3, 4)):
        return True
    xmp = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode()
    return b"GPSLatitude" in xmp or b"GPSLongitude" in xmp


# --- SVG ----------------------------------------------------------------------


def _check_svg(path: str, size: int) -> None:
    """Refuses SVG holding anything outside the allow-list of evidence.svg."""
    if size > SVG_MAX_BYTES:
        raise Refusal(_("the SVG drawing is too large to be checked."))
    try:
        svg.check(path)
    except svg.SvgRefused as refusal:
        raise Refusal(_("the SVG drawing was refused: %(reason)s") % {"reason": refusal}) from None


# --- Archives and office documents ---------------------------------------------


def _unsafe_member_name(name: str) -> bool:
    normalised = name.replace("\\", "/")
    parts = normalised.split("/")
    return (
        normalised.startswith("/")
        or "\0" in name
        or ".." in parts
        or (parts and ":" in parts[0])
        or any(ch in name for ch in "\u202e\u202d\u2066\u2067\u2068")
    )


def _check_archive(path: str, verdict: Verdict, *, package: str | None, depth: int = 0) -> None:
    """Refuses bombs, path traversal, links and crowds, then checks each member.

    A plain zip's members go through ``inspect`` like any upload; a document
    package's through the rules of its format (evidence.packages). Sizes
    declared in the archive are not trusted: members are decompressed with a
    running count that stops at the declared size and at the total limit.
    """
    max_members = settings.EVIDENCE_ARCHIVE_MAX_MEMBERS
    max_total = settings.EVIDENCE_ARCHIVE_MAX_TOTAL_BYTES
    bomb = Refusal(_("the archive would expand far beyond its size (a decompression bomb)."))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Refusal(_("the archive is damaged and cannot be read.")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > max_members:
            raise Refusal(
                _("the archive holds %(count)s files; at most %(limit)s are accepted.")
                % {"count": len(entries), "limit": max_members}
            )
        for entry in entries:
            if _unsafe_member_name(entry.filename):
                raise Refusal(
                    _("the archive contains a path that leads outside it (“%(member)s”).")
                    % {"member": entry.filename.replace("\0", "\\0")}
                )
            if (entry.external_attr >> 16) & 0o170000 == 0o120000:
                raise Refusal(_("the archive contains a symbolic link (“%(member)s”).") % {"member": entry.filename})
            if entry.flag_bits & 0x1:
                raise Refusal(_("the archive is encrypted, so its contents cannot be checked."))
            if entry.file_size > 1024 * 1024 and entry.file_size > settings.EVIDENCE_ARCHIVE_MAX_RATIO * max(
                entry.compress_size, 1
            ):
                raise bomb
        if sum(entry.file_size for entry in entries) > max_total:
            raise bomb
        if package is not None:
            try:
                packages.check_structure(archive, package)
            except packages.PackageRefused as refusal:
                raise Refusal(str(refusal)) from None
            except (zipfile.BadZipFile, KeyError, OSError, NotImplementedError):
                raise Refusal(_("the archive is damaged and cannot be read.")) from None
        total = 0
        with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as scratch:
            for entry in entries:
                if entry.is_dir():
                    continue
                member_path = os.path.join(scratch, "member")
                try:
                    total = _extract_counted(archive, entry, member_path, total, max_total, bomb)
                except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, NotImplementedError, EOFError):
                    raise Refusal(_("the archive is damaged and cannot be read.")) from None
                if package is None:
                    _check_zip_member(member_path, entry.filename, verdict)
                else:
                    _check_package_member(member_path, entry.filename, package, verdict, depth)
                os.unlink(member_path)


def _check_zip_member(member_path: str, name: str, verdict: Verdict) -> None:
    try:
        member = inspect(member_path, name=name, nested=True)
    except Refusal as refusal:
        raise Refusal(_("“%(member)s” inside it: %(reason)s") % {"member": name, "reason": refusal}) from None
    verdict.flag(*member.flags)
    verdict.has_location = verdict.has_location or member.has_location


def _check_package_member(member_path: str, name: str, package: str, verdict: Verdict, depth: int) -> None:
    def inspect_nested(path: str, member_name: str) -> None:
        try:
            member = inspect(path, name=os.path.basename(member_name), nested=True, depth=depth + 1)
        except Refusal as refusal:
            raise Refusal(
                _("“%(member)s” inside it: %(reason)s") % {"member": member_name, "reason": refusal}
            ) from None
        verdict.flag(*member.flags)
        verdict.has_location = verdict.has_location or member.has_location

    try:
        packages.check_member(member_path, name, package, verdict, inspect_nested=inspect_nested)
    except packages.PackageRefused as refusal:
        raise Refusal(str(refusal)) from None


def _extract_counted(archive, entry, destination: str, total: int, max_total: int, bomb: Refusal) -> int:
    written = 0
    with archive.open(entry) as source, open(destination, "wb") as target:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            total += len(chunk)
            if written > entry.file_size or total > max_total:
                raise bomb
            target.write(chunk)
    return total


VBA_MARKERS = ("_VBA_PROJECT".encode("utf-16-le"), b"_VBA_PROJECT", "Macros".encode("utf-16-le"))


def _check_no_macros(path: str) -> None:
    """Legacy Office files: refuse any that carry a VBA project."""
    overlap = max(len(marker) for marker in VBA_MARKERS)
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            window = tail + chunk
            if any(marker in window for marker in VBA_MARKERS):
                raise Refusal(_("the document contains macros, which can run programs when it is opened."))
            tail = window[-overlap:]
