"""Mentoring pages. Staff see every pair, the unmatched and escalated issues; a mentor sees
their own mentees (another pair's page is a 404); a mentee sees their own mentor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intlaffairs.access import OFFICE_ROLES, own_only, roles_required, signed_in
from intlaffairs.editing import form_errors, record_edit
from intlaffairs.jalali import to_local_digits
from intlaffairs.paging import paginate
from intlaffairs.roles import Role
from intlaffairs.spreadsheets import Column, ListExport, export_view
from students.models import Application

from . import services
from .filters import IssueFilter, MenteeFilter, MentorFilter, PairingFilter
from .forms import (
    ContactConsentForm,
    FeedbackForm,
    IssueForm,
    LanguageFormSet,
    MeetingForm,
    MenteeForm,
    MentorApplicationForm,
    ProposalMentorForm,
    ResolveForm,
    SurveyForm,
    TrainingForm,
)
from .models import Issue, Mentee, Mentor, Pairing, Survey

MENTOR = Role.MENTOR
APPLICANT = Role.APPLICANT


def _say(request, action, success: str) -> None:
    """Run a service call; show its ValidationError, or `success`."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


# --- Becoming a mentor


@signed_in
def mentor_apply(request):
    profile = Mentor.objects.filter(user=request.user).first()
    if profile is not None:
        return render(request, "mentoring/mentor_applied.html", {"mentor": profile})
    form = MentorApplicationForm(request.POST or None)
    languages = LanguageFormSet(request.POST or None, prefix="languages")
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        services.mentor_apply(form=form, languages=languages, by=request.user)
        messages.success(request, _("Thank you. The office will review your application."))
        return redirect("mentoring:mentor_apply")
    return render(request, "mentoring/mentor_apply.html", {"form": form, "languages": languages})


# --- Staff: pairs, proposals, mentors, mentees, issues


def _pairings_for(user):
    return (
        Pairing.objects.visible_to(user)
        .select_related("mentor__user", "mentee")
        .annotate(
            meeting_count=Count("meetings", distinct=True),
            open_issues=Count("issues", filter=Q(issues__resolved_at__isnull=True), distinct=True),
        )
        .order_by("-confirmed_at", "-pk")
    )


PAIRINGS = ListExport(
    filename="mentoring-pairs",
    title=gettext_lazy("Pairs"),
    filterset=PairingFilter,
    rows=lambda request: _pairings_for(request.user),
    columns=[
        Column("mentor__user", label=gettext_lazy("Mentor")),
        Column("mentee"),
        Column("status"),
        Column("score"),
        Column("proposed_at"),
        Column("confirmed_at"),
        Column("ended_at"),
        Column(label=gettext_lazy("Meetings"), value="meeting_count"),
        Column(label=gettext_lazy("Open issues"), value="open_issues"),
    ],
    list_url="mentoring:pairing_list",
)


@roles_required(*OFFICE_ROLES)
def pairing_list(request):
    return render(
        request,
        "mentoring/pairing_list.html",
        {
            **PAIRINGS.page(request),
            "unmatched": services.unmatched_mentees().count(),
            "escalated": Issue.objects.filter(
                escalated_at__isnull=False, resolved_at__isnull=True
            ).count(),
        },
    )


pairing_list_export = export_view(PAIRINGS, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES)
def proposals(request):
    proposed = (
        Pairing.objects.filter(status=Pairing.Status.PROPOSED)
        .select_related("mentor__user", "mentee__program", "mentor__program")
        # What the confirmation's free-place rule reads, for all proposals in one query.
        .annotate(
            mentor_active=Count(
                "mentor__pairings",
                filter=Q(mentor__pairings__status=Pairing.Status.ACTIVE),
                distinct=True,
            )
        )
    )
    return render(
        request,
        "mentoring/proposals.html",
        {
            "proposed": proposed.order_by("mentee__name", "pk"),
            "unmatched": services.unmatched_mentees().select_related("program", "unit"),
            "mentors": services.available_mentors().select_related("user"),
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def proposals_make(request):
    made = services.propose_matches(by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s pair proposed. Review it, then confirm.",
            "%(count)s pairs proposed. Review them, then confirm.",
            len(made),
        )
        % {"count": to_local_digits(len(made))},
    )
    return redirect("mentoring:proposals")


@roles_required(*OFFICE_ROLES, post_only=True)
def proposal_change(request, pk: int):
    pairing = get_object_or_404(Pairing, pk=pk)
    form = ProposalMentorForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        _say(
            request,
            lambda: services.proposal_change_mentor(
                pairing=pairing, mentor=form.cleaned_data["mentor"]
            ),
            _("The proposal has been changed."),
        )
    return redirect("mentoring:proposals")


@roles_required(*OFFICE_ROLES, post_only=True)
def proposals_confirm_all(request):
    confirmed, skipped, refusals = services.proposals_confirm_all(by=request.user)
    for refusal in refusals:
        messages.error(request, refusal)
    messages.success(
        request,
        ngettext("%(count)s pair confirmed.", "%(count)s pairs confirmed.", confirmed)
        % {"count": to_local_digits(confirmed)},
    )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)s proposal pairs different fields and was not confirmed: "
                "confirm it on its own on the proposals page.",
                "%(count)s proposals pair different fields and were not confirmed: "
                "confirm each on its own on the proposals page.",
                skipped,
            )
            % {"count": to_local_digits(skipped)},
        )
    return redirect("mentoring:pairing_list")


