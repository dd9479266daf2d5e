"""Exchange pages. Office staff manage mobilities, courses and delegations; anyone reads the
short courses and checks a certificate's code; applicants apply to courses and see only their
own applications and certificates."""

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intlaffairs import jalali
from intlaffairs.access import OFFICE_ROLES, public, roles_required
from intlaffairs.editing import add_to, record_edit
from intlaffairs.models import TargetCountry
from intlaffairs.paging import paginate
from intlaffairs.roles import Role
from intlaffairs.spreadsheets import Column, ListExport, export_view
from intlaffairs.uploads import file_response

from . import services
from .filters import CourseApplicationFilter, CourseFilter, DelegationFilter, MobilityFilter
from .forms import (
    AttendanceForm,
    CodeForm,
    CourseApplicationForm,
    CourseForm,
    DelegationForm,
    FollowUpForm,
    MemberForm,
    MobilityForm,
    ReportUploadForm,
)
from .models import (
    AttendanceCertificate,
    CourseApplication,
    CourseDocument,
    Delegation,
    FollowUp,
    Member,
    Mobility,
    ShortCourse,
)

APPLICANT = Role.APPLICANT


def _edit(request, model, form_class, pk, **labels):
    return record_edit(request, model, form_class, pk, section=_("Exchanges"), **labels)


# --- Mobilities


def _mobilities_for(user):
    return (
        Mobility.objects.visible_to(user)
        .select_related("institution", "agreement")
        .order_by("-starts_on", "-pk")
    )


MOBILITIES = ListExport(
    filename="mobilities",
    title=gettext_lazy("Mobilities"),
    filterset=MobilityFilter,
    rows=lambda request: _mobilities_for(request.user),
    columns=[
        Column("person_name"),
        Column("person_kind"),
        Column("direction"),
        Column("kind"),
        Column("institution"),
        Column("agreement"),
        Column("starts_on"),
        Column("ends_on"),
        Column("funding_source"),
        Column("amount"),
        Column("currency"),
        Column("status"),
    ],
    list_url="exchanges:mobility_list",
)


@roles_required(*OFFICE_ROLES)
def mobility_list(request):
    return render(request, "exchanges/mobility_list.html", MOBILITIES.page(request))


mobility_list_export = export_view(MOBILITIES, *OFFICE_ROLES)


def _warn_over_quota(request, mobility: Mobility) -> None:
    if warning := services.quota_warning(mobility):
        messages.warning(request, warning)


@roles_required(*OFFICE_ROLES)
def mobility_edit(request, pk: int | None = None):
    return _edit(
        request,
        Mobility,
        MobilityForm,
        pk,
        title=_("Mobility"),
        saved=_("The mobility has been saved."),
        back="exchanges:mobility_list",
        after_save=_warn_over_quota,
    )


