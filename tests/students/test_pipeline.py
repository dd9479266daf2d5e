"""The application's procedure: submission, references, transitions, decisions, reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from intlaffairs import workflow
from intlaffairs.models import OutgoingMail
from intlaffairs.roles import Role
from students import services
from students.models import Application, Document, Reminder, Stage

from .helpers import complete_draft, make_program, tuition_paid

pytestmark = pytest.mark.django_db


def submitted(applicant, **program):
    application = complete_draft(applicant, make_program(**program))
    return workflow.move(application, "submit", by=applicant)


def offered(record, user) -> list[str]:
    return [option.name for option in workflow.allowed(record, user) if option.ok]


def verify_all(application, officer):
    for document in services.current_documents(application).values():
        workflow.move(document, "verify", by=officer)


def test_submission_gives_a_yearly_reference_and_mails_both_sides(applicant, officer):
    application = submitted(applicant)
    year = application.reference.split("-")[1]
    assert application.reference == f"KUMS-{year}-00001"
    assert application.stage == Stage.SUBMITTED
    assert application.moves.get().by == applicant
    second = submitted(applicant)
    assert second.reference == f"KUMS-{year}-00002"
    recipients = sorted(m.to for m in OutgoingMail.objects.all())
    assert recipients.count(applicant.email) == 2
    assert recipients.count(officer.email) == 2
    to_applicant = OutgoingMail.objects.filter(to=applicant.email).first()
    assert to_applicant.language == "en" and "received your application" in to_applicant.subject
    to_officer = OutgoingMail.objects.filter(to=officer.email).first()
    assert to_officer.language == "fa" and "درخواست" in to_officer.subject


def test_an_incomplete_draft_cannot_be_submitted_and_says_why(applicant):
    program = make_program()
    application = Application.objects.create(applicant=applicant, program=program)
    with pytest.raises(ValidationError) as error:
        workflow.move(application, "submit", by=applicant)
    text = " ".join(error.value.messages)
    assert "Enter your passport number." in text
    assert "Upload: Passport (data page)." in text
    application.refresh_from_db()
    assert application.stage == Stage.DRAFT and application.reference is None


def test_only_the_applicant_submits(applicant, make_user):
    application = complete_draft(applicant, make_program())
    other = make_user(Role.APPLICANT)
    with pytest.raises(ValidationError, match="Only the applicant can submit an application"):
        workflow.move(application, "submit", by=other)


def test_a_closed_program_refuses_submission(applicant):
    application = complete_draft(
        applicant, make_program(deadline=timezone.localdate() - timedelta(days=1))
    )
    with pytest.raises(ValidationError, match="no longer accepts"):
        workflow.move(application, "submit", by=applicant)


def test_the_pipeline_runs_to_enrolment_with_manager_decisions(applicant, officer, manager):
    application = submitted(applicant)
    workflow.move(application, "start_check", by=officer)
    with pytest.raises(ValidationError, match="Verify every required document"):
        workflow.move(application, "refer_to_faculty", by=officer)
    verify_all(application, officer)
    workflow.move(application, "refer_to_faculty", by=officer)
    application.refresh_from_db()
    assert offered(application, officer) == ["withdraw"]
    assert "admit" in offered(application, manager)
    assert "invite_to_interview" not in offered(application, manager)  # an MD: no interview
    with pytest.raises(ValidationError, match="Only an office manager"):
        workflow.move(application, "admit", by=officer)
    workflow.move(application, "admit", by=manager, note="Welcome!")
    workflow.move(application, "accept_offer", by=applicant)
    tuition_paid(application, officer)
    workflow.move(application, "receive_fees", by=officer, request="Collect your student card.")
    Application.objects.filter(pk=application.pk).update(registration_code="14051234")
    workflow.move(application, "enroll", by=officer)
    application.refresh_from_db()
    assert application.stage == Stage.ENROLLED
    steps = list(application.moves.values_list("to_state", "by__email"))
    assert steps[3] == ("admitted", manager.email)
    assert application.moves.get(to_state="admitted").note == "Welcome!"
    assert application.request_to_applicant == ""  # the fees step's request, cleared by the next
    assert offered(application, manager) == []
    subjects = list(
        OutgoingMail.objects.filter(to=applicant.email).values_list("subject", flat=True)
    )
    assert any("Admitted" in subject for subject in subjects)
    assert any("Enrolled" in subject for subject in subjects)


def test_graduate_applicants_are_interviewed_before_the_decision(applicant, officer, manager):
    application = submitted(applicant, degree="phd")
    workflow.move(application, "start_check", by=officer)
    verify_all(application, officer)
    workflow.move(application, "refer_to_faculty", by=officer)
    with pytest.raises(ValidationError, match="This program interviews its applicants before"):
        workflow.move(application, "admit", by=manager)
    workflow.move(application, "invite_to_interview", by=officer)
    workflow.move(application, "waitlist", by=manager)
    workflow.move(application, "admit", by=manager)
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED


def test_an_applicant_can_only_accept_or_withdraw(applicant, officer):
    application = submitted(applicant)
    with pytest.raises(ValidationError, match="The office makes this step"):
        workflow.move(application, "start_check", by=applicant)
    workflow.move(application, "withdraw", by=applicant)
    with pytest.raises(
        ValidationError, match="This cannot go from “Withdrawn” to “Document check”"
    ):
        workflow.move(application, "start_check", by=officer)


def test_a_rejected_document_is_replaced_and_the_old_one_kept(applicant, officer):
    from .helpers import pdf

    application = submitted(applicant)
    passport = services.current_documents(application)[
        application.program.required_documents.get(code="passport").pk
    ]
    with pytest.raises(ValidationError, match="with the office"):
        services.document_add(
            application=application, doc_type=passport.type, upload=pdf(), by=applicant
        )
    with pytest.raises(ValidationError, match="reason for rejecting"):
        workflow.move(passport, "reject", by=officer, note=" ")
    workflow.move(passport, "reject", by=officer, note="The page is cut off.")
    rejection = OutgoingMail.objects.filter(to=applicant.email).order_by("pk").last()
    assert "needs replacing" in rejection.subject and "cut off" in rejection.body_text
    new = services.document_add(
        application=application, doc_type=passport.type, upload=pdf("new.pdf"), by=applicant
    )
    passport.refresh_from_db()
    assert passport.replaced and passport.status == Document.Status.REJECTED
    assert services.current_documents(application)[passport.type_id] == new


def test_reminders_go_once_for_stalled_applications_and_ending_permits(applicant, officer):
    stalled = submitted(applicant)
    Application.objects.filter(pk=stalled.pk).update(
        stage_since=timezone.now() - timedelta(days=15)
    )
    enrolled = submitted(applicant)
    Application.objects.filter(pk=enrolled.pk).update(
        stage="enrolled", residence_expires_on=timezone.localdate() + timedelta(days=59)
    )
    fresh = submitted(applicant)
    OutgoingMail.objects.all().delete()
    assert services.reminders_send() == 2
    assert services.reminders_send() == 0
    kinds = set(Reminder.objects.values_list("application_id", "kind"))
    assert kinds == {(stalled.pk, "stalled"), (enrolled.pk, "residence")}
    assert fresh.pk not in {pk for pk, _kind in kinds}
    officer_mail = OutgoingMail.objects.filter(to=officer.email)
    assert officer_mail.count() == 2
    assert (
        OutgoingMail.objects.filter(to=applicant.email, subject__contains="residence").count() == 1
    )


def test_the_mails_leave_after_the_commit(applicant, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submitted(applicant)
    sent = {message.to[0]: message for message in mail.outbox}
    assert sent[applicant.email].subject.startswith("We have received")
    assert "KUMS-" in sent[officer.email].subject
