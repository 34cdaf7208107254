"""PDF rendering with WeasyPrint, which may read the app's own static files and the
evidence images a document lists, and nothing else.

User text reaches templates escaped, but a template is not trusted either: the
fetcher decides. It serves static files from the app's own folders and evidence
images read through the storage API, for the items the document's builder named
only; it refuses ``file:``, ``data:``, every network address and any redirect.
A refused fetch raises ``RefusedFetch``, which WeasyPrint logs and skips: the
document is still produced, without the resource. Attachments (``<link
rel=attachment>``, ``<a rel=attachment>``) are dropped before the PDF is written.
"""

import io
import logging
import mimetypes
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import magic
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from PIL import Image, UnidentifiedImageError
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Documents are rendered against a host that cannot exist (RFC 2606), so that
# every relative URL in a template resolves to something this fetcher knows.
BASE_URL = "https://casebook.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")
EVIDENCE_PREFIX = BASE_URL + "evidence-image/"

EMBEDDABLE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
MAX_IMAGE_BYTES = 25 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs before decoding
# Evidence images print at most 60 mm wide: 480 px is about 200 dpi there. Photos and
# screenshots are embedded as JPEG, which the PDF carries as it is (no re-compression).
EMBEDDED_SIZE = (480, 480)
JPEG_QUALITY = 82


def evidence_image_url(item_id: int) -> str:
    return f"{EVIDENCE_PREFIX}{int(item_id)}"


class RefusedFetch(ValueError):
    """A resource a document asked for and may not have; WeasyPrint skips it."""


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's static files; refuses files, the network, data and redirects."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []
        self.fetched: list[str] = []
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    def refuse(self, url: str, reason: str = "refused"):
        self.refused.append(url[:200])
        raise RefusedFetch(f"{reason}: {url[:200]}")

    def fetch(self, url, headers=None):
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            response = self._fetch(url)
        finally:
            self.seconds += time.perf_counter() - started
            self.cpu_seconds += time.process_time() - started_cpu
        self.fetched.append(url[:200])
        return response

    def _fetch(self, url):
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            self.refuse(url)
        if url.startswith(STATIC_PREFIX):
            return self._static(url, parts)
        return self.refuse(url)

    def _static(self, url, parts):
        relative = unquote(parts.path[len(urlsplit(STATIC_PREFIX).path) :])
        if not relative or ".." in relative.split("/") or relative.startswith("/") or "\\" in relative:
            self.refuse(url)
        path = finders.find(relative)
        if path:
            with open(path, "rb") as handle:
                body = handle.read()
        elif staticfiles_storage.exists(relative):  # collected, hashed names in production
            with staticfiles_storage.open(relative, "rb") as handle:
                body = handle.read()
        else:
            self.refuse(url, "not found")
        media_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": media_type})


def print_copy_name(sha256: str) -> str:
    """Where the print-size copy of an original is kept: derived from the original's hash and the size."""
    return f"reports/print-copies/{EMBEDDED_SIZE[0]}/{sha256[:2]}/{sha256}"


