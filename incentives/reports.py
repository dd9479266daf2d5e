"""Promotion points PDFs: one faculty member's statement for a year (a document of record),
and the per-unit summary."""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from intlaffairs import documents, jalali, reports
from intlaffairs.models import User
from intlaffairs.roles import Role

from . import points


def statement_draft(person: User, scope: str) -> documents.Draft:
    """A person's statement for the academic year `scope` ("1405")."""
    year = int(scope)
    return documents.Draft(
        template="incentives/pdf/statement.html",
        context={
            "statement": points.statement(person, year),
            "period_label": jalali.academic_year_label(year),
        },
        holder=person,
        holder_name=person.full_name or person.email,
        holder_name_native=person.full_name_native,
    )


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


documents.register(documents.Kind.POINTS_STATEMENT, statement_draft)
reports.register(
    reports.ReportKind(
        key="points_summary",
        title=_("Promotion points by unit"),
        template="incentives/pdf/summary.html",
        build=build_summary,
    )
)
