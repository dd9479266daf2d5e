"""Fields staff type in three languages, and change history (after the translated fields)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from .models import Delegation, Mobility, ShortCourse


@register(ShortCourse)
class ShortCourseTranslation(TranslationOptions):
    fields = ("title", "description", "eligibility")
    required_languages = {"fa": ("title",), "en": ("title",)}


keep_history(Mobility, excluded_fields=["report"])
keep_history(ShortCourse, excluded_fields=["search_text"])
keep_history(Delegation, m2m_fields=["institutions", "agreements"])
