"""Waiting for me: each queue is drawn from its workflow's declaration, counts with one query
whatever the size of the tables, and opens a list of exactly the rows it counts."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from agreements.models import Agreement
from exchanges.models import FollowUp
from incentives.models import Certificate, Claim
from intlaffairs import messaging, waiting
from intlaffairs.roles import Role
from mentoring.models import Issue
from strategy.models import Action
from students import fees
from students.models import Application, Document, FacultyReview, Invoice

from .factories import UserFactory
from .test_url_policy import sample_objects

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The queues' links and labels in English, as the pages the tests open."""
    with translation.override("en"):
        yield


def clone(record, **changes):
    """A copy of `record` with `changes` (a test may write a state directly)."""
    record.pk = record.id = None
    record._state.adding = True
    for name, value in changes.items():
        setattr(record, name, value)
    record.save()
    return record


def fill(objects: dict, viewer, copies: int = 1) -> None:
    """Rows in every state around the queues' edges, `copies` times over, some the viewer's own."""
    today = timezone.localdate()
    for _copy in range(copies):
        for stage in ["submitted", "faculty_review", "interview", "waitlisted", "admitted"]:
            application = clone(
                Application.objects.get(pk=objects["application"].pk),
                stage=stage,
                reference=f"KUMS-T-{Application.objects.count():05}",
            )
            if stage == "faculty_review":  # one review late by more than a week, one not yet
                for days in (8, 2):
                    FacultyReview.objects.create(
                        application=application,
                        reviewer=UserFactory(role=Role.FACULTY),
                        requested_at=timezone.now() - timedelta(days=days),
                    )
            if stage == "admitted":  # a pending upload after the check is not the office's now
                clone(
                    Document.objects.get(pk=objects["application_document"].pk),
                    application=application,
                )
        for status in ["draft", "awaiting_signature", "awaiting_signature", "active"]:
            clone(Agreement.objects.get(pk=objects["agreement"].pk), status=status)
        claim = objects["claim"]
        for status, claimant in [
            ("submitted", None),
            ("submitted", viewer),  # nobody decides on their own claim
            ("verified", None),
            ("approved", None),
            ("paid", None),
        ]:
            clone(
                Claim.objects.get(pk=claim.pk), status=status, claimant=claimant or claim.claimant
            )
        for status, person in [("pending", viewer), ("verified", None), ("pending", None)]:
            clone(
                Certificate.objects.get(pk=objects["certificate"].pk),
                status=status,
                person=person or objects["certificate"].person,
            )
        issue = objects["mentoring_issue"]
        clone(Issue.objects.get(pk=issue.pk), escalated_at=timezone.now())
        clone(
            Issue.objects.get(pk=issue.pk), escalated_at=timezone.now(), resolved_at=timezone.now()
        )
        follow_up = objects["follow_up"]
        clone(FollowUp.objects.get(pk=follow_up.pk), due_on=today + timedelta(days=3))
        clone(
            FollowUp.objects.get(pk=follow_up.pk), due_on=today - timedelta(days=3), status="done"
        )


def desk_counts(client) -> dict[str, int]:
    page = client.get("/en/desk/").content.decode()
    found = re.findall(r'data-queue="([\w.]+)".*?<span class="badge[^"]*">(\d+)</span>', page, re.S)
    return {key: int(count) for key, count in found}


def test_queues_take_their_states_from_the_workflows(make_user):
    officer, manager = make_user(Role.OFFICER), make_user(Role.MANAGER)
    decisions = waiting.get("students.decisions")
    assert decisions.states_for(manager) == ["faculty_review", "interview", "waitlisted"]
    assert decisions.states_for(officer) == []
    assert waiting.get("students.new").states_for(officer) == ["submitted"]
    # A rejected upload could be verified after all, but it waits for the applicant.
    assert waiting.get("students.documents").states_for(officer) == ["pending"]
    assert waiting.get("incentives.claims_to_approve").states_for(officer) == []
    assert waiting.get("incentives.claims_to_pay").states_for(officer) == ["approved"]
    assert waiting.get("agreements.to_activate").states_for(manager) == ["awaiting_signature"]
    keys = [queue.key for queue in waiting.queues_for(officer)]
    assert "students.decisions" not in keys and "agreements.to_activate" not in keys
    # An applicant waits only for the office's messages.
    assert [queue.key for queue in waiting.queues_for(make_user(Role.APPLICANT))] == [
        "messages.unread"
    ]
    assert waiting.get("strategy.overdue_actions").applies_to(manager)
    assert not waiting.get("strategy.overdue_actions").applies_to(officer)


