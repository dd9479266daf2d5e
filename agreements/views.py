"""Pages of the agreements app. Each view checks its role, fetches within the user's scope,
calls one service and redirects or renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intlaffairs import related, reports
from intlaffairs.access import OFFICE_ROLES, roles_required
from intlaffairs.concurrency import EditConflict
from intlaffairs.editing import add_to
from intlaffairs.imports import ListImport, import_view
from intlaffairs.normalize import filter_by_search
from intlaffairs.paging import paginate
from intlaffairs.roles import Role
from intlaffairs.spreadsheets import Column, ListExport, export_view

from . import charts, selectors, services
from .filters import INSTITUTION_SEARCH_FIELDS, AgreementFilter, InstitutionFilter
from .forms import (
    AgreementForm,
    ContactForm,
    InstitutionForm,
    InstitutionQuickForm,
    QuotaForm,
    SignedAgreementForm,
    SignedFileForm,
    partner_choices,
)
from .models import Agreement, Contact, Institution, Quota, SignedFile

FACULTY = Role.FACULTY


def _agreements_for(user):
    return (
        Agreement.objects.visible_to(user)
        .select_related("owner")
        .prefetch_related(Prefetch("partners", queryset=Institution.objects.order_by("name")))
    )


def get_agreement_for_user(user, pk: int) -> Agreement:
    """The agreement if `user` may see it; 404 otherwise, so its existence is not revealed."""
    return get_object_or_404(_agreements_for(user), pk=pk)


# --- Institutions


def _institutions_for(user):
    return (
        Institution.objects.visible_to(user)
        .annotate(agreement_count=Count("agreements"))
        .order_by("name")
    )


INSTITUTION_COLUMNS = [
    Column("name"),
    Column("country"),
    Column("city"),
    Column("kind"),
    Column("website"),
    Column(label=gettext_lazy("Agreements"), value="agreement_count"),
]

INSTITUTIONS = ListExport(
    filename="institutions",
    title=gettext_lazy("Institutions"),
    filterset=InstitutionFilter,
    rows=lambda request: _institutions_for(request.user),
    columns=INSTITUTION_COLUMNS,
    list_url="agreements:institution_list",
)


@roles_required(*OFFICE_ROLES)
def institution_list(request):
    return render(request, "agreements/institution_list.html", INSTITUTIONS.page(request))


institution_list_export = export_view(INSTITUTIONS, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES)
def institution_detail(request, pk: int):
    institution = get_object_or_404(Institution.objects.visible_to(request.user), pk=pk)
    agreements = _agreements_for(request.user).filter(partners=institution)
    return render(
        request,
        "agreements/institution_detail.html",
        {
            "institution": institution,
            "agreements": agreements,
            "contacts": institution.contacts.all(),
            "contact_form": ContactForm(),
            "related_sections": related.sections_for(request.user, institution),
        },
    )


@roles_required(*OFFICE_ROLES)
def institution_edit(request, pk: int | None = None):
    institution = (
        get_object_or_404(Institution.objects.visible_to(request.user), pk=pk) if pk else None
    )
    form = InstitutionForm(request.POST or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        institution = form.save()
        messages.success(request, _("The institution has been saved."))
        return redirect(institution)
    return render(
        request, "agreements/institution_form.html", {"form": form, "institution": institution}
    )


# How many institutions the partner picker offers for what is typed.
PICKER_RESULTS = 20


def _picker_option(institution: Institution) -> dict:
    return {"value": str(institution.pk), "text": str(institution)}


@roles_required(*OFFICE_ROLES, FACULTY)
def institution_search(request):
    """The partner picker's options for `?q=`: the first institutions whose name (in any
    language) or city holds every word, normalized as every search of the portal; JSON."""
    found = filter_by_search(
        partner_choices(), request.GET.get("q", ""), INSTITUTION_SEARCH_FIELDS
    )[:PICKER_RESULTS]
    return JsonResponse({"results": [_picker_option(institution) for institution in found]})


@roles_required(*OFFICE_ROLES, post_only=True)
def institution_quick_add(request):
    """A missing institution added from the picker's dialog: the new option (201), or the
    translated reasons by field (400), nothing saved."""
    form = InstitutionQuickForm(request.POST, prefix="institution")
    if not form.is_valid():
        errors = {
            field: [error["message"] for error in field_errors]
            for field, field_errors in form.errors.get_json_data().items()
        }
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse(_picker_option(form.save()), status=201)


@roles_required(*OFFICE_ROLES, post_only=True)
def contact_add(request, pk: int):
    institution = get_object_or_404(Institution.objects.visible_to(request.user), pk=pk)
    return add_to(
        request,
        institution,
        ContactForm(request.POST),
        saved=_("The contact has been added."),
        institution=institution,
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def contact_delete(request, pk: int):
    contact = get_object_or_404(Contact, pk=pk)
    contact.delete()
    messages.success(request, _("The contact has been removed."))
    return redirect(contact.institution)


# --- Agreements


AGREEMENT_COLUMNS = [
    Column("title"),
    Column("type"),
    Column("status"),
    Column("partners"),
    Column("signed_on"),
    Column("starts_on"),
    Column("ends_on"),
    Column("auto_renewal"),
    Column("owner"),
]

agreement_list_export = export_view(
    ListExport(
        filename="agreements",
        title=gettext_lazy("Agreements"),
        filterset=AgreementFilter,
        rows=lambda request: _agreements_for(request.user),
        columns=AGREEMENT_COLUMNS,
        list_url="agreements:agreement_list",
    ),
    *OFFICE_ROLES,
    FACULTY,
)


@roles_required(*OFFICE_ROLES, FACULTY)
def agreement_list(request):
    agreements = _agreements_for(request.user)
    filters = AgreementFilter(request.GET or None, queryset=agreements, request=request)
    invalid = filters.is_bound and not filters.is_valid()
    # Office staff see every agreement, so their charts come from a snapshot.
    figures, counted_at = (
        charts.active_agreements_snapshot() if request.user.is_office_staff else (None, None)
    )
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "filter": filters,
            **paginate(request, agreements.none() if invalid else filters.qs),
            "charts": figures,
            "charts_at": counted_at,
            "can_create": True,
            "can_record_signed": request.user.has_role(*reports.MANAGERS),
        },
    )


@roles_required(*OFFICE_ROLES, FACULTY, scoped=(FACULTY,))
def agreement_detail(request, pk: int):
    agreement = get_agreement_for_user(request.user, pk)
    staff = request.user.is_office_staff
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "history": selectors.agreement_history(agreement) if staff else [],
            "files": agreement.files.all() if staff else [],
            "quotas": agreement.quotas.all(),
            "file_form": SignedFileForm() if staff else None,
            "quota_form": QuotaForm(agreement=agreement) if staff else None,
            "can_renew": staff
            and agreement.status in (Agreement.Status.ACTIVE, Agreement.Status.EXPIRED)
            and not hasattr(agreement, "successor"),
            "staff": staff,
            "can_report": request.user.has_role(*reports.MANAGERS),
        },
    )


def _form_context(request, form, **context) -> dict:
    """An agreement form's page, with the picker's dialog to add a missing institution for
    those who may add one."""
    if request.user.is_office_staff:
        context["institution_form"] = InstitutionQuickForm(prefix="institution")
    return {"form": form, **context}


@roles_required(*OFFICE_ROLES, FACULTY)
def agreement_create(request):
    form = AgreementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        agreement = services.agreement_create(
            agreement=form.save(commit=False),
            partners=form.cleaned_data["partners"],
            scopes=form.cleaned_data["scopes"],
            initiators=form.cleaned_data.get("initiators", []),
            by=request.user,
        )
        messages.success(request, _("The agreement has been saved as a draft."))
        return redirect(agreement)
    return render(request, "agreements/agreement_form.html", _form_context(request, form))


@roles_required(*reports.MANAGERS)
def agreement_create_signed(request):
    """An agreement already signed, in one step: it is saved, its signed copy attached, and
    it is moved to active. A refused step shows the form again with what was typed and why."""
    form = SignedAgreementForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_record_signed(
                agreement=form.save(commit=False),
                partners=form.cleaned_data["partners"],
                scopes=form.cleaned_data["scopes"],
                initiators=form.cleaned_data.get("initiators", []),
                upload=form.cleaned_data["file"],
                file_title=form.cleaned_data["file_title"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The signed agreement has been recorded as active."))
            return redirect(agreement)
    return render(
        request, "agreements/agreement_form.html", _form_context(request, form, signed=True)
    )


@roles_required(*OFFICE_ROLES)
def agreement_edit(request, pk: int):
    agreement = get_agreement_for_user(request.user, pk)
    form = AgreementForm(request.POST or None, instance=agreement, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            form.save_guarded()
        except EditConflict:
            messages.error(request, _("Not saved: someone else saved this agreement first."))
        else:
            messages.success(request, _("The agreement has been saved."))
            return redirect(agreement)
    return render(
        request, "agreements/agreement_form.html", _form_context(request, form, agreement=agreement)
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def agreement_renew(request, pk: int):
    agreement = get_agreement_for_user(request.user, pk)
    try:
        successor = services.agreement_renew(agreement=agreement, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(agreement)
    messages.success(request, _("The renewal has been created as a draft. Check its dates."))
    return redirect("agreements:agreement_edit", pk=successor.pk)


@roles_required(*reports.MANAGERS, post_only=True)
def agreement_sheet(request, pk: int):
    """Ask for the one-page PDF of an agreement, in the page's language."""
    agreement = get_agreement_for_user(request.user, pk)
    report = reports.report_request(
        kind="agreement_sheet",
        language=request.LANGUAGE_CODE,
        by=request.user,
        params={"agreement": agreement.pk},
    )
    return redirect("report_detail", pk=report.pk)


