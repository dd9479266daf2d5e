"""Fields the office types in each language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Page, Post


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = {"fa": ("title",), "en": ("title",)}


@register(Post)
class PostTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "place")
    required_languages = {"fa": ("title",), "en": ("title",)}
