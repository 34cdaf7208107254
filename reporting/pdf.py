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
EMBEDDED_SIZE = (1200, 1200)  # downscaled before embedding: smaller PDF, faster layout


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

    def refuse(self, url: str, reason: str = "refused"):
        self.refused.append(url[:200])
        raise RefusedFetch(f"{reason}: {url[:200]}")

    def fetch(self, url, headers=None):
        started = time.perf_counter()
        try:
            response = self._fetch(url)
        finally:
            self.seconds += time.perf_counter() - started
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


class DocumentFetcher(StaticOnlyFetcher):
    """Static files, plus the images of the evidence items given, read through the storage API.

    ``evidence`` maps an item's id to its stored name: an item the document's
    builder did not list cannot be fetched, whatever a template asks for. The
    image is decoded and re-encoded at a bounded size, which also leaves its
    metadata (EXIF, GPS) behind.
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
        try:
            with default_storage.open(self.evidence[int(key)], "rb") as handle:
                data = handle.read(MAX_IMAGE_BYTES + 1)
        except Exception as error:  # storage unreachable or object missing: skip the image
            logger.warning("evidence image %s unavailable: %s", key, type(error).__name__)
            self.refuse(url, "unavailable")
        if len(data) > MAX_IMAGE_BYTES:
            self.refuse(url, "too large")
        if magic.Magic(mime=True).from_buffer(data[:4096]) not in EMBEDDABLE_TYPES:
            self.refuse(url, "not an image")
        return URLFetcherResponse(url, self._downscaled(url, data), {"Content-Type": "image/png"})

    def _downscaled(self, url, data: bytes) -> bytes:
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    self.refuse(url, "too many pixels")
                image.thumbnail(EMBEDDED_SIZE)
                converted = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                output = io.BytesIO()
                converted.save(output, format="PNG", optimize=False)
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as error:
            if isinstance(error, RefusedFetch):
                raise
            self.refuse(url, "unreadable image")
        return output.getvalue()


@dataclass
class Rendering:
    """A rendered document and where the time went."""

    pdf: bytes
    template_seconds: float
    weasyprint_seconds: float
    fetch_seconds: float
    refused: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)


def html_to_pdf(html: str, fetcher: StaticOnlyFetcher) -> bytes:
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render()
    # No attachments, whatever the HTML says: a document carries its text, nothing else.
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]
    return document.write_pdf()


def render_document(template_name: str, context: dict, *, evidence: dict[int, str] | None = None) -> Rendering:
    started = time.perf_counter()
    html = render_to_string(template_name, context)
    rendered = time.perf_counter()
    fetcher = DocumentFetcher(evidence)
    pdf = html_to_pdf(html, fetcher)
    finished = time.perf_counter()
    return Rendering(
        pdf=pdf,
        template_seconds=rendered - started,
        # Fetching happens inside WeasyPrint's run but is the app's work, not layout.
        weasyprint_seconds=finished - rendered - fetcher.seconds,
        fetch_seconds=fetcher.seconds,
        refused=fetcher.refused,
        fetched=fetcher.fetched,
    )


def render_pdf(template_name: str, context: dict, *, evidence: dict[int, str] | None = None) -> bytes:
    return render_document(template_name, context, evidence=evidence).pdf
