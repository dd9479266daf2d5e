"""Request middleware of the shared core."""

from django.conf import settings


class StaffIdleTimeoutMiddleware:
    """End office staff sessions after STAFF_IDLE_MINUTES without a request.

    Each request of a staff member pushes the expiry forward, so the limit counts idle time,
    not time since login. Other users keep the normal session age.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_office_staff:
            request.session.set_expiry(settings.STAFF_IDLE_MINUTES * 60)
        return self.get_response(request)