class DocumentFetcher(StaticOnlyFetcher):
    """Static files, plus the images of the evidence items given, read through the storage API.

    ``evidence`` maps an item's id to its stored name: an item the document's
    builder did not list cannot be fetched, whatever a template asks for. The
    image is decoded and re-encoded at print size, which also leaves its
    metadata (EXIF, GPS) behind. That copy is kept in storage next to the
    originals, named by the original's hash, so that the next document reads
    a small file instead of decoding the original again; the original is never
    touched.
    """

    def __init__(self, evidence: dict[int, str] | None = None):
        super().__init__()
        self.evidence = dict(evidence or {})

    def _fetch(self, url):
        parts = urlsplit(url)
        if url.startswith(EVIDENCE_PREFIX) and not (parts.query or parts.fragment):
            return self._evidence(url)
        return super()._fetch(url)

    def _evidence(self, url):
        key = url[len(EVIDENCE_PREFIX) :]
        if not key.isdigit() or int(key) not in self.evidence:
            self.refuse(url)
        original = self.evidence[int(key)]
        sha256 = original.rsplit("/", 1)[-1]
        copy_name = print_copy_name(sha256) if len(sha256) == 64 else ""
        try:
            if copy_name and default_storage.exists(copy_name):
                with default_storage.open(copy_name, "rb") as handle:
                    body = handle.read(MAX_IMAGE_BYTES + 1)
                media_type = magic.Magic(mime=True).from_buffer(body[:4096])
                if media_type in ("image/jpeg", "image/png") and len(body) <= MAX_IMAGE_BYTES:
                    return URLFetcherResponse(url, body, {"Content-Type": media_type})
            with default_storage.open(original, "rb") as handle:
                data = handle.read(MAX_IMAGE_BYTES + 1)
        except Exception as error:  # storage unreachable or object missing: skip the image
            logger.warning("evidence image %s unavailable: %s", key, type(error).__name__)
            self.refuse(url, "unavailable")
        if len(data) > MAX_IMAGE_BYTES:
            self.refuse(url, "too large")
        if magic.Magic(mime=True).from_buffer(data[:4096]) not in EMBEDDABLE_TYPES:
            self.refuse(url, "not an image")
        body, media_type = self._downscaled(url, data)
        if copy_name:
            self._keep(copy_name, body)
        return URLFetcherResponse(url, body, {"Content-Type": media_type})

    @staticmethod
    def _keep(name: str, body: bytes) -> None:
        """Keep the print copy for next time; a document never fails because the copy could not be kept."""
        from django.core.files.base import ContentFile

        try:
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(body))
        except Exception as error:
            logger.warning("print copy not kept: %s", type(error).__name__)

    def _downscaled(self, url, data: bytes) -> tuple[bytes, str]:
        """The image decoded and encoded again at print size, without any of its metadata."""
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    self.refuse(url, "too many pixels")
                image.draft("RGB", EMBEDDED_SIZE)  # JPEG decodes straight at a reduced scale
                image.thumbnail(EMBEDDED_SIZE, reducing_gap=2.0)
                output = io.BytesIO()
                if "A" in image.getbands() or (image.mode == "P" and "transparency" in image.info):
                    image.convert("RGBA").save(output, format="PNG", compress_level=1)
                    return output.getvalue(), "image/png"
                image.convert("RGB").save(output, format="JPEG", quality=JPEG_QUALITY)
                return output.getvalue(), "image/jpeg"
        except RefusedFetch:
            raise
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError, SyntaxError):
            self.refuse(url, "unreadable image")


@dataclass
class Rendering:
    """A rendered document and where the time went."""

    pdf: bytes
    template_seconds: float
    weasyprint_seconds: float
    fetch_seconds: float
    refused: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    # Processor time of the same steps: less disturbed than wall time on a busy machine.
    template_cpu: float = 0.0
    weasyprint_cpu: float = 0.0
    fetch_cpu: float = 0.0


def html_to_pdf(html: str, fetcher: StaticOnlyFetcher) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    # No attachments, whatever the HTML says: a document carries its text, nothing else.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document.write_pdf()


def render_document(template_name: str, context: dict, *, evidence: dict[int, str] | None = None) -> Rendering:
    started, started_cpu = time.perf_counter(), time.process_time()
    html = render_to_string(template_name, context)
    rendered, rendered_cpu = time.perf_counter(), time.process_time()
    fetcher = DocumentFetcher(evidence)
    pdf = html_to_pdf(html, fetcher)
    finished, finished_cpu = time.perf_counter(), time.process_time()
    return Rendering(
        template_cpu=rendered_cpu - started_cpu,
        weasyprint_cpu=finished_cpu - rendered_cpu - fetcher.cpu_seconds,
        fetch_cpu=fetcher.cpu_seconds,
        pdf=pdf,
        template_seconds=rendered - started,
        # Fetching happens inside WeasyPrint's run but is the app's work, not layout.
        weasyprint_seconds=finished - rendered - fetcher.seconds,
        fetch_seconds=fetcher.seconds,
        refused=fetcher.refused,
        fetched=fetcher.fetched,
    )
