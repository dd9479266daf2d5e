"""Template context shared by every page."""

from django.conf import settings
from django.urls import reverse

from . import navigation


def portal(request) -> dict:
    user = getattr(request, "user", None)
    nav = []
    # A member of staff still owing the second factor reaches none of the sections: no links.
    pending = getattr(request, "second_factor_pending", False)
    if user is not None and user.is_authenticated and not pending:
        current = request.path
        for item in navigation.items_for(user):
            url = reverse(item.url_name)
            nav.append({"item": item, "url": url, "active": current.startswith(url)})
    return {"portal_nav": nav, "portal_languages": settings.LANGUAGES}
