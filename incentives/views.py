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
from .forms import CertificateForm, RegistryFilter
from .models import Certificate, Unit

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
