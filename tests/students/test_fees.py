"""Fees: invoices from the fee schedule, transfers the applicant uploads, payments the office
confirms (partly or in full) with a numbered receipt verified like the letters, waivers and
scholarships, the guards on the pipeline, the finance list and the ministry's export."""

import importlib
import io
from decimal import Decimal

import openpyxl
import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intlaffairs import waiting as waiting_queues
from intlaffairs import workflow
from intlaffairs.models import IssuedDocument, OutgoingMail
from students import fees
from students.models import Application, FeeSchedule, Invoice, Payment, Stage, Transfer
from students.workflows import INVOICE
from tests import workflow_properties
from tests.queries import plan, warm
from tests.workflow_properties import check_workflow

from ..reports.test_pdf import pdf_text
from .helpers import complete_draft, fee_schedule, make_program, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def accepted(applicant, **program) -> Application:
    """An application whose offer the applicant accepted, its program with a fee schedule."""
    application = complete_draft(applicant, make_program(**program))
    application = workflow.move(application, "submit", by=applicant)
    Application.objects.filter(pk=application.pk).update(stage=Stage.OFFER_ACCEPTED)
    fee_schedule(application.program)
    application.refresh_from_db()
    return application


def tuition(application, officer) -> Invoice:
    return fees.invoice_issue(application=application, kind="tuition", by=officer)


def test_the_move_to_tuition_received_waits_for_the_tuition_and_says_why(
    client, applicant, officer
):
    application = accepted(applicant)
    with pytest.raises(ValidationError, match="Issue the tuition invoice first"):
        workflow.move(application, "receive_fees", by=officer)
    invoice = tuition(application, officer)
    with pytest.raises(ValidationError, match="not paid or waived yet: 6,500 US dollars remains"):
        workflow.move(application, "receive_fees", by=officer)
    # The reason is shown where the step is offered.
    client.force_login(officer)
    page = client.get(f"/en/students/applications/{application.pk}/").content.decode()
    assert "The tuition invoice is not paid or waived yet" in page
    fees.payment_confirm(invoice=invoice, amount="6,500", by=officer)
    workflow.move(application, "receive_fees", by=officer)
    application.refresh_from_db()
    assert application.stage == Stage.FEES_RECEIVED


def test_partial_payments_add_up_to_paid_each_with_its_numbered_receipt(
    applicant, officer, run_on_commit, tmp_path, mailoutbox
):
    application = accepted(applicant)
    invoice = tuition(application, officer)
    with run_on_commit(execute=True):
        first = fees.payment_confirm(invoice=invoice, amount="2000", by=officer)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid, invoice.balance) == (
        "partly_paid",
        Decimal("2000"),
        Decimal("4500"),
    )
    with pytest.raises(ValidationError, match="more than the balance of 4,500 US dollars"):
        fees.payment_confirm(invoice=invoice, amount="5000", by=officer)
    with run_on_commit(execute=True):
        second = fees.payment_confirm(invoice=invoice, amount="۴۵۰۰", by=officer)
    invoice.refresh_from_db()
    assert invoice.status == "paid" and invoice.balance == 0
    assert [change.to_state for change in workflow.history(invoice)] == [
        "open",
        "partly_paid",
        "paid",
    ]
    receipts = IssuedDocument.objects.filter(kind="payment_receipt").order_by("sequence")
    assert [receipt.object_id for receipt in receipts] == [first.pk, second.pk]
    assert receipts[0].number.startswith("RCP-") and receipts[0].holder == applicant
    text = pdf_text(receipts[1].file.read(), tmp_path)
    assert "Receipt of payment" in text and "4,500 US dollars" in text
    assert "for the tuition of the person below" in " ".join(text.split())
    assert receipts[1].number in text
    # The applicant is told of each payment, in their language.
    told = OutgoingMail.objects.filter(to=applicant.email, subject__startswith="Payment received")
    assert told.count() == 2 and {mail.language for mail in told} == {"en"}
    sent = [mail.body for mail in mailoutbox if mail.subject.startswith("Payment received")]
    assert len(sent) == 2 and all("for the tuition." in body for body in sent), sent


