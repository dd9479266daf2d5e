from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from intlaffairs.translated import in_every_language
from intlaffairs.workflow_admin import StateChangeInline, WorkflowAdmin

from .models import Alumnus, Engagement, Grant, Output, Project, Removal, Scientist


class OutputInline(admin.TabularInline):
    model = Output
    extra = 0


@admin.register(Project)
class ProjectAdmin(WorkflowAdmin, TranslationAdmin):
    list_display = ["title", "kind", "status", "amount", "currency"]
    list_filter = ["status", "kind"]
    search_fields = in_every_language("title")
    filter_horizontal = ["partners", "investigators"]
    inlines = [OutputInline, StateChangeInline]


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["title", "funder", "outcome", "amount_requested", "amount_awarded", "currency"]
    list_filter = ["outcome"]


class EngagementInline(admin.TabularInline):
    model = Engagement
    extra = 0


@admin.register(Scientist)
class ScientistAdmin(admin.ModelAdmin):
    list_display = ["name_latin", "name_native", "country", "link", "consent_to_contact"]
    search_fields = ["name_latin", "name_native", "institution", "field"]
    inlines = [EngagementInline]


@admin.register(Alumnus)
class AlumnusAdmin(admin.ModelAdmin):
    list_display = ["name_latin", "country", "program", "graduated_in", "stays_in_touch"]


@admin.register(Removal)
class RemovalAdmin(admin.ModelAdmin):
    list_display = ["reference", "reason", "removed_by", "removed_at"]
    readonly_fields = ["kind", "reference", "reason", "removed_by", "removed_at"]
