"""The filters of the core's own lists (django-filter); the pieces every list shares are in
filtering.py, the bar that draws them in filterbar.py."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .filtering import ListFilterSet
from .models import OutgoingMail


class OutboxFilter(ListFilterSet):
    """Drawn as links (one per status) rather than as a field; a wrong status is explained by
    partials/filter_errors.html."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutgoingMail.Status.choices)

    class Meta:
        model = OutgoingMail
        fields = ["status"]
