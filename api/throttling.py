"""Rate limits: per token for calls, per client address for tokens that fail."""

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Calls per token (not per user or address): one runaway script does not block its owner's others."""

    scope = "token"

    def get_rate(self):
        return settings.CASEBOOK_API_RATE

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


FAILURE_WINDOW_SECONDS = 3600


def _failure_key(address: str | None) -> str:
    return f"api-token-failures:{address or '-'}"


def failures_exceeded(address: str | None) -> bool:
    """Whether this address gave too many wrong tokens within the hour (then every token is refused)."""
    return cache.get(_failure_key(address), 0) >= settings.CASEBOOK_API_FAILED_LOGINS_PER_HOUR


def count_failure(address: str | None) -> None:
    key = _failure_key(address)
    if not cache.add(key, 1, FAILURE_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, FAILURE_WINDOW_SECONDS)