def test_the_invoice_history_writes_the_amount_received_as_the_page_writes_amounts(
    client, applicant, officer, run_on_commit
):
    invoice = tuition(accepted(applicant), officer)
    with run_on_commit(execute=True):
        fees.payment_confirm(invoice=invoice, amount="3000", by=officer)
    client.force_login(officer)
    page = client.get(f"/fa/students/invoices/{invoice.pk}/").content.decode()
    assert "مبلغ دریافتی: <bdi>۳٬۰۰۰</bdi>" in page
    assert "3000.00" not in page
    page = client.get(f"/en/students/invoices/{invoice.pk}/").content.decode()
    assert "Amount received: <bdi>3,000</bdi>" in page


def test_the_invoices_history_shows_the_amounts_in_the_pages_digits(client, applicant, officer):
    invoice = tuition(accepted(applicant), officer)
    fees.payment_confirm(invoice=invoice, amount="4000", by=officer)
    client.force_login(officer)
    history = client.get(f"/fa/students/invoices/{invoice.pk}/").content.decode()
    assert "۴٬۰۰۰" in history.split("history-heading")[-1]
    assert "4000.00" not in history
    english = client.get(f"/en/students/invoices/{invoice.pk}/").content.decode()
    assert "4,000" in english.split("history-heading")[-1]


def test_an_arabic_payer_gets_the_receipt_in_arabic_digits_and_shaped_letters(
    applicant, officer, run_on_commit, tmp_path
):
    applicant.preferred_language = "ar"
    applicant.save(update_fields=["preferred_language"])
    invoice = tuition(accepted(applicant, name_ar="الطب العام"), officer)
    with run_on_commit(execute=True):
        fees.payment_confirm(invoice=invoice, amount="٦٬٥٠٠", by=officer)
    receipt = IssuedDocument.objects.get(kind="payment_receipt")
    assert receipt.language == "ar"
    (tmp_path / "payment-receipt-ar.pdf").write_bytes(receipt.file.read())
    text = " ".join(pdf_text((tmp_path / "payment-receipt-ar.pdf").read_bytes(), tmp_path).split())
    assert "٦٬٥٠٠" in text and "الطب العام" in text and receipt.number in text


def test_a_receipt_is_verified_on_the_public_page(client, applicant, officer, run_on_commit):
    invoice = tuition(accepted(applicant), officer)
    with run_on_commit(execute=True):
        fees.payment_confirm(invoice=invoice, amount="6500", by=officer)
    receipt = IssuedDocument.objects.get(kind="payment_receipt")
    page = client.get(f"/en/verify/{receipt.code}/").content.decode()
    assert "This document is valid." in page
    assert "Receipt of payment" in page and receipt.number in page and "Zahraa Jaber" in page


