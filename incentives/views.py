"""Language certificates: a faculty member records theirs, office staff verify them and search
the registry of who is proficient in English, with counts by unit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intlaffairs.access import OFFICE_ROLES, roles_required
from intlaffairs.roles import Role
from intlaffairs.uploads import CONTENT_TYPES, file_response

from . import services
from .forms import CertificateForm, ClaimForm, ClaimStepForm, PolicyForm, RegistryFilter
from .models import Certificate, Claim, Policy, Unit

FACULTY = Role.FACULTY
PAGE_SIZE = 25


def certificates_for(user):
    certificates = Certificate.objects.select_related(
        "person", "person__profile__unit", "verified_by"
    )
    return certificates if user.is_office_staff else certificates.filter(person=user)


@roles_required(*OFFICE_ROLES, FACULTY)
def certificate_list(request):
    """The registry for office staff; a faculty member's own certificates for them."""
    certificates = certificates_for(request.user)
    filters = RegistryFilter(request.GET or None)
    by_unit = []
    if request.user.is_office_staff and filters.is_valid():
        data = filters.cleaned_data
        if data["unit"]:
            certificates = certificates.filter(person__profile__unit=data["unit"])
        if data["test"]:
            certificates = certificates.filter(test=data["test"])
        if data["minimum"] is not None:
            certificates = certificates.filter(overall__gte=data["minimum"])
        if data["verified"]:
            certificates = certificates.filter(verified_at__isnull=False)
    if request.user.is_office_staff:
        counts = (
            certificates.values("person__profile__unit")
            .annotate(people=Count("person", distinct=True))
            .order_by("-people")
        )
        # Unit names are translated fields: read them from the objects, in the page's language.
        units = Unit.objects.in_bulk([row["person__profile__unit"] for row in counts])
        by_unit = [(units.get(row["person__profile__unit"]), row["people"]) for row in counts]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "incentives/certificate_list.html",
        {
            "page": Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page")),
            "filters": filters,
            "by_unit": by_unit,
            "query_string": params.urlencode(),
        },
    )


@roles_required(*OFFICE_ROLES, FACULTY)
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


@roles_required(*OFFICE_ROLES, FACULTY, scoped=(FACULTY,))
def certificate_detail(request, pk: int):
    certificate = get_object_or_404(certificates_for(request.user), pk=pk)
    return render(request, "incentives/certificate_detail.html", {"certificate": certificate})


@roles_required(*OFFICE_ROLES, FACULTY, scoped=(FACULTY,))
def certificate_file(request, pk: int):
    certificate = get_object_or_404(certificates_for(request.user), pk=pk)
    extension = certificate.file.name.rsplit(".", 1)[-1]
    kind = {"jpg": "jpeg"}.get(extension, extension)
    return file_response(
        certificate.file,
        filename=f"certificate-{certificate.pk}.{extension}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def certificate_verify(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        services.certificate_verify(certificate=certificate, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The certificate has been verified."))
    return redirect(certificate)


# --- Reimbursement claims

MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)


def claims_for(user):
    claims = Claim.objects.select_related("claimant", "certificate")
    return claims if user.is_office_staff else claims.filter(claimant=user)


def _step_choices(claim, user) -> list[tuple[str, str]]:
    return [
        (status, Claim.Status(status).label)
        for status, (sources, roles) in services.STEPS.items()
        if claim.status in sources and user.has_role(*roles) and claim.claimant_id != user.pk
    ]


@roles_required(*OFFICE_ROLES, FACULTY)
def claim_list(request):
    claims = claims_for(request.user)
    if (status := request.GET.get("status")) in Claim.Status.values:
        claims = claims.filter(status=status)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "incentives/claim_list.html",
        {
            "page": Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page")),
            "status": status,
            "statuses": Claim.Status.choices,
            "query_string": params.urlencode(),
            "policy": Policy.current(),
            "can_edit_policy": request.user.has_role(*MANAGERS),
        },
    )


@roles_required(FACULTY)
def claim_create(request):
    form = ClaimForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_submit(
                claim=form.save(commit=False), upload=form.cleaned_data["upload"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your claim has been submitted."))
            return redirect(claim)
    return render(request, "incentives/claim_form.html", {"form": form, "policy": Policy.current()})


@roles_required(*OFFICE_ROLES, FACULTY, scoped=(FACULTY,))
def claim_detail(request, pk: int):
    claim = get_object_or_404(claims_for(request.user), pk=pk)
    choices = _step_choices(claim, request.user)
    return render(
        request,
        "incentives/claim_detail.html",
        {
            "claim": claim,
            "steps": claim.steps.select_related("by"),
            "step_form": ClaimStepForm(choices=choices) if choices else None,
        },
    )


@roles_required(*OFFICE_ROLES, FACULTY, scoped=(FACULTY,))
def claim_receipt(request, pk: int):
    claim = get_object_or_404(claims_for(request.user), pk=pk)
    extension = claim.receipt.name.rsplit(".", 1)[-1]
    kind = {"jpg": "jpeg"}.get(extension, extension)
    return file_response(
        claim.receipt,
        filename=f"receipts-{claim.pk}.{extension}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def claim_step(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    form = ClaimStepForm(request.POST, choices=_step_choices(claim, request.user))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose one of the steps offered."))
        services.claim_advance(
            claim=claim,
            to_status=form.cleaned_data["to_status"],
            by=request.user,
            note=form.cleaned_data["note"],
            paid_on=form.cleaned_data["paid_on"],
            reference=form.cleaned_data["reference"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The claim has moved on; the claimant has been told."))
    return redirect(claim)


@roles_required(*MANAGERS)
def policy_edit(request):
    form = PolicyForm(request.POST or None, instance=Policy.current())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The policy has been saved."))
        return redirect("incentives:claim_list")
    return render(request, "incentives/policy_form.html", {"form": form})
