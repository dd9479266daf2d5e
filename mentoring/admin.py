from django.contrib import admin

from intlaffairs.workflow_admin import StateChangeInline, WorkflowAdmin

from .models import Mentee, Mentor, MentorLanguage, Pairing


class LanguageInline(admin.TabularInline):
    model = MentorLanguage
    extra = 0


@admin.register(Mentor)
class MentorAdmin(WorkflowAdmin):
    list_display = ["user", "unit", "status", "capacity"]
    list_filter = ["status"]
    raw_id_fields = ["user"]
    inlines = [LanguageInline, StateChangeInline]


@admin.register(Mentee)
class MenteeAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "gender"]
    raw_id_fields = ["user", "application"]


@admin.register(Pairing)
class PairingAdmin(WorkflowAdmin):
    list_display = ["mentor", "mentee", "status", "score"]
    list_filter = ["status"]
    inlines = [StateChangeInline]
