from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import resolve_url

from casebook import sessions
from casebook.audit import Action, record
from casebook.audit.context import reset_current_request, set_current_request


class SessionTimeoutMiddleware:
    """Ends a session idle too long or older than its absolute lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            if sessions.expired(request.session):
                record(actor=request.user, action=Action.SESSION_EXPIRED, request=request)
                logout(request)
                request.session[sessions.EXPIRED] = True
            else:
                sessions.touch(request.session)
        return self.get_response(request)


def second_factor_exempt(view):
    """For the pages of the second-factor step itself."""
    view.second_factor_exempt = True
    return view


class SecondFactorMiddleware:
    """Sends a user who gave only the password to the second-factor step.

    Views marked ``login_not_required`` (login, health, language, the admin's
    login page) are open to anybody; everything else needs both factors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.REQUIRE_2FA or getattr(view_func, "second_factor_exempt", False):
            return None
        if getattr(view_func, "login_required", True) is False:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        return redirect_to_login(request.get_full_path(), resolve_url("account:verify"))


class AuditContextMiddleware:
    """Lets services record the client's address without being handed the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_current_request(request)
        try:
            return self.get_response(request)
        finally:
            reset_current_request(token)
