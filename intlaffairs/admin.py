from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import OutgoingMail, ReportRequest, SecurityEvent, TargetCountry, Unit, User


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
    search_fields = ["name_fa", "name_en", "name_ckb"]


@admin.register(TargetCountry)
class TargetCountryAdmin(admin.ModelAdmin):
    list_display = ["country", "priority", "note"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read only: the log is written by the portal, never edited."""

    list_display = ["at", "kind", "user", "ip"]
    list_filter = ["kind"]
    search_fields = ["user__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
