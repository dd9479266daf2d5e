"""The exchanges' steps as people take them on the pages: the buttons drawn from the workflows
(exchanges/workflows.py) and the generic move view behind them."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from exchanges.models import CourseApplication, Delegation, FollowUp, Mobility
from intlaffairs import workflow
from intlaffairs.models import OutgoingMail, SecurityEvent, StateChange
from intlaffairs.roles import Role

from ..factories import InstitutionFactory
from .helpers import course_application, short_course

pytestmark = pytest.mark.django_db


def move_url(record, transition: str) -> str:
    return reverse("workflow_move", args=[record._meta.label_lower, record.pk, transition])


def post_move(client, record, transition: str, **data):
    """POST a step as its button does (fields prefixed as the step's form prefixes them)."""
    prefix = f"{record._meta.model_name}-{record.pk}-{transition}"
    fields = {f"{prefix}-{name}": value for name, value in data.items()}
    return client.post(
        move_url(record, transition), {**fields, "next": "/en/exchanges/my-courses/"}
    )


def a_mobility(**kwargs) -> Mobility:
    return Mobility.objects.create(
        person_name="Sara Ahmadi",
        person_kind="student",
        direction="outgoing",
        kind="student_exchange",
        institution=InstitutionFactory(),
        starts_on=date(2026, 10, 1),
        ends_on=date(2027, 1, 1),
        **kwargs,
    )


def a_follow_up(owner) -> FollowUp:
    delegation = Delegation.objects.create(
        title="Visit",
        direction="incoming",
        country="IQ",
        purpose="-",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 3),
    )
    return FollowUp.objects.create(
        delegation=delegation, action="Send the draft", owner=owner, due_on=date(2026, 5, 20)
    )


# --- The defect of issue 18: a rejected application withdrawn by a plain POST


def test_a_rejected_application_cannot_be_withdrawn_by_a_plain_post(client, applicant):
    application = course_application(short_course(), applicant, status="rejected")
    client.force_login(applicant)
    response = post_move(client, application, "withdraw")
    application.refresh_from_db()
    assert application.status == "rejected"
    assert response.status_code == 200  # the step's page again, with the reason
    assert "This cannot go from “Not accepted” to “Withdrawn”." in response.content.decode()
    assert not StateChange.objects.exists()


def test_the_applicant_withdraws_an_open_application_and_the_page_offers_it_only_then(
    client, applicant
):
    course = short_course()
    open_one = course_application(course, applicant, status="waitlisted")
    rejected = course_application(
        short_course(title_en="Observership"), applicant, status="rejected"
    )
    client.force_login(applicant)
    page = client.get("/en/exchanges/my-courses/").content.decode()
    assert move_url(open_one, "withdraw") in page
    assert move_url(rejected, "withdraw") not in page
    response = post_move(client, open_one, "withdraw")
    assert response.status_code == 302 and response.url == "/en/exchanges/my-courses/"
    open_one.refresh_from_db()
    assert open_one.status == "withdrawn"
    (change,) = workflow.history(open_one)
    assert (change.transition, change.by) == ("withdraw", applicant)


def test_only_the_applicant_withdraws_and_a_stranger_gets_a_404(client, applicant, make_user):
    application = course_application(short_course(), applicant, status="submitted")
    client.force_login(make_user(Role.APPLICANT))
    assert post_move(client, application, "withdraw").status_code == 404
    client.force_login(make_user(Role.OFFICER))
    response = post_move(client, application, "withdraw")
    assert "Only the applicant can withdraw." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"


def test_an_applicant_cannot_decide_on_their_own_application(client, applicant):
    application = course_application(short_course(), applicant, status="submitted")
    client.force_login(applicant)
    post_move(client, application, "accept")
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_decision_is_recorded_logged_and_mailed_with_its_message(client, officer, applicant):
    course = short_course()
    application = course_application(course, applicant, status="submitted")
    client.force_login(officer)
    page = client.get(f"/en/exchanges/courses/{course.pk}/applications/").content.decode()
    assert move_url(application, "accept") in page and move_url(application, "reject") in page
    response = post_move(client, application, "waitlist", note="The course is popular.")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "waitlisted"
    assert application.note == "The course is popular."
    assert application.decided_by == officer and application.decided_at
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.DECISION)
    assert event.detail == {"course_application": application.pk, "decision": "waitlisted"}
    mail = OutgoingMail.objects.get(to=applicant.email)
    assert "Waitlisted" in mail.body_text and "The course is popular." in mail.body_text


