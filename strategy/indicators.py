"""Indicators computed live from the portal's data, by key.

Adding one is a small change: a function of the Solar Hijri academic year that returns a
number, decorated with @computed("key", label). An Indicator row whose `source` is that key
shows its value; each computation is one query (two at most), so the dashboard's query count
depends on the number of indicators, never on the amount of data.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from intlaffairs.jalali import academic_year_bounds


@dataclass(frozen=True)
class Computed:
    key: str
    label: str
    function: Callable[[int], Decimal | int | None]


_registry: dict[str, Computed] = {}


def computed(key: str, label) -> Callable:
    def decorator(function: Callable[[int], Decimal | int | None]):
        _registry[key] = Computed(key, label, function)
        return function

    return decorator


def choices() -> list[tuple[str, str]]:
    return [(item.key, item.label) for item in _registry.values()]


def value(key: str, year: int) -> Decimal | None:
    item = _registry.get(key)
    if item is None:
        return None
    result = item.function(year)
    return None if result is None else Decimal(result)


# --- Agreements


@computed("agreements_active", _("Agreements in force during the year"))
def agreements_active(year: int) -> int:
    from agreements.models import Agreement

    first, last = academic_year_bounds(year)
    return (
        Agreement.objects.filter(status__in=["active", "expired"], signed_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .count()
    )


@computed("agreements_new", _("Agreements signed in the year"))
def agreements_new(year: int) -> int:
    from agreements.models import Agreement

    return Agreement.objects.filter(signed_on__range=academic_year_bounds(year)).count()


# --- Student recruitment


@computed("applications", _("International applications submitted"))
def applications(year: int) -> int:
    from students.models import Application

    return Application.objects.filter(submitted_at__date__range=academic_year_bounds(year)).count()


def _reached(stage: str, year: int):
    from students.models import Step

    return Step.objects.filter(to_stage=stage, at__date__range=academic_year_bounds(year))


@computed("admitted", _("International applicants admitted"))
def admitted(year: int) -> int:
    return _reached("admitted", year).values("application").distinct().count()


@computed("enrolled", _("International students enrolled"))
def enrolled(year: int) -> int:
    return _reached("enrolled", year).values("application").distinct().count()


@computed("enrolled_nationalities", _("Nationalities of the students enrolled"))
def enrolled_nationalities(year: int) -> int:
    return _reached("enrolled", year).values("application__nationality").distinct().count()


# --- Exchanges


def _mobilities(direction: str, year: int) -> int:
    from exchanges.models import Mobility

    return (
        Mobility.objects.filter(direction=direction, starts_on__range=academic_year_bounds(year))
        .exclude(status="cancelled")
        .count()
    )


@computed("mobilities_out", _("Outgoing mobilities"))
def mobilities_out(year: int) -> int:
    return _mobilities("outgoing", year)


@computed("mobilities_in", _("Incoming mobilities"))
def mobilities_in(year: int) -> int:
    return _mobilities("incoming", year)


@computed("course_participants", _("Short-course participants"))
def course_participants(year: int) -> int:
    from exchanges.models import CourseApplication

    return CourseApplication.objects.filter(
        status="accepted", course__starts_on__range=academic_year_bounds(year)
    ).count()


@computed("delegations", _("Delegations received and sent"))
def delegations(year: int) -> int:
    from exchanges.models import Delegation

    return Delegation.objects.filter(starts_on__range=academic_year_bounds(year)).count()


@computed("delegations_target", _("Delegations with target countries"))
def delegations_target(year: int) -> int:
    from exchanges.models import Delegation
    from intlaffairs.models import TargetCountry

    return Delegation.objects.filter(
        starts_on__range=academic_year_bounds(year),
        country__in=TargetCountry.objects.values("country"),
    ).count()


# --- Mentoring


@computed("mentoring_coverage", _("International students with a peer mentor (%)"))
def mentoring_coverage(year: int) -> Decimal | None:
    from mentoring.models import Mentee

    last = academic_year_bounds(year)[1]
    mentees = Mentee.objects.filter(created_at__date__lte=last)
    counts = mentees.aggregate(
        total=Count("pk", distinct=True),
        paired=Count("pk", filter=Q(pairings__confirmed_at__date__lte=last), distinct=True),
    )
    if not counts["total"]:
        return None
    return (Decimal(100) * counts["paired"] / counts["total"]).quantize(Decimal("0.1"))


# --- Incentives


@computed("ielts_5", _("Faculty and staff with IELTS 5 or more"))
def ielts_5(year: int) -> int:
    from incentives.models import Certificate

    last = academic_year_bounds(year)[1]
    return (
        Certificate.objects.filter(
            test__in=["ielts_academic", "ielts_general"],
            overall__gte=5,
            verified_at__isnull=False,
            taken_on__lte=last,
        )
        .values("person")
        .distinct()
        .count()
    )


@computed("claims_paid", _("IELTS reimbursement claims paid"))
def claims_paid(year: int) -> int:
    from incentives.models import Claim

    return Claim.objects.filter(status="paid", paid_on__range=academic_year_bounds(year)).count()
