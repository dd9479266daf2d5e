"""Request middleware of the shared core."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from .security_headers import CROSS_ORIGIN_RESOURCE_POLICY

SESSION_STARTED = "portal_signed_in_at"


class StaffIdleTimeoutMiddleware:
    """End office staff sessions after STAFF_IDLE_MINUTES without a request, and after
    STAFF_MAX_HOURS in all however busy.

    Each request of a staff member pushes the idle expiry forward, so that limit counts idle
    time; the absolute limit counts from sign-in (recorded by the security log's login handler).
    Other users keep the normal session age.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_office_staff:
            started = request.session.get(SESSION_STARTED)
            if started and time.time() - started > settings.STAFF_MAX_HOURS * 3600:
                logout(request)
                return redirect_to_login(request.get_full_path())
            request.session.set_expiry(settings.STAFF_IDLE_MINUTES * 60)
        return self.get_response(request)


# Browser features the portal never uses, switched off for every page.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class PrivatePagesMiddleware:
    """Pages served to a signed-in user are never stored by browsers or proxies; every
    response, errors included, switches off the browser features the portal does not use and
    may not be embedded by another site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", CROSS_ORIGIN_RESOURCE_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response
