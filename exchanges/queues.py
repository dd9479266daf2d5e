"""What waits for the office in exchanges (see intlaffairs/waiting.py): delegations with a
follow-up action past its date and not done."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.waiting import Queue, register

from .models import Delegation, FollowUp
from .workflows import FOLLOW_UP


def with_overdue_follow_ups(queryset, states, user):
    overdue = FollowUp.objects.filter(status__in=states, due_on__lt=timezone.localdate())
    return queryset.filter(pk__in=overdue.values("delegation_id"))


OVERDUE_FOLLOW_UPS = Queue(
    key="exchanges.overdue_follow_ups",
    label=_("Delegations with overdue follow-up actions"),
    url_name="exchanges:delegation_list",
    rows=lambda user: Delegation.objects.visible_to(user),
    workflow=FOLLOW_UP,
    transitions=["done"],
    narrow=with_overdue_follow_ups,
    icon="flag",
    order=50,
)

register(OVERDUE_FOLLOW_UPS)
