from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from intlaffairs.workflow_admin import StateChangeInline, WorkflowAdmin

from .models import AttendanceCertificate, CourseApplication, Delegation, Mobility, ShortCourse


@admin.register(Mobility)
class MobilityAdmin(WorkflowAdmin, SimpleHistoryAdmin):
    list_display = ["person_name", "direction", "kind", "institution", "starts_on", "status"]
    list_filter = ["direction", "kind", "status"]
    search_fields = ["person_name"]
    inlines = [StateChangeInline]


@admin.register(ShortCourse)
class ShortCourseAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "kind", "starts_on", "capacity", "is_published"]


@admin.register(CourseApplication)
class CourseApplicationAdmin(WorkflowAdmin):
    list_display = ["name_latin", "course", "status"]
    list_filter = ["status"]
    raw_id_fields = ["applicant"]
    inlines = [StateChangeInline]


@admin.register(AttendanceCertificate)
class AttendanceCertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "application", "issued_at"]
    readonly_fields = ["code"]


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["title", "direction", "country", "starts_on"]
