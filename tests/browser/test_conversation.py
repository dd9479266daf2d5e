"""Issue 21's whole conversation in a browser. A visitor reads a program in English, clicks
Apply, signs up, confirms the address from the e-mail and lands on a new application for that
program; fills it, uploads the documents and submits (the receipt is offered). An officer
working in Persian sees the applicant's language, answers from a saved reply in English and
asks for a document at the document check; the applicant reads it in the thread and answers
with a PDF, which the office sees unread. A manager admits with a date to answer by; the
applicant downloads the admission letter, checks its code on /en/verify/ as a person would type
it, and declines the offer with a reason; the office is told. Each side reads its e-mails in
its own language."""

import re
import subprocess
from datetime import timedelta

import jdatetime
import pytest
from django.utils import timezone

from intlaffairs.models import IssuedDocument, SavedReply, Unit
from intlaffairs.roles import Role
from students.models import Application, Program, Stage

from .test_recruitment_journey import document_types, messages_to, step_path, take, write_files

PERSIAN = re.compile("[\u0600-\u06ff]")


def open_step(page, record, name: str):
    """The form of a step that asks for data, opened; returns the form."""
    form = page.locator(f"form[action$='{step_path(record, name)}']")
    page.locator("details.workflow-step", has=form).locator("summary").click()
    return form


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_whole_conversation_from_apply_to_declining_the_offer(
    new_context, make_user, screenshot, tmp_path
):
    passport, photo = document_types()
    program = Program.objects.create(
        name_fa="پزشکی عمومی",
        name_en="Medicine (MD)",
        name_ckb="پزیشکیی گشتی",
        unit=Unit.objects.create(name_fa="دانشکدهٔ پزشکی", name_en="School of Medicine"),
        degree="md",
        duration_years=7,
        tuition=6500,
        intake=1405,
        capacity=40,
        deadline=timezone.localdate() + timedelta(days=30),
    )
    program.required_documents.set([passport, photo])
    officer = make_user(Role.OFFICER, email="officer@kums.example", preferred_language="fa")
    manager = make_user(Role.MANAGER, email="manager@kums.example", preferred_language="fa")
    reply = SavedReply.objects.create(
        title="Received",
        language="en",
        body="Dear {name}, we have received {reference} for {program}.",
    )
    SavedReply.objects.create(title="دریافت شد", language="fa", body="{name} گرامی، رسید.")
    scan, picture = write_files(tmp_path)

    # Signed out, in English: Apply leads through sign-up and the e-mail's link.
    applicant = new_context(bypass_csp=False).new_page()
    applicant.goto(f"/en/students/programs/{program.pk}/")
    applicant.click("text=Create an account to apply")
    applicant.fill("#id_full_name", "Zahraa Jaber")
    applicant.fill("#id_email", "zahraa@example.org")
    applicant.select_option("#id_preferred_language", "en")
    applicant.fill("#id_password1", "a-long-passphrase-42")
    applicant.fill("#id_password2", "a-long-passphrase-42")
    applicant.click("main form button[type=submit]")
    applicant.wait_for_url("**/accounts/confirm-email/")
    link = re.search(
        r"https?://\S+/accounts/confirm-email/\S+/", messages_to("zahraa@example.org")[-1].body
    )[0]
    applicant.goto(link)
    applicant.click("main form button[type=submit]")
    applicant.wait_for_url("**/en/students/my/*/step/1/")
    application = Application.objects.get(applicant__email="zahraa@example.org")
    assert application.program == program
    assert application.stage == Stage.DRAFT
    assert applicant.get_by_test_id("program").inner_text() == "Your application to Medicine (MD)"

    # Fills it in, uploads the documents and submits.
    applicant.fill("#id_given_name", "Zahraa")
    applicant.fill("#id_family_name", "Jaber")
    applicant.fill("#id_native_given_name", "زهراء")
    applicant.fill("#id_native_family_name", "جابر")
    applicant.select_option("#id_sex", "female")
    applicant.fill("#id_birth_date", "2004-05-01")
    applicant.select_option("#id_nationality", "IQ")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/step/2/")
    applicant.fill("#id_passport_number", "A1234567")
    applicant.fill("#id_passport_expires_on", str(timezone.localdate() + timedelta(days=1500)))
    applicant.fill("#id_phone", "+964 770 123 4567")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/step/3/")
    applicant.fill("#id_education-0-qualification", "Secondary school diploma")
    applicant.fill("#id_education-0-institution", "Baghdad College")
    applicant.select_option("#id_education-0-country", "IQ")
    applicant.fill("#id_education-0-graduated_in", "2023")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/step/4/")
    # The program chosen on its page is already the application's.
    assert applicant.locator("#id_program").input_value() == str(program.pk)
    applicant.select_option("#id_channel", "website")
    applicant.click("button[name=next]")
    applicant.wait_for_url("**/documents/")
    for doc_type, path in ((passport, scan), (photo, picture)):
        applicant.set_input_files(f"#file-{doc_type.pk}", str(path))
        applicant.locator("form", has=applicant.locator(f"#file-{doc_type.pk}")).locator(
            "button"
        ).click()
        applicant.wait_for_load_state()
    applicant.click("text=Review and submit")
    applicant.click("text=Submit the application")
    applicant.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED
    receipt = applicant.get_by_role("link", name="Receipt (PDF)")
    response = applicant.request.get(receipt.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
    assert response.headers["content-type"] == "application/pdf"

    # An officer working in Persian: the applicant's language, a saved reply in English.
    office = new_context(officer, bypass_csp=False).new_page()
    office.goto("/fa/students/applications/")
    office.click(f"text={application.reference}")
    assert "English" in office.get_by_test_id("applicant-language").inner_text()
    office.locator("#saved-reply").select_option(str(reply.pk))
    expected = f"Dear Zahraa Jaber, we have received {application.reference} for Medicine (MD)."
    office.locator("textarea[name='message-body']").filter(has_text=expected).wait_for()
    office.get_by_role("button", name="فرستادن").click()
    office.wait_for_url("**#thread")
    # The document check, asking for a document.
    asked = "Please send your secondary school transcript as a PDF in the messages."
    form = open_step(office, application, "start_check")
    form.locator("textarea[name$='-request']").fill(asked)
    form.locator("button[type=submit]").click()
    office.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == Stage.DOCUMENT_CHECK
    assert application.request_to_applicant == asked

    # The applicant reads it in the thread and answers with a PDF.
    applicant.goto(f"/en/students/my/{application.pk}/")
    assert expected in applicant.get_by_test_id("thread").inner_text()
    assert asked in applicant.inner_text("main")
    applicant.fill("textarea[name='message-body']", "Here is my transcript.")
    applicant.set_input_files("input[name='message-attachment']", str(scan))
    applicant.get_by_role("button", name="Send").click()
    applicant.wait_for_url("**#thread")
    answer = application.thread.get(from_office=False)
    assert answer.body == "Here is my transcript." and answer.attachment
    assert answer.read_at is None

    # The office sees it unread, with its file.
    office.goto("/fa/messages/")
    assert office.get_by_test_id("unread-count").first.inner_text().startswith("۱")
    office.goto(f"/fa/students/applications/{application.pk}/")
    mine = office.get_by_test_id("message").filter(has_text="Here is my transcript.")
    assert mine.locator(".badge").inner_text() == "تازه"
    attachment = office.request.get(mine.locator("a").get_attribute("href"))
    assert attachment.ok and attachment.body().startswith(b"%PDF")
    answer.refresh_from_db()
    assert answer.read_at is not None
    for document in application.documents.all():
        take(office, document, "verify")
    take(office, application, "refer_to_faculty")

    # A manager admits, with a date to answer by (typed in the Solar Hijri calendar).
    answer_by = timezone.localdate() + timedelta(days=10)
    decision = new_context(manager, bypass_csp=False).new_page()
    decision.goto(f"/fa/students/applications/{application.pk}/")
    form = open_step(decision, application, "admit")
    form.locator("textarea[name$='-note']").fill("Welcome to Kermanshah!")
    form.locator("input[name$='-offer_deadline']").fill(
        jdatetime.date.fromgregorian(date=answer_by).strftime("%Y/%m/%d")
    )
    form.locator("button[type=submit]").click()
    decision.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED
    assert application.offer_deadline == answer_by

    # The applicant downloads the admission letter: a PDF with its number and code.
    letter = IssuedDocument.objects.get(kind=IssuedDocument.Kind.ADMISSION_LETTER)
    applicant.goto(f"/en/students/my/{application.pk}/")
    screenshot(applicant, "conversation-admitted-en")
    link = applicant.get_by_test_id("letter")
    assert letter.number in link.inner_text()
    response = applicant.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert letter.number in text
    assert letter.code in text.replace(" ", "").replace("-", "")

    # Checks the code as a person would type it: lower case, with spaces.
    applicant.goto("/en/verify/")
    typed = " ".join(letter.code[i : i + 5] for i in range(0, len(letter.code), 5)).lower()
    applicant.fill("input[name=code]", f" {typed} ")
    applicant.get_by_role("button", name="Check").click()
    applicant.wait_for_url(f"**/en/verify/{letter.code}/")
    result = applicant.inner_text("main")
    assert "This document is valid." in result
    assert "Zahraa Jaber" in result and letter.number in result

    # Declines the offer with a reason; the office is told.
    applicant.goto(f"/en/students/my/{application.pk}/")
    form = open_step(applicant, application, "decline_offer")
    form.locator("textarea[name$='-note']").fill("I have a place nearer home, in Erbil.")
    form.locator("button[type=submit]").click()
    applicant.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == Stage.OFFER_DECLINED
    told = messages_to(officer.email)[-1]
    assert "I have a place nearer home, in Erbil." in told.body
    assert PERSIAN.search(told.subject)

    # Each side's e-mails in its own language.
    to_applicant = messages_to("zahraa@example.org")
    subjects = [m.subject for m in to_applicant]
    assert any(s.startswith("We have received your application") for s in subjects)
    assert any("Admitted" in s for s in subjects) and any("Document check" in s for s in subjects)
    assert all(m.subject.isascii() or application.reference in m.subject for m in to_applicant)
    assert all(not PERSIAN.search(m.body.replace("زهراء جابر", "")) for m in to_applicant)
    to_officer = messages_to(officer.email)
    assert to_officer and all(PERSIAN.search(m.subject) for m in to_officer)
    assert list(application.thread.filter(from_office=True).values_list("body", flat=True)) == [
        expected,
        asked,
        "Welcome to Kermanshah!",
    ]