def test_the_applicant_uploads_a_transfer_the_office_hears_and_confirms_it(
    client, applicant, officer, run_on_commit
):
    application = accepted(applicant)
    invoice = tuition(application, officer)
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    assert "Tuition: 6,500 US dollars" in page and "Send the receipt" in page
    url = f"/en/students/my/invoices/{invoice.pk}/transfers/"
    not_a_receipt = io.BytesIO(b"<html>not a receipt</html>")
    not_a_receipt.name = "receipt.pdf"
    response = client.post(url, {f"invoice-{invoice.pk}-file": not_a_receipt}, follow=True)
    assert "Upload a PDF, JPEG or PNG file." in response.content.decode()
    assert not invoice.transfers.exists()
    response = client.post(
        url, {f"invoice-{invoice.pk}-file": pdf("bank.pdf"), f"invoice-{invoice.pk}-note": "Sent"}
    )
    assert response.status_code == 302
    transfer = invoice.transfers.get()
    assert not transfer.confirmed
    assert OutgoingMail.objects.filter(
        to=officer.email, subject__contains=application.reference
    ).exists()
    client.force_login(officer)
    waiting = client.get("/en/students/finance/?waiting=students.transfers").content.decode()
    assert f"/students/invoices/{invoice.pk}/" in waiting
    confirm = f"/en/students/invoices/{invoice.pk}/payments/"
    refused = client.post(confirm, {"transfer": transfer.pk, "amount": "abc"})
    assert refused.status_code == 400
    assert 'value="abc"' in refused.content.decode()  # what was typed is kept
    assert "Enter the amount as a number" in refused.content.decode()
    with run_on_commit(execute=True):
        client.post(confirm, {"transfer": transfer.pk, "amount": "6500"})
    invoice.refresh_from_db()
    assert invoice.status == "paid" and invoice.payments.get().transfer == transfer
    transfer.refresh_from_db()
    assert transfer.confirmed
    waiting = client.get("/en/students/finance/?waiting=students.transfers").content.decode()
    assert f"/students/invoices/{invoice.pk}/" not in waiting
    client.force_login(applicant)
    page = client.get(f"/en/students/my/{application.pk}/").content.decode()
    receipt = IssuedDocument.objects.get(kind="payment_receipt")
    assert receipt.number in page and "Send the receipt" not in page


def test_the_transfers_a_payment_confirmed_before_the_flag_are_marked_confirmed(applicant, officer):
    """Migration 0021 marks the transfers that a payment already confirms, and only them."""
    invoice = tuition(accepted(applicant), officer)
    receipt = {"kind": "pdf", "original_name": "r.pdf", "size": 1, "uploaded_by": applicant}
    answered, waiting = (
        Transfer.objects.create(invoice=invoice, file=f"t/{n}.pdf", **receipt) for n in (1, 2)
    )
    Payment.objects.create(invoice=invoice, amount=10, confirmed_by=officer, transfer=answered)
    migration = importlib.import_module("students.migrations.0021_transfer_confirmed")
    migration.mark_confirmed(django_apps, None)
    answered.refresh_from_db()
    waiting.refresh_from_db()
    assert answered.confirmed and not waiting.confirmed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_finds_the_transfers_to_confirm_in_their_own_index(officer):
    """The desk's queue reads the unconfirmed transfers alone (at ×100, 1.97 → 0.1 ms)."""
    assert "transfer_to_confirm" in plan(waiting_queues.get("students.transfers").rows_for(officer))


def test_a_transfer_sent_without_its_file_says_which_box_is_empty(client, applicant, officer):
    """The page the upload returns to shows the form afresh: the message names the box."""
    invoice = tuition(accepted(applicant), officer)
    client.force_login(applicant)
    response = client.post(
        f"/en/students/my/invoices/{invoice.pk}/transfers/",
        {f"invoice-{invoice.pk}-note": "Sent"},
        follow=True,
    )
    assert "The bank&#x27;s receipt of your transfer: This field is required." in (
        response.content.decode()
    )
    assert not invoice.transfers.exists()


def test_the_applicant_cannot_see_or_pay_another_applicants_invoice(
    client, applicant, officer, make_user
):
    invoice = tuition(accepted(applicant), officer)
    invoice.transfers.create(
        file=pdf(), kind="pdf", original_name="bank.pdf", size=9, uploaded_by=applicant
    )
    other = make_user("applicant")
    client.force_login(other)
    upload = client.post(
        f"/en/students/my/invoices/{invoice.pk}/transfers/", {f"invoice-{invoice.pk}-file": pdf()}
    )
    assert upload.status_code == 404
    transfer = invoice.transfers.get()
    assert client.get(f"/en/students/transfers/{transfer.pk}/").status_code == 404
    assert client.get(f"/en/students/invoices/{invoice.pk}/").status_code == 403
    assert invoice.transfers.count() == 1


