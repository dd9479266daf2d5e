"""Language certificates: a faculty member records theirs, office staff verify them and search
the registry of who is proficient in English, with counts by unit."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement
from intlaffairs import documents, held_uploads, jalali
from intlaffairs.access import OFFICE_ROLES, roles_required
from intlaffairs.models import IssuedDocument, Unit, User
from intlaffairs.paging import paginate
from intlaffairs.query import year_or_404
from intlaffairs.roles import Role
from intlaffairs.spreadsheets import Column, ListExport, export_view
from intlaffairs.uploads import file_response

from . import points, services
from .filters import CertificateFilter, ClaimFilter, PointsFilter
from .forms import (
    AdjustmentForm,
    CertificateForm,
    ClaimForm,
    PolicyForm,
    WeightsForm,
)
from .models import Certificate, Claim, PointAdjustment, PointWeight, Policy

FACULTY = Role.FACULTY
# Professors and students (student mentors are the university's own students) claim IELTS fees.
CLAIMANTS = (Role.FACULTY, Role.MENTOR)


def certificates_for(user):
    return Certificate.objects.visible_to(user).select_related("person", "person__profile__unit")


@roles_required(*OFFICE_ROLES, *CLAIMANTS)
def certificate_list(request):
    """The registry for office staff; a faculty member's own certificates for them."""
    # Only office staff have the registry's filters; a claimant sees all of their own.
    filters = CertificateFilter(
        request.GET if request.user.is_office_staff else None,
        queryset=certificates_for(request.user),
        request=request,
    )
    certificates = filters.qs
    by_unit = []
    if request.user.is_office_staff:
        counts = (
            certificates.values("person__profile__unit")
            .annotate(people=Count("person", distinct=True))
            .order_by("-people")
        )
        # Unit names are translated fields: read them from the objects, in the page's language.
        units = Unit.objects.in_bulk([row["person__profile__unit"] for row in counts])
        by_unit = [(units.get(row["person__profile__unit"]), row["people"]) for row in counts]
    return render(
        request,
        "incentives/certificate_list.html",
        {**paginate(request, certificates), "filter": filters, "by_unit": by_unit},
    )


