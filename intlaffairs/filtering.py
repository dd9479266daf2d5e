"""The pieces every list's FilterSet is made of (django-filter), so that no view reads a filter
from `request.GET` by hand.

`ListFilterSet` draws its form as the filter bar (`filterbar.filter_bar`); a value that is not
valid is left out of the filtering, the other filters still apply, and the filter bar shows the
field's translated error. `SearchFilter` searches with the Persian/Arabic normalization of
`normalize.filter_by_search` and cuts a search that is too long (with a message) rather than
refusing it; `AcademicYearFilter` takes a Solar Hijri year typed in any digits.
"""

import django_filters
import django_filters.fields
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .filterbar import filter_bar
from .jalali import academic_year_bounds, to_ascii_digits, to_local_digits
from .normalize import MAX_QUERY_LENGTH, filter_by_search
from .query import YEARS, search_too_long_message


class ListFilterSet(django_filters.FilterSet):
    """A list's filters, bound to the query string; `request` (when given) receives the message
    that a long search was cut, unless `tell_when_cut` is off (an export: no page to say it)."""

    tell_when_cut = True

    @property
    def form(self):
        if not hasattr(self, "_form"):
            filter_bar(super().form)
        return self._form

    def offer(self, name: str, choices) -> None:
        """Offers `choices` in the filter `name` of this list. The form made for each list
        copies its fields deeply, and a list of choices with them (the 250 countries, on every
        page and export of a list); a function that gives them is copied as it is."""
        self.filters[name].extra["choices"] = lambda: choices

    @property
    def narrows(self) -> bool:
        """Whether a valid filter is set (the empty list then says nothing matches)."""
        if not self.is_bound:
            return False
        self.form.is_valid()
        return any(self.form.cleaned_data.get(name) for name in self.form.fields)

    @property
    def qs(self):
        queryset = super().qs
        cut = getattr(self.form, "search_was_cut", False)
        if cut and self.tell_when_cut and self.request is not None:
            self.form.search_was_cut = False  # say it once
            messages.warning(self.request, search_too_long_message())
        return queryset


class CutSearchField(forms.CharField):
    """A search box that keeps the first MAX_QUERY_LENGTH characters of a longer search."""

    widget = forms.TextInput(attrs={"type": "search"})

    def to_python(self, value):
        value = super().to_python(value)
        if len(value) > MAX_QUERY_LENGTH:
            self.was_cut = True
            value = value[:MAX_QUERY_LENGTH]
        return value

    def clean(self, value):
        self.was_cut = False
        return super().clean(value)


class SearchFilter(django_filters.CharFilter):
    """Rows any of `fields` matches, each term in any of the forms normalize.py folds together."""

    field_class = CutSearchField

    def __init__(self, *, fields: list[str], **kwargs):
        self.searched_fields = fields
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if getattr(self.parent.form.fields[self.field_name], "was_cut", False):
            self.parent.form.search_was_cut = True
        return filter_by_search(queryset, value, self.searched_fields)


class JalaliYearField(forms.CharField):
    """A Solar Hijri year in Latin, Persian or Arabic-Indic digits, one the portal knows."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "1405", "dir": "ltr"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        digits = to_ascii_digits(value)
        if digits.isascii() and digits.isdigit() and int(digits) in YEARS:
            return int(digits)
        raise ValidationError(
            _("“%(value)s” is not a year the portal knows, so it was left out.")
            % {"value": to_local_digits(value[:20])},
            code="year",
        )


class AcademicYearFilter(django_filters.Filter):
    """Rows whose date `field_name` falls in the academic year asked for (1 Mehr to Shahrivar)."""

    field_class = JalaliYearField

    def filter(self, queryset, value):
        if value is None:
            return queryset
        return queryset.filter(**{f"{self.field_name}__range": academic_year_bounds(value)})


class FlagFilter(django_filters.BooleanFilter):
    """A check box that sends `name=<value>` ("1", "yes": what bookmarks already hold) and,
    ticked, keeps the rows `lookup` selects."""

    field_class = forms.BooleanField

    def __init__(self, *, value: str = "1", lookup: dict | None = None, **kwargs):
        self.lookup = lookup or {}
        kwargs.setdefault(
            "widget",
            forms.CheckboxInput(attrs={"value": value}, check_test=lambda checked: bool(checked)),
        )
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return queryset.filter(**self.lookup) if value else queryset


class NumberChoiceField(django_filters.fields.ChoiceField):
    """A choice among numbers (a row's id, an intake year) typed in any digits."""

    def to_python(self, value):
        return to_ascii_digits(super().to_python(value).strip())


class NumberChoiceFilter(django_filters.ChoiceFilter):
    """Rows whose `field_name` is the number chosen, given in Latin, Persian or Arabic digits."""

    field_class = NumberChoiceField


class SortFilter(django_filters.OrderingFilter):
    """A list's order, set by its column headers (`{% sort_header %}`), as `?sort=<name>` or
    `?sort=-<name>`; hidden in the filter bar so that filtering keeps it. Rows that tie keep
    a fixed order (the primary key), so that pages do not overlap."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        ordering = [self.get_ordering_value(param) for param in value]
        tie = "-pk" if ordering[-1].startswith("-") else "pk"
        return queryset.order_by(*ordering, tie)
