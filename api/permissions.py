from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from api.models import ApiToken, Scope


class TokenScope(permissions.BasePermission):
    """The view's ``scope`` (read by default; write for changes) must be one of the token's.

    Checked before any object is looked up, so a missing scope says nothing about a case.
    """

    message = _("This token does not have the scope this call needs.")
    code = "scope_missing"

    def has_permission(self, request, view):
        token = request.auth
        if not isinstance(token, ApiToken) or not request.user.is_authenticated:
            return False
        needed = getattr(view, "scopes_by_method", {}).get(request.method) or getattr(view, "scope", Scope.READ)
        return token.has_scope(needed)
