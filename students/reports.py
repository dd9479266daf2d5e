"""Recruitment PDFs: the admission letter and the International Affairs letter (documents of
record about an application, in English or Persian) and the recruitment report for a period."""

from django.db.models import Count
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from intlaffairs import documents, jalali, reports
from intlaffairs.countries import country_names
from intlaffairs.svgcharts import bar_rows, choice_rows

from . import fees
from .models import Application, Program, Stage

OFFICE = ("administrator", "office_manager", "office_officer")


def letter_draft(kind: str):
    """How the `kind` letter about an application is drawn, for the register of documents."""

    def prepare(application: Application, scope: str) -> documents.Draft:
        application = Application.objects.select_related("program__unit", "applicant").get(
            pk=application.pk
        )
        admitted = application.moves.filter(to_state=Stage.ADMITTED).order_by("-at").first()
        return documents.Draft(
            template=f"students/pdf/{kind}.html",
            context={
                "application": application,
                "program": application.program,
                "admitted_on": admitted.at if admitted else None,
            },
            holder=application.applicant,
            holder_name=application.name_latin,
            holder_name_native=application.native_name,
        )

    return prepare


def _counted(rows, labels) -> list[tuple[str, int]]:
    return [(str(labels.get(key, key or "—")), count) for key, count in rows]


def _chart(rows, rtl: bool):
    return bar_rows([label for label, _n in rows], [n for _l, n in rows], rtl=rtl)


def build_recruitment(request, progress) -> dict:
    start, end = request.period_start, request.period_end
    if start is None:
        start, end = jalali.academic_year_bounds(jalali.academic_year(request.created_at))
    applications = Application.objects.submitted().filter(submitted_at__date__range=(start, end))

    def by(field):
        return list(applications.values_list(field).annotate(n=Count("id")).order_by("-n", field))

    progress(20)
    rtl = get_language_bidi()
    # Programs are counted by id and named through the model, so that the name is the report's
    # language (a values_list over "program__name" reads the default language's column).
    per_program = dict(by("program"))
    programs = sorted(
        Program.objects.filter(pk__in=per_program), key=lambda p: (-per_program[p.pk], p.name)
    )
    return {
        "total": applications.count(),
        "enrolled": applications.filter(stage=Stage.ENROLLED).count(),
        "sections": [
            (_("By stage"), choice_rows(dict(by("stage")), Stage.choices, rtl=rtl)),
            (_("By nationality"), _chart(_counted(by("nationality"), country_names()), rtl)),
            (
                _("By program"),
                bar_rows(
                    [program.name for program in programs],
                    [per_program[program.pk] for program in programs],
                    rtl=rtl,
                ),
            ),
            (
                _("By channel"),
                choice_rows(dict(by("channel")), Application.Channel.choices, rtl=rtl),
            ),
        ],
        "agents": list(
            applications.exclude(agent=None)
            .values_list("agent__name")
            .annotate(n=Count("id"))
            .order_by("-n", "agent__name")
        ),
    }


for kind in (documents.Kind.ADMISSION_LETTER, documents.Kind.IA_LETTER):
    documents.register(kind, letter_draft(kind))
documents.register(documents.Kind.PAYMENT_RECEIPT, fees.receipt_draft)
reports.register(
    reports.ReportKind(
        key="recruitment",
        title=_("Recruitment report"),
        template="students/pdf/recruitment.html",
        build=build_recruitment,
    )
)
