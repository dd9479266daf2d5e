"""Student recruitment pages.

Public: the programs. Applicants: their own applications only (anything else is a 404).
Office staff: the pipeline, agents, procedures and the recognition register; admission
decisions are the managers'.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from intlaffairs import documents, security
from intlaffairs.access import OFFICE_ROLES, public, roles_required, sign_up_first
from intlaffairs.countries import country_names
from intlaffairs.editing import add_to, form_errors, record_edit
from intlaffairs.imports import ListImport, import_view
from intlaffairs.models import IssuedDocument, SecurityEvent
from intlaffairs.paging import paginate
from intlaffairs.roles import Role
from intlaffairs.snapshot import snapshot, table_version
from intlaffairs.spreadsheets import Column, ListExport, export_view
from intlaffairs.thread_views import thread_context
from intlaffairs.uploads import file_response

from . import fee_views, interviews, reviews, services
from .filters import AgentFilter, ApplicationFilter, IssueFilter, ProgramFilter
from .forms import (
    AgentForm,
    ArrivalItemForm,
    ArrivalValuesForm,
    ContactForm,
    EducationFormSet,
    InvoiceIssueForm,
    IssueForm,
    LetterForm,
    LetterLanguageForm,
    NoteForm,
    PersonForm,
    ProcedureForm,
    ProgramChoiceForm,
    ProgramForm,
    ReviewForm,
    UploadForm,
    VersionForm,
)
from .models import (
    Agent,
    Application,
    Document,
    MinistryLetter,
    Note,
    Procedure,
    ProcedureVersion,
    Program,
    RecognitionIssue,
    Stage,
)

APPLICANT = Role.APPLICANT


# --- Public: programs


@public
def program_list(request):
    filters = ProgramFilter(
        request.GET,
        queryset=Program.objects.published().select_related("unit"),
        request=request,
    )
    return render(
        request,
        "students/program_list.html",
        {
            **paginate(request, filters.qs.order_by("-intake", "name", "pk")),
            "filter": filters,
            "today": timezone.localdate(),
        },
    )


@public
def program_detail(request, pk: int):
    program = get_object_or_404(
        Program.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    return render(
        request,
        "students/program_detail.html",
        {"program": program, "documents": program.required_documents.all()},
    )


@sign_up_first
def program_apply(request, pk: int):
    """ "Apply" from a program's page: a visitor signs up first and comes back here (see
    `sign_up_first`); an applicant goes to their draft for this program, made now if there is
    none. Making a draft on a GET is safe: at most one per program and person, empty, theirs."""
    program = get_object_or_404(Program.objects.published(), pk=pk)
    if not program.is_open:
        messages.error(request, _("This program no longer accepts applications."))
        return redirect(program)
    return _draft_for(request, program)


def _draft_for(request, program: Program | None):
    """To the first step of the applicant's draft for `program`: the one they have, or a new
    one (always a new one without a program)."""
    if program is not None:
        draft = request.user.applications.filter(stage=Stage.DRAFT, program=program).first()
        if draft is not None:
            messages.info(request, _("You already have a draft for this program; here it is."))
            return redirect("students:application_step", pk=draft.pk, step=1)
    application = services.application_start(applicant=request.user, program=program)
    messages.success(request, _("Your application has been started. It is saved at every step."))
    return redirect("students:application_step", pk=application.pk, step=1)


# --- Applicants: their own applications


def own_application(request, pk: int) -> Application:
    """The signed-in applicant's application `pk`; anyone else's is a 404."""
    return get_object_or_404(
        Application.objects.select_related("program__unit"), pk=pk, applicant=request.user
    )


@roles_required(APPLICANT)
def my_applications(request):
    applications = request.user.applications.select_related("program").order_by("-created_at")
    return render(
        request,
        "students/my_applications.html",
        {
            "applications": applications,
            "programs": Program.objects.published()
            .filter(deadline__gte=timezone.localdate())
            .count(),
        },
    )


@roles_required(APPLICANT, post_only=True)
def application_new(request):
    program = None
    if (program_id := request.POST.get("program", "")).isdigit():
        program = Program.objects.published().filter(pk=int(program_id)).first()
        if program is None or not program.is_open:
            messages.error(request, _("This program no longer accepts applications."))
            return redirect("students:program_list")
    return _draft_for(request, program)


STEPS = [
    (1, gettext_lazy("Personal data"), PersonForm),
    (2, gettext_lazy("Passport and contact"), ContactForm),
    (3, gettext_lazy("Education"), EducationFormSet),
    (4, gettext_lazy("Program"), ProgramChoiceForm),
]
STEP_COUNT = len(STEPS) + 2  # then documents, then review and submit


def step_states(application: Application) -> list[dict]:
    """The wizard's steps with whether each is complete, for the progress list."""
    missing = set(services.missing_fields(application))
    return [
        {
            "number": number,
            "label": label,
            "url": reverse("students:application_step", args=[application.pk, number]),
            "done": not (missing & set(services.STEP_FIELDS[number])),
        }
        for number, label, _form in STEPS
    ] + [
        {
            "number": len(STEPS) + 1,
            "label": _("Documents"),
            "url": reverse("students:application_documents", args=[application.pk]),
            "done": "documents" not in missing,
        },
        {
            "number": len(STEPS) + 2,
            "label": _("Review and submit"),
            "url": reverse("students:my_application", args=[application.pk]),
            "done": False,
        },
    ]


