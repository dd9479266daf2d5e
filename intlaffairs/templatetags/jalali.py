"""Template filters for dates and digits in the active language (builtins: no {% load %} needed).

{{ agreement.ends_on|jdate }}        ۷ آذر ۱۴۰۵ / 28 November 2026
{{ entry.at|jdatetime }}             with the time
{{ count|localdigits }}              ۴۲ / ٤٢ / 42
{{ some_date|academic_year }}        ۱۴۰۵–۱۴۰۶
{% today_local %}                    today's date
"""

from django import template
from django.utils import timezone

from intlaffairs import jalali

register = template.Library()


@register.filter
def jdate(value):
    return jalali.format_date(value) if value else ""


@register.filter
def jdatetime(value):
    return jalali.format_datetime(value) if value else ""


@register.filter
def localdigits(value):
    if value is None:
        return ""
    return jalali.to_local_digits(value)


@register.filter
def academic_year(value):
    return jalali.academic_year_label(jalali.academic_year(value)) if value else ""


@register.simple_tag
def today_local():
    return jalali.format_date(timezone.localdate())
