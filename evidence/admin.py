from django.contrib import admin

from evidence.models import CustodyEvent, Derivative, EvidenceItem


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ["original_name", "case", "media_type", "size", "sha256", "uploaded_at"]
    search_fields = ["sha256", "original_name", "case__reference"]

    def has_add_permission(self, request):
        return False  # evidence arrives through the intake checks only

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CustodyEvent)
class CustodyEventAdmin(admin.ModelAdmin):
    list_display = ["item", "action", "actor", "at"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Derivative)
class DerivativeAdmin(admin.ModelAdmin):
    list_display = ["original_sha256", "kind", "width", "height", "created_at"]
    search_fields = ["original_sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
