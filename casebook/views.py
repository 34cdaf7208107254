import hmac
import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

HEALTH_PROBE_NAME = "health/probe"


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_storage() -> None:
    # A read that reaches the store (a HEAD request on S3, a stat on disk);
    # the answer does not matter, only that the store answers.
    default_storage.exists(HEALTH_PROBE_NAME)


def _check_queue() -> str:
    if not settings.CELERY_BROKER_URL:
        return "not configured"
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
        broker.ensure_connection(max_retries=1, timeout=2)
    return "ok"


def _health_details() -> dict[str, str]:
    details = {}
    for name, check in (("database", _check_database), ("storage", _check_storage), ("queue", _check_queue)):
        started = time.monotonic()
        try:
            details[name] = check() or "ok"
        except Exception as error:  # any failure means "unavailable"; the type is enough to act on
            details[name] = "unavailable"
            logger.warning(
                "health check failed: %s (%s)",
                name,
                type(error).__name__,
                extra={"duration_ms": round((time.monotonic() - started) * 1000)},
            )
    return details


def _has_health_token(request: HttpRequest) -> bool:
    expected = settings.CASEBOOK_HEALTH_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Database, storage and queue for the proxy, the orchestrator and monitoring.

    An anonymous caller learns only "ok" or "unavailable" (503). The state of
    each component is shown only to a caller holding CASEBOOK_HEALTH_TOKEN
    (``Authorization: Bearer <token>``).
    """
    details = _health_details()
    healthy = all(state != "unavailable" for state in details.values())
    body: dict = {"status": "ok" if healthy else "unavailable"}
    if _has_health_token(request):
        body["checks"] = details
    return JsonResponse(body, status=200 if healthy else 503)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """A malformed or oversized request: say which, in the user's language; nothing was kept."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        message, status = _("This request is too large and was refused. Nothing was saved."), 413
    else:
        message, status = _("This request could not be understood and was refused. Nothing was saved."), 400
    return render(request, "casebook/error.html", {"title": _("Request refused"), "message": message}, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _(
        "This form has expired or did not come from Casebook, so it was refused. "
        "Go back, reload the page and send it again."
    )
    return render(request, "casebook/error.html", {"title": _("Form refused"), "message": message}, status=403)
