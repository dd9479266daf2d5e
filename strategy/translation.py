"""Fields typed in three languages."""

from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Indicator, Plan


@register(Plan)
class PlanTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fa", "en")


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fa", "en")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa", "en")
