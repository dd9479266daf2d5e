"""{{ institution.country|country_name }}: a country's name in the active language (builtins: no
{% load %} needed). The same as `.country.name`, from intlaffairs.countries' table instead of
django-countries translating the name again for every row."""

from django import template

from intlaffairs.countries import country_names

register = template.Library()


@register.filter
def country_name(country: object) -> str:
    """The name of a Country or a country code; "" for none or an unknown code."""
    code = getattr(country, "code", country)
    return country_names().get(code, "") if code else ""
