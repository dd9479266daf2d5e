"""What waits for the managers in the plan (see intlaffairs/waiting.py): actions past their
due date and still open. Their owners move them; the managers are the ones to chase them."""

from django.utils.translation import gettext_lazy as _

from intlaffairs.roles import Role
from intlaffairs.waiting import Queue, register

from . import services
from .models import Action

register(
    Queue(
        key="strategy.overdue_actions",
        label=_("Overdue plan actions"),
        url_name="strategy:action_list",
        rows=lambda user: Action.objects.visible_to(user),
        roles=(Role.MANAGER, Role.ADMINISTRATOR),
        narrow=lambda queryset, states, user: services.overdue_actions(queryset),
        icon="calendar-x",
        order=60,
    ),
)
