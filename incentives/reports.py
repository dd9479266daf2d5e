"""Promotion points PDFs: one faculty member's statement, and the per-unit summary."""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from intlaffairs import jalali, reports
from intlaffairs.models import User
from intlaffairs.roles import Role

from . import points


def build_statement(request, progress) -> dict:
    person = User.objects.get(pk=request.params["person"])
    year = request.params["year"]
    return {
        "statement": points.statement(person, year),
        "report_title": _("Promotion points statement"),
        "period_label": jalali.academic_year_label(year),
    }


def build_summary(request, progress) -> dict:
    year = jalali.academic_year(request.period_start) if request.period_start else None
    if year is None:
        year = jalali.academic_year(request.created_at)
    people = list(
        User.objects.filter(groups__name=Role.FACULTY).select_related("profile__unit").distinct()
    )
    scores = points.totals(people, year)
    units = defaultdict(lambda: [0, Decimal(0)])
    for person in people:
        unit = getattr(getattr(person, "profile", None), "unit", None)
        units[str(unit) if unit else "—"][0] += 1
        units[str(unit) if unit else "—"][1] += scores.get(person.pk, Decimal(0))
    rows = sorted(
        ((person, scores.get(person.pk, Decimal(0))) for person in people),
        key=lambda row: -row[1],
    )
    return {
        "units": sorted(units.items()),
        "rows": rows,
        "period_label": jalali.academic_year_label(year),
    }


reports.register(
    reports.ReportKind(
        key="points_statement",
        title=_("Promotion points statement"),
        template="incentives/pdf/statement.html",
        build=build_statement,
        needs_period=False,
        listed=False,
    )
)
reports.register(
    reports.ReportKind(
        key="points_summary",
        title=_("Promotion points by unit"),
        template="incentives/pdf/summary.html",
        build=build_summary,
    )
)
