"""The Django admin, for administrators who passed both factors, and nobody else."""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from casebook.roles import Role, has_role


def _fully_logged_in(user) -> bool:
    return user.is_authenticated and (user.is_verified() or not settings.REQUIRE_2FA)


class CasebookAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        if not (user.is_active and user.is_staff and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))):
            return False
        return _fully_logged_in(user)

    def admin_view(self, view, cacheable=False):
        """A user who is fully logged in but not an administrator gets 403, not a second login form."""
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
            if _fully_logged_in(request.user) and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def login(self, request, extra_context=None):
        """No second login form: Casebook's own two-step login, or 403 for the wrong role."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if not _fully_logged_in(request.user):
            return redirect_to_login(request.get_full_path(), resolve_url("account:verify"))
        if not self.has_permission(request):
            raise PermissionDenied
        target = request.GET.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("admin:index")
