"""The public site's template tags: the office's Markdown as safe HTML, and schema.org data
for the public pages (the program and course pages load this library too; the apps do not
import website)."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import structured_data
from ..markup import markdown_html

register = template.Library()


@register.filter
def markdown(text: str):
    return markdown_html(text)


@register.simple_tag(takes_context=True)
def home_json_ld(context):
    return structured_data.json_ld(structured_data.home_data(context["request"]))


@register.simple_tag(takes_context=True)
def program_json_ld(context, program):
    request = context["request"]
    trail = [(_("Programs"), reverse("students:program_list")), (str(program), request.path)]
    return structured_data.json_ld(
        structured_data.program_data(program, request),
        structured_data.breadcrumb_data(request, trail),
    )


@register.simple_tag(takes_context=True)
def course_json_ld(context, course):
    request = context["request"]
    trail = [(_("Short courses"), reverse("exchanges:course_list")), (str(course), request.path)]
    return structured_data.json_ld(
        structured_data.course_data(course, request),
        structured_data.breadcrumb_data(request, trail),
    )


@register.simple_tag(takes_context=True)
def post_json_ld(context, post):
    request = context["request"]
    trail = [(_("News and events"), reverse("website:post_list")), (str(post), request.path)]
    return structured_data.json_ld(
        structured_data.post_data(post, request),
        structured_data.breadcrumb_data(request, trail),
    )


@register.simple_tag(takes_context=True)
def item_list_json_ld(context, page):
    """The records of a list page (programs, short courses) as an ItemList."""
    return structured_data.json_ld(structured_data.item_list_data(context["request"], page))
