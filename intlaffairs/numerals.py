"""Numbers as people type and read them: any digits in, grouped local digits out.

A browser's <input type=number> drops a Persian (۰-۹) or Arabic-Indic (٠-٩) digit without a
word, so the portal's number boxes are text boxes (inputmode numeric or decimal, left to right)
and the server reads what was typed: `number_text` turns it into what Django's number fields
parse. It is installed in `forms.IntegerField`, `DecimalField` and `FloatField` themselves, and
in `forms.NumberInput` (every number box: the project's forms, filter forms, the admin's), so
the next form written gets it too. Ranges stay checked on the server, with Django's translated
errors; the box no longer carries min/max/step, which a text box may not have.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms

from .jalali import to_local_digits
from .normalize import CHARACTER_MAP

ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ٬
ARABIC_PERCENT_SIGN = "\u066a"  # ٪

# Digits of every script (the search table's), the decimal marks, a typed minus; invisible
# marks (an RTL box leaves them around a number) go.
_NUMBER_TABLE = str.maketrans(
    {
        **{char: to for char, to in CHARACTER_MAP.items() if to.isdigit()},
        **{char: "" for char, to in CHARACTER_MAP.items() if not to},
        ARABIC_DECIMAL_SEPARATOR: ".",
        "\u2212": "-",  # minus sign
    }
)
# Thousands groups, in either separator (or a thin or no-break space): "1,250", "۱٬۲۵۰".
# Only a well-formed grouping is read so; "1,5" stays an error rather than becoming 15.
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:[,\u066c\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?")
_SEPARATORS = re.compile(r"[,\u066c\u00a0\u202f\u2009]")


def number_text(value: str) -> str:
    """`value` as Django's number fields parse it: ASCII digits, "." as the decimal mark,
    thousands separators removed where they group the digits by three; surrounding
    whitespace stripped. Anything else is left for the field to refuse."""
    text = str(value).translate(_NUMBER_TABLE).strip()
    return _SEPARATORS.sub("", text) if _GROUPED.fullmatch(text) else text


def _reading_any_digits(to_python):
    def to_python_any_digits(self, value):
        return to_python(self, number_text(value) if isinstance(value, str) else value)

    return to_python_any_digits


def _number_box_context(get_context):
    def get_context_as_text(self, name, value, attrs):
        context = get_context(self, name, value, attrs)
        box = context["widget"]["attrs"]
        step = box.pop("step", None)
        box.pop("min", None)
        box.pop("max", None)
        box.setdefault("inputmode", "numeric" if step in (None, 1, "1") else "decimal")
        box.setdefault("dir", "ltr")
        return context

    return get_context_as_text


_installed = False


def install() -> None:
    """Makes every number field read any digits and every number box a text box. Idempotent."""
    global _installed
    if _installed:
        return
    _installed = True
    for field in (forms.IntegerField, forms.DecimalField, forms.FloatField):
        field.to_python = _reading_any_digits(field.__dict__["to_python"])
    forms.NumberInput.input_type = "text"
    forms.NumberInput.get_context = _number_box_context(forms.NumberInput.get_context)


def format_amount(value: object, decimals: int = 0, language: str | None = None) -> str:
    """A number grouped by thousands in the language's digits and separators: "۱٬۲۵۰٬۰۰۰" in
    fa, "١٬٢٥٠٬٠٠٠" in ckb, "1,250,000" in en; `decimals` places, rounded half up. None and
    what is not a number give ""."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return ""
    if not number.is_finite():
        return ""
    text = f"{number:,.{max(decimals, 0)}f}"
    local = to_local_digits(text, language)
    if local == text:  # a language with Latin digits keeps Latin separators
        return text
    return local.translate(
        str.maketrans({",": ARABIC_THOUSANDS_SEPARATOR, ".": ARABIC_DECIMAL_SEPARATOR})
    )


def format_percent(value: object, decimals: int = 0, language: str | None = None) -> str:
    """A percentage (42 for 42 %) as the language writes it: "۴۲٪" in fa, "٤٢٪" in ckb (the
    Arabic percent sign, which the reading direction puts where those readers expect it),
    "42%" in en. None and what is not a number give ""."""
    amount = format_amount(value, decimals, language)
    if not amount:
        return ""
    return f"{amount}{'%' if amount.isascii() else ARABIC_PERCENT_SIGN}"
