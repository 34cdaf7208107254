from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reports")

    def ready(self):
        from cases.panels import register
        from reporting.job_documents import register_documents
        from reporting.models import Job
        from reporting.views import reports_panel

        # Any job of the case's: the panel lists only the user's own, among them.
        register(reports_panel, rows=lambda case_id: Job._default_manager.filter(case_id=case_id))
        register_documents()
