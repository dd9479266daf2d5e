"""Fields staff type in three languages, and change history (after the translated fields)."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as keep_history

from .models import (
    Agent,
    Application,
    DocumentType,
    Procedure,
    Program,
    RecognitionIssue,
    ReviewCriterion,
)


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fa": ("name",), "en": ("name",)}


@register(DocumentType)
class DocumentTypeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa", "en")


@register(Procedure)
class ProcedureTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("fa", "en")


keep_history(Program, m2m_fields=["required_documents"])
keep_history(Application, excluded_fields=["updated_at", "search_text"])
keep_history(Agent)
keep_history(RecognitionIssue)


@register(ReviewCriterion)
class ReviewCriterionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fa", "en")
