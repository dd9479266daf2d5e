from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import documents
from .document_forms import LetterheadForm, RevokeForm
from .models import (
    IssuedDocument,
    Letterhead,
    Message,
    OutgoingMail,
    ReportRequest,
    SavedReply,
    SecurityEvent,
    TargetCountry,
    Unit,
    User,
)
from .translated import in_every_language


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the portal writes and nobody edits: shown, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeForm(DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "full_name_native", "preferred_language", "is_active"]
    list_filter = ["groups", "is_active", "preferred_language"]
    search_fields = ["email", "full_name", "full_name_native"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "full_name_native", "preferred_language"]}),
        (
            _("Roles and permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["to", "subject", "language", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["kind", "language", "requested_by", "status", "pages", "created_at"]
    list_filter = ["status", "kind", "language"]
    readonly_fields = [field.name for field in ReportRequest._meta.fields]


@admin.register(Unit)
class UnitAdmin(TranslationAdmin):
    search_fields = in_every_language("name")


@admin.register(TargetCountry)
class TargetCountryAdmin(admin.ModelAdmin):
    list_display = ["country", "priority", "note"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    """Read only: the log is written by the portal, never edited."""

    list_display = ["at", "kind", "user", "ip"]
    list_filter = ["kind"]
    search_fields = ["user__email"]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    """Read only: what the applicant and the office wrote to each other stays as written
    (messages are posted through `messaging.message_post`)."""

    list_display = ["sent_at", "content_type", "object_id", "author", "from_office", "read_at"]
    list_filter = ["from_office", "content_type"]
    list_select_related = ["author", "content_type"]
    search_fields = ["body", "author__email"]
    date_hierarchy = "sent_at"


@admin.register(SavedReply)
class SavedReplyAdmin(admin.ModelAdmin):
    """The managers' saved replies; the model's `clean()` rejects unknown placeholders here too."""

    list_display = ["title", "language", "is_active", "updated_at"]
    list_filter = ["language", "is_active"]
    search_fields = ["title", "body"]
    fields = ["title", "language", "body", "is_active"]


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    """Documents of record are never changed: the admin shows them and revokes them through
    `documents.document_revoke`, with a reason, like the document's page does."""

    list_display = ["number", "kind", "holder_name", "language", "issued_at", "revoked_at"]
    list_filter = ["kind", "language", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["holder"]
    search_fields = ["number", "code", "holder_name", "holder_name_native", "holder__email"]
    date_hierarchy = "issued_at"
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        """Only the revoke action asks this (with no object): a document itself is never
        changed, and every field stays read-only."""
        return (
            obj is None
            and super().has_change_permission(request)
            and request.user.has_role(*documents.MANAGERS)
        )

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in IssuedDocument._meta.fields]

    @admin.action(description=_("Revoke the selected documents"), permissions=["change"])
    def revoke(self, request, queryset):
        form = RevokeForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Revoke documents"),
                "opts": self.model._meta,
                "documents": queryset,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/intlaffairs/revoke_documents.html", context)
        revoked = 0
        for document in queryset:
            try:
                documents.document_revoke(
                    document=document, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                self.message_user(
                    request, f"{document.number}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                revoked += 1
        if revoked:
            self.message_user(
                request,
                ngettext(
                    "%(count)d document has been revoked.",
                    "%(count)d documents have been revoked.",
                    revoked,
                )
                % {"count": revoked},
                messages.SUCCESS,
            )
        return None


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    """The one letterhead, with the portal's form (pictures checked by their content). Documents
    already issued keep the letterhead they were printed with."""

    form = LetterheadForm
    fields = LetterheadForm.Meta.fields
    list_display = ["__str__", "signatory_name", "updated_at", "updated_by"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Letterhead.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
