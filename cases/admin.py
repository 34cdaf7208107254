"""Administrators edit the vocabularies and actors here, through the services; cases are only read here.

A case is changed on Casebook's own pages, whose services keep its search,
history and audit in step; the admin shows cases without a way to change them.
"""

from django.contrib import admin, messages
from django.utils.translation import ngettext
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
from cases.services.vocabulary import vocabulary_save


class NoDeleteAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False  # records are archived or made inactive, never deleted


class ThroughServicesAdmin(NoDeleteAdmin):
    """Saves (the change form and the list's editable columns alike) go through the vocabulary service:
    permission, validation, history, audit and the search of the cases that use the item."""

    def save_model(self, request, obj, form, change):
        refreshed = vocabulary_save(actor=request.user, item=obj, created=not change, changed_fields=form.changed_data)
        if refreshed:
            message = ngettext(
                "The search of %(count)d case that uses it was refreshed.",
                "The search of the %(count)d cases that use it was refreshed.",
                refreshed,
            )
            self.message_user(request, message % {"count": refreshed}, messages.INFO)


@admin.register(Case)
class CaseAdmin(NoDeleteAdmin):
    def has_add_permission(self, request):
        return False  # cases are created on the case form, through the services

    def has_change_permission(self, request, obj=None):
        return False  # and changed there: an admin save would leave search, history and audit behind

    list_display = ["reference", "title", "status", "sensitivity", "country", "created_at"]
    list_filter = ["status", "sensitivity"]
    search_fields = ["reference"]
    readonly_fields = ["reference", "created_by", "created_at", "updated_at"]
    exclude = ["search_text", "people_search_text", "search_prefixes"]


class TaxonomyAdmin(ThroughServicesAdmin):
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
class ActorAdmin(ThroughServicesAdmin):
    list_display = ["name_en", "name_ar", "actor_type", "country"]
    list_filter = ["actor_type"]
    search_fields = ["name_en", "name_ar"]


@admin.register(Tag)
class TagAdmin(ThroughServicesAdmin):
    search_fields = ["name"]


@admin.register(SensitivityClearance)
class SensitivityClearanceAdmin(ThroughServicesAdmin):
    list_display = ["user", "level"]
    autocomplete_fields = []
