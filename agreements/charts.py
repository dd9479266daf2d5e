"""Numbers behind the agreements charts: the page draws them with Chart.js, reports as SVG."""

from datetime import datetime

from django.db.models import Count

from intlaffairs.countries import country_names
from intlaffairs.snapshot import snapshot, table_version

from .models import Agreement


def active_agreements_snapshot() -> tuple[dict, datetime]:
    """`active_agreements` of all agreements, from a snapshot (for the office's list page,
    where counting every active agreement at each view would grow with the table)."""
    rows, counted_at = snapshot(
        "agreements-active-charts",
        lambda: _active_rows(Agreement.objects.all()),
        version=table_version(Agreement),
    )
    return _labelled(*rows), counted_at


def active_agreements(queryset) -> dict:
    """Active agreements counted by partner country and by type."""
    return _labelled(*_active_rows(queryset))


def _active_rows(queryset) -> tuple[list[dict], list[dict]]:
    active = queryset.filter(status=Agreement.Status.ACTIVE).order_by()
    by_country = list(
        active.values("partners__country")
        .annotate(count=Count("id", distinct=True))
        .order_by("-count", "partners__country")
    )
    by_type = list(active.values("type").annotate(count=Count("id")).order_by("-count", "type"))
    return by_country, by_type


def _labelled(by_country: list[dict], by_type: list[dict]) -> dict:
    types = dict(Agreement.Type.choices)
    names = country_names()
    return {
        "by_country": {
            "labels": [names.get(row["partners__country"], "") for row in by_country],
            "data": [row["count"] for row in by_country],
        },
        "by_type": {
            "labels": [str(types[row["type"]]) for row in by_type],
            "data": [row["count"] for row in by_type],
        },
    }
