"""Indicators computed live from the portal's data, by key.

Adding one is a small change: a function of a list of Solar Hijri academic years that returns
a number for each, decorated with @computed("key", label). An Indicator row whose `source` is
that key shows its values. Each computation is one query for all the years asked (counts per
year by conditional aggregation), so the dashboard's query count depends on the number of
indicators, never on the amount of data or the years shown.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from intlaffairs.jalali import academic_year_bounds

Values = dict[int, Decimal | int | None]


@dataclass(frozen=True)
class Computed:
    key: str
    label: str
    function: Callable[[list[int]], Values]


_registry: dict[str, Computed] = {}


def computed(key: str, label) -> Callable:
    def decorator(function: Callable[[list[int]], Values]):
        _registry[key] = Computed(key, label, function)
        return function

    return decorator


def choices() -> list[tuple[str, str]]:
    return [(item.key, item.label) for item in _registry.values()]


def values(key: str, years: list[int]) -> dict[int, Decimal | None]:
    """The indicator's value in each of `years` (None where it has none, or for an unknown key)."""
    item = _registry.get(key)
    if item is None or not years:
        return dict.fromkeys(years)
    results = item.function(list(years))
    return {year: None if results[year] is None else Decimal(results[year]) for year in years}


def value(key: str, year: int) -> Decimal | None:
    return values(key, [year])[year]


def _per_year(
    queryset: QuerySet,
    years: list[int],
    rows: Callable[[date, date], Q],
    *,
    counted: str = "pk",
    distinct: bool = False,
) -> dict[int, int]:
    """For each year, the `counted` values of the rows of `queryset` that `rows(first day,
    last day)` selects, all in one query."""
    totals = queryset.order_by().aggregate(
        **{
            f"y{year}": Count(counted, filter=rows(*academic_year_bounds(year)), distinct=distinct)
            for year in years
        }
    )
    return {year: totals[f"y{year}"] for year in years}


def _within(field: str) -> Callable[[date, date], Q]:
    return lambda first, last: Q(**{f"{field}__range": (first, last)})


# --- Agreements


