"""Fees: invoices issued from a program's fee schedule, bank transfers the applicant uploads,
payments the office confirms (each with a numbered receipt, a document of record), waivers and
scholarships the managers grant; and what the pipeline asks of them (the tuition paid or waived
before "tuition and originals received", the ministry's code before "enrolled").

International card payments do not reach Iran, so every payment is recorded offline: the
applicant uploads the bank's receipt, an officer confirms the amount that reached the account.
An invoice's state moves only through the workflow core (students/workflows.py: INVOICE);
the hooks it runs are here.
"""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intlaffairs import documents, jalali, workflow
from intlaffairs.models import IssuedDocument, User
from intlaffairs.numerals import format_amount, number_text
from intlaffairs.uploads import original_name, validate_document

from . import services
from .models import (
    Allowance,
    Application,
    Currency,
    FeeSchedule,
    Invoice,
    Payment,
    Stage,
    Transfer,
)

MANAGERS = services.MANAGERS
OFFICE = services.OFFICE
# How long the applicant has to pay when the office names no date.
DUE_DAYS = 30
# An invoice for the deposit or the tuition is issued once the applicant is admitted.
AFTER_ADMISSION = (Invoice.Kind.DEPOSIT, Invoice.Kind.TUITION)
# The stages in which a fee may still be asked for.
INVOICING_STAGES = {stage for stage in Stage.values if stage not in services.FINAL} - {Stage.DRAFT}


def decimals(currency: str, value=None) -> int:
    """Rials have no cents; dollars and euros show cents only when there are some."""
    if currency == Currency.IRR:
        return 0
    if value is not None and Decimal(value) == Decimal(value).to_integral_value():
        return 0
    return 2


def money(value, currency: str, language: str | None = None) -> str:
    """An amount with the language's grouping and digits, and its currency: "۶٬۵۰۰ دلار آمریکا"."""
    if value is None or value == "":
        return ""
    with translation.override(language or translation.get_language()):
        label = str(dict(Currency.choices).get(currency, currency))
    return f"{format_amount(value, decimals(currency, value), language)} {label}"


def amount_parse(text, currency: str) -> Decimal:
    """A typed amount (any digits, grouped or not) as a Decimal of the currency's precision;
    a translated error for anything else."""
    try:
        value = Decimal(number_text(str(text)))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Enter the amount as a number, e.g. 1250.")) from None
    if not value.is_finite() or value <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    places = 0 if currency == Currency.IRR else 2
    if value != value.quantize(Decimal(1).scaleb(-places)):
        if places == 0:
            raise ValidationError(_("Rials are whole numbers; enter the amount without decimals."))
        raise ValidationError(_("Enter the amount with at most two decimals."))
    return value.quantize(Decimal(1).scaleb(-places))


# --- The fee schedule


def schedule_for(application: Application) -> FeeSchedule | None:
    """The schedule of the application's program for the program's intake."""
    if application.program is None:
        return None
    return FeeSchedule.objects.filter(
        program=application.program, intake=application.program.intake
    ).first()


# --- Invoices


