"""The menu's sections ({% portal_menu %}), drawn by Jinja2 (jinja2/portal/menu.html) from the
rows of `navigation.menu` that the context processor gives every page (`portal_nav`)."""

from django import template
from django.forms.renderers import get_default_renderer
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from intlaffairs import navigation
from intlaffairs.jalali import to_local_digits

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_menu(context) -> SafeString:
    texts = {"main": _("Main navigation"), "unread": _("unread"), "register": _("Register")}
    html = get_default_renderer().render(
        "portal/menu.html",
        {
            "rows": context["portal_nav"],
            "signed_in": context["user"].is_authenticated,
            "texts": texts,
            "digits": to_local_digits,
            "url_of": navigation.url_of,
        },
    )
    # The renderer's Jinja2 escapes what it draws (autoescape): the result is HTML.
    return mark_safe(html)