def test_the_office_sees_every_invoice_and_an_applicant_only_their_own(
    applicant, officer, manager, make_user
):
    invoice = tuition(accepted(applicant), officer)
    other = make_user("applicant")
    for user in (officer, manager):
        assert list(Invoice.objects.visible_to(user)) == [invoice]
    assert list(Invoice.objects.visible_to(applicant)) == [invoice]
    assert not Invoice.objects.visible_to(other).exists()
    assert not Invoice.objects.visible_to(make_user("faculty")).exists()


def test_a_partial_scholarship_then_a_full_waiver_by_a_manager_with_reasons(
    client, applicant, officer, manager
):
    application = accepted(applicant)
    invoice = tuition(application, officer)
    with pytest.raises(ValidationError, match="Only an office manager"):
        fees.allowance_grant(invoice=invoice, amount="1000", reason="Merit", by=officer)
    client.force_login(manager)
    url = f"/en/students/invoices/{invoice.pk}/grants/"
    refused = client.post(url, {"amount": "1000", "reason": ""})
    assert refused.status_code == 400 and not invoice.allowances.exists()
    client.post(url, {"amount": "1000", "reason": "Merit scholarship"})
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance) == ("open", Decimal("5500"))
    with pytest.raises(ValidationError, match="not paid or waived yet"):
        workflow.move(application, "receive_fees", by=officer)
    with pytest.raises(ValidationError, match="Only an office manager"):
        workflow.move(invoice, "waive", by=officer, note="Hardship")
    workflow.move(invoice, "waive", by=manager, note="Hardship")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.balance, invoice.granted) == ("waived", 0, Decimal("6500"))
    assert list(invoice.allowances.values_list("reason", flat=True)) == [
        "Merit scholarship",
        "Hardship",
    ]
    workflow.move(application, "receive_fees", by=officer)


def test_invoices_come_from_the_schedule_once_and_in_their_stage(applicant, officer):
    application = complete_draft(applicant, make_program())
    application = workflow.move(application, "submit", by=applicant)
    with pytest.raises(ValidationError, match="no fee schedule"):
        fees.invoice_issue(application=application, kind="application_fee", by=officer)
    fee_schedule(application.program, currency="IRR", application_fee=25_000_000)
    with pytest.raises(ValidationError, match="once admitted"):
        tuition(application, officer)
    invoice = fees.invoice_issue(application=application, kind="application_fee", by=officer)
    assert (invoice.amount, invoice.currency) == (25_000_000, "IRR")
    with pytest.raises(ValidationError, match="already been asked for"):
        fees.invoice_issue(application=application, kind="application_fee", by=officer)
    with pytest.raises(ValidationError, match="Rials are whole numbers"):
        fees.payment_confirm(invoice=invoice, amount="100.5", by=officer)
    assert fees.money(invoice.amount, "IRR", "fa") == "۲۵٬۰۰۰٬۰۰۰ ریال ایران"


def test_enrolment_needs_the_ministrys_registration_code(applicant, officer):
    application = accepted(applicant)
    fees.payment_confirm(invoice=tuition(application, officer), amount="6500", by=officer)
    workflow.move(application, "receive_fees", by=officer)
    with pytest.raises(ValidationError, match="registration code"):
        workflow.move(application, "enroll", by=officer)
    Application.objects.filter(pk=application.pk).update(registration_code="14051234")
    workflow.move(application, "enroll", by=officer)


def test_managers_keep_the_fee_schedule_and_officers_only_read_it(client, officer, manager):
    program = make_program()
    client.force_login(officer)
    assert client.get("/en/students/manage/fees/new/").status_code == 403
    client.force_login(manager)
    data = {
        "program": program.pk,
        "intake": "۱۴۰۵",
        "currency": "EUR",
        "application_fee": "50",
        "deposit": "500",
        "tuition": "4,800",
        "tuition_period": "semester",
    }
    bad = client.post("/en/students/manage/fees/new/", {**data, "tuition": "lots"})
    assert bad.status_code == 400 and not FeeSchedule.objects.exists()
    negative = client.post("/en/students/manage/fees/new/", {**data, "deposit": "-5"})
    assert "No amount can be negative" in negative.content.decode()
    assert 'value="-5"' in negative.content.decode() and not FeeSchedule.objects.exists()
    assert client.post("/en/students/manage/fees/new/", data).status_code == 302
    schedule = FeeSchedule.objects.get()
    assert (schedule.intake, schedule.tuition, schedule.updated_by) == (1405, 4800, manager)
    client.force_login(officer)
    page = client.get("/en/students/manage/fees/").content.decode()
    assert "4,800 Euros per semester" in page


