"""Template context shared by every page."""

from django.conf import settings
from django.urls import reverse

from . import navigation
from .access import SEARCH_ROLES


def portal(request) -> dict:
    user = getattr(request, "user", None)
    nav = []
    can_search = False
    # A member of staff still owing the second factor reaches none of the sections: no links.
    pending = getattr(request, "second_factor_pending", False)
    if user is not None and not pending:
        links = [(item, reverse(item.url_name)) for item in navigation.items_for(user)]
        # The section is the longest link the page's path starts with: the institutions
        # (/agreements/institutions/) are not also the agreements (/agreements/).
        active = max(
            (url for _item, url in links if request.path.startswith(url)), key=len, default=None
        )
        nav = navigation.menu(links, active, user)
        can_search = user.is_authenticated and user.has_role(*SEARCH_ROLES)
    return {
        "portal_nav": nav,
        "portal_languages": settings.LANGUAGES,
        "portal_search": can_search,
    }
