"""The office's check of an application's documents (students/workflows.py DOCUMENT), and the
date an application entered its stage."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from intlaffairs import workflow
from intlaffairs.models import OutgoingMail
from students.models import Document

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


def submitted(applicant):
    return workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)


def test_a_stray_verification_goes_back_to_checking_with_a_reason(applicant, officer, client):
    application = workflow.move(submitted(applicant), "start_check", by=officer)
    passport = application.documents.get(type__code="passport")
    passport = workflow.move(passport, "verify", by=officer)
    assert passport.reviewed_by == officer
    with pytest.raises(ValidationError, match="why it goes back to checking"):
        workflow.move(passport, "back_to_check", by=officer)
    with pytest.raises(ValidationError, match="You cannot take this step"):
        workflow.move(passport, "back_to_check", by=applicant, note="Not mine to undo.")
    passport = workflow.move(passport, "back_to_check", by=officer, note="Verified by mistake.")
    assert passport.status == Document.Status.PENDING
    assert passport.reviewed_by is None and passport.reviewed_at is None
    last = workflow.history(passport)[-1]
    assert (last.transition, last.by, last.note) == (
        "back_to_check",
        officer,
        "Verified by mistake.",
    )
    # The page offers the undo for a verified document, with the reason to give.
    workflow.move(passport, "verify", by=officer)
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{application.pk}/").content.decode()
    assert f"/move/students.document/{passport.pk}/back_to_check/" in page
    assert "Why it goes back to checking" in page


def test_a_verification_stays_once_the_application_has_left_the_document_check(applicant, officer):
    application = workflow.move(submitted(applicant), "start_check", by=officer)
    for document in application.documents.all():
        workflow.move(document, "verify", by=officer)
    workflow.move(application, "refer_to_faculty", by=officer)
    passport = Document.objects.get(application=application, type__code="passport")
    with pytest.raises(ValidationError, match="left the document check"):
        workflow.move(passport, "back_to_check", by=officer, note="Second thoughts.")
    option = next(o for o in workflow.allowed(passport, officer) if o.name == "back_to_check")
    assert not option.ok and "left the document check" in option.reason


def test_a_rejection_says_why_to_the_applicant_and_a_replaced_upload_is_out(applicant, officer):
    from students import services

    from .helpers import pdf

    application = submitted(applicant)
    passport = application.documents.get(type__code="passport")
    passport = workflow.move(passport, "reject", by=officer, note="The page is cut off.")
    assert passport.reason == "The page is cut off." and passport.reviewed_by == officer
    mail = OutgoingMail.objects.filter(to=applicant.email).order_by("pk").last()
    assert "cut off" in mail.body_text
    services.document_add(
        application=application, doc_type=passport.type, upload=pdf("new.pdf"), by=applicant
    )
    with pytest.raises(ValidationError, match="replaced by a newer upload"):
        workflow.move(passport, "verify", by=officer)


def test_every_move_dates_the_stage_from_its_history_row(applicant, officer):
    application = submitted(applicant)
    assert application.stage_since == workflow.history(application)[-1].at
    earlier = timezone.now() - timedelta(days=30)
    application = workflow.move(application, "start_check", by=officer, at=earlier)
    application.refresh_from_db()
    assert application.stage_since == earlier
