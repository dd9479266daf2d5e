"""Invisible Unicode format characters (category Cf) are taken out of everything typed into a form.

A right-to-left override (U+202E) or isolate (U+2066–U+2069) in a name reverses the text that
follows it in an official letter, so a letter could seem to say what the office never wrote.
The cleaning happens in `forms.CharField` itself (installed by the core app's ready()), so every
text field of every form gets it: the project's, the admin's, allauth's, and the next one written.
ZWNJ and ZWJ stay: Persian and Kurdish spelling needs them. Passwords are kept as typed.
"""

import unicodedata

from django import forms

KEPT = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner


def strip_format_controls(text: str) -> str:
    """`text` without its Cf characters, except ZWNJ and ZWJ."""
    if text.isascii():
        return text
    return "".join(c for c in text if c in KEPT or unicodedata.category(c) != "Cf")


_char_field_to_python = forms.CharField.to_python


def _to_python_without_format_controls(self: forms.CharField, value):
    value = _char_field_to_python(self, value)
    if not isinstance(value, str) or isinstance(self.widget, forms.PasswordInput):
        return value
    cleaned = strip_format_controls(value)
    if cleaned == value:
        return value
    if self.strip:
        cleaned = cleaned.strip()  # the controls may have stood around spaces
    return cleaned or self.empty_value


def install() -> None:
    """Makes every CharField (and its subclasses: e-mail, URL, slug …) clean its input so."""
    forms.CharField.to_python = _to_python_without_format_controls
