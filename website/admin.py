from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Inquiry, Page, Post


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    list_display = ("title", "slug", "order", "is_published")
    list_filter = ("is_published",)


@admin.register(Post)
class PostAdmin(TranslationAdmin):
    list_display = ("title", "kind", "published_on", "is_published")
    list_filter = ("kind", "is_published")
    date_hierarchy = "published_on"


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ("subject", "name", "email", "language", "sent_at")
    readonly_fields = ("sent_at",)
