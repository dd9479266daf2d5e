"""Writes on mentoring: mentor applications, mentees, proposing pairings, meetings and issues,
feedback, closing surveys, check-in reminders. Deciding an application, confirming and ending
a pairing are steps of the workflows in workflows.py, taken with `intlaffairs.workflow.move`.

Each service is atomic, takes keyword-only arguments and raises ValidationError with a
translated message when a rule forbids the change; each person is written to in their language.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intlaffairs import outbox, workflow
from intlaffairs.models import User
from intlaffairs.roles import Role

from . import matching
from .models import (
    CheckInReminder,
    Feedback,
    Issue,
    Meeting,
    Mentee,
    Mentor,
    Pairing,
    Survey,
)

CHECK_IN_AFTER_DAYS = 30


def mail_person(person: User, template: str, url_name: str, *args, **context) -> None:
    """Queue the e-mail `template` to `person`, in their language, linking to `url_name`."""
    language = person.preferred_language
    outbox.mail_queue(
        to=person.email,
        language=language,
        template=f"mentoring/email/{template}",
        context={"person": person, "url": outbox.portal_url(url_name, language, *args), **context},
    )


# --- Mentors


def mentor_apply(*, form, languages, by: User) -> Mentor:
    """Save a student's application to be a mentor (it starts as "applied") with their
    languages; the office decides it through the mentor workflow (workflows.py)."""
    with transaction.atomic():
        form.instance.user = by
        mentor = form.save()
        languages.instance = mentor
        languages.save()
        workflow.created(mentor, by=by)
        return mentor


def used_places(mentor: Mentor) -> int:
    return mentor.pairings.current().count()


# --- Matching


def _mentor_info(mentor: Mentor, load: int) -> matching.MentorInfo:
    return matching.MentorInfo(
        key=mentor.pk,
        program=mentor.program_id,
        school=mentor.unit_id,
        languages=frozenset(mentor.language_codes),
        gender=mentor.gender,
        free=mentor.capacity - load,
        load=load,
    )


def _mentee_info(mentee: Mentee) -> matching.MenteeInfo:
    return matching.MenteeInfo(
        key=mentee.pk,
        program=mentee.program_id,
        school=mentee.unit_id,
        languages=frozenset(mentee.languages),
        preference=mentee.gender_preference,
    )


def unmatched_mentees():
    return Mentee.objects.exclude(pairings__status__in=["proposed", "active"])


def available_mentors():
    mentors = Mentor.objects.filter(status=Mentor.Status.APPROVED).annotate(
        load=Count("pairings", filter=~Q(pairings__status="ended"))
    )
    # prefetch_related saves a query per mentor; the mentors are the same without it
    return mentors.prefetch_related("languages")  # pragma: no mutate


def propose_matches(*, by: User) -> list[Pairing]:
    """Propose the optimal pairs for every unmatched mentee (earlier proposals are redone)."""
    with transaction.atomic():
        Pairing.objects.filter(status=Pairing.Status.PROPOSED).delete()
        # Lock the mentors (PostgreSQL locks no grouped rows, so their loads are counted apart).
        mentors = list(
            Mentor.objects.filter(status=Mentor.Status.APPROVED)
            .select_for_update()
            .prefetch_related("languages")
        )
        loads = dict(
            Pairing.objects.current()
            .filter(mentor__in=mentors)
            .values_list("mentor")
            .annotate(n=Count("id"))
            .order_by()
        )
        mentees = list(unmatched_mentees())
        infos = [_mentor_info(mentor, loads.get(mentor.pk, 0)) for mentor in mentors]
        chosen = matching.assign(infos, [_mentee_info(mentee) for mentee in mentees])
        proposals = []
        for mentee in mentees:
            if mentee.pk not in chosen:
                continue
            mentor_key, scored = chosen[mentee.pk]
            proposals.append(
                Pairing.objects.create(
                    mentor_id=mentor_key, mentee=mentee, score=scored.score, reasons=scored.reasons
                )
            )
        return proposals


def proposal_change_mentor(*, pairing: Pairing, mentor: Mentor) -> Pairing:
    """Staff adjust a proposal: another approved mentor with a free place."""
    with transaction.atomic():
        pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
        if pairing.status != Pairing.Status.PROPOSED:
            raise ValidationError(_("Only a proposed pairing can be changed."))
        mentor = Mentor.objects.select_for_update().get(pk=mentor.pk)
        if mentor.status != Mentor.Status.APPROVED:
            raise ValidationError(_("This mentor is not approved."))
        if mentor.pk != pairing.mentor_id and used_places(mentor) >= mentor.capacity:
            raise ValidationError(_("This mentor has no free place."))
        scored = matching.pair_score(
            _mentor_info(mentor, used_places(mentor)), _mentee_info(pairing.mentee)
        )
        if not scored.allowed:
            raise ValidationError(_("The mentee asked for a mentor of the other gender."))
        pairing.mentor = mentor
        pairing.score = scored.score
        pairing.reasons = scored.reasons
        # the row was read under the lock just now: saving every field writes the same
        pairing.save(update_fields=["mentor", "score", "reasons"])  # pragma: no mutate
        return pairing


def proposals_confirm_all(*, by: User) -> tuple[int, int, list[str]]:
    """Confirm every proposal of the same field; a cross-field proposal is left for the office
    to confirm on its own. Returns (confirmed, skipped as cross-field, refusals)."""
    with transaction.atomic():
        confirmed, skipped, refusals = 0, 0, []
        proposals = Pairing.objects.filter(status=Pairing.Status.PROPOSED)
        # select_related saves the queries of each pair's fields and name; the same without it
        proposals = proposals.select_related("mentor__user", "mentee")  # pragma: no mutate
        for pairing in proposals:
            if pairing.crosses_fields:
                skipped += 1
                continue
            try:
                with transaction.atomic():
                    workflow.move(pairing, "confirm", by=by)
            except ValidationError as error:
                # confirming refuses with one message (its guard's, or the same under the
                # lock), so the separator never shows
                reason = " ".join(error.messages)  # pragma: no mutate
                refusals.append(f"{pairing}: {reason}")
            else:
                confirmed += 1
        return confirmed, skipped, refusals


# --- Working together


def meeting_log(
    *, pairing: Pairing, data: dict, issues: list[tuple[str, str, bool]], by: User
) -> Meeting:
    """The mentor logs a meeting with the issues raised; an issue can go to the office."""
    with transaction.atomic():
        if pairing.mentor.user_id != by.pk:
            raise ValidationError(_("Only the mentor logs meetings."))
        if pairing.status != Pairing.Status.ACTIVE:
            raise ValidationError(_("Meetings are logged for active pairings."))
        if data["date"] > timezone.localdate():
            raise ValidationError(_("A meeting cannot be in the future."))
        meeting = Meeting.objects.create(pairing=pairing, **data)
        for category, description, escalate in issues:
            issue = Issue.objects.create(
                pairing=pairing, meeting=meeting, category=category, description=description
            )
            if escalate:
                issue_escalate(issue=issue, by=by)
        return meeting


def _officers() -> list[User]:
    return list(User.objects.filter(groups__name=Role.OFFICER, is_active=True).distinct())


def issue_escalate(*, issue: Issue, by: User) -> Issue:
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.pairing.mentor.user_id != by.pk:
            raise ValidationError(_("Only the mentor escalates the pairing's issues."))
        if issue.escalated_at is None:
            issue.escalated_at = timezone.now()
            # read under the lock just now: saving every field writes the same
            issue.save(update_fields=["escalated_at"])  # pragma: no mutate
            for officer in _officers():
                mail_person(officer, "issue_escalated", "mentoring:issue_list", issue=issue)
        return issue


def issue_resolve(*, issue: Issue, resolution: str, by: User) -> Issue:
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if not resolution.strip():
            raise ValidationError(_("Say what the office did."))
        issue.resolved_at = timezone.now()
        issue.resolution = resolution.strip()
        # read under the lock just now: saving every field writes the same
        issue.save(update_fields=["resolved_at", "resolution"])  # pragma: no mutate
        return issue


def mentee_contact_consent(*, form, by: User) -> Mentee:
    """A mentee says which of their e-mail and phone their mentor may see."""
    with transaction.atomic():
        if form.instance.user_id != by.pk:
            raise ValidationError(_("Only the mentee decides what their mentor sees."))
        return form.save()


def feedback_give(*, pairing: Pairing, rating: int, comment: str, by: User) -> Feedback:
    if pairing.mentee.user_id != by.pk:
        raise ValidationError(_("Only the mentee gives feedback on their mentor."))
    if not 1 <= rating <= 5:
        raise ValidationError(_("Choose a rating from 1 to 5."))
    return Feedback.objects.create(pairing=pairing, rating=rating, comment=comment)


def survey_answer(*, survey: Survey, data: dict, by: User) -> Survey:
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.respondent_id != by.pk:
            raise ValidationError(_("This survey is someone else's."))
        if survey.answered_at is not None:
            raise ValidationError(_("You have already answered; thank you."))
        for name, value in data.items():
            setattr(survey, name, value)
        survey.answered_at = timezone.now()
        survey.save()
        return survey


def last_contact(pairing: Pairing) -> date:
    """The date of the pair's last meeting, or of its confirmation."""
    last = pairing.meetings.aggregate(last=Max("date"))["last"]
    return last or timezone.localtime(pairing.confirmed_at).date()


