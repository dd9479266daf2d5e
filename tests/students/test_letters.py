"""The recruitment PDFs: the admission letter and the International Affairs letter in English and
Persian (documents of record: issued once, numbered, downloadable by the applicant), and the
recruitment report through the report machinery."""

import io

import pytest
from pypdf import PdfReader

from intlaffairs import reports, workflow
from intlaffairs.models import IssuedDocument
from students.models import Application

from ..reports.test_pdf import pdf_text
from .helpers import complete_draft, make_program, tuition_paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Reports render when the request's transaction commits; run those callbacks here."""
    return django_capture_on_commit_callbacks


def admitted(applicant, manager, run_on_commit) -> Application:
    """An admitted application; the letter of admission is issued once the decision commits."""
    application = workflow.move(complete_draft(applicant, make_program()), "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(stage="faculty_review")
    with run_on_commit(execute=True):
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
    application = admitted(applicant, manager, run_on_commit)
    # Issued by the portal on admission, in the applicant's language (English).
    issued = IssuedDocument.objects.about(application).get()
    assert (issued.kind, issued.language, issued.issued_by) == ("admission_letter", "en", None)
    url = f"/en/students/applications/{application.pk}/letter/admission_letter/"
    client.force_login(officer)
    refused = client.post(url, {"language": language, "reissue": "on"}, follow=True)
    assert "Only a manager can replace a document" in refused.content.decode()
    assert list(IssuedDocument.objects.about(application)) == [issued]
    client.force_login(manager)
    response = client.post(url, {"language": language, "reissue": "on"})
    assert response["Location"] == f"/en/students/applications/{application.pk}/"
    document = IssuedDocument.objects.about(application).valid().get()
    assert document.language == language and document.issued_by == manager
    issued.refresh_from_db()
    assert issued.replaced_by == document and issued.revoked_by == manager
    # pdftotext drops ZWNJ and splits the hamza above from its letter.
    text = (
        pdf_text(document.file.read(), tmp_path).replace("\u0654", "").replace("\u06c0", "\u0647")
    )
    for fragment in [*expected, document.number]:
        assert fragment.replace("\u200c", "").replace("ٔ", "").replace("ۀ", "ه") in text, fragment


def test_the_admission_letter_names_the_degree_once(applicant, manager, tmp_path, run_on_commit):
    """The program's English name already ends in its degree ("Medicine (MD)"); the letter gave
    the degree again after it, in brackets within brackets. The degree has a row of its own."""
    application = admitted(applicant, manager, run_on_commit)
    document = IssuedDocument.objects.about(application).get()
    text = " ".join(pdf_text(document.file.read(), tmp_path).split())
    assert "Program Medicine (MD) Degree Doctor of Medicine (MD)" in text
    assert text.count("Doctor of Medicine") == 1
    assert "(MD) (" not in text


def test_asking_for_a_letter_again_gives_the_one_issued(
    client, applicant, officer, manager, run_on_commit
):
    application = admitted(applicant, manager, run_on_commit)
    issued = IssuedDocument.objects.about(application).get()
    client.force_login(officer)
    client.post(
        f"/en/students/applications/{application.pk}/letter/admission_letter/", {"language": "fa"}
    )
    assert list(IssuedDocument.objects.about(application)) == [issued]


def test_the_international_affairs_letter_waits_for_the_tuition(
    client, applicant, officer, manager, tmp_path, run_on_commit
):
    application = admitted(applicant, manager, run_on_commit)
    client.force_login(officer)
    url = f"/en/students/applications/{application.pk}/letter/ia_letter/"
    response = client.post(url, {"language": "fa"}, follow=True)
    assert "This letter cannot be issued at the application" in response.content.decode()
    assert not IssuedDocument.objects.filter(kind="ia_letter").exists()
    workflow.move(application, "accept_offer", by=applicant)
    tuition_paid(application, officer)
    workflow.move(application, "receive_fees", by=officer)
    Application.objects.filter(pk=application.pk).update(registration_code="FS-140500042")
    client.post(url, {"language": "fa"})
    document = IssuedDocument.objects.get(kind="ia_letter")
    text = pdf_text(document.file.read(), tmp_path)
    assert "نامه امور بینالملل" in text.replace("\u0654", "").replace("\u06c0", "\u0647")
    assert "FS-140500042" in text


def test_the_applicant_downloads_their_letters_and_another_applicant_gets_404(
    client, applicant, officer, manager, make_user, run_on_commit
):
    application = admitted(applicant, manager, run_on_commit)
    document = IssuedDocument.objects.about(application).get()
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert f"/en/documents/{document.pk}/download/" in page and document.number in page
    response = client.get(f"/en/documents/{document.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == document.file.open("rb").read()
    client.force_login(make_user("applicant"))
    assert client.get(f"/en/documents/{document.pk}/download/").status_code == 404


def test_the_admitted_email_links_to_the_letters(
    applicant, officer, manager, run_on_commit, mailoutbox
):
    application = admitted(applicant, manager, run_on_commit)
    body = mailoutbox[-1].body
    assert "Your letter of admission" in body
    assert f"/en/students/my/{application.pk}/#letters" in body


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


def test_the_admission_letter_is_one_page_with_its_signatory_and_code_under_the_text(
    applicant, manager, run_on_commit, tmp_path
):
    """Without a signature or stamp on the letterhead no room is kept for them, and the
    signatory sits beside the QR code: a second page holding only those is no letter."""
    application = admitted(applicant, manager, run_on_commit)
    document = IssuedDocument.objects.about(application).get()
    content = document.file.read()
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    text = " ".join(pdf_text(content, tmp_path).split())
    assert document.number in text and "Director of International Affairs" in text
    assert f"{document.code[:5]}-{document.code[5:]}" in text
