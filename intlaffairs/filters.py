"""The filters of the core's own lists (django-filter); the pieces every list shares are in
filtering.py, the bar that draws them in filterbar.py."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .filtering import ListFilterSet, SearchFilter
from .models import IssuedDocument, OutgoingMail


class OutboxFilter(ListFilterSet):
    """Drawn as links (one per status) rather than as a field; a wrong status is explained by
    partials/filter_errors.html."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutgoingMail.Status.choices)

    class Meta:
        model = OutgoingMail
        fields = ["status"]


class IssuedDocumentFilter(ListFilterSet):
    """The register of documents of record: by kind, valid or revoked, number or holder."""

    q = SearchFilter(label=_("Search"), fields=["number", "holder_name", "holder_name_native"])
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=IssuedDocument.Kind.choices)
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[("valid", _("Valid")), ("revoked", _("Revoked"))],
        method="filter_state",
    )

    class Meta:
        model = IssuedDocument
        fields = ["q", "kind", "state"]

    def filter_state(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=value == "valid")
