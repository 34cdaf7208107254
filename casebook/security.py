"""The client's address, as far as Casebook can trust it."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address of the client, for lockout and the audit log.

    With no trusted proxy (``CASEBOOK_TRUSTED_PROXY_COUNT=0``) this is the
    socket's peer, and any X-Forwarded-For header is ignored: a client can
    write whatever it likes there. Behind N trusted proxies, each appends the
    address it saw, so the client is the N-th address from the right; what a
    client forged sits further left and is never read.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
