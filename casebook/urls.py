from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from casebook import auth_views as casebook_auth
from casebook import views
from casebook.middleware import second_factor_exempt
from cases.home_views import home

urlpatterns = [
    path("", home, name="home"),
    path("health/", views.health, name="health"),
    path("accounts/login/", casebook_auth.LoginView.as_view(), name="login"),
    # Open to a user between the two steps, who may want to give up.
    path("accounts/logout/", second_factor_exempt(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/", include("casebook.account_urls")),
    path("accounts/security/tokens/", include("api.token_urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("audit/", include("casebook.audit_urls")),
    path("cases/", include("cases.urls")),
    path("evidence/", include("evidence.urls")),
    path("reports/", include("reporting.urls")),
    path("api/v1/", include("api.urls")),
    path("imports/", include("imports.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "casebook.views.bad_request"
