"""Administrators edit the vocabularies and actors here; cases are read and archived, never deleted."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.models import (
    Actor,
    ActorType,
    Case,
    Outcome,
    Platform,
    Profession,
    SensitivityClearance,
    Tag,
    ViolationType,
)


class NoDeleteAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False  # records are archived or made inactive, never deleted


@admin.register(Case)
class CaseAdmin(NoDeleteAdmin):
    list_display = ["reference", "title", "status", "sensitivity", "country", "created_at"]
    list_filter = ["status", "sensitivity"]
    search_fields = ["reference"]
    readonly_fields = ["reference", "created_by", "created_at", "updated_at"]
    exclude = ["search_text", "people_search_text", "search_prefixes"]


class TaxonomyAdmin(NoDeleteAdmin):
    list_display = ["code", "label_en", "label_ar", "position", "is_active"]
    list_editable = ["label_en", "label_ar", "position", "is_active"]
    search_fields = ["code", "label_en", "label_ar"]


for taxonomy in (ViolationType, ActorType, Profession, Outcome):
    admin.site.register(taxonomy, TaxonomyAdmin)


@admin.register(Platform)
class PlatformAdmin(TaxonomyAdmin):
    list_display = [*TaxonomyAdmin.list_display, "response_days"]
    list_editable = [*TaxonomyAdmin.list_editable, "response_days"]


@admin.register(Actor)
class ActorAdmin(NoDeleteAdmin):
    list_display = ["name_en", "name_ar", "actor_type", "country"]
    list_filter = ["actor_type"]
    search_fields = ["name_en", "name_ar"]


@admin.register(Tag)
class TagAdmin(NoDeleteAdmin):
    search_fields = ["name"]


@admin.register(SensitivityClearance)
class SensitivityClearanceAdmin(NoDeleteAdmin):
    list_display = ["user", "level"]
    autocomplete_fields = []
