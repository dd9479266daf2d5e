"""The mentoring report: pairs, meetings per pair, issues by category, satisfaction."""

from django.db.models import Avg, Count, Q, Sum
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from intlaffairs import jalali, reports
from intlaffairs.svgcharts import choice_rows

from .models import Feedback, Issue, Pairing, Survey


def build(request, progress) -> dict:
    start, end = request.period_start, request.period_end
    if start is None:
        start, end = jalali.academic_year_bounds(jalali.academic_year(request.created_at))
    in_period = Q(meetings__date__range=(start, end))
    pairings = (
        Pairing.objects.exclude(status=Pairing.Status.PROPOSED)
        .select_related("mentor__user", "mentee")
        .annotate(
            meeting_count=Count("meetings", filter=in_period, distinct=True),
            minutes=Sum("meetings__minutes", filter=in_period),
            rating=Avg("feedback__rating"),
        )
        .order_by("mentor__user__full_name", "mentee__name", "pk")
    )
    progress(20)
    issues = dict(
        Issue.objects.filter(created_at__date__range=(start, end))
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "pairings": pairings,
        "active": Pairing.objects.filter(status=Pairing.Status.ACTIVE).count(),
        "issues": choice_rows(issues, Issue.Category.choices, rtl=get_language_bidi()),
        "escalated": Issue.objects.filter(
            created_at__date__range=(start, end), escalated_at__isnull=False
        ).count(),
        "feedback": Feedback.objects.aggregate(avg=Avg("rating"), n=Count("id")),
        "surveys": Survey.objects.filter(answered_at__isnull=False).aggregate(
            avg=Avg("rating"), n=Count("id")
        ),
    }


reports.register(
    reports.ReportKind(
        key="mentoring",
        title=_("Mentoring report"),
        template="mentoring/pdf/report.html",
        build=build,
    )
)
