"""The annual internationalization report, and the trilingual entrance board of a unit."""

from django.utils.translation import gettext_lazy as _

from intlaffairs import jalali, reports
from intlaffairs.models import Unit

from . import services
from .models import Action, Plan


def build_annual(request, progress) -> dict:
    start = request.period_start or request.created_at.date()
    year = jalali.academic_year(start)
    first, last = jalali.academic_year_bounds(year)
    plan = Plan.current()
    goals = services.plan_goals(plan)
    by_goal = services.figures(goals, year)
    progress(30)
    done = {}
    for action in Action.objects.filter(
        status=Action.Status.DONE, done_on__range=(first, last)
    ).order_by("done_on"):
        done.setdefault(action.goal_id, []).append(action)
    return {
        "plan": plan,
        "year": year,
        "rows": [(goal, by_goal.get(goal.pk, []), done.get(goal.pk, [])) for goal in goals],
    }


def build_board(request, progress) -> dict:
    unit = Unit.objects.get(pk=request.params["unit"])
    return {
        "unit": unit,
        "lines": [("fa", unit.name_fa), ("en", unit.name_en), ("ckb", unit.name_ckb)],
        "report_title": unit.name_en or unit.name_fa,
    }


reports.register(
    reports.ReportKind(
        key="strategy",
        title=_("Annual internationalization report"),
        template="strategy/pdf/annual.html",
        build=build_annual,
    )
)
reports.register(
    reports.ReportKind(
        key="board",
        title=_("Trilingual entrance board"),
        template="strategy/pdf/board.html",
        build=build_board,
        roles=("administrator", "office_manager", "office_officer"),
        needs_period=False,
        listed=False,
    )
)
