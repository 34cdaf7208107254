"""Session bookkeeping: login time, last request, and each user's open sessions."""

import time
from importlib import import_module

from django.conf import settings
from django.dispatch import Signal

from casebook.models import UserSession

LOGIN_AT = "casebook_login_at"
LAST_SEEN = "casebook_last_seen"
EXPIRED = "casebook_session_expired"

# Sent by "log out everywhere" (``user``, ``request``) inside its transaction, before the
# sessions end: an app that gives users credentials of its own (the API's tokens) ends them
# too, so that one button cuts every way in after a compromise.
logged_out_everywhere = Signal()


def start(request, user) -> None:
    """Called at login: the clock of the absolute and idle timeouts starts now."""
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now
    register(request, user)


def register(request, user, *, replaces: str | None = None) -> None:
    """Remember that the request's session belongs to its user (after each new session id)."""
    if replaces:
        UserSession.objects.filter(session_key=replaces).delete()
    if not request.session.session_key:
        request.session.save()
    UserSession.objects.get_or_create(session_key=request.session.session_key, defaults={"user_id": user.pk})


def rotate(request) -> None:
    """A new session id, keeping the session's data (after the second factor)."""
    old = request.session.session_key
    request.session.cycle_key()
    register(request, request.user, replaces=old)


def forget(session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def end_all(user) -> int:
    """End every session of a user, wherever it was opened."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)


def expired(session) -> bool:
    """Past the absolute lifetime since login, or idle for too long."""
    now = time.time()
    login_at = session.get(LOGIN_AT)
    last_seen = session.get(LAST_SEEN, login_at)
    if login_at is None:
        return True
    return now - login_at > settings.SESSION_COOKIE_AGE or now - last_seen > settings.SESSION_IDLE_SECONDS


def touch(session) -> None:
    """Note this request; written at most once a minute to spare the session store."""
    now = time.time()
    if now - session.get(LAST_SEEN, 0) > 60:
        session[LAST_SEEN] = now
