"""The plan's actions across its goals: the list the dashboard's and the desk's counts of
overdue actions open."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intlaffairs.roles import Role
from strategy.models import Action, Goal

pytestmark = pytest.mark.django_db
URL = "/en/strategy/actions/"


def add_actions(count: int, owners: list, *, days: int) -> None:
    goals = list(Goal.objects.all())
    today = timezone.localdate()
    Action.objects.bulk_create(
        Action(
            goal=goals[n % len(goals)],
            title=f"Action {n}",
            owner=owners[n % len(owners)],
            due_on=today + timedelta(days=days + n % 7),
            status=["planned", "in_progress", "done"][n % 3],
        )
        for n in range(count)
    )


def test_overdue_shows_the_open_actions_past_their_date(client, officer, manager):
    today = timezone.localdate()
    goal = Goal.objects.first()
    late = Action.objects.create(
        goal=goal, title="Late", owner=officer, due_on=today - timedelta(days=2)
    )
    Action.objects.create(
        goal=goal, title="Done late", owner=officer, due_on=today - timedelta(days=2), status="done"
    )
    Action.objects.create(goal=goal, title="Due today", owner=officer, due_on=today)
    client.force_login(officer)
    response = client.get(URL, {"overdue": "1"})
    assert [action.pk for action in response.context["page"].object_list] == [late.pk]
    assert "overdue" in response.content.decode()
    assert client.get(URL).context["page"].paginator.count == 3
    assert client.get(URL, {"status": "done"}).context["page"].paginator.count == 1


@pytest.mark.parametrize("role", [Role.FACULTY, Role.APPLICANT])
def test_the_list_is_the_offices(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(URL).status_code == 403


def test_the_list_costs_the_same_queries_at_5_and_500_rows(client, officer, make_user):
    owners = [officer, *(make_user(Role.OFFICER) for _ in range(3))]
    client.force_login(officer)

    def queries(url: str) -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_actions(5, owners, days=-10)
    few = [queries(URL), queries(f"{URL}?overdue=1")]
    add_actions(495, owners, days=-10)
    assert Action.objects.count() == 500
    assert [queries(URL), queries(f"{URL}?overdue=1")] == few