def test_a_queue_without_a_workflow_names_its_roles_and_rows():
    with pytest.raises(ValueError, match="without a workflow, give roles and narrow"):
        waiting.Queue(key="x.y", label="x", url_name="desk", rows=Issue.objects.all)


def test_each_count_on_the_desk_is_the_rows_of_the_list_it_opens(client, make_user):
    owner = make_user(Role.ADMINISTRATOR)
    manager = make_user(Role.MANAGER)
    objects = sample_objects(owner)
    fill(objects, manager)
    client.force_login(manager)
    counts = desk_counts(client)
    assert counts == {
        "students.new": 2,  # the sample and its copy, both submitted
        "students.documents": 1,  # the sample's upload waits; the admitted copy's does not
        "students.decisions": 3,
        "students.reviews_overdue": 1,
        "students.transfers": 1,  # the sample invoice's transfer, not yet confirmed
        "agreements.to_activate": 2,
        "incentives.certificates": 2,
        "incentives.claims_to_verify": 2,
        "incentives.claims_to_approve": 1,
        "incentives.claims_to_pay": 1,
        "mentoring.escalated": 1,
        "exchanges.overdue_follow_ups": 1,
        "messages.unread": 1,  # the applicant's message on the sample application
        "strategy.overdue_actions": 1,  # the sample action, due on 1 January 2026
    }
    for key, count in counts.items():
        response = client.get(waiting.get(key).url())
        assert response.status_code == 200
        assert response.context["page"].paginator.count == count, key
        assert str(waiting.get(key).label) in response.content.decode()


def test_the_desk_costs_the_same_queries_at_ten_times_the_rows(client, make_user):
    owner = make_user(Role.ADMINISTRATOR)
    manager = make_user(Role.MANAGER)
    objects = sample_objects(owner)
    client.force_login(manager)

    def queries() -> int:
        client.get("/en/desk/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/desk/").status_code == 200
        return len(captured)

    fill(objects, manager)
    few = queries()
    fill(objects, manager, copies=10)
    assert queries() == few
    # One COUNT a queue, beside what every signed-in page costs.
    assert few - len(waiting.queues_for(manager)) <= 6


def test_the_badge_shows_the_total_and_lags_at_most_a_minute(client, make_user):
    owner = make_user(Role.ADMINISTRATOR)
    officer = make_user(Role.OFFICER)
    objects = sample_objects(owner)
    client.force_login(officer)
    page = client.get("/en/dashboard/").content.decode()
    assert 'data-hx-get="/en/desk/count/"' in page
    badge = client.get("/en/desk/count/").content.decode()
    # An officer: the new application, its document, the transfer to confirm, the claim, the
    # certificate, the overdue follow-up (the sample issue is not escalated) and the unread
    # thread.
    assert re.search(r">(\d+)<", badge).group(1) == "7"
    clone(Application.objects.get(pk=objects["application"].pk), reference="KUMS-X")
    with CaptureQueriesContext(connection) as captured:
        assert ">7<" in client.get("/en/desk/count/").content.decode()
    assert not any("COUNT" in query["sql"].upper() for query in captured)
    cache.delete(f"waiting-total:{officer.pk}")
    assert ">8<" in client.get("/en/desk/count/").content.decode()


