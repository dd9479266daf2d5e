"""The filter bar of the plan's actions (django-filter, see intlaffairs.filtering)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intlaffairs.filtering import FlagFilter, ListFilterSet
from intlaffairs.waiting import WaitingFilter

from . import services
from .models import Action


class ActionFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Action.Status.choices)
    overdue = FlagFilter(label=_("Show only overdue actions"), method="past_due")
    waiting = WaitingFilter(url_name="strategy:action_list")

    class Meta:
        model = Action
        fields = ["status", "overdue", "waiting"]

    def past_due(self, queryset, name, value):
        return services.overdue_actions(queryset) if value else queryset
