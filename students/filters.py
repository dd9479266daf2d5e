"""The filter bars of the recruitment lists (django-filter, see intlaffairs.filtering)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.countries import country_names
from intlaffairs.filtering import (
    FlagFilter,
    ListFilterSet,
    NumberChoiceFilter,
    SearchFilter,
    SortFilter,
)
from intlaffairs.jalali import to_local_digits
from intlaffairs.models import Unit
from intlaffairs.normalize import MAX_QUERY_LENGTH, filter_by_search
from intlaffairs.translated import in_every_language
from intlaffairs.waiting import WaitingFilter

from . import reviews, services
from .models import (
    Agent,
    Application,
    Currency,
    FacultyReview,
    Invoice,
    Program,
    RecognitionIssue,
    Stage,
)

# The stored search column: reference, names, passport number.
SEARCHED_FIELDS = ["search_text"]


class ProgramFilter(ListFilterSet):
    q = SearchFilter(
        label=_("Search"),
        fields=in_every_language("name", "unit__name"),
    )
    degree = django_filters.ChoiceFilter(label=_("Degree"), choices=Program.Degree.choices)
    language = django_filters.ChoiceFilter(
        label=_("Language of instruction"), choices=Program.Language.choices
    )
    # `faculty` is the name bookmarks and links already hold for the unit.
    faculty = NumberChoiceFilter(label=_("School"), field_name="unit_id")
    open = FlagFilter(label=_("Open for applications"), value="1", method="still_open")

    class Meta:
        model = Program
        fields = ["q", "degree", "language", "faculty", "open"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once: the units that publish a program (one query, as the hand-written select).
        units = Unit.objects.filter(programs__is_published=True).distinct()
        self.offer("faculty", [(unit.pk, unit.name) for unit in units])

    def still_open(self, queryset, name, value):
        return queryset.filter(deadline__gte=timezone.localdate()) if value else queryset


class AgentFilter(ListFilterSet):
    q = SearchFilter(label=_("Search"), fields=["name", "organization"])
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Agent.Kind.choices)

    class Meta:
        model = Agent
        fields = ["q", "kind"]


class IssueFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecognitionIssue.Status.choices)
    country = django_filters.ChoiceFilter(label=_("Country"))

    class Meta:
        model = RecognitionIssue
        fields = ["status", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer("country", list(country_names().items()))


def program_choices(programs) -> list[tuple[int, str]]:
    """(pk, name, intake) rows as choices: the name and its intake year."""
    return [(pk, f"{name} ({to_local_digits(intake)})") for pk, name, intake in programs]


class ApplicationFilter(ListFilterSet):
    """The office's applications. The stage is a hidden field set by the tabs, with no place to
    show an error: a wrong stage shows all. A search longer than the limit is refused with the
    field's error (not cut), as on the agreements list."""

    stage = django_filters.ChoiceFilter(
        widget=forms.HiddenInput,
        choices=[(value, label) for value, label in Stage.choices if value != Stage.DRAFT],
    )
    q = django_filters.CharFilter(
        label=_("Name, passport or reference"),
        method="search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    program = NumberChoiceFilter(label=_("Program"), field_name="program_id")
    nationality = django_filters.ChoiceFilter(label=_("Nationality"))
    intake = NumberChoiceFilter(label=_("Intake"), field_name="program__intake")
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Application.Channel.choices)
    stalled = FlagFilter(label=_("Waiting over 14 days in their stage"), method="waiting_too_long")
    permit_ending = FlagFilter(
        label=_("Residence permit ends within 60 days"), method="residence_ending"
    )
    reviews_overdue = FlagFilter(
        label=_("A faculty review is over 7 days late"), method="with_overdue_reviews"
    )
    waiting = WaitingFilter(url_name="students:application_list")
    sort = SortFilter(
        fields=[
            ("reference", "reference"),
            ("family_name", "name"),
            ("nationality", "nationality"),
            ("channel", "channel"),
            ("stage", "stage"),
            ("stage_since", "since"),
        ]
    )

    class Meta:
        model = Application
        fields = [
            "stage",
            "q",
            "program",
            "nationality",
            "intake",
            "channel",
            "stalled",
            "permit_ending",
            "reviews_overdue",
            "waiting",
            "sort",
        ]

    def __init__(self, *args, nationalities: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        programs = Program.objects.order_by("-intake", "name").values_list("pk", "name", "intake")
        self.offer("program", program_choices(programs))
        self.offer("nationality", nationalities)
        intakes = sorted({intake for _pk, _name, intake in programs}, reverse=True)
        self.offer("intake", [(intake, to_local_digits(intake)) for intake in intakes])

    def search(self, queryset, name, value):
        return filter_by_search(queryset, value, SEARCHED_FIELDS)

    def waiting_too_long(self, queryset, name, value):
        return services.stalled(queryset) if value else queryset

    def residence_ending(self, queryset, name, value):
        return services.residence_ending(queryset) if value else queryset

    def with_overdue_reviews(self, queryset, name, value):
        return reviews.overdue_applications(queryset) if value else queryset


class ReviewFilter(ListFilterSet):
    """The reviewer's "To review" list."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=FacultyReview.Status.choices)
    waiting = WaitingFilter(url_name="students:review_list")

    class Meta:
        model = FacultyReview
        fields = ["status", "waiting"]


class InvoiceFilter(ListFilterSet):
    """The finance list: invoices with their balance (`Invoice.objects.with_balance()`)."""

    q = django_filters.CharFilter(
        label=_("Name, passport or reference"),
        method="search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Invoice.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Fee"), choices=Invoice.Kind.choices)
    currency = django_filters.ChoiceFilter(label=_("Currency"), choices=Currency.choices)
    program = NumberChoiceFilter(label=_("Program"), field_name="application__program_id")
    overdue = FlagFilter(label=_("Overdue"), method="past_due")
    waiting = WaitingFilter(url_name="students:invoice_list")
    sort = SortFilter(
        fields=[
            ("application__reference", "reference"),
            ("application__family_name", "name"),
            ("kind", "kind"),
            ("amount", "amount"),
            ("balance_due", "balance"),
            ("due_on", "due"),
            ("status", "status"),
        ]
    )

    class Meta:
        model = Invoice
        fields = ["q", "status", "kind", "currency", "program", "overdue", "waiting", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programs = Program.objects.order_by("-intake", "name").values_list("pk", "name", "intake")
        self.offer("program", program_choices(programs))

    def search(self, queryset, name, value):
        return filter_by_search(
            queryset, value, [f"application__{field}" for field in SEARCHED_FIELDS]
        )

    def past_due(self, queryset, name, value):
        return queryset.overdue() if value else queryset