def _mentors_for(user):
    return (
        Mentor.objects.visible_to(user)
        .select_related("user", "unit", "program")
        .annotate(load=Count("pairings", filter=~Q(pairings__status="ended")))
        .order_by("status", "user__full_name", "pk")
    )


MENTORS = ListExport(
    filename="mentors",
    title=gettext_lazy("Mentors"),
    filterset=MentorFilter,
    rows=lambda request: _mentors_for(request.user),
    columns=[
        Column("user", label=gettext_lazy("Name")),
        Column("user__email"),
        Column("program"),
        Column("unit"),
        Column("year_of_study"),
        Column("gender"),
        Column("capacity"),
        Column(label=gettext_lazy("Current mentees"), value="load"),
        Column("status"),
        Column("trained_on"),
        Column("applied_at"),
    ],
    list_url="mentoring:mentor_list",
)


@roles_required(*OFFICE_ROLES)
def mentor_list(request):
    return render(request, "mentoring/mentor_list.html", MENTORS.page(request))


mentor_list_export = export_view(MENTORS, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES)
def mentor_detail(request, pk: int):
    mentor = get_object_or_404(
        Mentor.objects.visible_to(request.user).select_related("user", "unit", "program"), pk=pk
    )
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "mentor": mentor,
            "pairings": mentor.pairings.select_related("mentee"),
            "training_form": TrainingForm(initial={"trained_on": mentor.trained_on}),
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def mentor_training(request, pk: int):
    mentor = get_object_or_404(Mentor, pk=pk)
    form = TrainingForm(request.POST)
    if form.is_valid():
        mentor.trained_on = form.cleaned_data["trained_on"]
        mentor.save(update_fields=["trained_on"])
        messages.success(request, _("The training has been recorded."))
    else:
        messages.error(request, form_errors(form))
    return redirect(mentor)


def _mentees_for(user):
    return (
        Mentee.objects.visible_to(user)
        .select_related("program", "unit")
        .annotate(current=Count("pairings", filter=~Q(pairings__status="ended")))
        .order_by("name", "pk")
    )


MENTEES = ListExport(
    filename="mentees",
    title=gettext_lazy("Mentees"),
    filterset=MenteeFilter,
    rows=lambda request: _mentees_for(request.user),
    columns=[
        Column("name"),
        Column("email"),
        Column("program"),
        Column("unit"),
        Column("gender"),
        Column("gender_preference"),
        Column("arrival_date"),
        Column(label=gettext_lazy("Current pairs"), value="current"),
    ],
    list_url="mentoring:mentee_list",
)


@roles_required(*OFFICE_ROLES)
def mentee_list(request):
    enrolled = (
        Application.objects.filter(stage="enrolled", mentee__isnull=True)
        .select_related("program")
        .order_by("family_name", "pk")
    )
    return render(
        request,
        "mentoring/mentee_list.html",
        {**MENTEES.page(request), "enrolled": enrolled[:50]},
    )


mentee_list_export = export_view(MENTEES, *OFFICE_ROLES)


@roles_required(*OFFICE_ROLES, post_only=True)
def mentee_from_application(request):
    application = get_object_or_404(
        Application, pk=request.POST.get("application", "0") or 0, stage="enrolled"
    )
    _say(
        request,
        lambda: services.mentee_from_application(application=application, by=request.user),
        _("The student is now a mentee."),
    )
    return redirect("mentoring:mentee_list")


@roles_required(*OFFICE_ROLES)
def mentee_edit(request, pk: int | None = None):
    return record_edit(
        request,
        Mentee,
        MenteeForm,
        pk,
        title=_("Mentee"),
        saved=_("The mentee has been saved."),
        back="mentoring:mentee_list",
        section=_("Peer mentoring"),
    )


@roles_required(*OFFICE_ROLES)
def mentee_detail(request, pk: int):
    mentee = get_object_or_404(
        Mentee.objects.visible_to(request.user).select_related("program", "unit"), pk=pk
    )
    return render(
        request,
        "mentoring/mentee_detail.html",
        {"mentee": mentee, "pairings": mentee.pairings.select_related("mentor__user")},
    )


@roles_required(*OFFICE_ROLES)
def issue_list(request):
    issues = (
        Issue.objects.visible_to(request.user)
        .filter(escalated_at__isnull=False)
        .select_related("pairing__mentor__user", "pairing__mentee")
    )
    filters = IssueFilter(request.GET, queryset=issues, request=request)
    return render(
        request,
        "mentoring/issue_list.html",
        {
            **paginate(request, filters.qs.order_by("resolved_at", "-escalated_at", "pk")),
            "filter": filters,
            "resolve_form": ResolveForm(),
        },
    )


