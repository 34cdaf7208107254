from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """Liveness for the proxy and the orchestrator: says ok or not, nothing more."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    return redirect("cases:list")


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
