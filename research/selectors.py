"""Counts the strategy indicators read: projects running, funding attracted, scientists engaged."""

from datetime import date

from django.db.models import Sum

from .models import Engagement, Grant, Project


def projects_running() -> int:
    return Project.objects.filter(status=Project.Status.RUNNING).count()


def funding_awarded(start: date, end: date) -> dict[str, float]:
    """Grant money awarded in the period, per currency."""
    rows = (
        Grant.objects.filter(outcome=Grant.Outcome.AWARDED, decided_on__range=(start, end))
        .values("currency")
        .annotate(total=Sum("amount_awarded"))
        .order_by("currency")
    )
    return {row["currency"]: row["total"] for row in rows}


def scientists_engaged(start: date, end: date) -> int:
    return (
        Engagement.objects.filter(date__range=(start, end)).values("scientist").distinct().count()
    )
