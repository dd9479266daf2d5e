"""The public site's template tags: the office's Markdown as safe HTML, and schema.org data
for the program and course pages (which load this library; the apps do not import website)."""

from django import template

from ..markup import markdown_html
from ..structured_data import course_data, json_ld, program_data

register = template.Library()


def _here(context) -> str:
    request = context["request"]
    return request.build_absolute_uri(request.path)


@register.filter
def markdown(text: str):
    return markdown_html(text)


@register.simple_tag(takes_context=True)
def program_json_ld(context, program):
    return json_ld(program_data(program, _here(context)))


@register.simple_tag(takes_context=True)
def course_json_ld(context, course):
    return json_ld(course_data(course, _here(context)))
