from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agent, Application, DocumentType, Procedure, Program, RecognitionIssue, Step


@admin.register(DocumentType)
class DocumentTypeAdmin(TranslationAdmin):
    list_display = ["code", "name", "is_photo", "order"]


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "degree", "unit", "intake", "deadline", "is_published"]
    list_filter = ["degree", "intake", "is_published"]
    search_fields = ["name_fa", "name_en", "name_ckb"]


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "by", "at", "note"]
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "given_name", "family_name", "nationality", "program", "stage"]
    list_filter = ["stage", "channel"]
    search_fields = ["reference", "given_name", "family_name", "passport_number"]
    readonly_fields = ["reference", "stage", "stage_since", "submitted_at"]
    raw_id_fields = ["applicant"]
    inlines = [StepInline]


@admin.register(Agent)
class AgentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "is_active"]


@admin.register(Procedure)
class ProcedureAdmin(TranslationAdmin):
    list_display = ["title", "kind"]


@admin.register(RecognitionIssue)
class RecognitionIssueAdmin(SimpleHistoryAdmin):
    list_display = ["country", "since", "status"]
