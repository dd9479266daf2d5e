"""The filter bars of the research lists (django-filter, see intlaffairs.filtering)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intlaffairs.filtering import FlagFilter, ListFilterSet, SearchFilter, SortFilter

from .models import Alumnus, Grant, Project, Scientist

# The stored search columns: a project's titles and its partners' names and cities; a
# scientist's names, institution and field.
PROJECT_SEARCH_FIELDS = ["search_text", "partners__search_text"]
SCIENTIST_SEARCH_FIELDS = ["search_text"]


class ProjectFilter(ListFilterSet):
    q = SearchFilter(
        label=_("Search"),
        fields=PROJECT_SEARCH_FIELDS,
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Project.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Project.Kind.choices)
    sort = SortFilter(
        # Not the funding: amounts in different currencies do not sort.
        fields=[("title", "title"), ("kind", "kind"), ("status", "status")]
    )

    class Meta:
        model = Project
        fields = ["q", "status", "kind", "sort"]


class GrantFilter(ListFilterSet):
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Grant.Outcome.choices)

    class Meta:
        model = Grant
        fields = ["outcome"]


class ScientistFilter(ListFilterSet):
    q = SearchFilter(
        label=_("Search"),
        fields=SCIENTIST_SEARCH_FIELDS,
    )
    consent = FlagFilter(
        label=_("Only those who consent to be contacted"),
        value="yes",
        lookup={"consent_to_contact": True},
    )

    class Meta:
        model = Scientist
        fields = ["q", "consent"]


class AlumnusFilter(ListFilterSet):
    q = SearchFilter(label=_("Search"), fields=["name_latin", "name_native", "program"])
    in_touch = FlagFilter(
        label=_("Only those who agreed to stay in touch"),
        value="yes",
        lookup={"stays_in_touch": True},
    )

    class Meta:
        model = Alumnus
        fields = ["q", "in_touch"]
