"""The Solar Hijri (Jalali) calendar layer: formatting, parsing, academic years, a form field.

fa and ckb show and accept Jalali dates in their own digits (Persian ۰-۹, Arabic-Indic ٠-٩);
ar shows and accepts Gregorian dates with the month names of Iraq and the Levant (كانون الثاني …)
and Arabic-Indic digits, day first (١٥/٠٣/٢٠٢٧) as Iraq writes them; en shows and accepts
Gregorian dates. The database always stores Gregorian dates. `language` arguments default to
the active language; a language other than fa and ckb means Gregorian.
"""

import functools
import re
from datetime import date, datetime, timedelta

import jdatetime
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The languages written in digits of their own, and those digits.
DIGITS: dict[str, str] = {
    "fa": "۰۱۲۳۴۵۶۷۸۹",
    "ckb": "٠١٢٣٤٥٦٧٨٩",
    "ar": "٠١٢٣٤٥٦٧٨٩",
}
# The languages written in the Jalali calendar.
JALALI_LANGUAGES = frozenset({"fa", "ckb"})
# The languages that write a Gregorian date day first: dd/mm/yyyy.
DAY_FIRST_LANGUAGES = frozenset({"ar"})
# The Gregorian months as Iraq and the Levant name them (Django's Arabic catalog has Egypt's
# يناير، فبراير …, which an Iraqi applicant does not write); not gettext: they are Arabic only.
LEVANTINE_MONTHS = {
    1: "كانون الثاني",
    2: "شباط",
    3: "آذار",
    4: "نيسان",
    5: "أيار",
    6: "حزيران",
    7: "تموز",
    8: "آب",
    9: "أيلول",
    10: "تشرين الأول",
    11: "تشرين الثاني",
    12: "كانون الأول",
}
ASCII_DIGITS = "0123456789"
_TO_ASCII = str.maketrans(DIGITS["fa"] + DIGITS["ckb"], ASCII_DIGITS * 2)
_FROM_ASCII = {language: str.maketrans(ASCII_DIGITS, digits) for language, digits in DIGITS.items()}
# Invisible marks that a keyboard, an RTL text box or a copy from a document leaves in a date.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff"
        + "".join(map(chr, range(0x202A, 0x202F)))
        + "".join(map(chr, range(0x2066, 0x206A))),
    )
)

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
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def uses_jalali(language: str | None = None) -> bool:
    """Whether `language` shows and reads dates in the Jalali calendar (fa, ckb)."""
    return _language(language) in JALALI_LANGUAGES


def to_local_digits(text: object, language: str | None = None) -> str:
    """`str(text)` with ASCII digits in the language's digits: Persian for fa, Arabic-Indic
    for ckb and ar, unchanged for other languages. Other characters are left alone."""
    table = _FROM_ASCII.get(_language(language))
    text = str(text)
    return text.translate(table) if table else text


def to_ascii_digits(text: str) -> str:
    """Persian and Arabic-Indic digits to ASCII; other characters unchanged."""
    return text.translate(_TO_ASCII)


