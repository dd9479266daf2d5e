"""Every goal whose data the portal holds has a live indicator: the plan's actions, the web
checklist, outreach materials, centers abroad, promotion points, staff English, recognition."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from incentives.models import Certificate, Profile
from intlaffairs import workflow
from intlaffairs.jalali import academic_year_bounds
from intlaffairs.models import Unit
from intlaffairs.roles import Role
from strategy import indicators
from strategy.models import Action, Center, Goal, Indicator, Material, WebCheck
from students.models import RecognitionIssue

from ..factories import AgreementFactory

pytestmark = pytest.mark.django_db
YEAR = 1405
FIRST, LAST = academic_year_bounds(YEAR)
IN_YEAR = FIRST + timedelta(days=30)
BEFORE = FIRST - timedelta(days=30)
NO_DATA = {1}  # good practices are undated lessons (README, "Indicators")


def value(key: str):
    return indicators.value(key, YEAR)


def test_every_goal_but_the_undated_one_has_a_live_indicator():
    live = set(
        Indicator.objects.exclude(source="").values_list("goal__number", flat=True).distinct()
    )
    assert live == set(range(1, 17)) - NO_DATA
    recognition = Indicator.objects.get(source="recognition_issues")
    assert recognition.goal.number == 16 and not recognition.higher_is_better
    assert Indicator.objects.get(source="points_earners").goal.number == 12
    assert Indicator.objects.get(source="web_criteria_met").goal.number == 6


def test_promotion_points_count_the_initiators_of_agreements_signed_in_the_year(make_user):
    first, second = make_user(Role.FACULTY), make_user(Role.FACULTY)
    AgreementFactory(status="active", signed_on=IN_YEAR).initiators.add(first, second)
    AgreementFactory(status="active", signed_on=IN_YEAR).initiators.add(first)
    AgreementFactory(status="active", signed_on=BEFORE).initiators.add(make_user(Role.FACULTY))
    AgreementFactory(status="draft", signed_on=IN_YEAR).initiators.add(make_user(Role.FACULTY))
    assert value("points_earners") == 2


def test_staff_english_counts_staff_only(make_user):
    unit = Unit.objects.create(name_fa="دفتر", name_en="Office")
    for kind, band in (("staff", "6.0"), ("staff", "4.5"), ("faculty", "7.0")):
        person = make_user(Role.OFFICER)
        Profile.objects.create(user=person, unit=unit, rank="none", kind=kind)
        Certificate.objects.create(
            person=person,
            test="ielts_general",
            overall=band,
            taken_on=IN_YEAR,
            status="verified",
            trf_number=f"26IR{person.pk:06d}KERA001A",
        )
    assert value("staff_ielts_5") == 1


def test_the_strategy_registers_give_their_indicators(officer, manager):
    goal = Goal.objects.get(number=5)
    done = Action.objects.create(goal=goal, title="Done", owner=officer, due_on=IN_YEAR)
    done = workflow.move(done, "start", by=officer)
    workflow.move(done, "complete", by=officer, done_on=IN_YEAR)
    Action.objects.create(goal=goal, title="Planned", owner=officer, due_on=IN_YEAR)
    assert value("plan_actions_done") == 1

    WebCheck.objects.create(item="Pages in three languages", progress="done")
    WebCheck.objects.create(item="Repository", progress="partial")
    assert value("web_criteria_met") == 1
    assert indicators.value("web_criteria_met", YEAR - 5) == 0  # not assessed back then

    material = Material.objects.create(title="Factbook", kind="factbook", languages="fa, en")
    noon = datetime.combine(IN_YEAR, time(12), tzinfo=timezone.get_current_timezone())
    material = workflow.move(material, "produce", by=officer, at=noon)
    workflow.move(material, "ready", by=officer, at=noon + timedelta(days=10))
    Material.objects.create(title="Clip", kind="clip", languages="en")
    assert value("materials_ready") == 1

    center = Center.objects.create(
        name="Center", country="IQ", city="Erbil", proposed_on=BEFORE - timedelta(days=90)
    )
    center = workflow.move(center, "approve", by=manager, approved_on=BEFORE)
    workflow.move(center, "inaugurate", by=manager, inaugurated_on=IN_YEAR)
    Center.objects.create(name="Proposed", country="AF", city="Herat", proposed_on=IN_YEAR)
    assert value("centers_open") == 1
    assert indicators.value("centers_open", YEAR - 1) == 0


def test_recognition_issues_raised_in_the_year():
    RecognitionIssue.objects.create(country="PK", issue="Missing from the list", since=IN_YEAR)
    RecognitionIssue.objects.create(country="IQ", issue="Old", since=date(2020, 1, 1))
    assert value("recognition_issues") == 1