@roles_required(*OFFICE_ROLES, post_only=True)
def issue_resolve(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        _say(
            request,
            lambda: services.issue_resolve(
                issue=issue, resolution=form.cleaned_data["resolution"], by=request.user
            ),
            _("The issue is resolved."),
        )
    return redirect("mentoring:issue_list")


# --- Mentors: their own mentees


def pairing_for(user, pk: int) -> Pairing:
    """Staff reach every pairing, a mentor only their own: anyone else's is a 404."""
    return get_object_or_404(
        Pairing.objects.visible_to(user).select_related("mentor__user", "mentee__program"), pk=pk
    )


@roles_required(MENTOR)
def my_mentees(request):
    profile = Mentor.objects.filter(user=request.user).first()
    pairings = (
        Pairing.objects.filter(mentor__user=request.user, status=Pairing.Status.ACTIVE)
        .select_related("mentee__program")
        .order_by("mentee__name")
    )
    return render(request, "mentoring/my_mentees.html", {"profile": profile, "pairings": pairings})


@roles_required(*OFFICE_ROLES, MENTOR, scoped=(MENTOR,))
def pairing_detail(request, pk: int):
    pairing = pairing_for(request.user, pk)
    is_mentor = pairing.mentor.user_id == request.user.pk
    return render(
        request,
        "mentoring/pairing_detail.html",
        {
            "pairing": pairing,
            "is_mentor": is_mentor,
            "meetings": pairing.meetings.prefetch_related("issues"),
            "issues": pairing.issues.all(),
            "feedback": pairing.feedback.all() if request.user.is_office_staff else [],
            "meeting_form": MeetingForm(prefix="meeting") if is_mentor else None,
            "issue_form": IssueForm(prefix="issue") if is_mentor else None,
            "public_history": not request.user.is_office_staff,
            "last_contact": services.last_contact(pairing) if pairing.confirmed_at else None,
        },
    )


@roles_required(MENTOR, scoped=(MENTOR,), post_only=True)
def meeting_add(request, pk: int):
    pairing = get_object_or_404(Pairing, pk=pk, mentor__user=request.user)
    form = MeetingForm(request.POST, prefix="meeting")
    issue = IssueForm(request.POST, prefix="issue")
    if form.is_valid() and issue.is_valid():
        issues = []
        if issue.cleaned_data["category"]:
            issues.append(
                (
                    issue.cleaned_data["category"],
                    issue.cleaned_data["description"],
                    issue.cleaned_data["escalate"],
                )
            )
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        _say(
            request,
            lambda: services.meeting_log(
                pairing=pairing, data=data, issues=issues, by=request.user
            ),
            _("The meeting has been logged."),
        )
    else:
        messages.error(request, f"{form_errors(form)} {form_errors(issue)}".strip())
    return redirect(pairing)


@roles_required(MENTOR, scoped=(MENTOR,), post_only=True)
def issue_escalate(request, pk: int):
    issue = get_object_or_404(Issue, pk=pk, pairing__mentor__user=request.user)
    _say(
        request,
        lambda: services.issue_escalate(issue=issue, by=request.user),
        _("The office has been asked for help."),
    )
    return redirect(issue.pairing)


# --- Mentees: their own mentor


@roles_required(APPLICANT)
def my_mentor(request):
    mentee = Mentee.objects.filter(user=request.user).first()
    pairing = (
        Pairing.objects.filter(mentee__user=request.user, status=Pairing.Status.ACTIVE)
        .select_related("mentor__user", "mentor__unit")
        .first()
    )
    return render(
        request,
        "mentoring/my_mentor.html",
        {
            "pairing": pairing,
            "meetings": pairing.meetings.all()[:10] if pairing else [],
            "feedback_form": FeedbackForm() if pairing else None,
            "is_mentee": mentee is not None,
            "contact_form": ContactConsentForm(instance=mentee) if mentee else None,
        },
    )


@roles_required(APPLICANT, post_only=True)
def my_contact(request):
    mentee = get_object_or_404(Mentee, user=request.user)
    form = ContactConsentForm(request.POST, instance=mentee)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        _say(
            request,
            lambda: services.mentee_contact_consent(form=form, by=request.user),
            _("Your choice has been saved."),
        )
    return redirect("mentoring:my_mentor")


@roles_required(APPLICANT, scoped=(APPLICANT,), post_only=True)
def feedback_add(request, pk: int):
    pairing = get_object_or_404(Pairing, pk=pk, mentee__user=request.user)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rating from 1 to 5."))
    else:
        _say(
            request,
            lambda: services.feedback_give(
                pairing=pairing,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                by=request.user,
            ),
            _("Thank you for your feedback."),
        )
    return redirect("mentoring:my_mentor")


@own_only
def survey(request, pk: int):
    survey = get_object_or_404(
        Survey.objects.visible_to(request.user).select_related("pairing"), pk=pk
    )
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and survey.answered_at is None and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        _say(
            request,
            lambda: services.survey_answer(survey=survey, data=data, by=request.user),
            _("Thank you for your answers."),
        )
        return redirect(reverse("mentoring:survey", args=[survey.pk]))
    return render(request, "mentoring/survey.html", {"survey": survey, "form": form})