@transaction.atomic
def invoice_issue(
    *, application: Application, kind: str, by: User, due_on: date | None = None
) -> Invoice:
    """Ask the applicant for `kind` (application fee, deposit, tuition) as the program's
    schedule says, due on `due_on` (DUE_DAYS from today if not given)."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not by.has_role(*OFFICE):
        raise ValidationError(_("Only the office issues invoices."))
    if kind not in Invoice.Kind.values:
        raise ValidationError(_("Choose the fee to ask for."))
    if application.stage not in INVOICING_STAGES:
        raise ValidationError(_("No fee is asked for at the application's stage."))
    if kind in AFTER_ADMISSION and not application.is_admitted:
        raise ValidationError(_("The deposit and the tuition are asked for once admitted."))
    schedule = schedule_for(application)
    if schedule is None:
        raise ValidationError(
            _("The program has no fee schedule for its intake; a manager enters it first.")
        )
    amount = schedule.amount_for(kind)
    if not amount:
        raise ValidationError(_("The program's fee schedule asks for no such fee."))
    if application.invoices.exclude(status=Invoice.Status.CANCELLED).filter(kind=kind).exists():
        raise ValidationError(_("This fee has already been asked for; see its invoice."))
    today = timezone.localdate()
    due_on = due_on or today + timedelta(days=DUE_DAYS)
    if due_on < today:
        raise ValidationError(_("The due date cannot be in the past."))
    invoice = Invoice.objects.create(
        application=application,
        kind=kind,
        amount=amount,
        currency=schedule.currency,
        due_on=due_on,
        issued_by=by,
    )
    workflow.created(invoice, by=by)
    services.tell_applicant(application, "invoice_issued", invoice=invoice)
    return invoice


def standing_invoice(application: Application, kind: str) -> Invoice | None:
    return application.invoices.exclude(status=Invoice.Status.CANCELLED).filter(kind=kind).first()


# --- Transfers (the applicant's bank receipts)


def can_upload_transfer(invoice: Invoice) -> bool:
    return invoice.is_standing


@transaction.atomic
def transfer_add(*, invoice: Invoice, upload: UploadedFile, note: str = "", by: User) -> Transfer:
    """The applicant's bank-transfer receipt for their invoice, checked by content; the
    officers are told."""
    invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    application = invoice.application
    if application.applicant_id != by.pk:
        raise ValidationError(_("Only the applicant uploads their transfer receipts."))
    if not can_upload_transfer(invoice):
        raise ValidationError(_("This invoice is settled; nothing more is to be paid on it."))
    kind = validate_document(upload)
    transfer = Transfer.objects.create(
        invoice=invoice,
        file=upload,
        kind=kind,
        original_name=original_name(upload),
        size=upload.size,
        note=note.strip()[:300],
        uploaded_by=by,
    )
    services.tell_officers(application, "transfer_uploaded", invoice=invoice, transfer=transfer)
    return transfer


# --- Payments


@transaction.atomic
def payment_confirm(
    *, invoice: Invoice, amount, by: User, transfer: Transfer | None = None
) -> Payment:
    """Record `amount` as received on `invoice` (from `transfer`, if the applicant uploaded
    one): the invoice becomes partly paid or, once nothing is left, paid; a receipt is issued
    and the applicant is told."""
    invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    amount = amount_parse(amount, invoice.currency)
    if transfer is not None:
        transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
        if transfer.invoice_id != invoice.pk:
            raise ValidationError(_("This transfer receipt belongs to another invoice."))
        if Payment.objects.filter(transfer=transfer).exists():
            raise ValidationError(_("This transfer has already been confirmed."))
    name = "pay_in_full" if amount >= invoice.balance else "pay_part"
    invoice = workflow.move(invoice, name, by=by, amount=str(amount))
    payment = invoice.payments.order_by("-pk").first()
    if transfer is not None:
        payment.transfer = transfer
        payment.save(update_fields=["transfer"])
        transfer.confirmed = True
        transfer.save(update_fields=["confirmed"])
    return payment


def received(invoice: Invoice, change) -> None:
    """The move's `apply` for a payment: the amount checked against the balance, recorded as a
    Payment and added to what was paid."""
    balance = invoice.balance
    given = change.data.get("amount") or ""
    if not given and change.transition.target == Invoice.Status.PAID:
        given = balance  # "in full" with no amount: the whole balance
    amount = amount_parse(given, invoice.currency)
    if amount > balance:
        raise ValidationError(
            _("The amount is more than the balance of %(balance)s.")
            % {"balance": money(balance, invoice.currency)}
        )
    if change.transition.target == Invoice.Status.PAID and amount != balance:
        raise ValidationError(
            _("Paid in full means the whole balance, %(balance)s; record a part payment instead.")
            % {"balance": money(balance, invoice.currency)}
        )
    if change.transition.target == Invoice.Status.PARTLY_PAID and amount == balance:
        raise ValidationError(_("This amount settles the invoice; record it as paid in full."))
    invoice.paid += amount
    change.data["amount"] = str(amount)
    payment = Payment.objects.create(invoice=invoice, amount=amount, confirmed_by=change.by)
    change.data["payment"] = payment.pk


def tell_paid(invoice: Invoice, change) -> None:
    payment = Payment.objects.get(pk=change.data["payment"])
    services.tell_applicant(
        invoice.application, "payment_confirmed", invoice=invoice, payment=payment
    )


# A receipt is the payer's, not a letter to an authority: besides the letters' English and
# Persian it is written in Arabic, which most of the applicants who pay read.
RECEIPT_LANGUAGES = (*services.LETTER_LANGUAGES, "ar")


def payment_receipt_issue(*, payment_id: int) -> IssuedDocument:
    """The numbered receipt of a payment, in the applicant's language if receipts are written in
    it (else English). Issued once: asking again gives the valid one."""
    payment = Payment.objects.select_related("invoice__application__applicant").get(pk=payment_id)
    language = payment.invoice.application.applicant.preferred_language
    return documents.document_issue(
        kind=IssuedDocument.Kind.PAYMENT_RECEIPT,
        record=payment,
        language=language if language in RECEIPT_LANGUAGES else "en",
        by=None,
    )


def receipt_draft(payment: Payment, scope: str) -> documents.Draft:
    """How a receipt of payment is drawn, for the register of documents."""
    payment = Payment.objects.select_related(
        "invoice__application__program__unit", "invoice__application__applicant"
    ).get(pk=payment.pk)
    invoice = payment.invoice
    application = invoice.application
    # What was left once this payment was in (a later payment is not on this receipt).
    paid_so_far = sum(p.amount for p in invoice.payments.filter(pk__lte=payment.pk))
    return documents.Draft(
        template="students/pdf/payment_receipt.html",
        context={
            "payment": payment,
            "invoice": invoice,
            "application": application,
            "program": application.program,
            "amount": money(payment.amount, invoice.currency),
            "invoice_amount": money(invoice.amount, invoice.currency),
            "balance": money(invoice.amount - invoice.granted - paid_so_far, invoice.currency),
        },
        holder=application.applicant,
        holder_name=application.name_latin,
        holder_name_native=application.native_name,
    )


def receipts_of(payments, user) -> dict[int, IssuedDocument]:
    """The valid receipts of `payments` that `user` may open, by payment id (one query)."""
    from django.contrib.contenttypes.models import ContentType

    found = (
        IssuedDocument.objects.visible_to(user)
        .valid()
        .filter(
            kind=IssuedDocument.Kind.PAYMENT_RECEIPT,
            content_type=ContentType.objects.get_for_model(Payment),
            object_id__in=[payment.pk for payment in payments],
        )
    )
    return {document.object_id: document for document in found}


# --- Waivers and scholarships


def waived(invoice: Invoice, change) -> None:
    """The move's `apply` for a full waiver: the rest of the balance granted, with the reason."""
    rest = invoice.balance
    Allowance.objects.create(invoice=invoice, amount=rest, reason=change.note, granted_by=change.by)
    invoice.granted += rest


