"""The Solar Hijri (Jalali) calendar layer: formatting, parsing, academic years, a form field.

fa and ckb show and accept Jalali dates in their own digits (Persian ۰-۹, Arabic-Indic ٠-٩);
en shows and accepts Gregorian dates. The database always stores Gregorian dates.
"""

import re
from datetime import date, datetime, timedelta

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DIGITS = {
    "fa": "۰۱۲۳۴۵۶۷۸۹",
    "ckb": "٠١٢٣٤٥٦٧٨٩",
}
ASCII_DIGITS = "0123456789"
_TO_ASCII = str.maketrans(DIGITS["fa"] + DIGITS["ckb"], ASCII_DIGITS * 2)
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"))

JALALI_MONTHS = {
    1: pgettext_lazy("Jalali month", "Farvardin"),
    2: pgettext_lazy("Jalali month", "Ordibehesht"),
    3: pgettext_lazy("Jalali month", "Khordad"),
    4: pgettext_lazy("Jalali month", "Tir"),
    5: pgettext_lazy("Jalali month", "Mordad"),
    6: pgettext_lazy("Jalali month", "Shahrivar"),
    7: pgettext_lazy("Jalali month", "Mehr"),
    8: pgettext_lazy("Jalali month", "Aban"),
    9: pgettext_lazy("Jalali month", "Azar"),
    10: pgettext_lazy("Jalali month", "Dey"),
    11: pgettext_lazy("Jalali month", "Bahman"),
    12: pgettext_lazy("Jalali month", "Esfand"),
}
ACADEMIC_YEAR_FIRST_MONTH = 7  # 1 Mehr


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "fa").split("-")[0]


def uses_jalali(language: str | None = None) -> bool:
    return _language(language) in DIGITS


def to_local_digits(text: object, language: str | None = None) -> str:
    """ASCII digits in `text` written in the language's own digits (unchanged for en)."""
    digits = DIGITS.get(_language(language))
    text = str(text)
    return text.translate(str.maketrans(ASCII_DIGITS, digits)) if digits else text


def to_ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII; other characters unchanged."""
    return text.translate(_TO_ASCII)


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def format_date(
    value: date | datetime | None, language: str | None = None, *, with_weekday: bool = False
) -> str:
    """A date for people: "۷ آذر ۱۴۰۵" in fa, "٧ سەرماوەز ١٤٠٥" in ckb, "28 November 2026" in en."""
    if value is None or value == "":
        return ""
    day = _as_date(value)
    language = _language(language)
    with translation.override(language):
        if uses_jalali(language):
            jday = jdatetime.date.fromgregorian(date=day)
            text = f"{jday.day} {JALALI_MONTHS[jday.month]} {jday.year}"
        else:
            text = f"{day.day} {MONTHS[day.month]} {day.year}"
        if with_weekday:
            text = (
                f"{WEEKDAYS[day.weekday()]}، {text}"
                if uses_jalali(language)
                else (f"{WEEKDAYS[day.weekday()]}, {text}")
            )
        return to_local_digits(text, language)


def format_datetime(value: datetime | None, language: str | None = None) -> str:
    """A moment for people: the date as format_date, then HH:MM in local time and digits."""
    if value is None or value == "":
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    clock = to_local_digits(f"{value:%H:%M}", language)
    return (
        f"{format_date(value, language)}، {clock}"
        if uses_jalali(language)
        else (f"{format_date(value, language)}, {clock}")
    )


def format_numeric(value: date | None, language: str | None = None) -> str:
    """The form of a date that JalaliDateField reads back: 1405/09/07 or 2026-11-28."""
    if value is None:
        return ""
    if uses_jalali(language):
        jday = jdatetime.date.fromgregorian(date=value)
        return to_local_digits(f"{jday.year:04d}/{jday.month:02d}/{jday.day:02d}", language)
    return value.isoformat()


_DATE_PATTERN = re.compile(r"^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


def parse_date(text: str, language: str | None = None) -> date:
    """Read a typed date: Jalali y/m/d in fa and ckb, Gregorian y-m-d in en; any digit script.

    Raises ValueError when the text is not a date of that calendar (Esfand 30 of a common
    year, month 13, ...).
    """
    cleaned = to_ascii_digits(str(text)).translate(_BIDI_MARKS)
    match = _DATE_PATTERN.match(cleaned)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    year, month, day = (int(part) for part in match.groups())
    if uses_jalali(language):
        return jdatetime.date(year, month, day).togregorian()
    return date(year, month, day)


def jalali_year(value: date) -> int:
    return jdatetime.date.fromgregorian(date=value).year


def academic_year(value: date) -> int:
    """The Jalali year in which the academic year containing `value` began (on 1 Mehr)."""
    jday = jdatetime.date.fromgregorian(date=_as_date(value))
    return jday.year if jday.month >= ACADEMIC_YEAR_FIRST_MONTH else jday.year - 1


def academic_year_bounds(year: int) -> tuple[date, date]:
    """First and last Gregorian day of academic year `year`: 1 Mehr to the end of Shahrivar."""
    first = jdatetime.date(year, ACADEMIC_YEAR_FIRST_MONTH, 1).togregorian()
    next_first = jdatetime.date(year + 1, ACADEMIC_YEAR_FIRST_MONTH, 1).togregorian()
    return first, next_first - timedelta(days=1)


def academic_year_label(year: int, language: str | None = None) -> str:
    """ "1405–1406" in the language's digits."""
    return to_local_digits(f"{year}–{year + 1}", language)


class JalaliDateInput(forms.TextInput):
    """A text box showing a date as JalaliDateField reads it, in the active calendar and digits."""

    def __init__(self, attrs=None):
        defaults = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        placeholder = _("yyyy/mm/dd (Solar Hijri)") if uses_jalali() else _("yyyy-mm-dd")
        context["widget"]["attrs"].setdefault("placeholder", str(placeholder))
        return context

    def format_value(self, value):
        if isinstance(value, date):
            return format_numeric(value)
        return super().format_value(value)  # what the user typed, shown back unchanged


class JalaliDateField(forms.DateField):
    """A date typed in the active language's calendar, in any digit script; cleans to a date."""

    widget = JalaliDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_date(value)
        except ValueError:
            example = format_numeric(timezone.localdate())
            raise ValidationError(
                _("Enter a valid date, e.g. %(example)s."),
                code="invalid",
                params={"example": example},
            ) from None

    def strptime(self, value, format):
        return parse_date(value)
