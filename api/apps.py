from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api import tokens
        from casebook.sessions import logged_out_everywhere

        logged_out_everywhere.connect(tokens.on_logout_everywhere, dispatch_uid="api.tokens.logout_everywhere")
