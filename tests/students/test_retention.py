"""The retention policy for applicants' personal data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from intlaffairs import workflow
from intlaffairs.models import StateChange
from students import services
from students.models import Application, Document

from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


def test_stale_drafts_go_and_old_closed_files_are_anonymized(applicant, officer):
    program = make_program()
    stale = complete_draft(applicant, program)
    fresh = complete_draft(applicant, program)
    Application.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=400))
    closed = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    # What the office wrote to her names her; so does a document's rejection.
    workflow.move(
        closed,
        "start_check",
        by=officer,
        note="Dear Zahraa Jaber, we are checking your file.",
        request="Send passport A1234567 again.",
    )
    workflow.move(closed.documents.first(), "reject", by=officer, note="Zahraa's scan is cut off.")
    Application.objects.filter(pk=closed.pk).update(
        stage="rejected", stage_since=timezone.now() - timedelta(days=800)
    )
    recent = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    Application.objects.filter(pk=recent.pk).update(stage="rejected")
    files = [document.file.path for document in closed.documents.all()]

    out = StringIO()
    call_command("personal_data_expire", "--dry-run", stdout=out)
    assert "1 drafts would be deleted, 1 applications would be anonymized" in out.getvalue()
    assert Application.objects.filter(pk=stale.pk).exists()

    call_command("personal_data_expire", stdout=StringIO())
    assert not Application.objects.filter(pk=stale.pk).exists()
    assert Application.objects.filter(pk=fresh.pk).exists()
    closed.refresh_from_db()
    assert closed.given_name == "" and closed.passport_number == "" and closed.birth_date is None
    assert closed.reference and closed.nationality.code == "IQ"  # the figures stay
    # The moves stay for the figures, without what they said to her.
    assert list(closed.moves.values_list("transition", "note", "data")) == [
        ("submit", "", {}),
        ("start_check", "", {}),
    ]
    assert not StateChange.objects.filter(note__contains="Zahraa").exists()
    assert not Document.objects.filter(application=closed).exists()
    assert not closed.history.exists()
    import os

    assert not any(os.path.exists(path) for path in files)
    recent.refresh_from_db()
    assert recent.given_name == "Zahraa"
    # Running again changes nothing more.
    assert services.personal_data_expire() == {"drafts_deleted": 0, "applications_anonymized": 0}


@pytest.mark.parametrize("stage", ["offer_declined", "offer_lapsed"])
def test_an_offer_declined_or_lapsed_two_years_ago_is_anonymized_like_a_withdrawal(
    applicant, stage
):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(
        stage=stage, stage_since=timezone.now() - timedelta(days=800)
    )
    call_command("personal_data_expire", stdout=StringIO())
    application.refresh_from_db()
    assert application.passport_number == "" and application.given_name == ""
    assert application.reference and application.stage == stage
