"""Working copies of originals: thumbnails and previews, without the original's metadata.

Made after the original is committed, from the stored original, and stored
apart under a name derived from the original's hash. A failure here never
costs the evidence: the original stays, and ``manage.py make_derivatives``
can try again. Hostile input is expected: images are opened under Pillow's
pixel limit, PDFs are rasterised by ``pdftoppm`` in a child process with a
time and memory limit.
"""

import hashlib
import io
import logging
import os
import resource
import shutil
import subprocess
import tempfile
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image, ImageOps

from evidence import storage
from evidence.inspection import IMAGE_TYPES
from evidence.models import Derivative

logger = logging.getLogger("casebook.evidence")

PDFTOPPM_SECONDS = 30
PDFTOPPM_MEMORY = 1024 * 1024 * 1024


def derivatives_make(*, item) -> list[Derivative]:
    """Thumbnail and preview of an item's original, when its type allows; never raises."""
    if not item.sha256 or not (item.media_type in IMAGE_TYPES or item.media_type == "application/pdf"):
        return []
    existing = list(Derivative.objects.filter(original_sha256=item.sha256))
    if existing:
        return existing
    try:
        with tempfile.NamedTemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as original:
            for chunk in storage.read_chunks(item.file.name):
                original.write(chunk)
            original.flush()
            pdf = item.media_type == "application/pdf"
            image = _first_page(original.name) if pdf else _open_image(original.name)
            with image:
                return [
                    _store(item.sha256, Derivative.Kind.THUMBNAIL, image, settings.EVIDENCE_THUMBNAIL_PIXELS),
                    _store(item.sha256, Derivative.Kind.PREVIEW, image, settings.EVIDENCE_PREVIEW_PIXELS),
                ]
    except Exception:
        logger.warning("No working copy could be made of %s", item.sha256, exc_info=True)
        return []


def _open_image(path: str) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = settings.EVIDENCE_MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(path)
        image.seek(0)
        image.load()
    return image


def _limit_child() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (PDFTOPPM_MEMORY, PDFTOPPM_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (PDFTOPPM_SECONDS, PDFTOPPM_SECONDS))


def _first_page(path: str) -> Image.Image:
    binary = shutil.which("pdftoppm")
    if binary is None:
        raise FileNotFoundError("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory(dir=settings.FILE_UPLOAD_TEMP_DIR) as folder:
        prefix = os.path.join(folder, "page")
        size = str(settings.EVIDENCE_PREVIEW_PIXELS)
        subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [binary, "-f", "1", "-l", "1", "-singlefile", "-png", "-scale-to", size, path, prefix],
            check=True,
            capture_output=True,
            timeout=PDFTOPPM_SECONDS,
            preexec_fn=_limit_child,
        )
        return _open_image(prefix + ".png")


def stripped_copy(image: Image.Image, pixels: int) -> Image.Image:
    """A downscaled copy of the image carrying no metadata at all (no EXIF, XMP, GPS, ICC, text)."""
    upright = ImageOps.exif_transpose(image)
    copy = upright.convert("RGB")
    copy.thumbnail((pixels, pixels))
    # A fresh image holds pixels only; nothing of the original's info can reach the file.
    clean = Image.new("RGB", copy.size)
    clean.paste(copy)
    return clean


def _store(sha256: str, kind: str, image: Image.Image, pixels: int) -> Derivative:
    clean = stripped_copy(image, pixels)
    buffer = io.BytesIO()
    clean.save(buffer, format="JPEG", quality=85, optimize=True)
    content = buffer.getvalue()
    name = storage.derivative_name_for(sha256, kind, "jpg")
    if default_storage.exists(name):
        default_storage.delete(name)  # left by an earlier attempt that did not commit
    default_storage.save(name, ContentFile(content))
    try:
        with transaction.atomic():
            derivative = Derivative(
                original_sha256=sha256,
                kind=kind,
                file=name,
                sha256=hashlib.sha256(content).hexdigest(),
                media_type="image/jpeg",
                width=clean.width,
                height=clean.height,
            )
            derivative.full_clean()
            derivative.save()
    except Exception:
        default_storage.delete(name)
        raise
    return derivative
