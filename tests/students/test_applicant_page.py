"""What a foreign applicant sees: both calendars where they do not read Solar Hijri dates, the
time left to apply, the steps ahead, the receipt of what they sent; nobody else's."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intlaffairs import workflow
from intlaffairs.models import OutgoingMail
from intlaffairs.roles import Role
from students.models import ArrivalItem, Education
from tests.queries import warm

from ..reports.test_pdf import pdf_text
from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


def test_the_intake_shows_both_calendars_in_english_and_jalali_only_in_persian(client):
    program = make_program(intake=1405)
    english = client.get(f"/en/students/programs/{program.pk}/").content.decode()
    assert "1405–1406 (2026–27)" in english
    persian = client.get(f"/fa/students/programs/{program.pk}/").content.decode()
    # What people read; the structured data for search engines keeps ISO dates.
    shown = re.sub(r'<script type="application/ld\+json">.*?</script>', "", persian, flags=re.S)
    assert "۱۴۰۵–۱۴۰۶" in shown and "2026" not in shown
    listed = client.get("/en/students/programs/").content.decode()
    assert "Intake 1405–1406 (2026–27)" in listed


def test_a_draft_shows_the_deadline_and_the_days_left(client, applicant):
    program = make_program(deadline=timezone.localdate() + timedelta(days=12))
    draft = complete_draft(applicant, program)
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{draft.pk}/").content.decode()
    assert "12 days left" in page
    persian = client.get(f"/fa/students/my/{draft.pk}/").content.decode()
    assert "۱۲ روز مانده" in persian
    program.deadline = timezone.localdate() + timedelta(days=1)
    program.save()
    assert "1 day left" in client.get(f"/en/students/my/{draft.pk}/").content.decode()
    program.deadline = timezone.localdate() - timedelta(days=1)
    program.save()
    page = client.get(f"/en/students/my/{draft.pk}/").content.decode()
    assert "the deadline has passed" in page


def test_the_page_lists_the_steps_ahead_with_their_usual_durations(client, applicant):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    steps = page[page.index('data-testid="next-steps"') :]
    steps = " ".join(re.sub(r"<[^>]+>", "", steps[: steps.index("</ol>")]).split())
    assert "Document check (usually about 7 days)" in steps
    assert "Interview" not in steps  # not a graduate program
    assert steps.index("Document check") < steps.index("Enrolled")
    assert "Submitted" not in steps  # where it is now is not ahead


def test_the_receipt_holds_what_was_sent(client, applicant, tmp_path):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    client.force_login(applicant)
    response = client.get(f"/en/students/my/{application.pk}/receipt/")
    assert response["Content-Type"] == "application/pdf"
    assert f"{application.reference}-receipt.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    # Compared without spaces: a narrow table cell may wrap a file name where it likes.
    compact = "".join(text.split())
    for expected in (
        application.reference,
        "Zahraa Jaber",
        "A1234567",
        "Baghdad College",
        "Secondary school diploma",
        "Passport",
        "scan.pdf",
        "photo.png",
        "Waiting for review",
        "1405–1406 (2026–27)",
    ):
        assert "".join(expected.split()) in compact, expected
    persian = pdf_text(client.get(f"/fa/students/my/{application.pk}/receipt/").content, tmp_path)
    assert "رسید" in persian


def test_the_submitted_e_mail_links_the_receipt(applicant):
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    mail = OutgoingMail.objects.get(to=applicant.email)
    link = f"/{applicant.preferred_language}/students/my/{application.pk}/receipt/"
    assert link in mail.body_text and link in mail.body_html


def test_there_is_no_receipt_for_a_draft_nor_for_another_applicant(client, applicant, make_user):
    draft = complete_draft(applicant, make_program())
    client.force_login(applicant)
    assert client.get(f"/en/students/my/{draft.pk}/receipt/").status_code == 404
    application = workflow.move(draft, "submit", by=applicant)
    client.force_login(make_user(Role.APPLICANT))
    assert client.get(f"/en/students/my/{application.pk}/receipt/").status_code == 404
    assert client.get(f"/en/students/my/{application.pk}/").status_code == 404


def test_the_applicants_page_makes_as_many_queries_with_more_rows(client, applicant, manager):
    def page_queries(education_rows: int) -> int:
        application = workflow.move(
            complete_draft(applicant, make_program(documents=("passport", "photo"))),
            "submit",
            by=applicant,
        )
        for n in range(education_rows):
            Education.objects.create(
                application=application,
                institution=f"School {n}",
                country="IQ",
                qualification="Diploma",
                graduated_in=2020,
            )
        application = workflow.move(application, "start_check", by=manager)
        for document in application.documents.all():
            workflow.move(document, "verify", by=manager)
        application = workflow.move(application, "refer_to_faculty", by=manager)
        application = workflow.move(application, "admit", by=manager)
        for kind in ArrivalItem.Kind.values[:education_rows]:
            ArrivalItem.objects.create(application=application, kind=kind, note="ok")
        client.force_login(applicant)
        warm(client, f"/en/students/my/{application.pk}/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/en/students/my/{application.pk}/")
        assert response.status_code == 200
        return len(queries)

    assert page_queries(1) == page_queries(6)


def test_the_receipt_is_written_in_arabic_for_an_arabic_reader(client, applicant, tmp_path):
    program = make_program(name_ar="الطب العام")
    application = workflow.move(complete_draft(applicant, program), "submit", by=applicant)
    client.force_login(applicant)
    response = client.get(f"/ar/students/my/{application.pk}/receipt/")
    assert response["Content-Type"] == "application/pdf"
    (tmp_path / "receipt-ar.pdf").write_bytes(response.content)
    text = " ".join(pdf_text(response.content, tmp_path).split())
    # Shaped Arabic (pdftotext reads the joined letters back as the words), Arabic-Indic digits
    # (pdftotext gives a right-to-left run of numbers in the order it shows them).
    for expected in ("الطب العام", "زهراء جابر", "١٤٠٥", "٢٠٢٦", application.reference):
        assert expected in text, expected
    assert "2026" not in text  # every date in Arabic-Indic digits
