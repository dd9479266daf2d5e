from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from intlaffairs.translated import in_every_language
from intlaffairs.workflow_admin import StateChangeInline, WorkflowAdmin

from .models import Agreement, Contact, Institution, Quota, SignedFile


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin, TranslationAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "country", "city", "kind"]
    list_filter = ["kind", "country"]
    search_fields = [*in_every_language("name"), "city"]
    inlines = [ContactInline]


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0


class SignedFileInline(admin.TabularInline):
    model = SignedFile
    extra = 0
    readonly_fields = ["original_name", "size", "uploaded_by", "uploaded_at"]


@admin.register(Agreement)
class AgreementAdmin(WorkflowAdmin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "type", "status", "ends_on", "owner"]
    list_filter = ["status", "type"]
    search_fields = in_every_language("title")
    filter_horizontal = ["partners", "initiators", "scopes"]
    inlines = [QuotaInline, SignedFileInline, StateChangeInline]
