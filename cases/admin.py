from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.models import Case


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "status", "sensitivity", "country", "created_at"]
    list_filter = ["status", "sensitivity", "violation_type", "platform"]
    search_fields = ["reference", "title"]
    readonly_fields = ["reference", "created_by", "created_at", "updated_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # cases are archived, never deleted
