"""The Django admin, for administrators who passed both factors, and nobody else."""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url

from casebook.roles import Role, has_role


class CasebookAdminSite(admin.AdminSite):
    def has_permission(self, request):
        user = request.user
        if not (user.is_active and user.is_staff and (user.is_superuser or has_role(user, Role.ADMINISTRATOR))):
            return False
        return user.is_verified() or not settings.REQUIRE_2FA

    def admin_view(self, view, cacheable=False):
        """A user who is fully logged in but not an administrator gets 403, not a second login form."""
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
            fully_in = user.is_authenticated and (user.is_verified() or not settings.REQUIRE_2FA)
            if fully_in and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def login(self, request, extra_context=None):
        """No second login form: Casebook's own two-step login, or 403 for the wrong role."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if settings.REQUIRE_2FA and not request.user.is_verified():
            return redirect_to_login(request.get_full_path(), resolve_url("account:verify"))
        raise PermissionDenied
