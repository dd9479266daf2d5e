"""Template context shared by every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import navigation
from .access import SEARCH_ROLES


def portal(request) -> dict:
    user = getattr(request, "user", None)
    can_search = False
    # A member of staff still owing the second factor reaches none of the sections: no links.
    pending = getattr(request, "second_factor_pending", False)
    if user is not None and not pending:
        can_search = user.is_authenticated and user.has_role(*SEARCH_ROLES)
    return {
        # Built when a template draws the menu, not for fragments (the badge htmx loads) that
        # do not: its unread counts cost a query.
        "portal_nav": SimpleLazyObject(lambda: _menu(request, user) if not pending else []),
        "portal_languages": settings.LANGUAGES,
        "portal_search": can_search,
    }


def _menu(request, user) -> list:
    if user is None:
        return []
    links = [(item, navigation.url_of(item.url_name)) for item in navigation.items_for(user)]
    # The section is the longest link the page's path starts with: the institutions
    # (/agreements/institutions/) are not also the agreements (/agreements/).
    active = max(
        (url for _item, url in links if request.path.startswith(url)), key=len, default=None
    )
    return navigation.menu(links, active, user)
