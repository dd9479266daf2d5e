"""The recruitment PDFs: the admission letter and the International Affairs letter in English and
Persian, and the recruitment report, all through the report machinery."""

import pytest

from intlaffairs import reports, workflow
from intlaffairs.models import ReportRequest
from students.models import Application

from ..reports.test_pdf import pdf_text
from .helpers import complete_draft, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Reports render when the request's transaction commits; run those callbacks here."""
    return django_capture_on_commit_callbacks


def admitted(applicant, officer, manager) -> Application:
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(stage="faculty_review")
    workflow.move(application, "admit", by=manager)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Letter of admission", "Zahraa Jaber", "Medicine (MD)", "A1234567", "6,500"]),
        ("fa", ["نامهٔ پذیرش", "Zahraa Jaber", "پزشکی عمومی", "A1234567", "۱۴۰۵"]),
    ],
)
def test_the_admission_letter_in_english_and_persian(
    client, applicant, officer, manager, tmp_path, language, expected, run_on_commit
):
    application = admitted(applicant, officer, manager)
    client.force_login(officer)
    with run_on_commit(execute=True):
        response = client.post(
            f"/en/students/applications/{application.pk}/letter/admission_letter/",
            {"language": language},
        )
    report = ReportRequest.objects.get()
    assert response["Location"].endswith(f"/reports/{report.pk}/")
    assert report.status == "done" and report.language == language
    # pdftotext drops ZWNJ and splits the hamza above from its letter.
    text = pdf_text(report.file.read(), tmp_path).replace("\u0654", "").replace("\u06c0", "\u0647")
    for fragment in expected:
        assert fragment.replace("\u200c", "").replace("ٔ", "").replace("ۀ", "ه") in text, fragment
    # The officer who asked sees it; another officer's list does not show it.
    assert client.get(f"/en/reports/{report.pk}/download/").status_code == 200


def test_the_international_affairs_letter_waits_for_the_tuition(
    client, applicant, officer, manager, tmp_path, run_on_commit
):
    application = admitted(applicant, officer, manager)
    client.force_login(officer)
    url = f"/en/students/applications/{application.pk}/letter/ia_letter/"
    assert client.post(url, {"language": "fa"}).status_code == 404
    workflow.move(application, "accept_offer", by=applicant)
    workflow.move(application, "receive_fees", by=officer)
    Application.objects.filter(pk=application.pk).update(registration_code="FS-140500042")
    with run_on_commit(execute=True):
        client.post(url, {"language": "fa"})
    text = pdf_text(ReportRequest.objects.get().file.read(), tmp_path)
    assert "نامه امور بینالملل" in text.replace("\u0654", "").replace("\u06c0", "\u0647")
    assert "FS-140500042" in text


def test_the_recruitment_report_counts_by_stage_nationality_program_and_channel(
    applicant, manager, tmp_path, run_on_commit
):
    workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    with run_on_commit(execute=True):
        report = reports.report_request(kind="recruitment", language="en", by=manager)
    report.refresh_from_db()
    assert report.status == "done", report.error
    text = pdf_text(report.file.read(), tmp_path)
    for fragment in ("Recruitment report", "By stage", "Submitted", "Iraq", "Medicine (MD)"):
        assert fragment in text
