"""The Django admin, for administrators who passed both factors, and nobody else."""

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

    def login(self, request, extra_context=None):
        """No second login form: Casebook's own two-step login, or 403 for the wrong role."""
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if settings.REQUIRE_2FA and not request.user.is_verified():
            return redirect_to_login(request.get_full_path(), resolve_url("account:verify"))
        raise PermissionDenied
