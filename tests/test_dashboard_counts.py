"""Every number on the dashboard opens a list of exactly that many rows."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from agreements.models import Agreement
from intlaffairs.models import OutgoingMail
from intlaffairs.roles import Role
from mentoring.models import Issue
from mentoring.services import unmatched_mentees
from strategy.models import Action
from students.models import Application

from .test_url_policy import sample_objects
from .test_waiting import clone

pytestmark = pytest.mark.django_db


def counted_links(page: str) -> dict[str, int]:
    """{the link's URL: the number it shows} for every counted link of the page."""
    found = re.findall(r'<a [^>]*href="([^"]+)"[^>]*data-count="(\d+)"', page)
    return {html.unescape(url): int(count) for url, count in found}


def test_each_dashboard_count_is_the_rows_of_the_list_it_opens(client, make_user):
    owner, manager = make_user(Role.ADMINISTRATOR), make_user(Role.MANAGER)
    objects = sample_objects(owner)
    today = timezone.localdate()
    Application.objects.update(stage_since=timezone.now())

    def sample():
        return Application.objects.get(pk=objects["application"].pk)

    clone(sample(), reference="KUMS-S", stage_since=timezone.now() - timedelta(days=20))
    clone(
        sample(),
        reference="KUMS-R",
        stage="enrolled",
        residence_expires_on=today + timedelta(days=40),
    )
    clone(sample(), reference="KUMS-Q", stage="faculty_review")
    Agreement.objects.filter(pk=objects["agreement"].pk).update(
        status="active", signed_on=today - timedelta(days=300), ends_on=today + timedelta(days=30)
    )
    clone(Agreement.objects.get(pk=objects["agreement"].pk), ends_on=today + timedelta(days=200))
    OutgoingMail.objects.create(
        to="a@example.org", subject="s", body_text="b", language="en", status="failed"
    )
    client.force_login(manager)
    links = counted_links(client.get("/en/dashboard/").content.decode())
    assert links["/en/students/applications/?stalled=1"] == 1
    assert links["/en/students/applications/?permit_ending=1"] == 1
    assert links["/en/students/applications/?stage=faculty_review"] == 1
    assert links["/en/agreements/?expiring=90"] == 1
    assert links["/en/outbox/?status=failed"] == 1
    assert links["/en/exchanges/delegations/?waiting=exchanges.overdue_follow_ups"] == 1
    for url, count in links.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["page"].paginator.count == count, url


def test_each_count_on_the_strategy_dashboard_is_the_rows_of_the_list_it_opens(client, make_user):
    owner, manager = make_user(Role.ADMINISTRATOR), make_user(Role.MANAGER)
    objects = sample_objects(owner)
    today = timezone.localdate()
    Application.objects.update(stage_since=timezone.now() - timedelta(days=20))
    Agreement.objects.filter(pk=objects["agreement"].pk).update(
        status="active", signed_on=today - timedelta(days=300), ends_on=today + timedelta(days=30)
    )
    action = objects["plan_action"]  # overdue: due on 1 January 2026
    clone(Action.objects.get(pk=action.pk), due_on=today + timedelta(days=5))
    clone(Action.objects.get(pk=action.pk))
    clone(Issue.objects.get(pk=objects["mentoring_issue"].pk), escalated_at=timezone.now())
    client.force_login(manager)
    links = counted_links(client.get("/en/strategy/").content.decode())
    assert links == {
        "/en/agreements/?expiring=90": 1,
        "/en/students/applications/?stalled=1": 1,
        "/en/strategy/actions/?overdue=1": 2,
        "/en/mentoring/mentees/?unmatched=1": unmatched_mentees().count(),
        "/en/mentoring/issues/?waiting=mentoring.escalated": 1,
    }
    for url, count in links.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.context["page"].paginator.count == count, url
