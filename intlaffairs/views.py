"""Pages of the shared core: the public home, the dashboard, the language switch."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.i18n import set_language as django_set_language

from . import dashboard as dashboard_panels
from . import jalali, navigation
from .access import post_only, public, signed_in
from .roles import Role


@public
def ping(request):
    """Answers "ok" and touches nothing (no database, no template): a liveness probe, and the
    baseline `make bench` compares the key pages with."""
    return HttpResponse("ok", content_type="text/plain")


@public
def home(request):
    return render(request, "home.html")


@signed_in
def dashboard(request):
    today = timezone.localdate()
    items = [item for item in navigation.items_for(request.user) if item.url_name != "dashboard"]
    return render(
        request,
        "dashboard.html",
        {
            "today": today,
            "academic_year": jalali.academic_year_label(jalali.academic_year(today)),
            "modules": items,
            "user_roles": [Role(name).label for name in sorted(request.user.roles)],
            "panels": dashboard_panels.panels_for(request),
        },
    )


@post_only
def set_language(request):
    """Django's language switch, which also remembers a signed-in user's choice."""
    # Django translates `next` by resolving it in the active language, which here comes from
    # the browser's Accept-Language; resolve it in the language of its own prefix instead.
    next_language = translation.get_language_from_path(request.POST.get("next", ""))
    if next_language:
        translation.activate(next_language)
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if (
        user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and user.preferred_language != language
    ):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response
