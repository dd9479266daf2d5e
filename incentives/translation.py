from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from .models import PointWeight, Policy, Unit


@register(Unit)
class UnitTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa", "en")


keep_history(Policy)
keep_history(PointWeight)
