"""The mobility report: mobilities of a period by direction, kind, status and country."""

from django.db.models import Count
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from intlaffairs import documents, jalali, reports
from intlaffairs.countries import country_names
from intlaffairs.svgcharts import bar_rows, choice_rows

from .models import AttendanceCertificate, Delegation, Mobility


def build(request, progress) -> dict:
    start, end = request.period_start, request.period_end
    if start is None:
        start, end = jalali.academic_year_bounds(jalali.academic_year(request.created_at))
    mobilities = Mobility.objects.filter(starts_on__range=(start, end)).exclude(
        status=Mobility.Status.CANCELLED
    )
    rtl = get_language_bidi()

    def chart(field, labels):
        rows = list(mobilities.values_list(field).annotate(n=Count("id")).order_by("-n", field))
        return bar_rows(
            [str(labels.get(key, key)) for key, _n in rows], [n for _k, n in rows], rtl=rtl
        )

    def in_order(field, choices):
        return choice_rows(
            dict(mobilities.values_list(field).annotate(n=Count("id")).order_by()), choices, rtl=rtl
        )

    progress(20)
    return {
        "total": mobilities.count(),
        "sections": [
            (_("By direction"), in_order("direction", Mobility.Direction.choices)),
            (_("By kind"), in_order("kind", Mobility.Kind.choices)),
            (_("By status"), in_order("status", Mobility.Status.choices)),
            (_("By country of the partner"), chart("institution__country", country_names())),
        ],
        "mobilities": mobilities.select_related("institution").order_by("starts_on", "pk"),
        "delegations": Delegation.objects.filter(starts_on__range=(start, end)).order_by(
            "starts_on", "pk"
        ),
    }


reports.register(
    reports.ReportKind(
        key="mobilities",
        title=_("Mobility report"),
        template="exchanges/pdf/report.html",
        build=build,
    )
)


def certificate_draft(certificate: AttendanceCertificate, scope: str) -> documents.Draft:
    """A participant's certificate of attendance (`scope` is its language: en or fa)."""
    application = certificate.application
    return documents.Draft(
        template="exchanges/pdf/certificate.html",
        context={
            "certificate": certificate,
            "application": application,
            "course": application.course,
            "report_title": _("Certificate of attendance"),
        },
        holder=application.applicant,
        holder_name=application.name_latin,
    )


documents.register(documents.Kind.ATTENDANCE_CERTIFICATE, certificate_draft)
