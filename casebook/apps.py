from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CasebookConfig(AppConfig):
    default = True
    name = "casebook"
    verbose_name = _("Casebook")

    def ready(self):
        from casebook import (
            authcache,
            signals,  # noqa: F401  (connects the audit receivers)
        )

        authcache.connect()


class CasebookAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "casebook.admin.CasebookAdminSite"
