"""Promotion points per faculty member and academic (Jalali) year, computed from live data.

Points = the weights of the agreements a person initiated that were signed in the year, plus
managers' adjustments. Nothing is stored, so a change to an agreement's initiators or signing
date shows at once.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from agreements.models import Agreement
from intlaffairs import jalali

from .models import PointAdjustment, PointWeight

DEFAULT_WEIGHTS = {
    Agreement.Type.MOU: Decimal("1"),
    Agreement.Type.MOA: Decimal("2"),
    Agreement.Type.STUDENT_EXCHANGE: Decimal("2"),
    Agreement.Type.STAFF_EXCHANGE: Decimal("2"),
    Agreement.Type.RESEARCH: Decimal("3"),
    Agreement.Type.JOINT_PROGRAM: Decimal("4"),
    Agreement.Type.CLINICAL: Decimal("2"),
    Agreement.Type.OTHER: Decimal("1"),
}


def weights() -> dict[str, Decimal]:
    """The weight of each agreement type: the managers' value, or the default."""
    stored = dict(PointWeight.objects.values_list("agreement_type", "points"))
    return {kind: stored.get(kind, default) for kind, default in DEFAULT_WEIGHTS.items()}


def _signed_in(year: int):
    start, end = jalali.academic_year_bounds(year)
    return Agreement.objects.filter(signed_on__range=(start, end)).exclude(
        status__in=[Agreement.Status.DRAFT, Agreement.Status.NEGOTIATION]
    )


@dataclass
class Statement:
    person: object
    year: int
    agreements: list[tuple[Agreement, Decimal]] = field(default_factory=list)
    adjustments: list[PointAdjustment] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((points for _, points in self.agreements), Decimal(0)) + sum(
            (adjustment.points for adjustment in self.adjustments), Decimal(0)
        )


def statement(person, year: int) -> Statement:
    table = weights()
    agreements = _signed_in(year).filter(initiators=person).order_by("signed_on")
    return Statement(
        person=person,
        year=year,
        agreements=[(agreement, table[agreement.type]) for agreement in agreements],
        adjustments=list(
            PointAdjustment.objects.filter(person=person, academic_year=year).select_related("by")
        ),
    )


def totals(people, year: int) -> dict[int, Decimal]:
    """Points of many people for a year in two queries: person id -> total."""
    table = weights()
    result: dict[int, Decimal] = defaultdict(Decimal)
    rows = _signed_in(year).filter(initiators__in=people).values_list("initiators", "type")
    for person_id, kind in rows:
        result[person_id] += table[kind]
    adjustments = (
        PointAdjustment.objects.filter(person__in=people, academic_year=year)
        .values("person")
        .annotate(points=Sum("points"))
    )
    for row in adjustments:
        result[row["person"]] += row["points"]
    return result
