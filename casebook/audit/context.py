"""The request being served, so that services can record its address without passing it."""

from contextvars import ContextVar

_request: ContextVar = ContextVar("casebook_audit_request", default=None)


def current_request():
    return _request.get()


def set_current_request(request):
    return _request.set(request)


def reset_current_request(token) -> None:
    _request.reset(token)
