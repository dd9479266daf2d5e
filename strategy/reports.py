"""The annual internationalization report, and the trilingual entrance board of a unit."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from intlaffairs import jalali, pdf, reports
from intlaffairs.models import Unit

from . import services
from .models import Action, Goal, Plan, Review

# A board carries every line in the three languages of the building's signs, whatever the
# language of the person who prints it.
BOARD_LANGUAGES = ("fa", "en", "ckb")
UNIVERSITY = gettext_noop("Kermanshah University of Medical Sciences")


def build_annual(request, progress) -> dict:
    start = request.period_start or request.created_at.date()
    year = jalali.academic_year(start)
    first, last = jalali.academic_year_bounds(year)
    plan = Plan.current()
    goals = services.plan_goals(plan)
    by_goal = services.figures(goals, year)
    progress(30)
    # The year's actions: those due in the year and those done in it.
    actions: dict[int, list[Action]] = {}
    for action in (
        Action.objects.filter(goal__in=goals)
        .filter(Q(due_on__range=(first, last)) | Q(done_on__range=(first, last)))
        .order_by("due_on", "pk")
    ):
        actions.setdefault(action.goal_id, []).append(action)
    phases = [value for value, _label in Review.Phase.choices]
    reviews: dict[int, list[Review]] = {}
    for review in sorted(
        Review.objects.filter(goal__in=goals, year=year).select_related("reviewer"),
        key=lambda review: (phases.index(review.phase), review.date, review.pk),
    ):
        reviews.setdefault(review.goal_id, []).append(review)
    return {
        "plan": plan,
        "year": year,
        "years": range(year - services.TREND_YEARS + 1, year + 1),
        "goals": [
            AnnualGoal(
                goal=goal,
                figures=by_goal.get(goal.pk, []),
                actions=actions.get(goal.pk, []),
                reviews=reviews.get(goal.pk, []),
            )
            for goal in goals
        ],
    }


@dataclass
class AnnualGoal:
    """One goal's section of the annual report: its figures, the year's actions, the PDCA review."""

    goal: Goal
    figures: list
    actions: list[Action]
    reviews: list[Review]

    @property
    def actions_done(self) -> int:
        return sum(action.status == Action.Status.DONE for action in self.actions)


def build_board(request, progress) -> dict:
    unit = Unit.objects.get(pk=request.params["unit"])
    university = []
    for code in BOARD_LANGUAGES:
        with translation.override(code):
            university.append((code, translation.gettext(UNIVERSITY)))
    return {
        "unit": unit,
        "emblem": pdf.asset_url("img/emblem.svg"),
        "university": university,
        "lines": [(code, getattr(unit, f"name_{code}")) for code in BOARD_LANGUAGES],
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
