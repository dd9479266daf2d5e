"""Pages of research cooperation. Office staff see everything; a faculty member sees the
projects they lead. Personal data (scientists, alumni) is for office staff only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Institution
from intlaffairs.access import OFFICE_ROLES, roles_required
from intlaffairs.editing import add_to
from intlaffairs.imports import ListImport, import_view
from intlaffairs.paging import paginate
from intlaffairs.roles import Role
from intlaffairs.spreadsheets import Column, ListExport, export_view

from . import services
from .filters import AlumnusFilter, GrantFilter, ProjectFilter, ScientistFilter
from .forms import (
    AlumnusForm,
    DocumentForm,
    EngagementForm,
    GrantForm,
    OutputForm,
    ProjectForm,
    RemovalForm,
    ScientistForm,
)
from .models import Alumnus, Grant, Output, Project, ProjectDocument, Scientist

FACULTY = Role.FACULTY


def projects_for(user):
    return Project.objects.visible_to(user).prefetch_related(
        Prefetch("partners", queryset=Institution.objects.order_by("name"))
    )


def _saved(request, form, message):
    obj = form.save()
    messages.success(request, message)
    return obj


# --- Projects


PROJECTS = ListExport(
    filename="research-projects",
    title=gettext_lazy("Research projects"),
    filterset=ProjectFilter,
    rows=lambda request: projects_for(request.user),
    columns=[
        Column("title"),
        Column("kind"),
        Column("status"),
        Column("partners"),
        Column("agreement"),
        Column("investigators"),
        Column("starts_on"),
        Column("ends_on"),
        Column("funding_source"),
        Column("amount"),
        Column("currency"),
    ],
    list_url="research:project_list",
)


@roles_required(*OFFICE_ROLES, FACULTY)
def project_list(request):
    return render(request, "research/project_list.html", PROJECTS.page(request))


project_list_export = export_view(PROJECTS, *OFFICE_ROLES, FACULTY)


@roles_required(*OFFICE_ROLES, FACULTY, scoped=(FACULTY,))
def project_detail(request, pk: int):
    project = get_object_or_404(projects_for(request.user), pk=pk)
    staff = request.user.is_office_staff
    return render(
        request,
        "research/project_detail.html",
        {
            "project": project,
            "outputs": project.outputs.all(),
            "grants": project.grants.all(),
            "staff": staff,
            "output_form": OutputForm(prefix="output") if staff else None,
            "documents": project.documents.all() if staff else [],
            "document_form": DocumentForm(prefix="document") if staff else None,
        },
    )


@roles_required(*OFFICE_ROLES)
def project_edit(request, pk: int | None = None):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk) if pk else None
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        project = _saved(request, form, _("The project has been saved."))
        return redirect(project)
    return render(request, "research/project_form.html", {"form": form, "project": project})


@roles_required(*OFFICE_ROLES, post_only=True)
def output_add(request, pk: int):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    form = OutputForm(request.POST, prefix="output")
    return add_to(request, project, form, saved=_("The output has been added."), project=project)


@roles_required(*OFFICE_ROLES, post_only=True)
def output_delete(request, pk: int):
    output = get_object_or_404(Output, pk=pk)
    output.delete()
    messages.success(request, _("The output has been removed."))
    return redirect(output.project)


@roles_required(*OFFICE_ROLES, post_only=True)
def document_upload(request, pk: int):
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    form = DocumentForm(request.POST, request.FILES, prefix="document")
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a PDF file and give it a title."))
        services.document_add(
            project=project,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document has been added."))
    return redirect(project)


@roles_required(*OFFICE_ROLES)
def document_download(request, pk: int):
    return get_object_or_404(
        ProjectDocument.objects.visible_to(request.user), pk=pk
    ).as_attachment()


# --- Grants


@roles_required(*OFFICE_ROLES)
def grant_list(request):
    grants = Grant.objects.visible_to(request.user).select_related("project")
    filters = GrantFilter(request.GET, queryset=grants, request=request)
    return render(
        request,
        "research/grant_list.html",
        {
            **paginate(request, filters.qs),
            "filter": filters,
            "outcome": filters.form.cleaned_data.get("outcome"),
            "outcomes": Grant.Outcome.choices,
        },
    )


@roles_required(*OFFICE_ROLES)
def grant_edit(request, pk: int | None = None):
    grant = get_object_or_404(Grant.objects.visible_to(request.user), pk=pk) if pk else None
    form = GrantForm(request.POST or None, instance=grant)
    if request.method == "POST" and form.is_valid():
        _saved(request, form, _("The grant application has been saved."))
        return redirect("research:grant_list")
    return render(
        request,
        "research/record_form.html",
        {
            "form": form,
            "record": grant,
            "title": _("Grant application"),
            "back": "research:grant_list",
        },
    )


# --- The network of scientists, and alumni


def _scientists_for(user):
    return (
        Scientist.objects.visible_to(user)
        .annotate(engagement_count=Count("engagements"))
        .order_by("name_latin")
    )


SCIENTIST_COLUMNS = [
    Column("name_latin"),
    Column("name_native"),
    Column("nonresident_iranian"),
    Column("country"),
    Column("institution"),
    Column("field"),
    Column("email"),
    Column("phone"),
    Column("link"),
    Column("consent_to_contact"),
    Column("consent_given_on"),
    Column(label=gettext_lazy("Engagements"), value="engagement_count"),
]

SCIENTISTS = ListExport(
    filename="scientists",
    title=gettext_lazy("Scientists"),
    filterset=ScientistFilter,
    rows=lambda request: _scientists_for(request.user),
    columns=SCIENTIST_COLUMNS,
    list_url="research:scientist_list",
)


@roles_required(*OFFICE_ROLES)
def scientist_list(request):
    return render(request, "research/scientist_list.html", SCIENTISTS.page(request))


scientist_list_export = export_view(SCIENTISTS, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES)
def scientist_detail(request, pk: int):
    scientist = get_object_or_404(Scientist.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "research/scientist_detail.html",
        {
            "scientist": scientist,
            "engagements": scientist.engagements.all(),
            "engagement_form": EngagementForm(),
            "removal_form": RemovalForm(),
        },
    )


@roles_required(*OFFICE_ROLES)
def scientist_edit(request, pk: int | None = None):
    scientist = get_object_or_404(Scientist.objects.visible_to(request.user), pk=pk) if pk else None
    form = ScientistForm(request.POST or None, instance=scientist)
    if request.method == "POST" and form.is_valid():
        scientist = _saved(request, form, _("The scientist has been saved."))
        return redirect(scientist)
    return render(
        request,
        "research/record_form.html",
        {
            "form": form,
            "record": scientist,
            "title": _("Scientist"),
            "back": "research:scientist_list",
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def engagement_add(request, pk: int):
    scientist = get_object_or_404(Scientist.objects.visible_to(request.user), pk=pk)
    form = EngagementForm(request.POST)
    return add_to(
        request, scientist, form, saved=_("The engagement has been recorded."), scientist=scientist
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def person_remove(request, kind: str, pk: int):
    model = {"scientist": Scientist, "alumnus": Alumnus}.get(kind)
    if model is None:
        return redirect("research:scientist_list")
    person = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    form = RemovalForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say why the data is removed (e.g. the person's request)."))
        services.person_remove(person=person, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(
            person.get_absolute_url() if kind == "scientist" else "research:alumni_list"
        )
    messages.success(request, _("The person's data has been removed; the removal is recorded."))
    return redirect("research:scientist_list" if kind == "scientist" else "research:alumni_list")


ALUMNUS_COLUMNS = [
    Column("name_latin"),
    Column("name_native"),
    Column("country"),
    Column("program"),
    Column("graduated_in"),
    Column("current_position"),
    Column("email"),
    Column("stays_in_touch"),
]

ALUMNI = ListExport(
    filename="alumni",
    title=gettext_lazy("Alumni"),
    filterset=AlumnusFilter,
    rows=lambda request: Alumnus.objects.visible_to(request.user),
    columns=ALUMNUS_COLUMNS,
    list_url="research:alumni_list",
)


@roles_required(*OFFICE_ROLES)
def alumni_list(request):
    return render(
        request,
        "research/alumni_list.html",
        {**ALUMNI.page(request), "removal_form": RemovalForm()},
    )


alumni_list_export = export_view(ALUMNI, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES)
def alumnus_edit(request, pk: int | None = None):
    alumnus = get_object_or_404(Alumnus.objects.visible_to(request.user), pk=pk) if pk else None
    form = AlumnusForm(request.POST or None, instance=alumnus)
    if request.method == "POST" and form.is_valid():
        _saved(request, form, _("The graduate has been saved."))
        return redirect("research:alumni_list")
    return render(
        request,
        "research/record_form.html",
        {
            "form": form,
            "record": alumnus,
            "title": _("International graduate"),
            "back": "research:alumni_list",
        },
    )


# --- Imports (intlaffairs.imports): the exports' columns, read back. A person is found by
# their e-mail, or without one by their Latin name and country (scientists) or year of
# graduation (alumni).

scientist_import = import_view(
    ListImport(
        name="scientists",
        title=gettext_lazy("Import scientists"),
        model=Scientist,
        columns=SCIENTIST_COLUMNS,
        keys=[("email",), ("name_latin", "country")],
        list_url="research:scientist_list",
    ),
    *OFFICE_ROLES,
)

alumni_import = import_view(
    ListImport(
        name="alumni",
        title=gettext_lazy("Import alumni"),
        model=Alumnus,
        columns=ALUMNUS_COLUMNS,
        keys=[("email",), ("name_latin", "graduated_in")],
        list_url="research:alumni_list",
    ),
    *OFFICE_ROLES,
)
