from django.apps import AppConfig
from django.db.models.signals import pre_save


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases"

    def ready(self):
        # Connects the receivers that forget cached drop-down choices when a taxonomy changes.
        from cases import dropdowns  # noqa: F401
        from cases.content_views import content_panel
        from cases.models import ContentItem
        from cases.panels import register

        register(content_panel, rows=lambda case_id: ContentItem._default_manager.filter(case_id=case_id))

        pre_save.connect(_refuse_a_copy_made_for_reading, dispatch_uid="cases.read_only_for_viewer")


def _refuse_a_copy_made_for_reading(sender, instance, **kwargs):
    """An object whose text was replaced for one viewer (``cases.disclosure``) is never written back."""
    if getattr(instance, "_read_only_for_viewer", False):
        raise RuntimeError(f"{sender.__name__} {instance.pk} was prepared for reading and cannot be saved")
