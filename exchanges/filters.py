"""The filter bars of the exchanges lists (django-filter, see intlaffairs.filtering)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.countries import country_names
from intlaffairs.filtering import (
    AcademicYearFilter,
    FlagFilter,
    ListFilterSet,
    SearchFilter,
    SortFilter,
)
from intlaffairs.translated import in_every_language
from intlaffairs.waiting import WaitingFilter

from .models import CourseApplication, Delegation, Mobility, ShortCourse


class MobilityFilter(ListFilterSet):
    q = SearchFilter(
        label=_("Name or institution"),
        fields=["person_name", *in_every_language("institution__name")],
    )
    direction = django_filters.ChoiceFilter(
        label=_("Direction"), choices=Mobility.Direction.choices
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Mobility.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Mobility.Status.choices)
    year = AcademicYearFilter(label=_("Academic year"), field_name="starts_on")
    sort = SortFilter(
        fields=[
            ("person_name", "name"),
            ("direction", "direction"),
            ("kind", "kind"),
            ("starts_on", "dates"),
            ("status", "status"),
        ]
    )

    class Meta:
        model = Mobility
        fields = ["q", "direction", "kind", "status", "year", "sort"]


class DelegationFilter(ListFilterSet):
    q = SearchFilter(label=_("Search"), fields=["title", "purpose"])
    direction = django_filters.ChoiceFilter(
        label=_("Direction"), choices=Delegation.Direction.choices
    )
    country = django_filters.ChoiceFilter(label=_("Country"))
    year = AcademicYearFilter(label=_("Academic year"), field_name="starts_on")
    waiting = WaitingFilter(url_name="exchanges:delegation_list")

    class Meta:
        model = Delegation
        fields = ["q", "direction", "country", "year", "waiting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The names in the language of this request (a class attribute would fix them at import).
        self.offer("country", list(country_names().items()))


class CourseFilter(ListFilterSet):
    q = SearchFilter(label=_("Search"), fields=["search_text"])  # the titles
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ShortCourse.Kind.choices)
    open = FlagFilter(label=_("Open for applications"), value="1", method="still_open")

    class Meta:
        model = ShortCourse
        fields = ["q", "kind", "open"]

    def still_open(self, queryset, name, value):
        # A method rather than FlagFilter's lookup: "today" is the day of the request.
        return queryset.filter(deadline__gte=timezone.localdate()) if value else queryset


class CourseApplicationFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CourseApplication.Status.choices
    )

    class Meta:
        model = CourseApplication
        fields = ["status"]
