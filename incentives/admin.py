from django.contrib import admin

from .models import Certificate, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "unit", "rank"]
    list_filter = ["kind", "unit", "rank"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["person", "test", "overall", "taken_on", "verified_at"]
    list_filter = ["test"]
