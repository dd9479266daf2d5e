"""The research cooperation PDF report."""

from django.db.models import Count
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from intlaffairs import jalali, reports
from intlaffairs.svgcharts import choice_rows

from . import selectors
from .models import Grant, Project


def build(request, progress) -> dict:
    start, end = request.period_start, request.period_end
    if start is None:
        start, end = jalali.academic_year_bounds(jalali.academic_year(request.created_at))
    by_status = dict(Project.objects.values_list("status").annotate(n=Count("id")).order_by())
    pipeline = [value for value, _label in Project.Status.choices]
    progress(20)
    return {
        "by_status": choice_rows(by_status, Project.Status.choices, rtl=get_language_bidi()),
        # The workflow's order, then the title in the report's language.
        "projects": sorted(
            Project.objects.prefetch_related("partners"),
            key=lambda project: (pipeline.index(project.status), project.title),
        ),
        "grants": Grant.objects.filter(applied_on__range=(start, end)).select_related("project"),
        "funding": selectors.funding_awarded(start, end),
        "scientists_engaged": selectors.scientists_engaged(start, end),
    }


REPORT = reports.register(
    reports.ReportKind(
        key="research",
        title=_("Research cooperation report"),
        template="research/pdf/report.html",
        build=build,
    )
)
