"""Issue 22's admission file in a browser, from the application to enrolment. An applicant in
Toronto reading English applies to a PhD that interviews; an officer working in Persian refers
the file to the faculty, whose two reviewers write: one in English at once, one in Persian
only after the portal reminds them a week later. The English reviewer offers interview times;
the applicant books one, read in Toronto's time, and the invitation's .ics holds the same
instant. The reviewer records the panel's report; the manager admits, reading both reviews. The
tuition invoice comes from the fee schedule; the applicant sends two bank receipts, the officer
confirms part, then the rest; the guard holds "tuition and originals received" until it is
paid, and "enrolled" until the ministry's code is in. The payment receipt's PDF is checked on
/verify/. Each e-mail is in its reader's language.

Only the setup (people, the program, its criteria and fee schedule) and the clock's moves (a
week for the reminder, the interview's hour) are done outside the browser."""

import re
import subprocess
import zoneinfo
from datetime import timedelta
from decimal import Decimal

import icalendar
import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from intlaffairs.models import IssuedDocument, OutgoingMail, Unit
from intlaffairs.roles import Role
from students import fees, reviews, tasks
from students.models import (
    Application,
    FacultyReview,
    FeeSchedule,
    InterviewSlot,
    Invoice,
    Program,
    ReviewCriterion,
    Stage,
)

from .journey import (
    document_types,
    fill_steps,
    messages_to,
    open_step,
    sign_up,
    step_path,
    submit,
    take,
    upload_documents,
    write_files,
)

PERSIAN = re.compile("[\u0600-\u06ff]")
TORONTO = zoneinfo.ZoneInfo("America/Toronto")
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
APPLICANT = "sara.karim@example.org"


def write_review(page, application, person, *, language: str, recommendation: str, comments):
    """The reviewer opens the file from "To review" and submits their opinion."""
    review = FacultyReview.objects.get(application=application, reviewer=person)
    page.goto(f"/{language}/students/reviews/")
    page.get_by_test_id("review-list").get_by_role("link", name=application.reference).click()
    page.wait_for_url(f"**/students/reviews/{review.pk}/")
    page.check(f"input[name=recommendation][value={recommendation}]")
    for criterion in application.program.criteria.all():
        page.check(f"input[name='score-{criterion.pk}'][value='4']")
    page.fill("textarea[name=comments]", comments)
    page.check("input[name='no_conflict']")
    page.locator(f"form[action$='/reviews/{review.pk}/'] button[type=submit]").click()
    page.wait_for_url("**/students/reviews/")


