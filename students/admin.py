from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from intlaffairs.models import User
from intlaffairs.roles import Role
from intlaffairs.translated import in_every_language
from intlaffairs.workflow_admin import StateChangeInline, WorkflowAdmin

from .models import (
    Agent,
    Application,
    ArrivalItem,
    DocumentType,
    FacultyReview,
    Procedure,
    Program,
    RecognitionIssue,
    ReviewCriterion,
    UnitReviewer,
)
from .reviews import reviewer_add, reviewer_remove


@admin.register(DocumentType)
class DocumentTypeAdmin(TranslationAdmin):
    list_display = ["code", "name", "is_photo", "order"]


class ReviewCriterionInline(TranslationTabularInline):
    model = ReviewCriterion
    fields = ["name", "order"]
    extra = 0


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin, TranslationAdmin):
    inlines = [ReviewCriterionInline]
    list_display = ["name", "degree", "unit", "intake", "deadline", "is_published"]
    list_filter = ["degree", "intake", "is_published"]
    search_fields = in_every_language("name")


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


class UnitReviewerForm(forms.ModelForm):
    class Meta:
        model = UnitReviewer
        fields = ["unit", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = User.objects.filter(
                groups__name=Role.FACULTY, is_active=True
            ).order_by("email")

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if user is not None and not user.has_role(Role.FACULTY):
            raise ValidationError(_("Only a faculty member can review applications."))
        return cleaned


@admin.register(UnitReviewer)
class UnitReviewerAdmin(admin.ModelAdmin):
    """The administrator names a unit's reviewers; adding one asks them the unit's files
    already at the faculty (students/reviews.py)."""

    form = UnitReviewerForm
    list_display = ["user", "unit", "added_at"]
    list_filter = ["unit"]
    search_fields = ["user__email", "user__full_name"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # remove and add again: a reviewer moves with their reviews

    def save_model(self, request, obj, form, change):
        # The form checked the person and that they are not already the unit's reviewer.
        obj.pk = reviewer_add(unit=obj.unit, user=obj.user, by=request.user).pk

    def delete_model(self, request, obj):
        reviewer_remove(reviewer=obj)

    def delete_queryset(self, request, queryset):
        for reviewer in queryset:
            reviewer_remove(reviewer=reviewer)


@admin.register(FacultyReview)
class FacultyReviewAdmin(admin.ModelAdmin):
    """Read only: reviews are written by their reviewers in the portal."""

    list_display = ["application", "reviewer", "status", "recommendation", "requested_at"]
    list_filter = ["status", "recommendation"]
    search_fields = ["application__reference", "reviewer__email"]
    inlines = [StateChangeInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