@transaction.atomic
def allowance_grant(*, invoice: Invoice, amount, reason: str, by: User) -> Allowance | None:
    """A manager's scholarship of `amount` on `invoice` with `reason`; one that covers the whole
    balance waives the invoice (returned as None: the waiver is its history row)."""
    invoice = Invoice.objects.select_for_update(of=("self",)).get(pk=invoice.pk)
    if not by.has_role(*MANAGERS):
        raise ValidationError(_("Only an office manager grants waivers and scholarships."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the waiver or scholarship."))
    if not invoice.is_standing:
        raise ValidationError(_("This invoice is settled; nothing more is to be paid on it."))
    amount = amount_parse(amount, invoice.currency)
    if amount > invoice.balance:
        raise ValidationError(
            _("The amount is more than the balance of %(balance)s.")
            % {"balance": money(invoice.balance, invoice.currency)}
        )
    if amount == invoice.balance:
        workflow.move(invoice, "waive", by=by, note=reason)
        return None
    allowance = Allowance.objects.create(
        invoice=invoice, amount=amount, reason=reason[:500], granted_by=by
    )
    invoice.granted += amount
    invoice.save(update_fields=["granted"])
    return allowance


# --- What the pipeline asks


def tuition_settled(application: Application, user) -> str | None:
    """The guard of "tuition and originals received": the tuition invoice paid or waived."""
    invoice = standing_invoice(application, Invoice.Kind.TUITION)
    if invoice is None:
        return _("Issue the tuition invoice first; it must be paid or waived.")
    if not invoice.is_settled:
        return _("The tuition invoice is not paid or waived yet: %(balance)s remains.") % {
            "balance": money(invoice.balance, invoice.currency)
        }
    return None


def registration_code_entered(application: Application, user) -> str | None:
    """The guard of "enrolled": the ministry's registration code of the foreign student."""
    if not application.registration_code:
        return _(
            "Enter the ministry's registration code (after-admission checklist) before enrolling."
        )
    return None


# --- The ministry's list of foreign students

# The stages of foreign students the ministry counts: admitted and on their way, or enrolled.
MINISTRY_STAGES = [Stage.ADMITTED, Stage.OFFER_ACCEPTED, Stage.FEES_RECEIVED, Stage.ENROLLED]


def ministry_students(today: date | None = None):
    """The foreign students the ministry's list names, each with `year_of_study`: an enrolled
    student's year in the program, counted from the intake (1 in its first academic year);
    none before enrolment."""
    year = jalali.academic_year(today or timezone.localdate())
    return (
        Application.objects.filter(stage__in=MINISTRY_STAGES)
        .annotate(
            year_of_study=Case(
                When(
                    stage=Stage.ENROLLED,
                    program__isnull=False,
                    then=Greatest(Value(1), Value(year + 1) - F("program__intake")),
                ),
                output_field=IntegerField(),
            )
        )
        .order_by("program__intake", "family_name", "given_name", "pk")
    )


def office_language():
    """The ministry's files are in the office's language."""
    from django.conf import settings

    return translation.override(settings.LANGUAGE_CODE)
