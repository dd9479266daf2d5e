"""The agreements PDF reports: the overview for a period, and a one-page sheet per agreement."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from intlaffairs import jalali, reports
from intlaffairs.svgcharts import bar_rows

from . import charts
from .models import Agreement

SIX_MONTHS = timedelta(days=183)


def _agreements():
    return Agreement.objects.prefetch_related("partners").select_related("owner")


def build_overview(request, progress) -> dict:
    today = timezone.localdate()
    numbers = charts.active_agreements(Agreement.objects.all())
    rtl = get_language_bidi()
    progress(15)
    start, end = request.period_start, request.period_end
    if start is None:  # no period asked: the current academic year
        start, end = jalali.academic_year_bounds(jalali.academic_year(today))
    active = list(_agreements().filter(status=Agreement.Status.ACTIVE).order_by("ends_on"))
    new = list(_agreements().filter(signed_on__gte=start, signed_on__lte=end).order_by("signed_on"))
    ending = [a for a in active if a.ends_on and today <= a.ends_on <= today + SIX_MONTHS]
    progress(30)
    return {
        "by_country": bar_rows(*numbers["by_country"].values(), rtl=rtl),
        "by_type": bar_rows(*numbers["by_type"].values(), rtl=rtl),
        "active": active,
        "new": new,
        "ending": ending,
    }


def build_sheet(request, progress) -> dict:
    agreement = (
        _agreements()
        .prefetch_related("scopes", "initiators", "quotas", "moves")
        .get(pk=request.params["agreement"])
    )
    return {"agreement": agreement, "report_title": agreement.title}


OVERVIEW = reports.register(
    reports.ReportKind(
        key="agreements",
        title=_("Agreements report"),
        template="agreements/pdf/overview.html",
        build=build_overview,
    )
)
SHEET = reports.register(
    reports.ReportKind(
        key="agreement_sheet",
        title=_("Agreement sheet"),
        template="agreements/pdf/sheet.html",
        build=build_sheet,
        needs_period=False,
        listed=False,
    )
)
