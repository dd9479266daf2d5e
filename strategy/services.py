"""The plan's figures (actual against target, by year), what needs attention now, and the
overdue-action reminders."""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from intlaffairs import jalali, outbox
from intlaffairs.snapshot import snapshot, table_version

from . import indicators
from .models import Action, Goal, Indicator, Plan

TREND_YEARS = 3


@dataclass
class Figure:
    indicator: Indicator
    year: int
    actual: Decimal | None
    target: Decimal | None
    trend: list[tuple[int, Decimal | None]] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        if self.actual is None or not self.target:
            return None
        if not self.indicator.higher_is_better:
            return round(100 * self.target / self.actual) if self.actual else None
        return round(100 * self.actual / self.target)

    @property
    def met(self) -> bool:
        return self.percent is not None and self.percent >= 100

    @property
    def bars(self):
        """The trend as small SVG bars, one per year (the target year's bar last)."""
        from django.utils.translation import get_language_bidi

        from intlaffairs.jalali import to_local_digits
        from intlaffairs.svgcharts import bar_rows

        return bar_rows(
            [to_local_digits(y) for y, _v in self.trend],
            [float(v or 0) for _y, v in self.trend],
            rtl=get_language_bidi(),
        )


# Computed indicators that count the large tables (agreements, applications and their history).
LARGE_SOURCES = frozenset(
    {"agreements_active", "agreements_new", "applications"}
    | {"admitted", "enrolled", "enrolled_nationalities"}
)


def figures(goals: list[Goal], year: int) -> dict[int, list[Figure]]:
    """Per goal id, its indicators with actual, target and trend over TREND_YEARS years.

    Targets and hand-entered values come from two queries for all indicators; each computed
    indicator costs one query for all the years shown, whatever the data.
    """
    return _figures(_indicators(goals), goals, year, known={})


def large_tables_version() -> str:
    """The version of the agreements and applications tables (see intlaffairs.snapshot), which
    the dashboard's snapshots are keyed by: read once for both."""
    from agreements.models import Agreement
    from students.models import Application

    return f"{table_version(Agreement)}:{table_version(Application)}"


def figures_snapshot(
    goals: list[Goal], year: int, *, tables: str
) -> tuple[dict[int, list[Figure]], datetime]:
    """`figures`, with the indicators over the large tables from a snapshot (see
    intlaffairs.snapshot), and when that was computed. `tables`: large_tables_version()."""
    rows = _indicators(goals)
    years = _years(year)
    sources = sorted({row.source for row in rows if row.source in LARGE_SOURCES})
    version = hashlib.sha256(repr((tables, sources, years)).encode()).hexdigest()
    known, computed_at = snapshot(
        "strategy-large-indicators",
        lambda: {
            (source, y): value
            for source in sources
            for y, value in indicators.values(source, years).items()
        },
        version=version,
    )
    return _figures(rows, goals, year, known=known), computed_at


def _years(year: int) -> list[int]:
    return list(range(year - TREND_YEARS + 1, year + 1))


def _indicators(goals: list[Goal]) -> list[Indicator]:
    return list(
        Indicator.objects.filter(goal__in=goals)
        .prefetch_related("targets", "values")
        .order_by("goal__number", "pk")
    )


def _figures(
    indicator_rows: list[Indicator], goals: list[Goal], year: int, *, known: dict
) -> dict[int, list[Figure]]:
    years = _years(year)
    result: dict[int, list[Figure]] = {goal.pk: [] for goal in goals}
    for indicator in indicator_rows:
        targets = {t.year: t.value for t in indicator.targets.all()}
        if all((indicator.source, y) in known for y in years):
            actual = {y: known[indicator.source, y] for y in years}
        elif indicator.is_computed:
            actual = indicators.values(indicator.source, years)
        else:
            actual = {v.year: v.value for v in indicator.values.all()}
        trend = [(y, actual.get(y)) for y in years]
        result[indicator.goal_id].append(
            Figure(indicator, year, trend[-1][1], targets.get(year), trend)
        )
    return result


def attention(*, tables: str, today: date | None = None) -> dict:
    """What needs attention now, one count per query. `tables`: large_tables_version()."""
    from agreements.models import Agreement
    from mentoring.models import Issue
    from mentoring.services import unmatched_mentees
    from students.models import Application
    from students.services import OFFICE_STAGES, STALLED_AFTER_DAYS

    today = today or timezone.localdate()
    # These two count rows of the large tables: from a snapshot (see intlaffairs.snapshot).
    large, _ = snapshot(
        "strategy-attention",
        lambda: {
            "agreements_ending": Agreement.objects.expiring_within(90, today=today).count(),
            "applications_waiting": Application.objects.filter(
                stage__in=OFFICE_STAGES,
                stage_since__lt=timezone.now() - timedelta(days=STALLED_AFTER_DAYS),
            ).count(),
        },
        version=f"{today}:{tables}",
    )
    return {
        **large,
        "actions_overdue": overdue_actions(Action.objects.all(), today=today).count(),
        "mentees_unmatched": unmatched_mentees().count(),
        "issues_escalated": Issue.objects.filter(
            escalated_at__isnull=False, resolved_at__isnull=True
        ).count(),
    }


def overdue_actions(queryset, *, today: date | None = None):
    """The actions of `queryset` still open after their due date (`Action.is_overdue`)."""
    return queryset.filter(
        status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS],
        due_on__lt=today or timezone.localdate(),
    )


def current_year() -> int:
    return jalali.academic_year(timezone.localdate())


def plan_goals(plan: Plan | None) -> list[Goal]:
    return list(plan.goals.all()) if plan else []


def action_reminders_send(*, today: date | None = None) -> int:
    """E-mail each overdue action's owner, at most once a week while it stays overdue."""
    today = today or timezone.localdate()
    sent = 0
    overdue = Action.objects.filter(
        status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS], due_on__lt=today
    )
    # select_related saves a query per row; the rows are the same without it
    overdue = overdue.select_related("owner", "goal")  # pragma: no mutate
    for action in overdue:
        with transaction.atomic():
            locked = Action.objects.select_for_update().get(pk=action.pk)
            if locked.reminded_on and (today - locked.reminded_on).days < 7:
                continue
            locked.reminded_on = today
            # the row was just read under its lock: saving every field writes the same values
            locked.save(update_fields=["reminded_on"])  # pragma: no mutate
            owner = action.owner
            url = outbox.portal_url(
                "strategy:goal_detail", owner.preferred_language, action.goal_id
            )
            outbox.mail_queue(
                to=owner.email,
                language=owner.preferred_language,
                template="strategy/email/action_overdue",
                context={"action": action, "person": owner, "url": url},
            )
            sent += 1
    return sent
