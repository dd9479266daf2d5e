"""What waits for the office in mentoring (see intlaffairs/waiting.py): issues a mentor
escalated that nobody has resolved yet. An issue has no workflow, only these two dates."""

from django.utils.translation import gettext_lazy as _

from intlaffairs.access import OFFICE_ROLES
from intlaffairs.waiting import Queue, register

from .models import Issue


def unresolved_escalations(queryset, states, user):
    return queryset.filter(escalated_at__isnull=False, resolved_at__isnull=True)


register(
    Queue(
        key="mentoring.escalated",
        label=_("Escalated mentoring issues"),
        url_name="mentoring:issue_list",
        rows=lambda user: Issue.objects.visible_to(user),
        roles=OFFICE_ROLES,
        narrow=unresolved_escalations,
        icon="exclamation-octagon",
        order=40,
    ),
)
