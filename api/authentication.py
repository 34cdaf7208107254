from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from api import throttling, tokens
from casebook.security import client_ip


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer cb_…``. The token is checked on every call, and its user's rights
    are read at that moment: a role removed or a case unshared applies to the next call.

    An address that keeps sending wrong tokens is refused for an hour (429), right or wrong.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        address = client_ip(request._request)
        if throttling.failures_exceeded(address):
            raise exceptions.Throttled(wait=throttling.FAILURE_WINDOW_SECONDS)
        token = None
        if len(header) == 2:
            try:
                token = tokens.token_find(header[1].decode())
            except UnicodeDecodeError:
                token = None
        if token is None:
            throttling.count_failure(address)
            raise exceptions.AuthenticationFailed(_("This token is not valid, has expired or was revoked."))
        tokens.token_used(token=token, address=address)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
