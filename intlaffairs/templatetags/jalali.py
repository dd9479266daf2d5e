"""Template filters for dates and digits in the active language (builtins: no {% load %} needed).

{{ agreement.ends_on|jdate }}        ۷ آذر ۱۴۰۵ / 28 November 2026
{{ entry.at|jdatetime }}             the same, then the time: ۷ آذر ۱۴۰۵، ۱۴:۳۰
{{ count|localdigits }}              ۴۲ / ٤٢ / 42
{{ fee|amount }}                     ۱٬۲۵۰٬۰۰۰ / ١٬٢٥٠٬٠٠٠ / 1,250,000
{{ share|percent }}                  ۴۲٪ / ٤٢٪ / 42%
{{ some_date|academic_year }}        ۱۴۰۵–۱۴۰۶
{% today_local %}                    today's date

The date filters give "" for anything that is not a date (None, "", a string), so
`|jdate|default:"—"` works. None of them marks its output safe: it is escaped like any value.
"""

import json
from datetime import date

from django import template
from django.utils import timezone

from intlaffairs import jalali, numerals

register = template.Library()


@register.filter
def jdate(value: object) -> str:
    """format_date() of a date or datetime."""
    return jalali.format_date(value) if isinstance(value, date) else ""


@register.filter
def jdatetime(value: object) -> str:
    """format_datetime() of a datetime (a plain date shows without a time)."""
    return jalali.format_datetime(value) if isinstance(value, date) else ""


# is_safe: replacing digits adds no HTML, so safe input stays safe and anything else is
# still escaped.
@register.filter(is_safe=True)
def localdigits(value: object) -> str:
    """str(value) in the language's digits; None gives ""."""
    return "" if value is None else jalali.to_local_digits(value)


@register.filter
def academic_year(value: object) -> str:
    """The label ("۱۴۰۵–۱۴۰۶") of the academic year a date belongs to, or of a year (1405)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return jalali.academic_year_label(value)
    if not isinstance(value, date):
        return ""
    return jalali.academic_year_label(jalali.academic_year(value))


@register.simple_tag
def today_local() -> str:
    """Today's date in the current time zone, as jdate shows it."""
    return jalali.format_date(timezone.localdate())


@register.filter
def both_calendars(value: object) -> dict:
    """format_both_calendars() of a date or datetime, for
    `{% with dates=d|both_calendars %}{{ dates.solar_hijri }} ({{ dates.gregorian }})`."""
    return jalali.format_both_calendars(value) if isinstance(value, date) else {}


@register.filter(is_safe=True)
def amount(value: object, decimals: int = 0) -> str:
    """format_amount(): grouped by thousands in the language's digits ("۱٬۲۵۰٬۰۰۰")."""
    return numerals.format_amount(value, decimals)


@register.filter(is_safe=True)
def percent(value: object, decimals: int = 0) -> str:
    """format_percent(): 42 as "۴۲٪" in fa, "٤٢٪" in ckb, "42%" in en."""
    return numerals.format_percent(value, decimals)


@register.simple_tag
def date_picker_options() -> str:
    """The Jalali date picker's options for the active language as JSON, or "" where dates are
    Gregorian (no picker); base.html puts them in a <meta> for static/js/datepicker.js."""
    options = jalali.date_picker_options()
    return json.dumps(options, ensure_ascii=False) if options else ""
