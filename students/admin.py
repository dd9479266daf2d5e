from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from intlaffairs.workflow_admin import StateChangeInline, WorkflowAdmin

from .models import (
    Agent,
    Application,
    ArrivalItem,
    DocumentType,
    Procedure,
    Program,
    RecognitionIssue,
)


@admin.register(DocumentType)
class DocumentTypeAdmin(TranslationAdmin):
    list_display = ["code", "name", "is_photo", "order"]


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "degree", "unit", "intake", "deadline", "is_published"]
    list_filter = ["degree", "intake", "is_published"]
    search_fields = ["name_fa", "name_en", "name_ckb"]


class ArrivalItemInline(admin.TabularInline):
    model = ArrivalItem
    fields = ["kind", "state", "date", "note"]
    extra = 0


@admin.register(Application)
class ApplicationAdmin(WorkflowAdmin, SimpleHistoryAdmin):
    list_display = ["reference", "given_name", "family_name", "nationality", "program", "stage"]
    list_filter = ["stage", "channel"]
    search_fields = ["reference", "given_name", "family_name", "passport_number"]
    readonly_fields = ["reference", "stage_since", "submitted_at"]
    raw_id_fields = ["applicant"]
    inlines = [ArrivalItemInline, StateChangeInline]


@admin.register(Agent)
class AgentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "is_active"]


@admin.register(Procedure)
class ProcedureAdmin(TranslationAdmin):
    list_display = ["title", "kind"]


@admin.register(RecognitionIssue)
class RecognitionIssueAdmin(SimpleHistoryAdmin):
    list_display = ["country", "since", "status"]
