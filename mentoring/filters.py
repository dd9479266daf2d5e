"""The filter bars of the mentoring lists (django-filter, see intlaffairs.filtering)."""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from intlaffairs.filtering import FlagFilter, ListFilterSet
from intlaffairs.waiting import WaitingFilter

from .models import Issue, Mentee, Mentor, Pairing


class PairingFilter(ListFilterSet):
    """Without a status in the query the active pairs are shown; `status=` (empty) shows all."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Pairing.Status.choices, empty_label=None
    )

    class Meta:
        model = Pairing
        fields = ["status"]

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("status", Pairing.Status.ACTIVE)
        super().__init__(data, *args, **kwargs)


class MentorFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Mentor.Status.choices)

    class Meta:
        model = Mentor
        fields = ["status"]


class MenteeFilter(ListFilterSet):
    """Over mentees annotated with `current`, their pairs that have not ended."""

    unmatched = FlagFilter(
        label=_("Show only those without a mentor"), value="1", lookup={"current": 0}
    )

    class Meta:
        model = Mentee
        fields = ["unmatched"]


class IssueFilter(ListFilterSet):
    all = FlagFilter(label=_("Show resolved issues too"), value="1", method="open_unless_all")
    waiting = WaitingFilter(url_name="mentoring:issue_list")

    class Meta:
        model = Issue
        fields = ["all", "waiting"]

    def open_unless_all(self, queryset, name, value):
        return queryset if value else queryset.filter(resolved_at__isnull=True)