def test_the_finance_list_filters_sorts_and_exports(client, applicant, officer, make_user):
    paid = tuition(accepted(applicant), officer)
    fees.payment_confirm(invoice=paid, amount="1500", by=officer)
    other = tuition(accepted(make_user("applicant"), name_en="Dentistry"), officer)
    Invoice.objects.filter(pk=other.pk).update(due_on="2020-01-01")
    client.force_login(officer)
    page = client.get("/en/students/finance/?overdue=1").content.decode()
    assert f"/students/invoices/{other.pk}/" in page
    assert f"/students/invoices/{paid.pk}/" not in page
    page = client.get("/en/students/finance/?sort=balance").content.decode()
    assert page.index(f"/students/invoices/{paid.pk}/") < page.index(
        f"/students/invoices/{other.pk}/"
    )
    response = client.get("/en/students/finance/export/?format=xlsx&status=partly_paid")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][-3:] == ("Balance", "Due on", "Status")
    assert len(rows) == 2 and rows[1][-3] == 5000 and rows[1][-1] == "Partly paid"


def test_the_finance_list_makes_as_many_queries_for_5_and_500_invoices(client, officer):
    from intlaffairs.models import User

    program = make_program()
    fee_schedule(program)

    def add(n: int) -> None:
        people = User.objects.bulk_create(
            User(email=f"p{Invoice.objects.count()}-{i}@example.org", full_name="P")
            for i in range(n)
        )
        applications = Application.objects.bulk_create(
            Application(
                applicant=person,
                program=program,
                stage=Stage.OFFER_ACCEPTED,
                reference=f"KUMS-1405-{person.pk:05d}",
                given_name="Sara",
                family_name="Ali",
            )
            for person in people
        )
        Invoice.objects.bulk_create(
            Invoice(application=a, kind="tuition", amount=6500, currency="USD", due_on="2030-1-1")
            for a in applications
        )

    def count() -> int:
        warm(client, "/en/students/finance/?sort=-balance")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/students/finance/?sort=-balance").status_code == 200
        return len(captured)

    client.force_login(officer)
    add(5)
    five = count()
    add(495)
    assert count() == five


def test_the_ministrys_export_is_in_persian_whatever_the_page(client, applicant, officer):
    application = accepted(applicant)
    Application.objects.filter(pk=application.pk).update(
        stage=Stage.ENROLLED, registration_code="14051234"
    )
    client.force_login(officer)
    response = client.get("/en/students/finance/ministry/")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = list(sheet.values)
    assert "ملیت" in header and "جنسیت" in header
    assert "14051234" in row and "عراق" in row and "زن" in row and "ثبت‌نام‌شده" in row


def test_invoices_keep_their_graph_and_their_people(applicant, officer, manager, monkeypatch):
    """Random walks: payments by the office (a part, or the whole balance), a waiver or a
    cancellation by a manager, never by the applicant."""
    sample = workflow_properties.sample_data
    amounts = {"pay_part": "1", "pay_in_full": ""}

    def sample_data(transition):
        data = sample(transition)
        if transition.name in amounts:
            data["amount"] = amounts[transition.name]
        return data

    monkeypatch.setattr(workflow_properties, "sample_data", sample_data)
    application = accepted(applicant)
    check_workflow(
        INVOICE,
        make_record=lambda: tuition(application, officer),
        people=[applicant, officer, manager],
        max_examples=15,
        steps=6,
    )