def _as_date(value: date | datetime) -> date:
    """The calendar day of `value`; an aware datetime counts in the current time zone."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _comma(language: str) -> str:
    return "، " if language in DIGITS else ", "


def _gregorian_month(month: int, language: str) -> str:
    """The Gregorian month's name in `language` (active): Levantine in ar, Django's otherwise."""
    return LEVANTINE_MONTHS[month] if language == "ar" else str(MONTHS[month])


def format_date(
    value: date | datetime | None, language: str | None = None, *, with_weekday: bool = False
) -> str:
    """A date for people: "۷ آذر ۱۴۰۵" in fa, "٧ سەرماوەز ١٤٠٥" in ckb, "٢٨ تشرين الثاني ٢٠٢٦"
    in ar, "28 November 2026" in en;
    with_weekday puts the weekday first. None (or "") gives "".
    """
    if value is None or value == "":
        return ""
    return _format_day(_as_date(value), _language(language), with_weekday)


# A list page shows a few dozen dates, many of them the same day; switching the language and
# converting to Jalali for each one was a tenth of a list's rendering. (Wrapped, not decorated:
# mutmut mutates no decorated function.)
def _day_text(day: date, language: str, with_weekday: bool) -> str:
    with translation.override(language):
        if uses_jalali(language):
            jday = jdatetime.date.fromgregorian(date=day)
            text = f"{jday.day} {JALALI_MONTHS[jday.month]} {jday.year}"
        else:
            text = f"{day.day} {_gregorian_month(day.month, language)} {day.year}"
        if with_weekday:
            text = f"{WEEKDAYS[day.weekday()]}{_comma(language)}{text}"
        return to_local_digits(text, language)


_format_day = functools.lru_cache(maxsize=4096)(_day_text)


def format_both_calendars(value: date | datetime, language: str | None = None) -> dict[str, str]:
    """A date of a document of record in both calendars, whatever the language: {"solar_hijri":
    "۱۴ آذر ۱۴۰۵", "gregorian": "۵ دسامبر ۲۰۲۶"} in fa; month names and digits of `language`."""
    day = _as_date(value)
    language = _language(language)
    jday = jdatetime.date.fromgregorian(date=day)
    with translation.override(language):
        return {
            "solar_hijri": to_local_digits(
                f"{jday.day} {JALALI_MONTHS[jday.month]} {jday.year}",
                # inside override(language), None (the active language) is language
                language,  # pragma: no mutate
            ),
            "gregorian": to_local_digits(
                f"{day.day} {_gregorian_month(day.month, language)} {day.year}",
                # inside override(language), None (the active language) is language
                language,  # pragma: no mutate
            ),
        }


def solar_year(value: date | datetime) -> int:
    """The Solar Hijri year of a day (1405 from 21 March 2026)."""
    return jdatetime.date.fromgregorian(date=_as_date(value)).year


def format_datetime(value: datetime | date | None, language: str | None = None) -> str:
    """A moment for people: the date as format_date gives it, then HH:MM, both in the current
    time zone and the language's digits. A plain date gives the date alone; None gives "".
    """
    # Mutants of this line are equivalent: "" passed on reaches format_date, which gives "" too.
    if value is None or value == "":  # pragma: no mutate
        return ""
    if not isinstance(value, datetime):
        return format_date(value, language)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    language = _language(language)
    clock = to_local_digits(f"{value:%H:%M}", language)
    return f"{format_date(value, language)}{_comma(language)}{clock}"


def format_numeric(value: date | None, language: str | None = None) -> str:
    """The form of a date that parse_date and JalaliDateField read back: "۱۴۰۵/۰۹/۰۷" in fa,
    "١٤٠٥/٠٩/٠٧" in ckb, "٢٨/١١/٢٠٢٦" in ar (day first), "2026-11-28" in en. None gives "".
    """
    if value is None:
        return ""
    return _format_numeric_day(_as_date(value), _language(language))


def _numeric_text(day: date, language: str) -> str:
    if language in JALALI_LANGUAGES:
        jday = jdatetime.date.fromgregorian(date=day)
        return to_local_digits(f"{jday.year:04d}/{jday.month:02d}/{jday.day:02d}", language)
    if language in DAY_FIRST_LANGUAGES:
        return to_local_digits(f"{day.day:02d}/{day.month:02d}/{day.year:04d}", language)
    return day.isoformat()


# An export writes thousands of dates, most of them days already written (as _format_day).
_format_numeric_day = functools.lru_cache(maxsize=4096)(_numeric_text)


# A four-digit year, so that a slip such as "140/9/7" is an error rather than the year 140.
_DATE_PATTERN = re.compile(r"(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})")
# Day first (ar): the four-digit year at the end tells it from year/month/day.
_DAY_FIRST_PATTERN = re.compile(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})")


def parse_date(text: str, language: str | None = None) -> date:
    """The Gregorian date written in `text`: year/month/day in the Jalali calendar for fa and
    ckb, in the Gregorian calendar otherwise; ar also reads day/month/year (its own form), the
    year's four digits telling one order from the other.

    Accepts "/", "-" or "." between the parts, digits of any script (mixed too), surrounding
    whitespace and invisible bidi marks. Raises ValueError, saying why, when the text is not
    a date of that calendar: wrong shape, month 13, Esfand 30 of a common year, ...
    """
    jalali = uses_jalali(language)
    calendar = "Solar Hijri" if jalali else "Gregorian"
    cleaned = to_ascii_digits(str(text).translate(_INVISIBLE)).strip()
    match = _DATE_PATTERN.fullmatch(cleaned)
    day_first = _language(language) in DAY_FIRST_LANGUAGES and _DAY_FIRST_PATTERN.fullmatch(cleaned)
    if match:
        year, month, day = (int(part) for part in match.groups())
    elif day_first:
        day, month, year = (int(part) for part in day_first.groups())
    else:
        raise ValueError(f"{text!r} is not a {calendar} date written as year/month/day")
    try:
        if jalali:
            return jdatetime.date(year, month, day).togregorian()
        return date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a valid {calendar} date: {error}") from None


def academic_year(value: date) -> int:
    """The Jalali year in which the academic year holding `value` began; it begins on 1 Mehr.
    1405/06/31 belongs to 1404, 1405/07/01 to 1405."""
    jday = jdatetime.date.fromgregorian(date=_as_date(value))
    return jday.year if jday.month >= ACADEMIC_YEAR_FIRST_MONTH else jday.year - 1


def academic_year_bounds(year: int) -> tuple[date, date]:
    """First and last Gregorian day of academic year `year`: 1 Mehr `year` to the last day of
    Shahrivar `year + 1`, both included."""
    first = jdatetime.date(year, ACADEMIC_YEAR_FIRST_MONTH, 1).togregorian()
    next_first = jdatetime.date(year + 1, ACADEMIC_YEAR_FIRST_MONTH, 1).togregorian()
    return first, next_first - timedelta(days=1)


def academic_year_label(year: int, language: str | None = None) -> str:
    """ "۱۴۰۵–۱۴۰۶" (an en dash) in the language's digits. The years are Solar Hijri in every
    language (the university counts its years so); a reader of another calendar (`uses_jalali`
    false) also gets the Gregorian years it spans: "1405–1406 (2026–27)", "١٤٠٥–١٤٠٦ (٢٠٢٦–٢٧)"
    in ar."""
    label = f"{year}–{year + 1}"
    if not uses_jalali(language):
        first, last = academic_year_bounds(year)
        label = f"{label} ({first.year}–{last.year % 100:02d})"
    return to_local_digits(label, language)


def _format_widget_value(value: object) -> object:
    # A date shows in the active calendar; anything else is what the user typed, shown back.
    return format_numeric(value) if isinstance(value, date) else value


def date_hint() -> str:
    """What a date box expects, e.g. "yyyy/mm/dd (Solar Hijri), e.g. 1405/09/13" in the active
    language; in ar "dd/mm/yyyy (Gregorian), e.g. ١٣/١٢/٢٠٢٦". The parts' order is fixed here,
    not in each translation (fa and ckb once disagreed), and the example is today in the
    language's digits. In fa, ckb and ar the hint is an isolated right-to-left run, so it reads
    as it would in a sentence although the box is ltr."""
    if _language(None) in DAY_FIRST_LANGUAGES:
        pattern = "/".join(str(part) for part in (_("dd"), _("mm"), _("yyyy")))
        hint = _("%(pattern)s (Gregorian), e.g. %(example)s") % {
            "pattern": pattern,
            "example": format_numeric(timezone.localdate()),
        }
        return f"\u2067{hint}\u2069"
    if not uses_jalali():
        return str(_("yyyy-mm-dd"))
    pattern = "/".join(str(part) for part in (_("yyyy"), _("mm"), _("dd")))
    hint = _("%(pattern)s (Solar Hijri), e.g. %(example)s") % {
        "pattern": pattern,
        "example": format_numeric(timezone.localdate()),
    }
    return f"\u2067{hint}\u2069" if translation.get_language_bidi() else hint


# The weekdays' initials in the picker's order (Saturday first), as each Jalali language
# writes them.
WEEKDAY_INITIALS = {
    "fa": ["ش", "ی", "د", "س", "چ", "پ", "ج"],
    "ckb": ["ش", "ی", "د", "س", "چ", "پ", "ه"],
}


def date_picker_options(language: str | None = None) -> dict:
    """What the Jalali date picker (static/js/datepicker.js) needs in a Jalali language: the
    months and weekdays as the language writes them, and its digits. Empty in other languages,
    which have no picker: en and ar type the date (a browser's type=date drops Arabic-Indic
    digits and orders the parts by its own locale, not the hint)."""
    language = _language(language)
    if not uses_jalali(language):
        return {}
    with translation.override(language):
        months = [str(JALALI_MONTHS[month]) for month in range(1, 13)]
    return {"months": months, "days": WEEKDAY_INITIALS[language], "digits": DIGITS[language]}


def date_help() -> str:
    """The hint under a date box: what it expects and, in fa and ckb, how to use its calendar."""
    if not uses_jalali():
        return date_hint()
    return f"{date_hint()} " + str(
        _(
            "Type it, or pick it in the calendar that opens; with the keyboard, the up and "
            "down arrows change the day, Page Up and Page Down the month, Enter closes the "
            "calendar."
        )
    )


class JalaliDateInput(forms.TextInput):
    """A text box showing a date as JalaliDateField reads it, in the active calendar and digits,
    left to right, with the expected pattern as placeholder. In fa and ckb it carries the
    Jalali date picker's marker (data-jdp)."""

    def __init__(self, attrs: dict | None = None):
        defaults = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", date_hint())
        if uses_jalali():
            context["widget"]["attrs"]["data-jdp"] = True
        return context

    def format_value(self, value: object) -> str | None:
        return super().format_value(_format_widget_value(value))


class _JalaliHiddenInput(forms.HiddenInput):
    """The hidden initial value (show_hidden_initial) in the form the field reads back."""

    def format_value(self, value: object) -> str | None:
        return super().format_value(_format_widget_value(value))


class JalaliDateField(forms.DateField):
    """A date typed in the active language's calendar, in any digit script; cleans to a
    Gregorian date. An invalid date gives the "invalid" error with today as the example."""

    widget = JalaliDateInput
    hidden_widget = _JalaliHiddenInput
    default_error_messages = {"invalid": _("Enter a valid date, e.g. %(example)s.")}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # In the language of the page that shows it, not of the form's definition.
        self.help_text = self.help_text or lazy(date_help, str)()

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return _as_date(value)
        try:
            return parse_date(str(value))
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": format_numeric(timezone.localdate())},
            ) from None
