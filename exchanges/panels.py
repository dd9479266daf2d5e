"""The exchanges panel on the dashboard: follow-up actions of delegations that are overdue."""

from django.utils import timezone

from intlaffairs.access import OFFICE_ROLES
from intlaffairs.dashboard import Panel

from .models import FollowUp
from .queues import OVERDUE_FOLLOW_UPS


def _overdue(request) -> dict | None:
    overdue = (
        FollowUp.objects.filter(status=FollowUp.Status.OPEN, due_on__lt=timezone.localdate())
        .select_related("delegation", "owner")
        .order_by("due_on", "pk")
    )
    return {
        "follow_ups": overdue[:6],
        "count": overdue.count(),
        # The list that goes with it: the delegations these actions belong to.
        "delegations": OVERDUE_FOLLOW_UPS.rows_for(request.user).count(),
        "delegations_url": OVERDUE_FOLLOW_UPS.url(),
    }


FOLLOW_UPS_PANEL = Panel(
    name="exchanges-follow-ups",
    template="exchanges/panels/follow_ups.html",
    roles=OFFICE_ROLES,
    context=_overdue,
    order=15,
)