@roles_required(*OFFICE_ROLES, *CLAIMANTS)
def certificate_create(request):
    form = CertificateForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = services.certificate_add(
                certificate=form.save(commit=False),
                upload=form.cleaned_data["upload"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("upload" if not hasattr(error, "error_dict") else None, error)
        else:
            messages.success(request, _("The certificate has been recorded."))
            return redirect(certificate)
    return render(request, "incentives/certificate_form.html", {"form": form})


@roles_required(*OFFICE_ROLES, *CLAIMANTS, scoped=CLAIMANTS)
def certificate_detail(request, pk: int):
    certificate = get_object_or_404(certificates_for(request.user), pk=pk)
    return render(request, "incentives/certificate_detail.html", {"certificate": certificate})


@roles_required(*OFFICE_ROLES, *CLAIMANTS, scoped=CLAIMANTS)
def certificate_file(request, pk: int):
    certificate = get_object_or_404(certificates_for(request.user), pk=pk)
    return file_response(certificate.file, name=f"certificate-{certificate.pk}")


# --- Reimbursement claims

MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)


def claims_for(user):
    return Claim.objects.visible_to(user).select_related("claimant", "certificate")


CLAIMS = ListExport(
    filename="reimbursement-claims",
    title=gettext_lazy("Reimbursement claims"),
    filterset=ClaimFilter,
    rows=lambda request: claims_for(request.user),
    columns=[
        Column("claimant"),
        Column("certificate"),
        Column("course_fee"),
        Column("exam_fee"),
        Column("status"),
        Column("paid_on"),
        Column("payment_reference"),
        Column("created_at"),
    ],
    list_url="incentives:claim_list",
)


@roles_required(*OFFICE_ROLES, *CLAIMANTS)
def claim_list(request):
    listed = CLAIMS.page(request)
    return render(
        request,
        "incentives/claim_list.html",
        {
            **listed,
            "status": listed["filter"].form.cleaned_data.get("status"),
            "statuses": Claim.Status.choices,
            "policy": Policy.current(),
            "can_edit_policy": request.user.has_role(*MANAGERS),
        },
    )


claim_list_export = export_view(CLAIMS, *OFFICE_ROLES, *CLAIMANTS)


@roles_required(*CLAIMANTS)
def claim_create(request):
    # A receipt chosen before the form was refused is held, so it need not be chosen again.
    token = request.POST.get("held_receipt", "")
    held = held_uploads.held_file(request.session, token)
    form = ClaimForm(request.POST or None, request.FILES or None, user=request.user, held=held)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_submit(
                claim=form.save(commit=False), upload=form.cleaned_data["upload"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            held_uploads.release(request.session, token)
            messages.success(request, _("Your claim has been submitted."))
            return redirect(claim)
    if request.method == "POST":
        token = held_uploads.keep(request.session, token, request.FILES.get("upload"))
    return render(
        request,
        "incentives/claim_form.html",
        {
            "form": form,
            "policy": Policy.current(),
            "held_token": token,
            "held_name": held_uploads.held_name(request.session, token),
        },
    )


@roles_required(*OFFICE_ROLES, *CLAIMANTS, scoped=CLAIMANTS)
def claim_detail(request, pk: int):
    claim = get_object_or_404(claims_for(request.user), pk=pk)
    cap = Policy.current().course_fee_cap
    return render(
        request,
        "incentives/claim_detail.html",
        {
            "claim": claim,
            "cap": cap,
            "payable_course_fee": claim.payable_course_fee(cap),
            "payable": claim.payable(cap),
        },
    )


@roles_required(*OFFICE_ROLES, *CLAIMANTS, scoped=CLAIMANTS)
def claim_receipt(request, pk: int):
    claim = get_object_or_404(claims_for(request.user), pk=pk)
    return file_response(claim.receipt, name=f"receipts-{claim.pk}")


@roles_required(*MANAGERS)
def policy_edit(request):
    form = PolicyForm(request.POST or None, instance=Policy.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The policy has been saved."))
        return redirect("incentives:claim_list")
    return render(request, "incentives/policy_form.html", {"form": form})


# --- Promotion points


@roles_required(*OFFICE_ROLES, FACULTY)
def points_list(request):
    people = (
        User.objects.filter(groups__name=Role.FACULTY, is_active=True)
        .select_related("profile__unit")
        .order_by("email")
        .distinct()
    )
    if not request.user.is_office_staff:
        people = people.filter(pk=request.user.pk)  # a faculty member sees their own line
    filters = PointsFilter(request.GET, queryset=people, request=request)
    people, year = filters.qs, filters.academic_year
    scores = points.totals(people, year)
    rows = sorted(
        ((person, scores.get(person.pk, Decimal(0))) for person in people),
        key=lambda row: (-row[1], row[0].email),
    )
    return render(
        request,
        "incentives/points_list.html",
        {
            "rows": rows,
            "year": year,
            "filter": filters,
            "weights": [
                (Agreement.Type(kind).label, value) for kind, value in points.weights().items()
            ],
            "can_manage": request.user.has_role(*MANAGERS),
        },
    )


@roles_required(*OFFICE_ROLES, FACULTY, scoped=(FACULTY,))
def points_statement(request, pk: int, year: int):
    year_or_404(year)
    people = (
        User.objects.all()
        if request.user.is_office_staff
        else User.objects.filter(pk=request.user.pk)
    )
    person = get_object_or_404(people, pk=pk)
    return render(
        request,
        "incentives/points_statement.html",
        {
            "statement": points.statement(person, year),
            "year_label": jalali.academic_year_label(year),
            "adjustment_form": AdjustmentForm() if request.user.has_role(*MANAGERS) else None,
            "can_report": request.user.has_role(*MANAGERS),
            "issued": IssuedDocument.objects.visible_to(request.user)
            .about(person)
            .valid()
            .filter(kind=IssuedDocument.Kind.POINTS_STATEMENT, scope=str(year))
            .first(),
        },
    )


@roles_required(*MANAGERS, post_only=True)
def points_adjust(request, pk: int, year: int):
    year_or_404(year)
    person = get_object_or_404(User, pk=pk)
    form = AdjustmentForm(request.POST)
    if form.is_valid():
        PointAdjustment.objects.create(
            person=person, academic_year=year, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("The adjustment has been recorded."))
    else:
        messages.error(request, _("Enter the points and the reason."))
    return redirect("incentives:points_statement", pk=pk, year=year)


@roles_required(*MANAGERS, post_only=True)
def points_statement_pdf(request, pk: int, year: int):
    """Issue the year's statement as a document of record, or issue it again ("reissue": the
    points changed since), in the manager's language."""
    year_or_404(year)
    person = get_object_or_404(User, pk=pk)
    document = documents.document_issue(
        kind=IssuedDocument.Kind.POINTS_STATEMENT,
        record=person,
        scope=str(year),
        language=request.LANGUAGE_CODE,
        by=request.user,
        reissue=bool(request.POST.get("reissue")),
    )
    messages.success(request, _("Statement %(number)s is ready.") % {"number": document.number})
    return redirect("incentives:points_statement", pk=pk, year=year)


@roles_required(*MANAGERS)
def weights_edit(request):
    form = WeightsForm(request.POST or None, initial=points.weights())
    if request.method == "POST" and form.is_valid():
        for kind, value in form.cleaned_data.items():
            PointWeight.objects.update_or_create(agreement_type=kind, defaults={"points": value})
        messages.success(request, _("The weights have been saved."))
        return redirect("incentives:points_list")
    return render(request, "incentives/weights_form.html", {"form": form})


# --- Exports of the lists (intlaffairs.spreadsheets)

certificate_list_export = export_view(
    ListExport(
        filename="language-certificates",
        title=gettext_lazy("Language certificates"),
        filterset=CertificateFilter,
        rows=lambda request: certificates_for(request.user),
        columns=[
            Column("person"),
            Column("person__profile__unit"),
            Column("test"),
            Column("overall"),
            Column("listening"),
            Column("reading"),
            Column("writing"),
            Column("speaking"),
            Column("taken_on"),
            Column("trf_number"),
            Column("status"),
        ],
        list_url="incentives:certificate_list",
    ),
    *OFFICE_ROLES,
    *CLAIMANTS,
)
