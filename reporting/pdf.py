"""PDF rendering with WeasyPrint, which may read the app's own static files and nothing else."""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against a host that cannot exist (RFC 2606), so that
# every relative URL in a template resolves to something this fetcher knows.
BASE_URL = "https://casebook.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")


class RefusedFetch(ValueError):
    """A resource a document asked for and may not have; WeasyPrint skips it."""


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's static files; refuses files, the network, data and redirects."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if not url.startswith(STATIC_PREFIX) or parts.query or parts.fragment:
            self.refused.append(url[:200])
            raise RefusedFetch(f"refused: {url[:200]}")
        relative = unquote(parts.path[len(urlsplit(STATIC_PREFIX).path) :])
        if not relative or ".." in relative.split("/") or relative.startswith("/"):
            self.refused.append(url[:200])
            raise RefusedFetch(f"refused: {url[:200]}")
        path = finders.find(relative)
        if path:
            with open(path, "rb") as handle:
                body = handle.read()
        elif staticfiles_storage.exists(relative):  # collected, hashed names in production
            with staticfiles_storage.open(relative, "rb") as handle:
                body = handle.read()
        else:
            self.refused.append(url[:200])
            raise RefusedFetch(f"not found: {url[:200]}")
        media_type = mimetypes.guess_type(relative)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": media_type})


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    fetcher = StaticOnlyFetcher()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()
