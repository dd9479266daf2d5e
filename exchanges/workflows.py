"""The exchanges' workflows, declared once (see intlaffairs/workflow.py).

Mobility: planned → approved → ongoing → completed → report received; cancelled from any step
before completion. Approving commits the university's money and leave: office managers only.
The report step needs the final report; uploading it on a completed mobility takes the step
(services.mobility_report_add).

Course application: submitted, then the office accepts (within the course's places), waitlists
or rejects, and may change its decision until a certificate is issued. Withdrawing is the
applicant's own step, while the application is still open (submitted, waitlisted, accepted).

Follow-up action of a delegation: open → done, and back to open with a reason (a stray click).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs import messaging, security
from intlaffairs.jalali import to_local_digits
from intlaffairs.models import SecurityEvent
from intlaffairs.roles import Role
from intlaffairs.workflow import Need, Transition, Workflow, person_is

from .models import CourseApplication, FollowUp, Mobility, ShortCourse
from .services import places_left, tell_applicant

OFFICE = (Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER)
MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)
NOTE = Need("note", _("note"), required=False)

# --- Mobilities

Trip = Mobility.Status


def report_uploaded(mobility, user):
    return None if mobility.report else _("Upload the final report first.")


MOBILITY = Workflow(
    Mobility,
    field="status",
    transitions=[
        Transition(
            name="approve",
            label=_("Approve"),
            source=[Trip.PLANNED],
            target=Trip.APPROVED,
            roles=MANAGERS,
            denied=_("Only an office manager can approve a mobility."),
            explain=[Role.OFFICER],
            needs=[NOTE],
            style="success",
        ),
        Transition(
            name="start",
            label=_("Mark as started"),
            source=[Trip.APPROVED],
            target=Trip.ONGOING,
            roles=OFFICE,
        ),
        Transition(
            name="complete",
            label=_("Mark as completed"),
            source=[Trip.ONGOING],
            target=Trip.COMPLETED,
            roles=OFFICE,
        ),
        Transition(
            name="receive_report",
            label=_("Report received"),
            source=[Trip.COMPLETED],
            target=Trip.REPORT_RECEIVED,
            roles=OFFICE,
            guards=[report_uploaded],
        ),
        Transition(
            name="cancel",
            label=_("Cancel the mobility"),
            source=[Trip.PLANNED, Trip.APPROVED, Trip.ONGOING],
            target=Trip.CANCELLED,
            roles=OFFICE,
            needs=[NOTE],
            style="danger",
        ),
    ],
)

# --- Course applications

Application = CourseApplication.Status
MESSAGE = Need("note", _("message to the applicant"), required=False)
OPEN_APPLICATION = [Application.SUBMITTED, Application.WAITLISTED, Application.ACCEPTED]


def no_certificate(application, user):
    if hasattr(application, "certificate"):
        return _("A certificate has been issued; the decision stands.")
    return None


def _course_full(course: ShortCourse) -> str:
    return _("The course is full (%(capacity)s places). Waitlist the applicant instead.") % {
        "capacity": to_local_digits(course.capacity)
    }


def a_place_left(application, user):
    # A list of one course's applications shares its course object: count the places once.
    course = application.course
    if "_places_left" not in course.__dict__:
        course.__dict__["_places_left"] = places_left(course)
    return None if course.__dict__["_places_left"] else _course_full(course)


def record_decision(application, change) -> None:
    application.note = change.note
    application.decided_by = change.by
    application.decided_at = timezone.now()


def record_acceptance(application, change) -> None:
    # Lock the course, then count again: two officers accepting the last place at once get it
    # one after the other, and the second is refused.
    course = ShortCourse.objects.select_for_update().get(pk=application.course_id)
    if places_left(course) == 0:
        raise ValidationError(_course_full(course))
    record_decision(application, change)


def log_decision(application, change) -> None:
    security.log(
        SecurityEvent.Kind.DECISION,
        user=change.by,
        course_application=application.pk,
        decision=application.status,
    )


def mail_decision(application, change) -> None:
    tell_applicant(application, "course_decision")


DECISION_EFFECTS = [log_decision, messaging.step_message, mail_decision]

COURSE_APPLICATION = Workflow(
    CourseApplication,
    field="status",
    transitions=[
        Transition(
            name="accept",
            label=_("Accept"),
            source=[Application.SUBMITTED, Application.WAITLISTED, Application.REJECTED],
            target=Application.ACCEPTED,
            roles=OFFICE,
            guards=[a_place_left],
            needs=[MESSAGE],
            apply=record_acceptance,
            effects=DECISION_EFFECTS,
            style="success",
        ),
        Transition(
            name="waitlist",
            label=_("Waitlist"),
            source=[Application.SUBMITTED, Application.ACCEPTED, Application.REJECTED],
            target=Application.WAITLISTED,
            roles=OFFICE,
            guards=[no_certificate],
            needs=[MESSAGE],
            apply=record_decision,
            effects=DECISION_EFFECTS,
            style="secondary",
        ),
        Transition(
            name="reject",
            label=_("Reject"),
            source=[Application.SUBMITTED, Application.ACCEPTED, Application.WAITLISTED],
            target=Application.REJECTED,
            roles=OFFICE,
            guards=[no_certificate],
            needs=[MESSAGE],
            apply=record_decision,
            effects=DECISION_EFFECTS,
            style="danger",
        ),
        Transition(
            name="withdraw",
            label=_("Withdraw"),
            source=OPEN_APPLICATION,
            target=Application.WITHDRAWN,
            roles=[Role.APPLICANT],
            who=[person_is("applicant_id", _("Only the applicant can withdraw."))],
            denied=_("Only the applicant can withdraw."),
            guards=[no_certificate],
            style="danger",
        ),
    ],
)

# --- Follow-up actions of delegations

Action = FollowUp.Status


def mark_done(follow_up, change) -> None:
    follow_up.done_on = timezone.localdate()


def clear_done(follow_up, change) -> None:
    follow_up.done_on = None


FOLLOW_UP = Workflow(
    FollowUp,
    field="status",
    transitions=[
        Transition(
            name="done",
            label=_("Done"),
            source=[Action.OPEN],
            target=Action.DONE,
            roles=OFFICE,
            apply=mark_done,
            style="success",
        ),
        Transition(
            name="reopen",
            label=_("Reopen"),
            source=[Action.DONE],
            target=Action.OPEN,
            roles=OFFICE,
            needs=[Need("note", _("why it is reopened"))],
            apply=clear_done,
            style="secondary",
        ),
    ],
)
