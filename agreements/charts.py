"""Numbers behind the agreements charts: the page draws them with Chart.js, reports as SVG."""

from django.db.models import Count
from django_countries import countries

from .models import Agreement


def active_agreements(queryset) -> dict:
    """Active agreements counted by partner country and by type."""
    active = queryset.filter(status=Agreement.Status.ACTIVE).order_by()
    by_country = (
        active.values("partners__country")
        .annotate(count=Count("id", distinct=True))
        .order_by("-count", "partners__country")
    )
    by_type = active.values("type").annotate(count=Count("id")).order_by("-count", "type")
    types = dict(Agreement.Type.choices)
    return {
        "by_country": {
            "labels": [str(countries.name(row["partners__country"])) for row in by_country],
            "data": [row["count"] for row in by_country],
        },
        "by_type": {
            "labels": [str(types[row["type"]]) for row in by_type],
            "data": [row["count"] for row in by_type],
        },
    }
