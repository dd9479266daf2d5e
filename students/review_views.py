"""Faculty review pages: the reviewer's "To review" list and their review of one referred
file (read-only file, the review form, the conflict declaration); the manager's criteria of a
program. A reviewer reaches only their own reviews of their unit's files still at the faculty
(anything else is a 404); the office reads the reviews on the application's page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from intlaffairs import navigation
from intlaffairs.access import roles_required
from intlaffairs.editing import form_errors
from intlaffairs.paging import paginate
from intlaffairs.roles import Role

from . import reviews, services
from .filters import ReviewFilter
from .forms import ConflictForm, CriterionFormSet, FacultyReviewForm
from .models import FacultyReview, Program

FACULTY = Role.FACULTY
MANAGERS = services.MANAGERS


@roles_required(FACULTY)
def review_list(request):
    filters = ReviewFilter(request.GET, queryset=reviews.to_review(request.user), request=request)
    return render(
        request,
        "students/review_list.html",
        {
            # Both lists are the reviewer's queues, counted as far as the desk's badge counts
            # ("99+"): PostgreSQL cannot know that the reviews it joins to files at the faculty
            # are most of a reviewer's, and counting to a thousand it read every review they
            # were ever asked for (25 ms for 38,779 at ×100, against 0.8 ms to a hundred).
            **paginate(request, filters.qs, cap=navigation.BADGE_MOST),
            "filter": filters,
            "is_reviewer": request.user.review_units.exists(),
            "interviews": paginate(
                request,
                reviews.interviews_to_arrange(request.user),
                param="interviews_page",
                cap=navigation.BADGE_MOST,
            ),
        },
    )


def _own_review(request, pk: int) -> FacultyReview:
    """The signed-in reviewer's review `pk` of a file still at the faculty; else a 404."""
    return get_object_or_404(
        FacultyReview.objects.assigned_to(request.user).select_related(
            "application__program__unit", "application__applicant"
        ),
        pk=pk,
    )


def _review_page(request, review: FacultyReview, *, form=None, conflict_form=None, status=200):
    application = review.application
    criteria = reviews.criteria_of(review)
    if form is None:
        form = FacultyReviewForm(criteria=criteria, initial=FacultyReviewForm.initial_for(review))
    return render(
        request,
        "students/review_detail.html",
        {
            "review": review,
            "application": application,
            "checklist": services.checklist(application),
            "education": application.education.all(),
            "form": form,
            "conflict_form": conflict_form or ConflictForm(),
        },
        status=status,
    )


@roles_required(FACULTY, scoped=(FACULTY,))
def review_detail(request, pk: int):
    review = _own_review(request, pk)
    if request.method != "POST":
        return _review_page(request, review)
    form = FacultyReviewForm(request.POST, criteria=reviews.criteria_of(review))
    if not form.is_valid():
        messages.error(request, _("Please correct the errors below; the review was not saved."))
        return _review_page(request, review, form=form, status=400)
    try:
        reviews.review_save(
            review=review,
            recommendation=form.cleaned_data["recommendation"],
            scores=form.scores(),
            comments=form.cleaned_data["comments"],
            no_conflict=form.cleaned_data["no_conflict"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _review_page(request, review, form=form, status=400)
    messages.success(request, _("Your review has been recorded."))
    return redirect("students:review_list")


@roles_required(FACULTY, scoped=(FACULTY,), post_only=True)
def review_conflict(request, pk: int):
    review = _own_review(request, pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _review_page(request, review, conflict_form=form, status=400)
    try:
        reviews.review_conflict_declare(
            review=review, note=form.cleaned_data["note"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _review_page(request, review, conflict_form=form, status=400)
    messages.success(
        request, _("The conflict of interest has been recorded; your review is withdrawn.")
    )
    return redirect("students:review_list")


@roles_required(*MANAGERS)
def program_criteria(request, pk: int):
    """The manager's list of what reviewers score for a program (in three languages)."""
    program = get_object_or_404(Program.objects.visible_to(request.user), pk=pk)
    formset = CriterionFormSet(request.POST or None, instance=program, prefix="criteria")
    if request.method == "POST":
        if formset.is_valid():
            with transaction.atomic():
                formset.save()
            messages.success(request, _("The review criteria have been saved."))
            return redirect("students:program_criteria", pk=program.pk)
        else:
            messages.error(request, _("Please correct the errors below; nothing was saved."))
    return render(
        request,
        "students/program_criteria.html",
        {"program": program, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
