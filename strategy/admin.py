from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Goal, Indicator, Plan


@admin.register(Plan)
class PlanAdmin(TranslationAdmin):
    list_display = ["title", "version", "first_year", "last_year", "is_current"]


@admin.register(Goal)
class GoalAdmin(TranslationAdmin):
    list_display = ["number", "title", "plan"]


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["name", "goal", "source"]
