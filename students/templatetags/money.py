"""{{ amount|money:currency }}: an amount with the language's grouping and digits, and its
currency (students.fees.money)."""

from django import template

from students import fees

register = template.Library()


@register.filter
def money(value, currency: str) -> str:
    return fees.money(value, currency)
