"""Faculty review of referred applications: who reviews a unit's files, the reviews they
write, the reminders they get, and what the office and the manager read of them.

A review's states are a workflow (`REVIEW` in students/workflows.py): every change of state
here goes through `workflow.move()`. Each service is atomic, takes keyword-only arguments and
raises ValidationError with a translated message when a rule forbids the change.
"""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from intlaffairs import outbox, workflow
from intlaffairs.jalali import to_local_digits
from intlaffairs.models import Unit, User
from intlaffairs.roles import Role

from . import services
from .models import (
    REVIEW_REMINDER_DAYS,
    SCORE_MAX,
    SCORE_MIN,
    Application,
    FacultyReview,
    InterviewSlot,
    ReviewCriterion,
    ReviewReminder,
    ReviewScore,
    Stage,
    UnitReviewer,
)

Status = FacultyReview.Status


# --- Who reviews


def is_reviewer_of(user, application: Application) -> bool:
    """Whether `user` is now a reviewer of the unit of `application`'s program."""
    if application.program_id is None:
        return False
    return UnitReviewer.objects.filter(
        user_id=user.pk, unit__programs__pk=application.program_id
    ).exists()


@transaction.atomic
def reviewer_add(*, unit: Unit, user: User, by) -> UnitReviewer:
    """Make `user` (a faculty member) a reviewer of `unit`; the unit's files already at the
    faculty are asked of them too."""
    if not user.has_role(Role.FACULTY):
        raise ValidationError(_("Only a faculty member can review applications."))
    reviewer, made = UnitReviewer.objects.get_or_create(unit=unit, user=user)
    if not made:
        raise ValidationError(
            _("%(person)s already reviews for %(unit)s.")
            % {"person": user.display_name, "unit": unit.name}
        )
    for application in Application.objects.filter(
        stage=Stage.FACULTY_REVIEW, program__unit=unit
    ).order_by("pk"):
        _review_request(application, user, by=by, at=None)
    return reviewer


@transaction.atomic
def reviewer_remove(*, reviewer: UnitReviewer) -> None:
    """The faculty member no longer reviews for the unit: the files leave their list; the
    reviews they wrote stay on the applications."""
    reviewer.delete()


def _review_request(application: Application, user, *, by, at: datetime | None) -> None:
    review, made = FacultyReview.objects.get_or_create(
        application=application,
        reviewer=user,
        defaults={"requested_at": at or timezone.now()},
    )
    if made:
        workflow.created(review, by=by, at=at)


@transaction.atomic
def reviews_request(*, application: Application, at: datetime | None = None) -> int:
    """On referral to the faculty: a review requested of each reviewer of the program's unit
    (none twice). Returns how many were asked."""
    people = User.objects.filter(
        review_units__unit__programs__pk=application.program_id, is_active=True
    ).order_by("pk")
    count = 0
    for person in people:
        _review_request(application, person, by=None, at=at)
        count += 1
    return count


# --- Writing a review


def missing_in(review: FacultyReview) -> list[str]:
    """What the review lacks before it can be submitted, in the reader's language."""
    missing = []
    if not review.recommendation:
        missing.append(_("Choose a recommendation."))
    criteria = review.application.program.criteria.all() if review.application.program else []
    scored = set(review.scores.values_list("criterion_id", flat=True))
    unscored = [str(criterion) for criterion in criteria if criterion.pk not in scored]
    if unscored:
        missing.append(_("Score every criterion: %(list)s.") % {"list": services.listed(unscored)})
    return missing


def criteria_of(review: FacultyReview) -> list[ReviewCriterion]:
    program = review.application.program
    return list(program.criteria.all()) if program else []


@transaction.atomic
def review_save(
    *,
    review: FacultyReview,
    recommendation: str,
    scores: Mapping[int, int],
    comments: str,
    no_conflict: bool,
    by,
) -> FacultyReview:
    """Write the reviewer's recommendation, scores (criterion id → SCORE_MIN..SCORE_MAX, one for
    each of the program's criteria) and comments, and submit the review (or record the
    revision of a submitted one), with the reviewer's declaration that no conflict of interest
    ties them to the applicant. Nothing is kept when any of it is refused."""
    if not no_conflict:
        raise ValidationError(
            _("Declare that you have no conflict of interest, or declare the conflict below.")
        )
    if recommendation not in FacultyReview.Recommendation.values:
        raise ValidationError(_("Choose a recommendation."))
    criteria = {criterion.pk: criterion for criterion in criteria_of(review)}
    if set(scores) != set(criteria):
        raise ValidationError(_("Score each of the program's criteria, and only those."))
    for score in scores.values():
        if not SCORE_MIN <= score <= SCORE_MAX:
            raise ValidationError(
                _("Each score is from %(low)s to %(high)s.")
                % {"low": to_local_digits(SCORE_MIN), "high": to_local_digits(SCORE_MAX)}
            )
    step = "revise" if review.status == Status.SUBMITTED else "submit"
    FacultyReview.objects.filter(pk=review.pk).update(
        recommendation=recommendation, comments=comments.strip(), no_conflict_declared=True
    )
    for criterion_id, score in scores.items():
        ReviewScore.objects.update_or_create(
            review=review, criterion_id=criterion_id, defaults={"score": score}
        )
    # The move reads the row again (locked) and checks who writes and that nothing is
    # missing; a refusal undoes the writes above with the transaction.
    return workflow.move(review, step, by=by)


