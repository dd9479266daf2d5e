"""Fields staff type in three languages (name_fa, name_en, name_ckb ...), and change history.

History is registered here, after the translated fields exist, so that the historical models
record every language's column (modeltranslation adds them when this module is imported).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from .models import Agreement, Institution


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa", "en")


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"fa": ("title",), "en": ("title",)}


keep_history(Institution, excluded_fields=["search_text"])
keep_history(Agreement, m2m_fields=["partners", "initiators"], excluded_fields=["search_text"])