def test_a_full_course_refuses_an_acceptance_with_the_reason(client, officer, make_user):
    course = short_course(capacity=1)
    course_application(course, make_user(Role.APPLICANT), status="accepted")
    waiting = course_application(course, make_user(Role.APPLICANT), status="waitlisted")
    client.force_login(officer)
    page = client.get(f"/en/exchanges/courses/{course.pk}/applications/").content.decode()
    assert "The course is full (1 places). Waitlist the applicant instead." in page
    response = post_move(client, waiting, "accept")
    assert "The course is full" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"


def test_a_decision_stands_once_a_certificate_is_issued(officer, applicant):
    from exchanges.models import AttendanceCertificate

    application = course_application(short_course(), applicant, status="accepted")
    AttendanceCertificate.objects.create(application=application, issued_by=officer)
    for step, person in (("reject", officer), ("waitlist", officer), ("withdraw", applicant)):
        assert not workflow.may(application, person, step)
    assert CourseApplication.objects.get().status == "accepted"


def test_applying_records_the_creation(applicant):
    from exchanges import services

    from ..students.helpers import pdf

    application = services.course_apply(
        course=short_course(),
        applicant=applicant,
        data={
            "name_latin": "Zahraa Jaber",
            "home_institution": "University of Baghdad",
            "country": "IQ",
            "field": "Medicine",
            "motivation": "To learn.",
        },
        documents=[("CV", pdf())],
    )
    (change,) = workflow.history(application)
    assert (change.from_state, change.to_state, change.by) == ("", "submitted", applicant)


# --- Mobilities


def test_an_officer_sees_that_approving_is_the_managers_and_the_manager_approves(
    client, officer, manager
):
    item = a_mobility()
    client.force_login(officer)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Only an office manager can approve a mobility." in page
    post_move(client, item, "approve")
    item.refresh_from_db()
    assert item.status == "planned"
    client.force_login(manager)
    response = post_move(client, item, "approve")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "approved"
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Planned" in page and "Approved" in page and manager.display_name in page


def test_uploading_the_report_of_a_completed_mobility_moves_it_by_the_uploader(
    client, officer, manager
):
    from ..students.helpers import pdf

    item = workflow.move(a_mobility(), "approve", by=manager)
    item = workflow.move(item, "start", by=officer)
    item = workflow.move(item, "complete", by=officer)
    client.force_login(officer)
    client.post(f"/en/exchanges/mobilities/{item.pk}/report/", {"file": pdf()})
    item.refresh_from_db()
    assert item.status == "report_received"
    last = workflow.history(item)[-1]
    assert (last.transition, last.by) == ("receive_report", officer)


def test_nobody_but_the_office_reaches_a_mobility_step(client, applicant):
    item = a_mobility()
    client.force_login(applicant)
    assert client.post(move_url(item, "cancel")).status_code == 404


# --- Follow-up actions


def test_a_follow_up_is_marked_done_and_reopened_with_a_reason(client, officer):
    follow_up = a_follow_up(officer)
    client.force_login(officer)
    page = client.get(follow_up.delegation.get_absolute_url()).content.decode()
    assert move_url(follow_up, "done") in page
    client.post(move_url(follow_up, "done"), {"next": follow_up.get_absolute_url()})
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and follow_up.done_on == timezone.localdate()
    assert not follow_up.is_overdue
    # Reopening a stray "done" asks why.
    response = client.post(move_url(follow_up, "reopen"), {"next": follow_up.get_absolute_url()})
    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    post_move(client, follow_up, "reopen", note="Marked done by mistake.")
    follow_up.refresh_from_db()
    assert follow_up.status == "open" and follow_up.done_on is None
    assert workflow.history(follow_up)[-1].note == "Marked done by mistake."