@transaction.atomic
def review_conflict_declare(*, review: FacultyReview, note: str, by) -> FacultyReview:
    """The reviewer declares a conflict of interest: recorded, and the review withdrawn with no
    score."""
    return workflow.move(review, "declare_conflict", by=by, note=note)


# --- Reading reviews


def reviews_for_decision(application: Application) -> list[FacultyReview]:
    """Every review of the application with its scores and reviewer, for the decision page."""
    return list(
        application.faculty_reviews.select_related("reviewer").prefetch_related(
            Prefetch("scores", queryset=ReviewScore.objects.select_related("criterion"))
        )
    )


def to_review(user) -> QuerySet:
    """The reviewer's list: their reviews of files at the faculty, oldest request first."""
    return (
        FacultyReview.objects.assigned_to(user)
        .select_related("application__program__unit")
        .order_by("requested_at", "pk")
    )


def interviews_to_arrange(user) -> QuerySet:
    """The reviewer's units' files at the interview stage, oldest first, each with how many
    times are offered (`offered`) and whether one is booked (`booked`).

    Both are looked up per row rather than counted over a join, so that a page of the list
    costs what its rows cost: grouped by file, every file at the stage was counted before the
    first page could be cut (6 s for 24,000 files at ×100)."""
    slots = InterviewSlot.objects.filter(application=OuterRef("pk"))
    Slot = InterviewSlot.State
    return (
        Application.objects.interviews_arranged_by(user, stage=Stage.INTERVIEW)
        .select_related("program__unit")
        .annotate(
            offered=Coalesce(
                Subquery(
                    slots.filter(state=Slot.OFFERED)
                    .order_by()
                    .values("application")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
            booked=Exists(slots.filter(state=Slot.BOOKED)),
        )
        .order_by("stage_since", "pk")
    )


def overdue_applications(applications: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """Those of `applications` with a faculty review overdue: late (`FacultyReview.late`) on
    a file still referred to the faculty.

    The stage is asked of the application itself and the review looked up per file: a list
    in its usual order then walks its stage's index (application_stage_newest) and stops at a
    page, instead of gathering and sorting every file with an overdue review (13 times slower
    at ×100). Asking the stage again through the review's join made PostgreSQL expect a tenth
    of the rows and count them the slow way."""
    return applications.filter(
        Exists(FacultyReview.objects.late(now=now).filter(application=OuterRef("pk"))),
        stage=Stage.FACULTY_REVIEW,
    )


# --- Reminders


def review_reminders_send(*, now: datetime | None = None) -> int:
    """E-mail each reviewer whose requested review is not in after 7 and after 14 days, in
    their own language, with the link to the review; each threshold once (both at once send
    one e-mail). Returns how many e-mails were queued."""
    now = now or timezone.now()
    first = now - timedelta(days=REVIEW_REMINDER_DAYS[0])
    waiting = (
        FacultyReview.objects.filter(
            status=Status.REQUESTED,
            requested_at__lte=first,
            application__stage=Stage.FACULTY_REVIEW,
            reviewer__is_active=True,
        )
        .select_related("application__program", "reviewer")
        .prefetch_related("reminders")
        .order_by("pk")
    )
    sent = 0
    for review in waiting:
        if not is_reviewer_of(review.reviewer, review.application):
            continue
        age = now - review.requested_at
        already = {reminder.after_days for reminder in review.reminders.all()}
        due = [days for days in REVIEW_REMINDER_DAYS if age >= timedelta(days=days)]
        due = [days for days in due if days not in already]
        if not due:
            continue
        try:
            with transaction.atomic():
                for days in due:
                    ReviewReminder.objects.create(review=review, after_days=days, sent_at=now)
                _remind(review, days=max(due))
        except IntegrityError:
            continue  # another run sent it meanwhile
        sent += 1
    return sent


def _remind(review: FacultyReview, *, days: int) -> None:
    person = review.reviewer
    language = person.preferred_language
    outbox.mail_queue(
        to=person.email,
        language=language,
        template="students/email/review_reminder",
        context={
            "application": review.application,
            "person": person,
            "days": days,
            "url": outbox.portal_url("students:review_detail", language, review.pk),
        },
    )