def test_the_badge_shows_a_message_written_or_read_and_the_persons_own_step_at_once(
    client, make_user
):
    """Only others' steps may lag behind on the badge: a message written or read shows at once
    (the unread threads keep their own count), and so does any step the person takes, through
    whichever page or service (here a payment confirmed from its transfer)."""
    owner = make_user(Role.ADMINISTRATOR)
    officer = make_user(Role.OFFICER)
    objects = sample_objects(owner)
    client.force_login(officer)

    def badge() -> int:
        return int(re.search(r">(\d+)<", client.get("/en/desk/count/").content.decode())[1])

    assert badge() == 7
    invoice = Invoice.objects.get(transfers__isnull=False, transfers__confirmed=False)
    fees.payment_confirm(
        invoice=invoice, amount=invoice.balance, by=officer, transfer=invoice.transfers.get()
    )
    assert badge() == 6  # the transfer confirmed
    other = clone(Application.objects.get(pk=objects["application"].pk), reference="KUMS-M")
    messaging.message_post(subject=other, by=other.applicant, body="Hello", from_office=False)
    assert badge() == 7  # the new application waits for the count; the message shows
    client.get(f"/en/messages/students.application/{other.pk}/")
    assert badge() == 6


def test_an_applicants_desk_holds_the_threads_with_the_offices_unread_messages(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    applicant = make_user(Role.APPLICANT)
    Application.objects.filter(pk=objects["application"].pk).update(applicant=applicant)
    application = Application.objects.get(pk=objects["application"].pk)
    client.force_login(applicant)
    client.get(f"/en/messages/students.application/{application.pk}/")  # read what is there
    assert desk_counts(client) == {"messages.unread": 0}
    assert client.get("/en/desk/count/").content.decode().strip() == ""
    officer = make_user(Role.OFFICER)
    for body in ["Send the passport.", "And the photo."]:
        messaging.message_post(subject=application, by=officer, body=body, from_office=True)
    cache.delete(f"waiting-total:{applicant.pk}")
    assert desk_counts(client) == {"messages.unread": 1}  # one thread, two messages
    assert ">1<" in client.get("/en/desk/count/").content.decode()
    response = client.get(waiting.get("messages.unread").url())
    assert response.context["page"].paginator.count == 1
    assert "Threads with unread messages" in response.content.decode()
    client.get(f"/en/messages/students.application/{application.pk}/")  # read
    assert client.get(waiting.get("messages.unread").url()).context["page"].paginator.count == 0
    assert client.get("/en/messages/").context["page"].paginator.count == 1


def test_the_office_reads_the_unread_threads_of_the_applicants_it_may_see(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    application = objects["application"]
    other = clone(Application.objects.get(pk=application.pk), reference="KUMS-U")
    messaging.message_post(subject=other, by=other.applicant, body="Hello", from_office=False)
    messaging.message_post(subject=other, by=other.applicant, body="Again", from_office=False)
    client.force_login(make_user(Role.OFFICER))
    assert desk_counts(client)["messages.unread"] == 2
    response = client.get(waiting.get("messages.unread").url())
    assert {row["record"].pk for row in response.context["rows"]} == {application.pk, other.pk}
    client.get(f"/en/messages/students.application/{other.pk}/")
    assert desk_counts(client)["messages.unread"] == 1
    assert client.get(waiting.get("messages.unread").url()).context["page"].paginator.count == 1


def test_the_desk_keeps_its_unread_threads_until_a_message_is_written_or_read(client, make_user):
    """The unread threads are counted once, as the menu's badge is, and counted again as soon
    as a message is written or a thread read (messaging.unread_thread_count)."""
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    application = objects["application"]
    client.force_login(make_user(Role.OFFICER))
    assert desk_counts(client)["messages.unread"] == 1
    with CaptureQueriesContext(connection) as captured:
        assert desk_counts(client)["messages.unread"] == 1
    assert not any("intlaffairs_message" in query["sql"] for query in captured)
    other = clone(Application.objects.get(pk=application.pk), reference="KUMS-K")
    messaging.message_post(subject=other, by=other.applicant, body="Hello", from_office=False)
    assert desk_counts(client)["messages.unread"] == 2
    client.get(f"/en/messages/students.application/{other.pk}/")
    assert desk_counts(client)["messages.unread"] == 1


def test_overdue_plan_actions_wait_for_the_managers(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    action = objects["plan_action"]
    today = timezone.localdate()
    clone(Action.objects.get(pk=action.pk), due_on=today + timedelta(days=1))
    clone(Action.objects.get(pk=action.pk), status="done")
    clone(Action.objects.get(pk=action.pk), status="in_progress")
    client.force_login(make_user(Role.MANAGER))
    assert desk_counts(client)["strategy.overdue_actions"] == 2
    response = client.get(waiting.get("strategy.overdue_actions").url())
    assert response.context["page"].paginator.count == 2
    assert all(row.is_overdue for row in response.context["page"].object_list)
    client.force_login(make_user(Role.OFFICER))
    assert "strategy.overdue_actions" not in desk_counts(client)
    # An officer who follows a manager's link is shown no rows: the queue is not theirs.
    response = client.get(waiting.get("strategy.overdue_actions").url())
    assert response.status_code == 200 and response.context["page"].paginator.count == 0


def test_a_queue_that_is_not_the_persons_shows_them_nothing(client, make_user):
    sample_objects(make_user(Role.ADMINISTRATOR))
    Agreement.objects.update(status="awaiting_signature")
    client.force_login(make_user(Role.OFFICER))
    response = client.get(waiting.get("agreements.to_activate").url())
    assert response.context["page"].paginator.count == 0
    assert client.get("/en/agreements/").context["page"].paginator.count == 1


def test_another_app_adds_a_queue_with_one_register_call(client, make_user, monkeypatch):
    """The extension point the messages work will use: a queue of its own rows for every
    role, without a workflow, declared in its app's queues.py."""
    applicant = make_user(Role.APPLICANT)
    escalated = waiting.Queue(
        key="mentoring.all_issues",
        label="Every issue",
        url_name="mentoring:issue_list",
        rows=lambda user: Issue.objects.all(),
        roles=tuple(Role.values),
        narrow=lambda queryset, states, user: queryset,
    )
    monkeypatch.setattr(waiting, "_registry", dict(waiting._registry))
    waiting.register(escalated)
    assert escalated in waiting.queues_for(applicant)
    assert Role.APPLICANT in waiting.audience()
    client.force_login(applicant)
    assert 'data-queue="mentoring.all_issues"' in client.get("/en/desk/").content.decode()


def test_a_persons_own_step_renews_their_badge(client, make_user):
    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    officer = make_user(Role.OFFICER)
    client.force_login(officer)
    assert ">7<" in client.get("/en/desk/count/").content.decode()
    application = objects["application"]
    client.post(
        f"/en/move/students.application/{application.pk}/start_check/", {"next": "/en/desk/"}
    )
    assert Application.objects.get(pk=application.pk).stage == "document_check"
    # No longer new; its document still waits.
    assert ">6<" in client.get("/en/desk/count/").content.decode()


def test_a_long_queue_is_counted_no_further_than_its_badge_shows(client, make_user, monkeypatch):
    from intlaffairs import navigation

    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    officer = make_user(Role.OFFICER)
    application = Application.objects.get(pk=objects["application"].pk)
    for number in range(3):
        clone(application, reference=f"KUMS-L{number}")
    monkeypatch.setattr(navigation, "BADGE_MOST", 2)
    counts = dict((queue.key, count) for queue, count in waiting.counts_for(officer))
    assert counts["students.new"] == 3  # four wait; the count stops one past the badge's 2
    client.force_login(officer)
    page = client.get("/en/desk/").content.decode()
    assert re.search(r'data-queue="students.new".*?<span class="badge[^"]*">2\+</span>', page, re.S)


def test_a_list_opened_on_a_queue_counts_as_far_as_the_desks_badge(client, make_user):
    from intlaffairs import navigation, paging

    objects = sample_objects(make_user(Role.ADMINISTRATOR))
    client.force_login(make_user(Role.OFFICER))
    queue = client.get("/en/students/applications/", {"waiting": "students.new"})
    assert queue.context["page"].paginator.limit == navigation.BADGE_MOST
    assert queue.context["page"].paginator.count == 1
    assert objects["application"].reference in queue.content.decode()
    whole = client.get("/en/students/applications/").context["page"].paginator
    assert whole.limit == paging.COUNT_CAP
