from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases"

    def ready(self):
        # Connects the receivers that forget cached drop-down choices when a taxonomy changes.
        from cases import dropdowns  # noqa: F401
