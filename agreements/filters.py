"""The filter bar of the agreements list (django-filter)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from intlaffairs.normalize import filter_by_search
from intlaffairs.roles import Role

from .models import Agreement

SEARCHED_FIELDS = [
    "title_fa",
    "title_en",
    "title_ckb",
    "partners__name_fa",
    "partners__name_en",
    "partners__name_ckb",
]


class AgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Agreement.Status.choices)
    type = django_filters.ChoiceFilter(label=_("Type"), choices=Agreement.Type.choices)
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="partners__country", choices=countries, distinct=True
    )
    expiring = django_filters.NumberFilter(
        label=_("Ending within (days)"),
        method="ending_within",
        min_value=1,
        max_value=3650,
        widget=forms.NumberInput(attrs={"min": 1, "max": 3650}),
    )
    owner = django_filters.ModelChoiceFilter(label=_("Owner in the office"), queryset=None)
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[("created_at", "created"), ("ends_on", "ends"), ("signed_on", "signed")],
        field_labels={
            "created_at": _("Date added"),
            "ends_on": _("End date"),
            "signed_on": _("Signing date"),
        },
    )

    class Meta:
        model = Agreement
        fields = ["q", "status", "type", "country", "expiring", "owner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from intlaffairs.models import User

        self.filters["owner"].queryset = (
            User.objects.filter(groups__name__in=[Role.OFFICER, Role.MANAGER])
            .distinct()
            .order_by("email")
        )

    def search(self, queryset, name, value):
        return filter_by_search(queryset, value, SEARCHED_FIELDS)

    def ending_within(self, queryset, name, value):
        return queryset.expiring_within(int(value), today=timezone.localdate())