@roles_required(APPLICANT, scoped=(APPLICANT,))
def application_step(request, pk: int, step: int):
    application = own_application(request, pk)
    if not application.is_draft:
        return redirect("students:my_application", pk=application.pk)
    if not 1 <= step <= len(STEPS):
        raise Http404
    _number, label, form_class = STEPS[step - 1]
    form = form_class(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Saved."))
        if "save" in request.POST:
            return redirect("students:my_applications")
        if "more" in request.POST:
            return redirect("students:application_step", pk=application.pk, step=step)
        if step < len(STEPS):
            return redirect("students:application_step", pk=application.pk, step=step + 1)
        return redirect("students:application_documents", pk=application.pk)
    if request.method == "POST":
        messages.error(
            request, _("Please correct the errors below; nothing on this step was saved.")
        )
    return render(
        request,
        "students/application_step.html",
        {
            "application": application,
            "form": form,
            "step": step,
            "step_label": label,
            "step_count": STEP_COUNT,
            "steps": step_states(application),
            "is_formset": form_class is EducationFormSet,
        },
    )


@roles_required(APPLICANT, scoped=(APPLICANT,))
def application_documents(request, pk: int):
    application = own_application(request, pk)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose a file to upload."))
            doc_type = form.cleaned_data["type"]
            if (
                application.program is None
                or not application.program.required_documents.filter(pk=doc_type.pk).exists()
            ):
                raise ValidationError(_("This program does not ask for that document."))
            services.document_add(
                application=application,
                doc_type=doc_type,
                upload=form.cleaned_data["file"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(document)s has been uploaded.") % {"document": doc_type.name}
            )
        return redirect("students:application_documents", pk=application.pk)
    rows = [
        {
            "type": doc_type,
            "document": document,
            "can_upload": services.can_upload(application, doc_type),
        }
        for doc_type, document in services.checklist(application)
    ]
    return render(
        request,
        "students/application_documents.html",
        {
            "application": application,
            "rows": rows,
            "step": len(STEPS) + 1,
            "step_count": STEP_COUNT,
            "steps": step_states(application) if application.is_draft else [],
            "history": application.documents.earlier().select_related("type"),
        },
    )


@roles_required(APPLICANT, scoped=(APPLICANT,))
def my_application(request, pk: int):
    application = own_application(request, pk)
    checklist = services.checklist(application)
    program = application.program
    return render(
        request,
        "students/my_application.html",
        {
            "application": application,
            "deadline_left": services.time_left(program.deadline)
            if application.is_draft and program
            else "",
            "offer_left": services.time_left(application.offer_deadline)
            if application.stage == Stage.ADMITTED and application.offer_deadline
            else "",
            "next_steps": services.next_steps(application),
            "arrival_items": services.arrival_items(application) if application.is_admitted else [],
            "steps": step_states(application) if application.is_draft else [],
            "step": STEP_COUNT,
            "step_count": STEP_COUNT,
            "missing": services.missing_for_submission(application) if application.is_draft else [],
            "checklist": checklist,
            "to_upload_again": [
                doc_type
                for doc_type, document in checklist
                if document is not None and document.status == Document.Status.REJECTED
            ],
            "education": application.education.all(),
            **interviews.applicant_slots(application),
            "issued_documents": IssuedDocument.objects.visible_to(request.user)
            .about(application)
            .valid(),
            "invoices": fee_views.applicant_invoices(application, request.user),
            **thread_context(request, application),
        },
    )


@roles_required(APPLICANT, scoped=(APPLICANT,))
def application_receipt(request, pk: int):
    """The PDF receipt of the applicant's own submitted application, in the page's language."""
    application = own_application(request, pk)
    if application.is_draft:
        raise Http404
    content = services.receipt_pdf(application, language=get_language())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{application.reference}-receipt.pdf"'
    return response


@roles_required(APPLICANT, scoped=(APPLICANT,))
def application_by_reference(request, reference: str):
    """An applicant's own application found by its reference (KUMS-1405-00042)."""
    application = get_object_or_404(
        Application, reference=reference.upper(), applicant=request.user
    )
    return redirect("students:my_application", pk=application.pk)


@roles_required(APPLICANT, Role.FACULTY, *OFFICE_ROLES, scoped=(APPLICANT, Role.FACULTY))
def document_download(request, pk: int):
    """A current document of an application the user may open (a reviewer: of a file they
    review now); a replaced one is a 404 here."""
    document = get_object_or_404(Document.objects.visible_to(request.user).current(), pk=pk)
    return _document_response(request, document)


@roles_required(APPLICANT, Role.FACULTY, *OFFICE_ROLES, scoped=(APPLICANT, Role.FACULTY))
def earlier_document_download(request, pk: int):
    """An upload a newer one replaced, from the history of its document; same visibility."""
    document = get_object_or_404(Document.objects.visible_to(request.user).earlier(), pk=pk)
    return _document_response(request, document)


def _document_response(request, document: Document):
    security.log(
        SecurityEvent.Kind.DOCUMENT_DOWNLOAD,
        request=request,
        application=document.application_id,
        document=document.pk,
    )
    response = file_response(document.file, name=document.download_name)
    if request.GET.get("preview") == "1":
        # Shown in the browser (still sandboxed): the content was checked on upload.
        response["Content-Disposition"] = response["Content-Disposition"].replace(
            "attachment", "inline", 1
        )
    return response


# --- The office: the pipeline


def _pipeline_figures() -> tuple[dict[str, int], list[str]]:
    """Submitted applications counted by stage, and the nationalities among them (whole-table
    aggregates, so the list takes them from a snapshot)."""
    submitted = Application.objects.submitted().order_by()
    counts = dict(submitted.values_list("stage").annotate(n=Count("id")))
    codes = sorted(set(submitted.values_list("nationality", flat=True).distinct()) - {""})
    return counts, codes


def _pipeline_snapshot():
    return snapshot("applications-by-stage", _pipeline_figures, version=table_version(Application))


def _nationalities(codes: list[str]) -> list[tuple[str, str]]:
    """The nationality filter's choices: the countries among `codes`, by name."""
    names = country_names()
    return [(code, names[code]) for code in sorted(set(codes) & set(names), key=names.get)]


def _nationality_choices(request) -> dict:
    (_counts, codes), _counted_at = _pipeline_snapshot()
    return {"nationalities": _nationalities(codes)}


def _applications_for(user):
    return (
        Application.objects.visible_to(user)
        .select_related("program", "agent")
        .order_by("-submitted_at", "-pk")
    )


@roles_required(*OFFICE_ROLES)
def application_list(request):
    (counts, codes), counted_at = _pipeline_snapshot()
    filters = ApplicationFilter(
        request.GET,
        queryset=_applications_for(request.user),
        request=request,
        nationalities=_nationalities(codes),
    )
    return render(
        request,
        "students/application_list.html",
        {
            **paginate(request, filters.qs),
            "filter": filters,
            "stage": filters.form.cleaned_data.get("stage"),
            "stages": [
                (stage, label, counts.get(stage, 0))
                for stage, label in Stage.choices
                if stage != Stage.DRAFT
            ],
            "total": sum(counts.values()),
            "counted_at": counted_at,
        },
    )


def _office_application(request, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related(
            "program__unit", "agent", "applicant"
        ),
        pk=pk,
    )


def _arrival_forms(application: Application, data=None) -> dict | None:
    """The office's forms for the after-admission checklist (None before admission)."""
    if application.stage not in services.ARRIVAL_STAGES:
        return None
    return {
        "items": [
            ArrivalItemForm(data, instance=item, prefix=item.kind)
            for item in services.arrival_items(application)
        ],
        "values": ArrivalValuesForm(data, instance=application, prefix="values"),
    }


def _application_detail(request, application: Application, arrival: dict | None = None):
    checklist = services.checklist(application)
    # Each document's history, in one query for all of them.
    prefetch_related_objects([document for _type, document in checklist if document], "moves__by")
    return render(
        request,
        "students/application_detail.html",
        {
            "application": application,
            "checklist": checklist,
            "replaced": application.documents.earlier().select_related("type"),
            "education": application.education.all(),
            "notes": application.notes.select_related("by"),
            "note_form": NoteForm(),
            "arrival": arrival or _arrival_forms(application),
            **_letters(application, IssuedDocument.objects.visible_to(request.user)),
            "can_replace_letters": request.user.has_role(*documents.MANAGERS),
            "faculty_reviews": reviews.reviews_for_decision(application),
            "invoices": application.invoices.all(),
            "invoice_form": InvoiceIssueForm(),
            **thread_context(request, application),
        },
        status=400 if arrival else 200,
    )


@roles_required(*OFFICE_ROLES)
def application_detail(request, pk: int):
    return _application_detail(request, _office_application(request, pk))


@roles_required(*OFFICE_ROLES, post_only=True)
def arrival_checklist(request, pk: int):
    """The office saves the after-admission checklist; a refused form shows again, unsaved."""
    application = _office_application(request, pk)
    arrival = _arrival_forms(application, request.POST)
    if arrival is None:
        messages.error(request, _("The checklist is kept once the applicant is admitted."))
        return redirect(application)
    if all([form.is_valid() for form in (*arrival["items"], arrival["values"])]):
        try:
            services.arrival_checklist_save(
                application=application,
                items=[form.save(commit=False) for form in arrival["items"]],
                values=arrival["values"].cleaned_data,
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The checklist has been saved."))
            return redirect(application)
    else:
        messages.error(request, _("Please correct the errors below; nothing was saved."))
    return _application_detail(request, application, arrival)


@roles_required(*OFFICE_ROLES, post_only=True)
def note_add(request, pk: int):
    application = _office_application(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        Note.objects.create(
            application=application, by=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The note has been added."))
    else:
        messages.error(request, _("Write the note first."))
    return redirect(application)


def _letters(application: Application, documents) -> dict:
    """The application's documents of record, newest first, and the letters its stage allows,
    each with its valid document if one was issued."""
    issued = list(documents.about(application).select_related("issued_by"))
    valid = {document.kind: document for document in issued if document.is_valid}
    labels = dict(IssuedDocument.Kind.choices)
    return {
        "issued_documents": issued,
        "letters": [(kind, labels[kind], valid.get(kind)) for kind in application.letter_kinds],
    }


@roles_required(*OFFICE_ROLES, post_only=True)
def application_letter(request, pk: int, kind: str):
    """Issue the letter (or give the one issued); issue it again with "reissue"."""
    application = _office_application(request, pk)
    if kind not in IssuedDocument.Kind.values:
        raise Http404
    form = LetterLanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(application)
    try:
        document = services.application_letter_issue(
            application=application,
            kind=kind,
            language=form.cleaned_data["language"],
            by=request.user,
            reissue=form.cleaned_data["reissue"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(application)
    messages.success(
        request,
        _("%(letter)s %(number)s is ready.")
        % {"letter": document.get_kind_display(), "number": document.number},
    )
    return redirect(application)


# --- Records the office keeps (programs, agents, procedures, recognition issues)


def _record_edit(request, model, form_class, pk, **labels):
    return record_edit(request, model, form_class, pk, section=_("Student recruitment"), **labels)


# --- Programs (office)


@roles_required(*OFFICE_ROLES)
def program_manage(request):
    programs = (
        Program.objects.visible_to(request.user)
        .select_related("unit")
        .annotate(
            application_count=Count("applications", filter=~Q(applications__stage=Stage.DRAFT)),
            admitted_count=Count(
                "applications",
                filter=Q(
                    applications__stage__in=[
                        Stage.ADMITTED,
                        Stage.OFFER_ACCEPTED,
                        Stage.FEES_RECEIVED,
                        Stage.ENROLLED,
                    ]
                ),
            ),
        )
    )
    return render(
        request,
        "students/program_manage.html",
        {
            **paginate(request, programs.order_by("-intake", "name", "pk")),
            "can_edit_criteria": request.user.has_role(*services.MANAGERS),
        },
    )


@roles_required(*OFFICE_ROLES)
def program_edit(request, pk: int | None = None):
    return _record_edit(
        request,
        Program,
        ProgramForm,
        pk,
        title=_("Program"),
        saved=_("The program has been saved."),
        back="students:program_manage",
    )


def _programs_managed(user):
    return Program.objects.visible_to(user).select_related("unit").order_by("-intake", "name", "pk")


PROGRAM_COLUMNS = [
    Column("name"),
    Column("unit"),
    Column("degree"),
    Column("language"),
    Column("duration_years"),
    Column("tuition"),
    Column("currency"),
    Column("intake"),
    Column("capacity"),
    Column("deadline"),
    Column("required_documents"),
    Column("is_published"),
]

program_list_export = export_view(
    ListExport(
        filename="programs",
        title=gettext_lazy("Programs"),
        filterset=ProgramFilter,
        rows=lambda request: _programs_managed(request.user),
        columns=PROGRAM_COLUMNS,
        list_url="students:program_manage",
    ),
    *OFFICE_ROLES,
)

program_import = import_view(
    ListImport(
        name="programs",
        title=gettext_lazy("Import programs"),
        model=Program,
        columns=PROGRAM_COLUMNS,
        keys=[("name", "intake")],
        list_url="students:program_manage",
    ),
    *OFFICE_ROLES,
)


# --- Agents and introducers


@roles_required(*OFFICE_ROLES)
def agent_list(request):
    agents = Agent.objects.visible_to(request.user).annotate(
        application_count=Count("applications", filter=~Q(applications__stage=Stage.DRAFT)),
        enrolled_count=Count("applications", filter=Q(applications__stage=Stage.ENROLLED)),
    )
    filters = AgentFilter(request.GET, queryset=agents, request=request)
    return render(
        request,
        "students/agent_list.html",
        {**paginate(request, filters.qs.order_by("name", "pk")), "filter": filters},
    )


@roles_required(*OFFICE_ROLES)
def agent_detail(request, pk: int):
    agent = get_object_or_404(Agent.objects.visible_to(request.user), pk=pk)
    applications = (
        Application.objects.visible_to(request.user).filter(agent=agent).select_related("program")
    )
    return render(
        request,
        "students/agent_detail.html",
        {
            "agent": agent,
            **paginate(request, applications.order_by("-submitted_at", "-pk")),
            "by_stage": [
                (Stage(row["stage"]).label, row["n"])
                for row in applications.values("stage").annotate(n=Count("id")).order_by("stage")
            ],
        },
    )


@roles_required(*OFFICE_ROLES)
def agent_edit(request, pk: int | None = None):
    return _record_edit(
        request,
        Agent,
        AgentForm,
        pk,
        title=_("Agent or introducer"),
        saved=_("The record has been saved."),
        back="students:agent_list",
    )


# --- Procedures


@roles_required(*OFFICE_ROLES)
def procedure_list(request):
    procedures = (
        Procedure.objects.visible_to(request.user)
        .annotate(version_count=Count("versions", distinct=True))
        .prefetch_related("versions", "reviews")
    )
    return render(
        request,
        "students/procedure_list.html",
        {**paginate(request, procedures.order_by("kind", "title", "pk"))},
    )


@roles_required(*OFFICE_ROLES)
def procedure_detail(request, pk: int):
    procedure = get_object_or_404(
        Procedure.objects.visible_to(request.user).select_related("owner"), pk=pk
    )
    return render(
        request,
        "students/procedure_detail.html",
        {
            "procedure": procedure,
            "versions": procedure.versions.select_related("uploaded_by"),
            "reviews": procedure.reviews.select_related("reviewer"),
            "version_form": VersionForm(prefix="version"),
            "review_form": ReviewForm(prefix="review"),
        },
    )


@roles_required(*OFFICE_ROLES)
def procedure_edit(request, pk: int | None = None):
    return _record_edit(
        request,
        Procedure,
        ProcedureForm,
        pk,
        title=_("Procedure"),
        saved=_("The procedure has been saved."),
        back="students:procedure_list",
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def version_add(request, pk: int):
    procedure = get_object_or_404(Procedure.objects.visible_to(request.user), pk=pk)
    form = VersionForm(request.POST, request.FILES, prefix="version")
    try:
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        with transaction.atomic():
            number = (
                procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0
            ) + 1
            ProcedureVersion.store(
                upload=form.cleaned_data["upload"],
                title=_("Version %(number)s") % {"number": number},
                by=request.user,
                procedure=procedure,
                number=number,
                effective_from=form.cleaned_data["effective_from"],
                summary=form.cleaned_data["summary"],
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The new version has been added."))
    return redirect(procedure)


@roles_required(*OFFICE_ROLES)
def version_download(request, pk: int):
    return get_object_or_404(
        ProcedureVersion.objects.visible_to(request.user), pk=pk
    ).as_attachment()


@roles_required(*OFFICE_ROLES, post_only=True)
def review_add(request, pk: int):
    procedure = get_object_or_404(Procedure.objects.visible_to(request.user), pk=pk)
    form = ReviewForm(request.POST, prefix="review")
    return add_to(
        request,
        procedure,
        form,
        saved=_("The review has been recorded."),
        procedure=procedure,
        reviewer=request.user,
    )


# --- Recognition issues


@roles_required(*OFFICE_ROLES)
def issue_list(request):
    issues = RecognitionIssue.objects.visible_to(request.user).annotate(
        letter_count=Count("letters")
    )
    filters = IssueFilter(request.GET, queryset=issues, request=request)
    return render(
        request,
        "students/issue_list.html",
        {**paginate(request, filters.qs.order_by("status", "-since", "pk")), "filter": filters},
    )


@roles_required(*OFFICE_ROLES)
def issue_detail(request, pk: int):
    issue = get_object_or_404(RecognitionIssue.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "students/issue_detail.html",
        {
            "issue": issue,
            "letters": issue.letters.all(),
            "letter_form": LetterForm(prefix="letter"),
        },
    )


@roles_required(*OFFICE_ROLES)
def issue_edit(request, pk: int | None = None):
    return _record_edit(
        request,
        RecognitionIssue,
        IssueForm,
        pk,
        title=_("Recognition issue"),
        saved=_("The issue has been saved."),
        back="students:issue_list",
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def letter_add(request, pk: int):
    issue = get_object_or_404(RecognitionIssue.objects.visible_to(request.user), pk=pk)
    form = LetterForm(request.POST, request.FILES, prefix="letter")
    try:
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        MinistryLetter.store(
            upload=form.cleaned_data["upload"],
            title=form.cleaned_data["title"],
            by=request.user,
            issue=issue,
            direction=form.cleaned_data["direction"],
            date=form.cleaned_data["date"],
            number=form.cleaned_data["number"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The letter has been added."))
    return redirect(issue)


@roles_required(*OFFICE_ROLES)
def letter_download(request, pk: int):
    return get_object_or_404(MinistryLetter.objects.visible_to(request.user), pk=pk).as_attachment()


# --- Exports of the lists (intlaffairs.spreadsheets)

application_list_export = export_view(
    ListExport(
        filename="applications",
        title=gettext_lazy("Applications"),
        filterset=ApplicationFilter,
        rows=lambda request: _applications_for(request.user),
        filterset_kwargs=lambda request: {
            "nationalities": _nationalities(_pipeline_snapshot()[0][1])
        },
        columns=[
            Column("reference"),
            Column("given_name"),
            Column("father_name"),
            Column("grandfather_name"),
            Column("family_name"),
            Column("native_name"),
            Column("sex"),
            Column("birth_date"),
            Column("nationality"),
            Column("passport_number"),
            Column("phone"),
            Column("program"),
            Column("channel"),
            Column("agent"),
            Column("stage"),
            Column("stage_since"),
            Column("submitted_at"),
        ],
        list_url="students:application_list",
    ),
    *OFFICE_ROLES,
)
