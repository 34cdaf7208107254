"""One way for a view to call a service and tell the user how it went."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def call_service(request: HttpRequest, action: Callable[[], object], *, success: str | Callable[[], str]) -> bool:
    """Run ``action``; show ``success`` (a text, or a function giving it after the action) when it
    succeeds, the service's own messages when it refuses with a ``ValidationError``. True on success.

    PermissionDenied and Http404 pass through: a view has already checked access before any work.
    """
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success() if callable(success) else success)
    return True
