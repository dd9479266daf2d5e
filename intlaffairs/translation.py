from modeltranslation.translator import TranslationOptions, register

from .models import Letterhead, Unit


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa", "en")


@register(Letterhead)
class LetterheadTranslation(TranslationOptions):
    # The signatory's name in each script (a Persian name in Latin letters for English
    # documents) and the title in each language.
    fields = ("signatory_name", "signatory_title")
