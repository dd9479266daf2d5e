"""The workflow core on pages (builtins: no {% load %} needed).

{% workflow_actions agreement %}          the steps this person may take now, as buttons (a
                                          step that needs data opens its form), and the ones
                                          they may not take with the reason
{% workflow_history agreement %}          every move: when, who, from → to (in the page's
                                          reading direction), the note and the data
{% workflow_history application public=True %}   the same without the office's names
"""

from django import template
from django.urls import reverse

from intlaffairs import workflow

register = template.Library()


def move_url(record, transition: workflow.Transition) -> str:
    return reverse("workflow_move", args=[record._meta.label_lower, record.pk, transition.name])


@register.inclusion_tag("workflow/actions.html", takes_context=True)
def workflow_actions(context, record, next_url: str = "", heading: str = "", only: str = ""):
    """The record's steps for the person; `only` ("cancel,no_show") keeps those named, where
    the page offers the others with forms of its own."""
    request = context["request"]
    options = []
    names = set(filter(None, only.split(",")))
    for option in workflow.allowed(record, request.user):
        if names and option.name not in names:
            continue
        form = option.transition.form(record) if option.ok and option.transition.needs else None
        options.append({"option": option, "form": form, "url": move_url(record, option.transition)})
    return {
        "options": options,
        "next": next_url or request.get_full_path(),
        "heading": heading,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("workflow/history.html")
def workflow_history(record, public: bool = False, heading: str = ""):
    changes = workflow.history(record)
    return {
        "changes": [(change, workflow.details(change)) for change in changes],
        "public": public,
        "heading": heading,
    }


@register.filter
def state_label(record) -> str:
    """The record's state in words: {{ agreement|state_label }}."""
    declared = workflow.workflow_of(record)
    return declared.label(declared.state(record))