@roles_required(*OFFICE_ROLES)
def mobility_detail(request, pk: int):
    mobility = get_object_or_404(
        Mobility.objects.visible_to(request.user).select_related(
            "institution", "agreement", "person"
        ),
        pk=pk,
    )
    return render(
        request,
        "exchanges/mobility_detail.html",
        {
            "mobility": mobility,
            "quota": services.quota_use(mobility),
            "report_form": ReportUploadForm()
            if mobility.status
            in (Mobility.Status.ONGOING, Mobility.Status.COMPLETED, Mobility.Status.REPORT_RECEIVED)
            else None,
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def mobility_report_upload(request, pk: int):
    mobility = get_object_or_404(Mobility.objects.visible_to(request.user), pk=pk)
    form = ReportUploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a PDF file."))
        services.mobility_report_add(
            mobility=mobility, upload=form.cleaned_data["file"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The final report has been added."))
    return redirect(mobility)


@roles_required(*OFFICE_ROLES)
def mobility_report_download(request, pk: int):
    mobility = get_object_or_404(Mobility.objects.visible_to(request.user), pk=pk)
    if not mobility.report:
        raise Http404
    return file_response(mobility.report, name=f"mobility-{mobility.pk}-report")


# --- Short courses: public


@public
def course_list(request):
    filters = CourseFilter(
        request.GET,
        queryset=ShortCourse.objects.published().select_related("unit"),
        request=request,
    )
    return render(
        request,
        "exchanges/course_list.html",
        {
            **paginate(request, filters.qs.order_by("-starts_on", "pk")),
            "filter": filters,
            "today": timezone.localdate(),
        },
    )


@public
def course_detail(request, pk: int):
    course = get_object_or_404(
        ShortCourse.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    applied = None
    if request.user.is_authenticated:
        applied = CourseApplication.objects.filter(course=course, applicant=request.user).first()
    return render(
        request,
        "exchanges/course_detail.html",
        {"course": course, "applied": applied, "places_left": services.places_left(course)},
    )


@public
def certificate_verify(request):
    """Anyone checks a certificate's code: whose it is, for which course and dates. Checks are
    limited per client address (ACCOUNT_RATE_LIMITS["certificate_verify"], counted like the
    sign-in's, behind the proxy by the forwarded address); past the limit, a 429 page."""
    form = CodeForm(request.GET or None)
    if form.is_bound and (
        refused := ratelimit.consume_or_429(
            request,
            action="certificate_verify",
            limit_get=True,  # the check is a GET form
        )
    ):
        return refused
    certificate = None
    if form.is_bound and form.is_valid():
        certificate = (
            AttendanceCertificate.objects.select_related("application__course")
            .filter(code=form.cleaned_data["code"])
            .first()
        )
    return render(
        request,
        "exchanges/certificate_verify.html",
        {"form": form, "certificate": certificate, "checked": form.is_bound and form.is_valid()},
    )


# --- Short courses: applicants


@roles_required(APPLICANT)
def course_apply(request, pk: int):
    course = get_object_or_404(ShortCourse.objects.published(), pk=pk)
    if CourseApplication.objects.filter(course=course, applicant=request.user).exists():
        messages.info(request, _("You have already applied to this course."))
        return redirect("exchanges:my_courses")
    if not course.is_open:
        messages.error(request, _("This course no longer accepts applications."))
        return redirect(course)
    form = CourseApplicationForm(
        request.POST or None,
        request.FILES or None,
        initial={"name_latin": request.user.full_name},
    )
    if request.method == "POST" and form.is_valid():
        documents = [(_("CV"), form.cleaned_data["cv"])]
        if form.cleaned_data.get("letter"):
            documents.append((_("Letter from the home institution"), form.cleaned_data["letter"]))
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.course_apply(
                course=course, applicant=request.user, data=data, documents=documents
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your application has been sent."))
            return redirect("exchanges:my_courses")
    return render(request, "exchanges/course_apply.html", {"course": course, "form": form})


@roles_required(APPLICANT)
def my_courses(request):
    applications = (
        request.user.course_applications.select_related("course", "certificate")
        .prefetch_related("documents")
        .order_by("-submitted_at")
    )
    return render(request, "exchanges/my_courses.html", {"applications": applications})


@roles_required(APPLICANT, *OFFICE_ROLES, scoped=(APPLICANT,))
def course_document_download(request, pk: int):
    document = get_object_or_404(CourseDocument.objects.visible_to(request.user), pk=pk)
    return file_response(
        document.file, name=f"course-application-{document.application_id}-{document.title}"
    )


@roles_required(APPLICANT, *OFFICE_ROLES, scoped=(APPLICANT,))
def certificate_download(request, pk: int, language: str):
    certificate = get_object_or_404(AttendanceCertificate.objects.visible_to(request.user), pk=pk)
    stored = {"en": certificate.file_en, "fa": certificate.file_fa}.get(language)
    if not stored:
        raise Http404
    return file_response(stored, name=f"certificate-{certificate.code}-{language}")


# --- Short courses: the office


def _courses_for(user):
    return (
        ShortCourse.objects.visible_to(user)
        .select_related("unit")
        .annotate(
            application_count=Count("applications", distinct=True),
            accepted_count=Count(
                "applications",
                filter=Q(applications__status=CourseApplication.Status.ACCEPTED),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "pk")
    )


COURSES = ListExport(
    filename="short-courses",
    title=gettext_lazy("Short courses"),
    filterset=CourseFilter,
    rows=lambda request: _courses_for(request.user),
    columns=[
        Column("title"),
        Column("kind"),
        Column("unit"),
        Column("starts_on"),
        Column("ends_on"),
        Column("deadline"),
        Column("capacity"),
        Column("hours"),
        Column("fee"),
        Column("currency"),
        Column("language"),
        Column("is_published"),
        Column(label=gettext_lazy("Applications"), value="application_count"),
        Column(label=gettext_lazy("Accepted"), value="accepted_count"),
    ],
    list_url="exchanges:course_manage",
)


@roles_required(*OFFICE_ROLES)
def course_manage(request):
    return render(request, "exchanges/course_manage.html", COURSES.page(request))


course_list_export = export_view(COURSES, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES)
def course_edit(request, pk: int | None = None):
    return _edit(
        request,
        ShortCourse,
        CourseForm,
        pk,
        title=_("Short course"),
        saved=_("The course has been saved."),
        back="exchanges:course_manage",
    )


def _course_applications_for(user, course: ShortCourse):
    # through the course: every row shares the one course, whose free places are counted once
    return (
        course.applications.visible_to(user)
        .select_related("applicant", "decided_by", "certificate")
        .prefetch_related("documents")
        .order_by("submitted_at", "pk")
    )


def _course_applicants_export_rows(request, pk: int):
    course = get_object_or_404(ShortCourse.objects.visible_to(request.user), pk=pk)
    return _course_applications_for(request.user, course)


@roles_required(*OFFICE_ROLES)
def course_applications(request, pk: int):
    course = get_object_or_404(
        ShortCourse.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    filters = CourseApplicationFilter(
        request.GET, queryset=_course_applications_for(request.user, course), request=request
    )
    listed = paginate(request, filters.qs)
    return render(
        request,
        "exchanges/course_applications.html",
        {
            "course": course,
            **listed,
            "filter": filters,
            "places_left": services.places_left(course),
            "can_certify": course.ends_on <= timezone.localdate(),
            "takes_attendance": course.starts_on <= timezone.localdate(),
            "attendance_choices": CourseApplication.Attendance.choices,
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def attendance_record(request, pk: int):
    application = get_object_or_404(
        CourseApplication.objects.visible_to(request.user).select_related("course"), pk=pk
    )
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.attendance_record(
                application=application,
                attendance=form.cleaned_data["attendance"],
                hours=form.cleaned_data["hours"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The attendance has been recorded."))
    return redirect("exchanges:course_applications", pk=application.course_id)


@roles_required(*OFFICE_ROLES, post_only=True)
def certificates_issue(request, pk: int):
    course = get_object_or_404(ShortCourse.objects.visible_to(request.user), pk=pk)
    try:
        issued = services.certificates_issue(course=course, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s certificate issued; it is e-mailed to the participant.",
                "%(count)s certificates issued; they are e-mailed to the participants.",
                issued,
            )
            % {"count": jalali.to_local_digits(issued)},
        )
    return redirect("exchanges:course_applications", pk=course.pk)


# --- Delegations


def _delegations_for(user):
    return (
        Delegation.objects.visible_to(user)
        .prefetch_related("institutions")
        .annotate(
            open_actions=Count("follow_ups", filter=Q(follow_ups__status=FollowUp.Status.OPEN))
        )
        .order_by("-starts_on", "-pk")
    )


DELEGATIONS = ListExport(
    filename="delegations",
    title=gettext_lazy("Delegations"),
    filterset=DelegationFilter,
    rows=lambda request: _delegations_for(request.user),
    columns=[
        Column("title"),
        Column("direction"),
        Column("country"),
        Column("institutions"),
        Column("starts_on"),
        Column("ends_on"),
        Column("purpose"),
        Column(label=gettext_lazy("Open follow-ups"), value="open_actions"),
    ],
    list_url="exchanges:delegation_list",
)


@roles_required(*OFFICE_ROLES)
def delegation_list(request):
    return render(
        request,
        "exchanges/delegation_list.html",
        {**DELEGATIONS.page(request), "targets": TargetCountry.codes()},
    )


delegation_list_export = export_view(DELEGATIONS, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES)
def delegation_edit(request, pk: int | None = None):
    return _edit(
        request,
        Delegation,
        DelegationForm,
        pk,
        title=_("Delegation"),
        saved=_("The delegation has been saved."),
        back="exchanges:delegation_list",
    )


@roles_required(*OFFICE_ROLES)
def delegation_detail(request, pk: int):
    delegation = get_object_or_404(Delegation.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "exchanges/delegation_detail.html",
        {
            "delegation": delegation,
            "is_target": delegation.country.code in TargetCountry.codes(),
            "members": delegation.members.select_related("person"),
            "follow_ups": delegation.follow_ups.select_related("owner"),
            "institutions": delegation.institutions.all(),
            "agreements": delegation.agreements.all(),
            "member_form": MemberForm(prefix="member"),
            "follow_up_form": FollowUpForm(prefix="follow"),
            "today": timezone.localdate(),
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def member_add(request, pk: int):
    delegation = get_object_or_404(Delegation.objects.visible_to(request.user), pk=pk)
    form = MemberForm(request.POST, prefix="member")
    return add_to(
        request, delegation, form, saved=_("The member has been added."), delegation=delegation
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def member_remove(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    member.delete()
    messages.success(request, _("The member has been removed."))
    return redirect(member.delegation)


@roles_required(*OFFICE_ROLES, post_only=True)
def follow_up_add(request, pk: int):
    delegation = get_object_or_404(Delegation.objects.visible_to(request.user), pk=pk)
    form = FollowUpForm(request.POST, prefix="follow")
    return add_to(
        request,
        delegation,
        form,
        saved=_("The follow-up action has been added."),
        delegation=delegation,
    )


# --- Exports of the lists (intlaffairs.spreadsheets)


course_applicants_export = export_view(
    ListExport(
        filename="course-applicants",
        title=gettext_lazy("Applicants"),
        filterset=CourseApplicationFilter,
        rows=_course_applicants_export_rows,
        columns=[
            Column("name_latin"),
            Column("applicant__email"),
            Column("home_institution"),
            Column("country"),
            Column("field"),
            Column("status"),
            Column("submitted_at"),
            Column("decided_at"),
            Column("attendance"),
            Column("hours_attended"),
        ],
        list_url="exchanges:course_applications",
    ),
    *OFFICE_ROLES,
)
