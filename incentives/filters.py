"""The filter bars of the incentives lists (django-filter, see intlaffairs.filtering)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs import jalali
from intlaffairs.filtering import FlagFilter, JalaliYearField, ListFilterSet, SortFilter
from intlaffairs.models import Unit, User
from intlaffairs.waiting import WaitingFilter

from .models import Certificate, Claim


class CertificateFilter(ListFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), field_name="person__profile__unit", queryset=Unit.objects.all()
    )
    test = django_filters.ChoiceFilter(label=_("Test"), choices=Certificate.Test.choices)
    minimum = django_filters.NumberFilter(
        label=_("Overall score at least"),
        field_name="overall",
        lookup_expr="gte",
        min_value=0,
        max_value=120,
    )
    # A plain check box sent "on": the value bookmarks hold.
    verified = FlagFilter(
        label=_("Verified only"), value="on", lookup={"status": Certificate.Status.VERIFIED}
    )
    waiting = WaitingFilter(url_name="incentives:certificate_list")
    sort = SortFilter(
        fields=[
            ("person__email", "person"),
            ("test", "test"),
            ("overall", "overall"),
            ("taken_on", "taken"),
            ("status", "status"),
        ]
    )

    class Meta:
        model = Certificate
        fields = ["unit", "test", "minimum", "verified", "waiting", "sort"]


class ClaimFilter(ListFilterSet):
    """Drawn as the status tabs; a wrong status is shown by partials/filter_errors.html."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=Claim.Status.choices)
    waiting = WaitingFilter(url_name="incentives:claim_list")
    sort = SortFilter(
        fields=[
            ("pk", "number"),
            ("claimant__email", "claimant"),
            ("status", "status"),
            ("created_at", "submitted"),
        ]
    )

    class Meta:
        model = Claim
        fields = ["status", "waiting", "sort"]


class YearSelect(forms.Select):
    """The recent academic years; a year typed in Persian or Arabic digits is shown selected."""

    def format_value(self, value):
        return [jalali.to_ascii_digits(str(item)) for item in super().format_value(value)]


class YearFilter(django_filters.Filter):
    field_class = JalaliYearField


class PointsFilter(ListFilterSet):
    """The academic year whose points are counted (`year`, in any digits; the current one when
    it is absent or not a year). It chooses the totals, it does not narrow the people."""

    year = YearFilter(label=_("Academic year"), method="keep_everyone")

    class Meta:
        model = User
        fields = ["year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = jalali.academic_year(timezone.localdate())
        self.filters["year"].extra["widget"] = YearSelect(
            choices=[
                (year, jalali.academic_year_label(year))
                for year in range(this_year, this_year - 6, -1)
            ]
        )

    @property
    def academic_year(self) -> int:
        self.form.is_valid()
        return self.form.cleaned_data.get("year") or jalali.academic_year(timezone.localdate())

    def keep_everyone(self, queryset, name, value):
        return queryset
