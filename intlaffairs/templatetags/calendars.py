"""{% load calendars %} {% calendar_link record %}: the "add to calendar" link of a record's page,
drawn when the record has a registered date that is set (intlaffairs.calendars)."""

from django import template
from django.urls import reverse

from intlaffairs import calendars

register = template.Library()


@register.inclusion_tag("partials/calendar_link.html")
def calendar_link(record) -> dict:
    if record is None or not calendars.has_dates(record):
        return {"url": ""}
    return {"url": reverse("record_calendar", args=[record._meta.label_lower, record.pk])}