def offer_time(page, *, day, clock: str) -> None:
    form = page.get_by_test_id("offer-form")
    form.locator("input[name=offer-day]").fill(day.isoformat())
    form.locator("input[name=offer-clock]").fill(clock)
    form.locator("input[name=offer-duration_minutes]").fill("45")
    form.locator("input[name=offer-mode][value=online]").check()
    form.locator("input[name=offer-link]").fill("https://meet.example.org/kums-phd")
    form.locator("input[name=offer-panel]").fill("Dr. Karimi, Dr. Ahmadi")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def send_receipt(page, application, invoice, path) -> None:
    page.goto(f"/en/students/my/{application.pk}/")
    form = page.locator(f"form[action$='/my/invoices/{invoice.pk}/transfers/']")
    form.locator("input[type=file]").set_input_files(str(path))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def confirm_amount(page, invoice, amount: str) -> None:
    page.goto(f"/fa/students/invoices/{invoice.pk}/")
    form = page.locator(f"form[action$='/invoices/{invoice.pk}/payments/']").first
    form.locator("input[name=amount]").fill(amount)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def in_language(language: str, text: str, **values) -> str:
    with translation.override(language):
        return gettext(text) % values


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_admission_file_from_referral_to_enrolment(
    new_context, make_user, administrator, screenshot, tmp_path
):
    passport, photo = document_types()
    unit = Unit.objects.create(name_fa="دانشکدهٔ پزشکی", name_en="School of Medicine")
    program = Program.objects.create(
        name_fa="دکتری بیوشیمی بالینی",
        name_en="Clinical Biochemistry (PhD)",
        name_ckb="دکتۆرای بایۆکیمیای کلینیکی",
        unit=unit,
        degree="phd",
        duration_years=4,
        tuition=6500,
        intake=1405,
        capacity=5,
        deadline=timezone.localdate() + timedelta(days=30),
    )
    program.required_documents.set([passport, photo])
    for order, (fa, en) in enumerate([("سوابق علمی", "Academic record"), ("انگیزه", "Motivation")]):
        ReviewCriterion.objects.create(program=program, name_fa=fa, name_en=en, order=order)
    FeeSchedule.objects.create(program=program, intake=1405, currency="USD", tuition=6500)
    officer = make_user(Role.OFFICER, email="officer@kums.example", preferred_language="fa")
    manager = make_user(Role.MANAGER, email="manager@kums.example", preferred_language="fa")
    prompt = make_user(Role.FACULTY, email="prompt@kums.example", preferred_language="en")
    late = make_user(Role.FACULTY, email="late@kums.example", preferred_language="fa")
    for person in (prompt, late):
        reviews.reviewer_add(unit=unit, user=person, by=administrator)
    scan, picture = write_files(tmp_path)

    # The applicant signs up in English; the browser, in Toronto, gives the time zone.
    applicant = new_context(timezone_id="America/Toronto").new_page()
    sign_up(applicant, program, full_name="Sara Karim", email=APPLICANT)
    fill_steps(applicant, program, given="Sara", family="Karim", native=("سارا", "کەریم"))
    upload_documents(applicant, [(passport, scan), (photo, picture)])
    submit(applicant)
    application = Application.objects.get(applicant__email=APPLICANT)
    assert application.stage == Stage.SUBMITTED
    assert application.applicant.time_zone == "America/Toronto"

    # An officer working in Persian checks the documents and refers the file to the faculty.
    office = new_context(officer).new_page()
    office.goto(f"/fa/students/applications/{application.pk}/")
    take(office, application, "start_check")
    for document in application.documents.all():
        take(office, document, "verify")
    take(office, application, "refer_to_faculty")
    assert set(application.faculty_reviews.values_list("reviewer", flat=True)) == {
        prompt.pk,
        late.pk,
    }

    # One reviewer writes at once, in English.
    reviewer = new_context(prompt).new_page()
    write_review(
        reviewer,
        application,
        prompt,
        language="en",
        recommendation="interview",
        comments="Strong record.",
    )
    screenshot(reviewer, "admission-file-reviewed-en")

    # The other lets a week go by: the portal reminds them, in Persian.
    FacultyReview.objects.filter(reviewer=late).update(
        requested_at=timezone.now() - timedelta(days=8)
    )
    assert tasks.review_reminders_send() == 1
    (reminder,) = messages_to(late.email)
    assert reminder.subject == in_language(
        "fa",
        "Your review is awaited: application %(reference)s",
        reference=application.reference,
    )
    assert tasks.review_reminders_send() == 0  # once per threshold
    colleague = new_context(late).new_page()
    write_review(
        colleague, application, late, language="fa", recommendation="admit", comments="انگیزهٔ روشن."
    )
    assert set(application.faculty_reviews.values_list("status", flat=True)) == {"submitted"}

    # The office invites to the interview; the English reviewer offers two times.
    office.goto(f"/fa/students/applications/{application.pk}/")
    take(office, application, "invite_to_interview")
    reviewer.goto("/en/students/reviews/")
    reviewer.get_by_test_id("interviews-to-arrange").get_by_role(
        "link", name=application.reference
    ).click()
    reviewer.wait_for_url(f"**/students/applications/{application.pk}/interviews/")
    first_day = timezone.localdate() + timedelta(days=10)
    offer_time(reviewer, day=first_day, clock="16:30")
    offer_time(reviewer, day=first_day + timedelta(days=1), clock="10:00")
    assert reviewer.get_by_test_id("slot").count() == 2
    screenshot(reviewer, "admission-file-interview-times-en")
    slot = InterviewSlot.objects.filter(application=application).earliest("starts_at")
    assert slot.offered_by == prompt
    assert slot.starts_at.astimezone(TEHRAN).strftime("%H:%M") == "16:30"

    # The applicant reads the times in Toronto's and books the first.
    toronto = slot.starts_at.astimezone(TORONTO)
    applicant.goto(f"/en/students/my/{application.pk}/")
    choice = applicant.get_by_test_id("interview-choice").first
    assert toronto.strftime("%H:%M") in choice.inner_text()
    assert "16:30" not in choice.inner_text()
    assert "America/Toronto" in applicant.get_by_test_id("interview").inner_text()
    screenshot(applicant, "admission-file-interview-choice-en")
    with applicant.expect_navigation():
        choice.locator(f"form[action$='{step_path(slot, 'book')}'] button").click()
    assert toronto.strftime("%H:%M") in applicant.get_by_test_id("interview-time").inner_text()
    slot.refresh_from_db()
    assert slot.state == InterviewSlot.State.BOOKED

    # The invitation's calendar file holds the same instant.
    invitation = messages_to(APPLICANT)[-1]
    ((name, content, _mimetype),) = invitation.attachments
    assert name == "interview.ics"
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert event.decoded("DTSTART") == slot.starts_at
    assert str(event["UID"]).startswith(f"students.interviewslot-{slot.pk}@")

    # The hour comes; the reviewer records the panel's report.
    InterviewSlot.objects.filter(pk=slot.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    reviewer.reload()
    card = reviewer.get_by_test_id("slot").filter(has=reviewer.get_by_test_id("report-form"))
    card.locator("summary", has_text="Record the panel's report").click()
    report = card.get_by_test_id("report-form")
    for field in ("knowledge", "communication", "motivation"):
        report.locator(f"input[name$='-score_{field}']").fill("8")
    report.locator("select[name$='-recommendation']").select_option("admit")
    report.locator("textarea[name$='-report_notes']").fill("Clear, well prepared.")
    with reviewer.expect_navigation():
        report.locator("button[type=submit]").click()
    slot.refresh_from_db()
    assert slot.state == InterviewSlot.State.HELD

    # The manager reads both reviews on the decision page and admits.
    decision = new_context(manager).new_page()
    decision.goto(f"/fa/students/applications/{application.pk}/")
    written = decision.get_by_test_id("faculty-review")
    assert written.count() == 2
    assert "Strong record." in written.all_inner_texts()[0] + written.all_inner_texts()[1]
    assert "انگیزهٔ روشن." in decision.locator("#faculty-reviews").inner_text()
    screenshot(decision, "admission-file-decision-fa")
    form = open_step(decision, application, "admit")
    form.locator("textarea[name$='-note']").fill("Welcome to Kermanshah!")
    with decision.expect_navigation():
        form.locator("button[type=submit]").click()
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED

    # The applicant accepts the offer.
    applicant.goto(f"/en/students/my/{application.pk}/")
    take(applicant, application, "accept_offer")

    # The office issues the tuition invoice from the fee schedule.
    office.goto(f"/fa/students/applications/{application.pk}/")
    issue = office.locator(f"form[action$='/applications/{application.pk}/invoices/']")
    office.locator("details", has=issue).locator("summary").click()
    issue.locator("select[name=kind]").select_option("tuition")
    issue.locator("button[type=submit]").click()
    office.wait_for_url("**/students/invoices/*/")
    invoice = Invoice.objects.get(application=application, kind="tuition")
    assert (invoice.amount, invoice.currency) == (6500, "USD")

    # The applicant sends a bank receipt for part of it; the officer confirms what arrived.
    send_receipt(applicant, application, invoice, scan)
    confirm_amount(office, invoice, "۴۰۰۰")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PARTLY_PAID
    screenshot(office, "admission-file-partly-paid-fa")

    # Unpaid, the guard holds "tuition and originals received", and says why.
    office.goto(f"/fa/students/applications/{application.pk}/")
    refusal = in_language(
        "fa",
        "The tuition invoice is not paid or waived yet: %(balance)s remains.",
        balance=fees.money(Decimal(2500), "USD", "fa"),
    )
    assert refusal in office.inner_text("main")
    assert not office.locator(f"form[action$='{step_path(application, 'receive_fees')}']").count()

    # The rest arrives with a second receipt.
    send_receipt(applicant, application, invoice, scan)
    confirm_amount(office, invoice, "2500")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID

    # The applicant downloads the receipt of the payment and checks it on /verify/.
    applicant.goto(f"/en/students/my/{application.pk}/")
    screenshot(applicant, "admission-file-paid-en")
    receipts = applicant.get_by_test_id("payment-receipt")
    assert receipts.count() == 2
    link = receipts.last
    response = applicant.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    receipt = IssuedDocument.objects.get(
        kind=IssuedDocument.Kind.PAYMENT_RECEIPT, number=link.locator(".ltr-text").inner_text()
    )
    assert receipt.number in text
    assert receipt.code in text.replace(" ", "").replace("-", "")
    applicant.goto(f"/en/verify/{receipt.code}/")
    verified = applicant.inner_text("main")
    assert "This document is valid." in verified and receipt.number in verified

    # Paid: the office records the fees, then the ministry's code, then enrols.
    office.goto(f"/fa/students/applications/{application.pk}/")
    take(office, application, "receive_fees")
    application.refresh_from_db()
    assert application.stage == Stage.FEES_RECEIVED
    assert not office.locator(f"form[action$='{step_path(application, 'enroll')}']").count()
    assert in_language(
        "fa", "Enter the ministry's registration code (after-admission checklist) before enrolling."
    ) in office.inner_text("main")
    office.locator("input[name$='registration_code']").fill("۱۲۳۴۵۶۷۸")
    with office.expect_navigation():
        office.locator("form[action$='/arrival/'] button[type=submit]").click()
    take(office, application, "enroll")
    application.refresh_from_db()
    assert application.stage == Stage.ENROLLED
    assert application.registration_code == "12345678"
    screenshot(office, "admission-file-enrolled-fa")

    # Every e-mail in its reader's language: the applicant English, the office Persian, each
    # reviewer their own; nobody else was written to.
    readers = {
        APPLICANT: "en",
        officer.email: "fa",
        manager.email: "fa",
        prompt.email: "en",
        late.email: "fa",
    }
    sent = OutgoingMail.objects.exclude(to__in=readers)
    assert not sent.exists(), list(sent.values_list("to", "subject"))
    for message in OutgoingMail.objects.all():
        assert message.language == readers[message.to], message.subject
        if readers[message.to] == "fa":
            assert PERSIAN.search(message.subject), message.subject
        else:
            body = message.body_text.replace("سارا کەریم", "")
            assert not PERSIAN.search(message.subject + body), message.subject
    to_applicant = [m.subject for m in messages_to(APPLICANT)]
    assert sum("interview" in s.lower() for s in to_applicant) >= 2  # offered, invitation
    assert any("invoice" in s.lower() or "tuition" in s.lower() for s in to_applicant)
