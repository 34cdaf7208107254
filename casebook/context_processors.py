from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from casebook.roles import Role, has_role


def roles(request):
    # A request refused before authentication ran (a forged Host header, a
    # malformed body) has no user yet; its error page is shown to an anonymous one.
    user = getattr(request, "user", None) or AnonymousUser()
    verified = getattr(user, "is_verified", lambda: False)
    return {
        # Between the password and the second factor, the menu stays hidden.
        "fully_logged_in": user.is_authenticated and (verified() or not settings.REQUIRE_2FA),
        "is_officer": has_role(user, Role.OFFICER, Role.ADMINISTRATOR),
        "is_partner": has_role(user, Role.PARTNER),
    }
