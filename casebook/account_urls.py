from django.urls import path

from casebook import auth_views

app_name = "account"

urlpatterns = [
    path("two-factor/", auth_views.verify, name="verify"),
    path("two-factor/enrol/", auth_views.enrol, name="enrol"),
    path("security/", auth_views.security, name="security"),
    path("security/backup-codes/", auth_views.backup_codes, name="backup_codes"),
    path("logout-everywhere/", auth_views.logout_everywhere, name="logout_everywhere"),
]
