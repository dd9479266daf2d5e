"""Pieces of the list pages (builtins: no {% load %} needed).

{% waiting_note filter %}                when the list is narrowed to one of the person's queues
                                         (?waiting=…, intlaffairs/waiting.py): which one, and a
                                         way back to the whole list
{% sort_header filter "ends" _("Ends") %}  a column header that sorts the list by `ends` (again:
                                         the other way), keeping the other filters; aria-sort
{% bulk_steps "students.application" as steps %}   the steps the person may take on selected
                                         rows of a list (intlaffairs.views.workflow_bulk)
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from intlaffairs import waiting, workflow

register = template.Library()


@register.inclusion_tag("partials/waiting_note.html", takes_context=True)
def waiting_note(context, filterset):
    return {"queue": waiting.queue_of(filterset), "list_url": context["request"].path}


def _current_sort(filterset) -> str:
    if not filterset.is_bound:
        return ""
    filterset.form.is_valid()
    value = filterset.form.cleaned_data.get("sort") or []
    return value[0] if value else ""


@register.simple_tag(takes_context=True)
def sort_header(context, filterset, name: str, label) -> str:
    current = _current_sort(filterset)
    params = context["request"].GET.copy()
    params.pop("page", None)
    if current == name:
        params["sort"], state = f"-{name}", "ascending"
    elif current == f"-{name}":
        params["sort"], state = name, "descending"
    else:
        params["sort"], state = name, ""
    icon = {"ascending": "sort-up", "descending": "sort-down"}.get(state, "arrow-down-up")
    hint = {
        "ascending": _("sorted ascending; sort descending"),
        "descending": _("sorted descending; sort ascending"),
    }.get(state, _("sort by this column"))
    return format_html(
        '<th scope="col"{}><a class="link-body-emphasis text-nowrap" href="?{}">{} '
        '<i class="bi bi-{} small" aria-hidden="true"></i><span class="visually-hidden"> ({})'
        "</span></a></th>",
        format_html(' aria-sort="{}"', state) if state else "",
        params.urlencode(),
        label,
        icon,
        hint,
    )


@register.simple_tag(takes_context=True)
def bulk_steps(context, model_label: str) -> list:
    declared = workflow.workflow_for_label(model_label)
    return declared.takeable_by(context["request"].user) if declared else []
