from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reports")

    def ready(self):
        from cases.panels import register
        from reporting.job_documents import register_documents
        from reporting.views import reports_panel

        register(reports_panel)
        register_documents()
