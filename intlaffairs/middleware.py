"""Request middleware of the shared core."""

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .roles import STAFF_ROLES
from .security_headers import CROSS_ORIGIN_RESOURCE_POLICY
from .timezones import zone_of

SESSION_STARTED = "portal_signed_in_at"
SESSION_SEEN = "portal_seen_at"
# The idle expiry is pushed forward at most this often: each push writes the session row (a
# commit), which was most of what a signed-in request cost (make bench: 7 of 11 ms).
IDLE_REFRESH_SECONDS = 60


def start_session_clocks(request, user) -> None:
    """At sign-in: the absolute limit counts from now, and a staff session's idle expiry
    starts, so that the first request after it need not write the session again."""
    now = time.time()
    request.session[SESSION_STARTED] = now
    # Asked of the database, not of `user.roles`, which would keep the roles of the moment
    # on the very object the caller goes on using.
    if user.groups.filter(name__in=STAFF_ROLES).exists() or user.is_superuser:
        request.session[SESSION_SEEN] = now
        request.session.set_expiry(settings.STAFF_IDLE_MINUTES * 60)


class StaffIdleTimeoutMiddleware:
    """End office staff sessions after STAFF_IDLE_MINUTES without a request, and after
    STAFF_MAX_HOURS in all however busy.

    A staff member's requests push the idle expiry forward, at most once a minute, so that
    limit counts idle time (a session ends between one minute before and the full idle time
    after the last request); the absolute limit counts from sign-in (recorded by the security
    log's login handler). Other users keep the normal session age.
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
            now = time.time()
            if now - request.session.get(SESSION_SEEN, 0) >= IDLE_REFRESH_SECONDS:
                request.session[SESSION_SEEN] = now
                request.session.set_expiry(settings.STAFF_IDLE_MINUTES * 60)
        return self.get_response(request)


# What a member of staff may still open before setting up, or giving, the second factor.
ALWAYS_REACHABLE = frozenset({"account_logout", "set_language", "javascript-catalog"})
REACHABLE_WITHOUT_AUTHENTICATOR = ALWAYS_REACHABLE | {
    "mfa_activate_totp",
    "account_reauthenticate",  # allauth asks for the password again after 5 idle minutes
}
REACHABLE_BEFORE_CODE = ALWAYS_REACHABLE | {"mfa_reauthenticate"}


def passed_second_factor(request, user) -> bool:
    """True when this session holds a code given at sign-in or at a later prompt, as allauth
    records it, or when the user set up the app in this session (which takes a right code)."""
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


class StaffSecondFactorMiddleware:
    """Office staff use a second factor (ASVS 6.3.3): a member of staff without an
    authenticator app reaches only its set-up page, sign-out and the language switch; one with
    an app whose session holds no code (signed in before the app was required) is asked for a
    code before anything else.

    allauth's sign-in form asks for the code itself; this catches every other way in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_office_staff:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        has_app = Authenticator.objects.filter(
            user_id=user.pk, type=Authenticator.Type.TOTP
        ).exists()
        if not has_app:
            request.second_factor_pending = True
            if name in REACHABLE_WITHOUT_AUTHENTICATOR:
                return None
            return self._redirect(request, reverse("mfa_activate_totp"))
        if passed_second_factor(request, user):
            return None
        request.second_factor_pending = True
        if name in REACHABLE_BEFORE_CODE:
            return None
        query = urlencode({"next": request.get_full_path()})
        return self._redirect(request, f"{reverse('mfa_reauthenticate')}?{query}")

    @staticmethod
    def _redirect(request, url: str) -> HttpResponse:
        if request.headers.get("HX-Request"):
            # htmx would swap the whole set-up page into a fragment; make it load the page.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return HttpResponseRedirect(url)


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


class ReaderTimeZoneMiddleware:
    """Times on the pages of a person outside the office (an applicant, a mentor) in the zone
    they chose at sign-up: an applicant in Baghdad read the history of their file in Tehran's
    time, half an hour off and unlabelled (the footer now names the zone). The office reads
    the university's zone (settings.TIME_ZONE), whatever its profile says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_office_staff:
            timezone.activate(zone_of(user))
        else:
            timezone.deactivate()
        return self.get_response(request)