def check_in_reminders_send(*, today: date | None = None) -> int:
    """Remind the mentor of each active pair that has not met for 30 days, once per gap."""
    today = today or timezone.localdate()
    sent = 0
    pairings = Pairing.objects.filter(status=Pairing.Status.ACTIVE).annotate(
        last_meeting=Max("meetings__date")
    )
    # select_related saves the queries of the mail's names; the pairs are the same without it
    pairings = pairings.select_related("mentor__user", "mentee")  # pragma: no mutate
    for pairing in pairings:
        since = pairing.last_meeting or timezone.localtime(pairing.confirmed_at).date()
        if (today - since).days < CHECK_IN_AFTER_DAYS:
            continue
        try:
            with transaction.atomic():
                CheckInReminder.objects.create(pairing=pairing, since=since)
                mail_person(
                    pairing.mentor.user,
                    "check_in",
                    "mentoring:pairing_detail",
                    pairing.pk,
                    pairing=pairing,
                    days=(today - since).days,
                )
        except IntegrityError:
            continue  # already reminded for this gap
        sent += 1
    return sent


def mentee_from_application(*, application, by: User) -> Mentee:
    """A mentee profile from an enrolled application (its applicant account is theirs)."""
    if application.stage != "enrolled":
        raise ValidationError(_("Only enrolled students become mentees."))
    if Mentee.objects.filter(application=application).exists():
        raise ValidationError(_("This student is already a mentee."))
    program = application.program
    try:
        # a savepoint: a caller's transaction goes on after the refused insert
        with transaction.atomic():
            return Mentee.objects.create(
                user=application.applicant,
                application=application,
                name=application.name_latin,
                email=application.applicant.email,
                phone=application.phone,
                program=program,
                unit=program.unit,
                gender=application.sex or "male",
                languages=["en"],
                arrival_date=timezone.localdate(),
            )
    except IntegrityError as error:
        raise ValidationError(_("This student is already a mentee.")) from error
