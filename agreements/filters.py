"""The filter bars of the agreements and institutions lists (django-filter)."""

import django_filters
from django import forms
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.countries import country_names
from intlaffairs.filtering import ListFilterSet, SearchFilter, SortFilter
from intlaffairs.models import User
from intlaffairs.normalize import MAX_QUERY_LENGTH, filter_by_search
from intlaffairs.roles import Role
from intlaffairs.snapshot import snapshot
from intlaffairs.waiting import WaitingFilter

from .models import Agreement, Institution

# The stored search columns: the titles, and the partners' names and cities.
SEARCHED_FIELDS = ["search_text", "partners__search_text"]


def partner_countries() -> list[tuple[str, str]]:
    """The countries the office has partner institutions in, named in the active language: the
    filter offers these, not all 250. Finding them reads the whole institutions table, so they
    come from a snapshot, which a new institution renews."""
    newest = Institution.objects.aggregate(newest=Max("pk"))["newest"]
    codes, _ = snapshot(
        "institution-countries",
        lambda: set(Institution.objects.order_by().values_list("country", flat=True).distinct()),
        version=str(newest),
    )
    return [(code, name) for code, name in country_names().items() if code in codes]


def office_owners() -> list[tuple[int, str]]:
    """The officers and managers who may own an agreement. A list of choices rather than a
    ModelChoiceFilter's queryset, which PostgreSQL reads through a server-side cursor (three
    round trips)."""
    users = User.objects.filter(groups__name__in=[Role.OFFICER, Role.MANAGER]).distinct()
    return [(user.pk, user.display_name) for user in users.order_by("email")]


class AgreementFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=MAX_QUERY_LENGTH)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Agreement.Status.choices)
    type = django_filters.ChoiceFilter(label=_("Type"), choices=Agreement.Type.choices)
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="partners__country", distinct=True
    )
    expiring = django_filters.NumberFilter(
        label=_("Ending within (days)"),
        method="ending_within",
        min_value=1,
        max_value=3650,
        widget=forms.NumberInput(attrs={"min": 1, "max": 3650}),
    )
    owner = django_filters.ChoiceFilter(label=_("Owner in the office"))
    waiting = WaitingFilter(url_name="agreements:agreement_list")
    # Set by the column headers; "created" and "signed" stay valid for the links people kept.
    sort = SortFilter(
        fields=[
            ("created_at", "created"),
            ("ends_on", "ends"),
            ("signed_on", "signed"),
            ("type", "type"),
            ("status", "status"),
            ("owner__email", "owner"),
        ]
    )

    class Meta:
        model = Agreement
        fields = ["q", "status", "type", "country", "expiring", "owner", "waiting", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once here: given as these functions, django-filter would call them again for
        # every pass over the choices (validating, then drawing the select).
        self.offer("country", partner_countries())
        self.offer("owner", office_owners())

    def search(self, queryset, name, value):
        return filter_by_search(queryset, value, SEARCHED_FIELDS)

    def ending_within(self, queryset, name, value):
        return queryset.expiring_within(int(value), today=timezone.localdate())


# What a search of institutions reads (the list's box and the partner picker).
INSTITUTION_SEARCH_FIELDS = ["search_text"]  # the names in every language and the city


class InstitutionFilter(ListFilterSet):
    q = SearchFilter(label=_("Search"), fields=INSTITUTION_SEARCH_FIELDS)
    # Every country, not partner_countries(): its snapshot would cost this list a query.
    country = django_filters.ChoiceFilter(label=_("Country"))
    sort = SortFilter(
        fields=[
            ("name", "name"),
            ("country", "country"),
            ("city", "city"),
            ("kind", "kind"),
            ("agreement_count", "agreements"),
        ]
    )

    class Meta:
        model = Institution
        fields = ["q", "country", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer("country", list(country_names().items()))