@computed("agreements_active", _("Agreements in force during the year"))
def agreements_active(years: list[int]) -> Values:
    from agreements.models import Agreement

    return _per_year(
        Agreement.objects.filter(status__in=["active", "expired"]),
        years,
        lambda first, last: (
            Q(signed_on__lte=last) & (Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        ),
    )


@computed("agreements_new", _("Agreements signed in the year"))
def agreements_new(years: list[int]) -> Values:
    from agreements.models import Agreement

    return _per_year(Agreement.objects.all(), years, _within("signed_on"))


# --- Student recruitment


@computed("applications", _("International applications submitted"))
def applications(years: list[int]) -> Values:
    from students.models import Application

    return _per_year(Application.objects.all(), years, _within("submitted_at__date"))


def _reached(stage: str, years: list[int], counted: str) -> Values:
    """Distinct `counted` values of the applications that moved to `stage` in each year."""
    from students.models import Application

    return _per_year(
        Application.objects.all(),
        years,
        lambda first, last: Q(moves__to_state=stage, moves__at__date__range=(first, last)),
        counted=counted,
        distinct=True,
    )


@computed("admitted", _("International applicants admitted"))
def admitted(years: list[int]) -> Values:
    return _reached("admitted", years, "pk")


@computed("enrolled", _("International students enrolled"))
def enrolled(years: list[int]) -> Values:
    return _reached("enrolled", years, "pk")


@computed("enrolled_nationalities", _("Nationalities of the students enrolled"))
def enrolled_nationalities(years: list[int]) -> Values:
    return _reached("enrolled", years, "nationality")


# --- Exchanges


def _mobilities(direction: str, years: list[int]) -> Values:
    from exchanges.models import Mobility

    return _per_year(
        Mobility.objects.filter(direction=direction).exclude(status="cancelled"),
        years,
        _within("starts_on"),
    )


@computed("mobilities_out", _("Outgoing mobilities"))
def mobilities_out(years: list[int]) -> Values:
    return _mobilities("outgoing", years)


@computed("mobilities_in", _("Incoming mobilities"))
def mobilities_in(years: list[int]) -> Values:
    return _mobilities("incoming", years)


@computed("course_participants", _("Short-course participants"))
def course_participants(years: list[int]) -> Values:
    from exchanges.models import CourseApplication

    return _per_year(
        CourseApplication.objects.filter(status="accepted"), years, _within("course__starts_on")
    )


@computed("delegations", _("Delegations received and sent"))
def delegations(years: list[int]) -> Values:
    from exchanges.models import Delegation

    return _per_year(Delegation.objects.all(), years, _within("starts_on"))


@computed("delegations_target", _("Delegations with target countries"))
def delegations_target(years: list[int]) -> Values:
    from exchanges.models import Delegation
    from intlaffairs.models import TargetCountry

    return _per_year(
        Delegation.objects.filter(country__in=TargetCountry.objects.values("country")),
        years,
        _within("starts_on"),
    )


# --- Mentoring


@computed("mentoring_coverage", _("International students with a peer mentor (%)"))
def mentoring_coverage(years: list[int]) -> Values:
    from mentoring.models import Mentee

    def registered(last: date) -> Q:
        return Q(created_at__date__lte=last)

    def paired(last: date) -> Q:
        return registered(last) & Q(pairings__confirmed_at__date__lte=last)

    lasts = {year: academic_year_bounds(year)[1] for year in years}
    counts = Mentee.objects.order_by().aggregate(
        **{
            f"{kind}{year}": Count("pk", filter=condition(last), distinct=True)
            for year, last in lasts.items()
            for kind, condition in (("total", registered), ("paired", paired))
        }
    )
    return {
        year: (Decimal(100) * counts[f"paired{year}"] / counts[f"total{year}"]).quantize(
            Decimal("0.1")
        )
        if counts[f"total{year}"]
        else None
        for year in years
    }


# --- Incentives


@computed("ielts_5", _("Faculty and staff with IELTS 5 or more"))
def ielts_5(years: list[int]) -> Values:
    from incentives.models import Certificate

    return _per_year(
        Certificate.objects.filter(
            test__in=["ielts_academic", "ielts_general"],
            overall__gte=5,
            status="verified",
        ),
        years,
        lambda first, last: Q(taken_on__lte=last),
        counted="person",
        distinct=True,
    )


@computed("claims_paid", _("IELTS reimbursement claims paid"))
def claims_paid(years: list[int]) -> Values:
    from incentives.models import Claim

    return _per_year(Claim.objects.filter(status="paid"), years, _within("paid_on"))


@computed("points_earners", _("Faculty members earning promotion points for agreements"))
def points_earners(years: list[int]) -> Values:
    """Initiators of the agreements signed in the year, which is what earns promotion points
    (incentives.points); managers' adjustments are not counted."""
    from agreements.models import Agreement

    return _per_year(
        Agreement.objects.exclude(status__in=["draft", "negotiation"]),
        years,
        _within("signed_on"),
        counted="initiators",
        distinct=True,
    )


@computed("staff_ielts_5", _("Staff with IELTS 5 or more"))
def staff_ielts_5(years: list[int]) -> Values:
    from incentives.models import Certificate

    return _per_year(
        Certificate.objects.filter(
            test__in=["ielts_academic", "ielts_general"],
            overall__gte=5,
            status="verified",
            person__profile__kind="staff",
        ),
        years,
        lambda first, last: Q(taken_on__lte=last),
        counted="person",
        distinct=True,
    )


# --- Strategy's own registers


@computed("plan_actions_done", _("Plan actions completed in the year"))
def plan_actions_done(years: list[int]) -> Values:
    from .models import Action

    return _per_year(Action.objects.filter(status="done"), years, _within("done_on"))


@computed("web_criteria_met", _("Web-presence criteria met"))
def web_criteria_met(years: list[int]) -> Values:
    """Checklist items marked done by the end of the year. The checklist keeps no history, so
    an item's last assessment stands for every year after it was made."""
    from .models import WebCheck

    return _per_year(
        WebCheck.objects.filter(progress="done"),
        years,
        lambda first, last: Q(updated_at__date__lte=last),
    )


@computed("materials_ready", _("Outreach items made ready in the year"))
def materials_ready(years: list[int]) -> Values:
    from .models import Material

    return _per_year(
        Material.objects.all(),
        years,
        lambda first, last: Q(moves__to_state="ready", moves__at__date__range=(first, last)),
        distinct=True,
    )


@computed("centers_open", _("Education centers abroad open"))
def centers_open(years: list[int]) -> Values:
    from .models import Center

    return _per_year(
        Center.objects.filter(status="inaugurated"),
        years,
        lambda first, last: Q(inaugurated_on__lte=last),
    )


# --- Recognition of the university abroad


@computed("recognition_issues", _("Recognition issues raised in the year"))
def recognition_issues(years: list[int]) -> Values:
    from students.models import RecognitionIssue

    return _per_year(RecognitionIssue.objects.all(), years, _within("since"))
