from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Evidence")

    def ready(self):
        from cases.panels import register, register_content
        from evidence import signals  # noqa: F401 - connects the custody receivers
        from evidence.content import content_evidence_panel
        from evidence.models import EvidenceItem
        from evidence.views import evidence_panel

        register(evidence_panel, rows=lambda case_id: EvidenceItem._default_manager.filter(case_id=case_id))
        register_content(content_evidence_panel)
