"""The agreements panel on the dashboard: active agreements ending soon."""

from django.utils.translation import gettext_lazy as _

from intlaffairs.access import OFFICE_ROLES
from intlaffairs.dashboard import Panel
from intlaffairs.jalali import to_local_digits

from .models import Agreement

EXPIRING_DAYS = 90


def _expiring_soon(request) -> dict:
    agreements = Agreement.objects.expiring_within(EXPIRING_DAYS).order_by("ends_on")
    return {
        "title": _("Agreements ending within %(days)s days")
        % {"days": to_local_digits(EXPIRING_DAYS)},
        "agreements": agreements[:8],
        "count": agreements.count(),
        "days": EXPIRING_DAYS,
    }


expiring_soon = Panel(
    name="agreements-expiring",
    template="agreements/panels/expiring_soon.html",
    roles=OFFICE_ROLES,
    context=_expiring_soon,
    order=10,
)
