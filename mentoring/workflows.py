"""Mentor applications and mentoring pairs, declared once (see intlaffairs/workflow.py).

A mentor application: applied → approved or declined, decided by the office; approval gives
the student the mentor role. A pair: proposed by the matching → active when the office
confirms it (while the mentor has a free place) → ended, with the reason, when the office ends
it; ending asks both sides for a closing survey.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.access import OFFICE_ROLES
from intlaffairs.roles import Role
from intlaffairs.workflow import Need, Transition, Workflow

from .models import Mentor, Pairing, Survey
from .services import mail_person

# --- Mentor applications


def _decided(mentor, change) -> None:
    mentor.decided_by = change.by


def _give_the_mentor_role(mentor, change) -> None:
    mentor.user.groups.add(Group.objects.get_or_create(name=Role.MENTOR)[0])


def _tell_the_student(mentor, change) -> None:
    mail_person(mentor.user, "mentor_decision", "mentoring:my_mentees", mentor=mentor)


MENTOR = Workflow(
    Mentor,
    field="status",
    transitions=[
        Transition(
            name="approve",
            label=_("Approve"),
            source=[Mentor.Status.APPLIED],
            target=Mentor.Status.APPROVED,
            roles=OFFICE_ROLES,
            apply=_decided,
            effects=[_give_the_mentor_role, _tell_the_student],
            style="success",
        ),
        Transition(
            name="decline",
            label=_("Decline"),
            source=[Mentor.Status.APPLIED],
            target=Mentor.Status.DECLINED,
            roles=OFFICE_ROLES,
            apply=_decided,
            effects=[_tell_the_student],
            style="danger",
        ),
    ],
)


# --- Pairs


def free_place(pairing, user=None):
    """The mentor can take one more active mentee (proposals hold no place). A page that lists
    many proposals annotates `mentor_active` (the mentor's active pairs) to spare a query each."""
    active = getattr(pairing, "mentor_active", None)
    if active is None:
        active = pairing.mentor.pairings.filter(status=Pairing.Status.ACTIVE).count()
    if active >= pairing.mentor.capacity:
        return _("This mentor has no free place.")
    return None


def _confirmed(pairing, change) -> None:
    # Lock the mentor so that two confirmations at once cannot both take the last place;
    # the guard already answered for the buttons, this answers under the lock.
    Mentor.objects.select_for_update().get(pk=pairing.mentor_id)
    reason = free_place(pairing)
    if reason:
        raise ValidationError(reason)
    pairing.confirmed_at = timezone.now()
    pairing.confirmed_by = change.by


def _tell_both_who_the_other_is(pairing, change) -> None:
    mail_person(
        pairing.mentor.user,
        "paired_mentor",
        "mentoring:pairing_detail",
        pairing.pk,
        pairing=pairing,
    )
    if pairing.mentee.user is not None:
        mail_person(pairing.mentee.user, "paired_mentee", "mentoring:my_mentor", pairing=pairing)


def _ended(pairing, change) -> None:
    pairing.ended_at = timezone.now()
    pairing.end_reason = change.data["end_reason"]


def _ask_both_for_a_survey(pairing, change) -> None:
    sides = [(Survey.Side.MENTOR, pairing.mentor.user)]
    if pairing.mentee.user is not None:
        sides.append((Survey.Side.MENTEE, pairing.mentee.user))
    for side, person in sides:
        survey = Survey.objects.create(pairing=pairing, side=side, respondent=person)
        mail_person(person, "survey", "mentoring:survey", survey.pk, pairing=pairing)


PAIRING = Workflow(
    Pairing,
    field="status",
    transitions=[
        Transition(
            name="confirm",
            label=_("Confirm"),
            source=[Pairing.Status.PROPOSED],
            target=Pairing.Status.ACTIVE,
            roles=OFFICE_ROLES,
            guards=[free_place],
            apply=_confirmed,
            effects=[_tell_both_who_the_other_is],
            style="success",
        ),
        Transition(
            name="end",
            label=_("End the pairing"),
            source=[Pairing.Status.ACTIVE],
            target=Pairing.Status.ENDED,
            roles=OFFICE_ROLES,
            needs=[Need("end_reason", _("why it ended"), kind="line")],
            apply=_ended,
            effects=[_ask_both_for_a_survey],
            style="danger",
        ),
    ],
)