@roles_required(*OFFICE_ROLES, post_only=True)
def signed_file_upload(request, pk: int):
    agreement = get_agreement_for_user(request.user, pk)
    form = SignedFileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.signed_file_add(
                agreement=agreement,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The signed copy has been added."))
    else:
        messages.error(request, _("Choose a PDF file and give it a title."))
    return redirect(agreement)


@roles_required(*OFFICE_ROLES)
def signed_file_download(request, pk: int):
    return get_object_or_404(SignedFile.objects.visible_to(request.user), pk=pk).as_attachment()


@roles_required(*OFFICE_ROLES, post_only=True)
def quota_add(request, pk: int):
    agreement = get_agreement_for_user(request.user, pk)
    form = QuotaForm(request.POST, agreement=agreement)
    if form.is_valid():
        form.save()
        messages.success(request, _("The quota has been saved."))
    else:
        messages.error(
            request, " ".join(error for errors in form.errors.values() for error in errors)
        )
    return redirect(agreement)


@roles_required(*OFFICE_ROLES, post_only=True)
def quota_delete(request, pk: int):
    quota = get_object_or_404(Quota, pk=pk)
    quota.delete()
    messages.success(request, _("The quota has been removed."))
    return redirect(quota.agreement)


# --- Imports (intlaffairs.imports): the exports' columns, read back


def _agreement_create(agreement: Agreement, relations: dict, by) -> None:
    services.agreement_create(
        agreement=agreement,
        partners=relations.get("partners", []),
        scopes=[],
        initiators=[],
        by=by,
    )


institution_import = import_view(
    ListImport(
        name="institutions",
        title=gettext_lazy("Import institutions"),
        model=Institution,
        columns=INSTITUTION_COLUMNS,
        keys=[("name", "country")],
        list_url="agreements:institution_list",
    ),
    *OFFICE_ROLES,
)

agreement_import = import_view(
    ListImport(
        name="agreements",
        title=gettext_lazy("Import agreements"),
        model=Agreement,
        columns=AGREEMENT_COLUMNS,
        keys=[("title",)],
        list_url="agreements:agreement_list",
        read_only=("owner",),
        create=_agreement_create,
    ),
    *OFFICE_ROLES,
)
