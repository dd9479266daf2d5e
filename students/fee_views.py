"""Fee pages (students/fees.py): the fee schedules (managers keep them), the finance list and an
invoice's page (the office), the applicant's transfer receipts, and the ministry's list of
foreign students.

Invoices are reached through their application's scope: an applicant reaches only their own
(anyone else's is a 404), the office every submitted application's.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlaffairs.access import OFFICE_ROLES, roles_required
from intlaffairs.editing import form_errors
from intlaffairs.paging import paginate
from intlaffairs.roles import Role
from intlaffairs.spreadsheets import Column, ListExport, export_rows, export_view, xlsx_response
from intlaffairs.uploads import file_response

from . import fees
from .filters import InvoiceFilter
from .forms import (
    AllowanceForm,
    FeeScheduleForm,
    InvoiceIssueForm,
    PaymentConfirmForm,
    TransferForm,
)
from .models import Application, FeeSchedule, Invoice, Transfer

APPLICANT = Role.APPLICANT
MANAGERS = fees.MANAGERS


# --- Fee schedules


@roles_required(*OFFICE_ROLES)
def fee_schedule_list(request):
    schedules = FeeSchedule.objects.visible_to(request.user).select_related("program")
    return render(
        request,
        "students/fee_schedule_list.html",
        {
            **paginate(request, schedules.order_by("-intake", "program__name", "pk")),
            "can_edit": request.user.has_role(*MANAGERS),
        },
    )


@roles_required(*MANAGERS)
def fee_schedule_edit(request, pk: int | None = None):
    schedule = (
        get_object_or_404(FeeSchedule.objects.visible_to(request.user), pk=pk) if pk else None
    )
    form = FeeScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        schedule = form.save(commit=False)
        schedule.updated_by = request.user
        schedule.save()
        messages.success(request, _("The fee schedule has been saved."))
        return redirect("students:fee_schedule_list")
    return render(
        request,
        "record_form.html",
        {
            "form": form,
            "title": _("Fee schedule"),
            "back": reverse("students:fee_schedule_list"),
            "section": _("Fees"),
        },
        status=400 if request.method == "POST" else 200,
    )


# --- The finance list


def _invoices_for(user):
    return (
        Invoice.objects.visible_to(user)
        .with_balance()
        .select_related("application__program")
        .order_by("due_on", "pk")
    )


INVOICES = ListExport(
    filename="invoices",
    title=gettext_lazy("Invoices"),
    filterset=InvoiceFilter,
    rows=lambda request: _invoices_for(request.user),
    columns=[
        Column("application__reference"),
        Column("application__given_name"),
        Column("application__family_name"),
        Column("application__program"),
        Column("kind"),
        Column("currency"),
        Column("amount"),
        Column("paid"),
        Column("granted"),
        Column(label=gettext_lazy("Balance"), value="balance_due"),
        Column("due_on"),
        Column("status"),
    ],
    list_url="students:invoice_list",
)


@roles_required(*OFFICE_ROLES)
def invoice_list(request):
    return render(
        request,
        "students/invoice_list.html",
        {**INVOICES.page(request), "today": timezone.localdate()},
    )


invoice_list_export = export_view(INVOICES, *OFFICE_ROLES)


# --- An invoice (the office)


def _office_invoice(request, pk: int) -> Invoice:
    return get_object_or_404(
        Invoice.objects.visible_to(request.user).select_related(
            "application__program", "application__applicant"
        ),
        pk=pk,
    )


def _invoice_page(request, invoice: Invoice, *, confirm=None, grant=None, status=200):
    payments = list(invoice.payments.select_related("confirmed_by", "transfer"))
    receipts = fees.receipts_of(payments, request.user)
    for payment in payments:
        payment.receipt = receipts.get(payment.pk)
    transfers = list(invoice.transfers.all())
    prefetch_related_objects(transfers, "payment")
    return render(
        request,
        "students/invoice_detail.html",
        {
            "invoice": invoice,
            "application": invoice.application,
            "payments": payments,
            "transfers": transfers,
            "allowances": invoice.allowances.select_related("granted_by"),
            "confirm_form": confirm or PaymentConfirmForm(),
            "grant_form": (grant or AllowanceForm())
            if request.user.has_role(*MANAGERS) and invoice.is_standing
            else None,
            "overdue": invoice.is_overdue(),
        },
        status=status,
    )


@roles_required(*OFFICE_ROLES)
def invoice_detail(request, pk: int):
    return _invoice_page(request, _office_invoice(request, pk))


@roles_required(*OFFICE_ROLES, post_only=True)
def invoice_issue(request, pk: int):
    """Issue an invoice from the program's fee schedule, from the application's page."""
    application = get_object_or_404(Application.objects.visible_to(request.user), pk=pk)
    form = InvoiceIssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(application)
    try:
        invoice = fees.invoice_issue(
            application=application,
            kind=form.cleaned_data["kind"],
            due_on=form.cleaned_data["due_on"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(application)
    messages.success(request, _("The invoice has been issued and the applicant told."))
    return redirect(invoice)


@roles_required(*OFFICE_ROLES, post_only=True)
def payment_confirm(request, pk: int):
    """Confirm what was received, for one uploaded transfer (`transfer`) or at the desk."""
    invoice = _office_invoice(request, pk)
    form = PaymentConfirmForm(request.POST)
    transfer = None
    if transfer_id := request.POST.get("transfer", ""):
        transfer = get_object_or_404(Transfer.objects.filter(invoice=invoice), pk=transfer_id)
    if form.is_valid():
        try:
            payment = fees.payment_confirm(
                invoice=invoice,
                amount=form.cleaned_data["amount"],
                transfer=transfer,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("amount", error)
        else:
            messages.success(
                request,
                _("%(amount)s has been recorded; the receipt is being issued.")
                % {"amount": fees.money(payment.amount, invoice.currency)},
            )
            return redirect(invoice)
    messages.error(request, _("Please correct the errors below; nothing was saved."))
    return _invoice_page(request, invoice, confirm=form, status=400)


@roles_required(*MANAGERS, post_only=True)
def allowance_grant(request, pk: int):
    invoice = _office_invoice(request, pk)
    form = AllowanceForm(request.POST)
    if form.is_valid():
        try:
            fees.allowance_grant(
                invoice=invoice,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("amount", error)
        else:
            messages.success(request, _("The waiver or scholarship has been granted."))
            return redirect(invoice)
    messages.error(request, _("Please correct the errors below; nothing was saved."))
    return _invoice_page(request, invoice, grant=form, status=400)


# --- The applicant's transfers


@roles_required(APPLICANT, post_only=True)
def transfer_upload(request, pk: int):
    """The applicant uploads the bank's receipt for their own invoice (another's is a 404)."""
    invoice = get_object_or_404(
        Invoice.objects.filter(application__applicant=request.user).select_related("application"),
        pk=pk,
    )
    form = TransferForm(request.POST, request.FILES, prefix=f"invoice-{invoice.pk}")
    back = reverse("students:my_application", args=[invoice.application_id])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(f"{back}#invoices")
    try:
        fees.transfer_add(
            invoice=invoice,
            upload=form.cleaned_data["file"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Your receipt has been sent; the office will confirm the payment.")
        )
    return redirect(f"{back}#invoices")


@roles_required(APPLICANT, *OFFICE_ROLES, scoped=(APPLICANT,))
def transfer_download(request, pk: int):
    transfer = get_object_or_404(
        Transfer.objects.visible_to(request.user).select_related("invoice__application"), pk=pk
    )
    return file_response(transfer.file, name=transfer.download_name)


def applicant_invoices(application: Application, user) -> list[dict]:
    """The application's invoices as its applicant sees them: each with its payments, their
    receipts, the transfers sent and whether another may be sent."""
    invoices = list(application.invoices.exclude(status=Invoice.Status.CANCELLED))
    prefetch_related_objects(invoices, "payments", "transfers__payment")
    payments = [payment for invoice in invoices for payment in invoice.payments.all()]
    receipts = fees.receipts_of(payments, user)
    return [
        {
            "invoice": invoice,
            "payments": [(payment, receipts.get(payment.pk)) for payment in invoice.payments.all()],
            "transfers": invoice.transfers.all(),
            "form": TransferForm(prefix=f"invoice-{invoice.pk}")
            if fees.can_upload_transfer(invoice)
            else None,
        }
        for invoice in invoices
    ]


# --- The ministry's list of foreign students

MINISTRY_COLUMNS = [
    Column("reference"),
    Column("registration_code"),
    Column("given_name"),
    Column("family_name"),
    Column("passport_number"),
    Column("nationality"),
    Column("program"),
    Column("program__degree"),
    Column("sex", label=gettext_lazy("Gender")),
    Column("stage"),
    Column("program__intake"),
    Column(label=gettext_lazy("Year of study"), value="year_of_study"),
]


@roles_required(Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER)
def ministry_export(request):
    """The foreign students (admitted to enrolled) as the ministry asks for them, as XLSX with
    the headers and labels in the office's language, whatever the page's."""
    with fees.office_language():
        return xlsx_response(
            export_rows(fees.ministry_students(), MINISTRY_COLUMNS),
            "foreign-students",
            _("Foreign students"),
        )
