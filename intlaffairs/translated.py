"""Fields typed in every interface language (modeltranslation's title_fa, title_en …): their
names for forms, search columns and admin searches, and their labels in forms."""

from django.conf import settings
from django.utils.text import capfirst

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def label_language_fields(form) -> None:
    """Label `title_fa` as "Title (فارسی)" instead of modeltranslation's "title [fa]",
    capitalized as Django capitalizes every other field's label."""
    for name, field in form.fields.items():
        base, _sep, code = name.rpartition("_")
        if code in LANGUAGE_NAMES and base:
            model_field = form._meta.model._meta.get_field(base)
            field.label = f"{capfirst(model_field.verbose_name)} ({LANGUAGE_NAMES[code]})"
            field.widget.attrs.setdefault("lang", code)
            field.widget.attrs.setdefault(
                "dir", "rtl" if code in settings.LANGUAGES_BIDI else "ltr"
            )


def in_every_language(*fields: str) -> list[str]:
    """The translated fields of `fields`, each in every interface language, in the order of
    settings.LANGUAGES: ("name", "description") → name_fa, name_en, …, description_fa, …"""
    return [f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES]
