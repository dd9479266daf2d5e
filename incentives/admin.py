from django.contrib import admin

from intlaffairs.workflow_admin import StateChangeInline, WorkflowAdmin

from .models import Certificate, Claim, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "unit", "rank"]
    list_filter = ["kind", "unit", "rank"]


@admin.register(Certificate)
class CertificateAdmin(WorkflowAdmin, admin.ModelAdmin):
    list_display = ["person", "test", "overall", "taken_on", "status"]
    list_filter = ["test", "status"]
    inlines = [StateChangeInline]


@admin.register(Claim)
class ClaimAdmin(WorkflowAdmin, admin.ModelAdmin):
    list_display = ["pk", "claimant", "course_fee", "exam_fee", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["paid_on", "payment_reference", "rejection_reason"]
    inlines = [StateChangeInline]
