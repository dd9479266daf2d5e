"""The year boxes of the plan's pages are selects of academic years, labelled in the page's
digits ("۱۴۰۵–۱۴۰۶") with the value in Latin digits, so nobody types a year."""

import re

import pytest

from intlaffairs.jalali import academic_year_bounds
from strategy import services
from strategy.models import Goal, Review

pytestmark = pytest.mark.django_db
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def options(page: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no select named {name}"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[1])


def test_the_goal_page_offers_the_plans_academic_years_in_the_pages_digits(client, officer):
    goal = Goal.objects.get(number=2)
    client.force_login(officer)
    page = client.get(f"/fa/strategy/goals/{goal.pk}/").content.decode()
    now = services.current_year()
    for name in ("year", "review-year", "indicator-baseline_year"):
        offered = dict(options(page, name))
        assert str(now) in offered and str(goal.plan.last_year) in offered
        assert offered[str(now)] == f"{now}–{now + 1}".translate(PERSIAN_DIGITS)
    assert 'type="text" inputmode="numeric" dir="ltr" name="year"' not in page
    english = client.get(f"/en/strategy/goals/{goal.pk}/").content.decode()
    # A reader of Gregorian dates also gets the Gregorian years the academic year spans.
    first, last = academic_year_bounds(now)
    expected = f"{now}–{now + 1} ({first.year}–{last.year % 100:02d})"
    assert dict(options(english, "review-year"))[str(now)] == expected


def test_a_chosen_year_is_saved(client, officer):
    goal = Goal.objects.get(number=2)
    client.force_login(officer)
    year = goal.plan.first_year
    client.post(
        f"/fa/strategy/goals/{goal.pk}/reviews/",
        {"review-year": str(year), "review-phase": "plan", "review-date": "1405/08/01",
         "review-findings": "ok"},
    )  # fmt: skip
    assert Review.objects.get(goal=goal).year == year


def test_the_dashboard_and_the_plan_register_offer_years_too(client, manager):
    client.force_login(manager)
    dashboard = client.get("/ckb/strategy/").content.decode()
    assert options(dashboard, "year")
    plans = client.get("/en/strategy/plans/new/").content.decode()
    assert options(plans, "first_year") and options(plans, "last_year")
