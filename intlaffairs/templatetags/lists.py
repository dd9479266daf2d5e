"""Pieces of the list pages (builtins: no {% load %} needed).

{% waiting_note filter %}     when the list is narrowed to one of the person's queues
                              (?waiting=…, intlaffairs/waiting.py): which one, and a way back
                              to the whole list
"""

from django import template

from intlaffairs import waiting

register = template.Library()


@register.inclusion_tag("partials/waiting_note.html", takes_context=True)
def waiting_note(context, filterset):
    return {"queue": waiting.queue_of(filterset), "list_url": context["request"].path}
