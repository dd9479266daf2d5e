"""Plan actions, centers abroad and outreach materials move through strategy/workflows.py;
the web-presence checklist keeps a plain progress attribute."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intlaffairs import workflow
from intlaffairs.roles import Role
from strategy.models import Action, Center, Goal, Material, WebCheck
from tests.queries import warm

pytestmark = pytest.mark.django_db


def move_url(record, transition: str) -> str:
    return reverse("workflow_move", args=[record._meta.label_lower, record.pk, transition])


@pytest.fixture
def action(officer):
    return Action.objects.create(
        goal=Goal.objects.get(number=4), title="Visit Kabul", owner=officer, due_on=date(2026, 5, 1)
    )


def test_the_office_moves_an_action_on_the_goal_page(client, officer, action):
    client.force_login(officer)
    page = client.get(action.goal.get_absolute_url()).content.decode()
    assert move_url(action, "start") in page and move_url(action, "complete") in page
    client.post(move_url(action, "start"))
    client.post(move_url(action, "complete"), {})
    action.refresh_from_db()
    assert action.status == "done" and action.done_on == timezone.localdate()
    assert [change.transition for change in workflow.history(action)] == ["start", "complete"]
    page = client.get(action.goal.get_absolute_url()).content.decode()
    assert move_url(action, "reopen") in page and move_url(action, "start") not in page


def test_an_action_done_on_an_earlier_day_and_reopened(officer, action):
    action = workflow.move(action, "complete", by=officer, done_on=date(2026, 4, 20))
    assert action.done_on == date(2026, 4, 20) and not action.is_overdue
    action = workflow.move(action, "reopen", by=officer, note="The report was not sent.")
    assert action.status == "in_progress" and action.done_on is None


def test_only_the_office_moves_an_action(client, make_user, action):
    faculty_member = make_user(Role.FACULTY)
    client.force_login(faculty_member)
    assert client.post(move_url(action, "start")).status_code == 404
    action.refresh_from_db()
    assert action.status == "planned"


def test_the_goal_page_query_count_does_not_grow_with_actions(client, officer):
    goal = Goal.objects.get(number=4)

    def add(n: int) -> None:
        for _ in range(n):
            made = Action.objects.create(
                goal=goal, title="x", owner=officer, due_on=date(2026, 5, 1)
            )
            workflow.move(made, "start", by=officer)

    client.force_login(officer)
    add(1)
    warm(client, goal.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(goal.get_absolute_url())
    add(4)
    warm(client, goal.get_absolute_url())
    with CaptureQueriesContext(connection) as more:
        client.get(goal.get_absolute_url())
    assert len(more) == len(few)


def test_a_center_is_approved_and_inaugurated_with_their_dates(client, officer):
    center = Center.objects.create(
        name="Center", country="IQ", city="Erbil", proposed_on=date(2026, 1, 1)
    )
    client.force_login(officer)
    page = client.get("/en/strategy/centers/").content.decode()
    assert move_url(center, "approve") in page and move_url(center, "inaugurate") not in page
    prefix = f"center-{center.pk}-approve"
    response = client.post(move_url(center, "approve"), {f"{prefix}-approved_on": ""})
    assert response.status_code == 200  # the date is asked for
    client.post(move_url(center, "approve"), {f"{prefix}-approved_on": "2026-03-01"})
    center = workflow.move(center, "inaugurate", by=officer, inaugurated_on=date(2026, 9, 1))
    assert (center.status, center.approved_on, center.inaugurated_on) == (
        "inaugurated",
        date(2026, 3, 1),
        date(2026, 9, 1),
    )
    form = client.get(f"/en/strategy/centers/{center.pk}/").content.decode()
    assert 'name="inaugurated_on"' in form and 'name="status"' not in form


def test_a_material_goes_back_into_production_for_a_new_edition(officer):
    material = Material.objects.create(title="Guide", kind="brochure", languages="en")
    material = workflow.move(material, "ready", by=officer)
    material = workflow.move(material, "new_edition", by=officer, note="Fees of 1406")
    material = workflow.move(material, "retire", by=officer)
    assert material.status == "retired"
    assert [change.to_state for change in workflow.history(material)] == [
        "ready",
        "in_production",
        "retired",
    ]


def test_the_web_checklist_progress_is_edited_in_its_form(client, officer):
    item = WebCheck.objects.create(item="Pages in three languages")
    client.force_login(officer)
    client.post(
        f"/en/strategy/web/{item.pk}/",
        {"item": item.item, "progress": "partial", "note": "English done"},
    )
    item.refresh_from_db()
    assert item.progress == "partial"
