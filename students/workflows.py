"""An application's way through the office's procedure, and the check of its documents,
declared once (see intlaffairs/workflow.py).

Application: draft → submitted → document check → referred to the faculty → (interview, for
graduate programs) → admitted / waitlisted / not admitted; admitted → offer accepted → tuition
and originals received → enrolled. The admission gives the offer a deadline: the applicant
accepts or declines it (with a reason) before then, or it lapses (a daily job); each answer is
e-mailed to the officers. Withdrawn from any stage that is not final. Submitting and answering
the offer are the applicant's alone; withdrawing is the applicant's own or the office's; the
decisions are the office managers'. Every move dates `stage_since` from its history row and
e-mails the applicant; the message the office leaves is for the applicant.

Document: waiting for review → verified / rejected, by the office; a stray verification goes
back to checking, with a reason, while the application is still at the document check.
A replaced upload is out of the review.

Faculty review: requested (for each reviewer of the program's unit, when the file is referred
to the faculty) → submitted (revised while the file is still at the faculty) / withdrawn for a
conflict of interest, by the reviewer alone.
"""

from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs import jalali, messaging, security
from intlaffairs.models import SecurityEvent
from intlaffairs.roles import Role
from intlaffairs.workflow import Need, Transition, Workflow, person_is

from . import fees, interviews, reviews, services, tasks
from .models import Application, Document, FacultyReview, InterviewSlot, Invoice, Stage

OFFICE = services.OFFICE
MANAGERS = services.MANAGERS
OFFICE_STEP = _("The office makes this step, not the applicant.")
DECISION = _("Only an office manager can decide on admission.")
# Where the applicant still is in the procedure: withdrawing is possible from these.
OPEN_STAGES = [
    Stage.SUBMITTED,
    Stage.DOCUMENT_CHECK,
    Stage.FACULTY_REVIEW,
    Stage.INTERVIEW,
    Stage.WAITLISTED,
    Stage.ADMITTED,
    Stage.OFFER_ACCEPTED,
    Stage.FEES_RECEIVED,
]
# While the office still checks the documents, a verification may be undone.
CHECKING_STAGES = (Stage.SUBMITTED, Stage.DOCUMENT_CHECK)

MESSAGE = Need(
    "note",
    _("message to the applicant"),
    required=False,
    help_text=_("Sent with the e-mail as written, in the application's history and its messages."),
)
REQUEST = Need(
    "request",
    _("what the applicant must do next"),
    required=False,
    help_text=_("Shown on the applicant's page until the next step; leave empty if nothing."),
)
OFFICE_NEEDS = [MESSAGE, REQUEST]
OFFER_DEADLINE = Need(
    "offer_deadline",
    _("answer the offer by"),
    kind="date",
    required=False,
    help_text=_("Leave empty for 21 days from today."),
)
APPLICANTS_OWN = _("Only the applicant can answer the offer.")


# --- Who and guards


def applicant_or_office(application, user):
    """The applicant on their own application, or the office for them."""
    if application.applicant_id == user.pk or user.has_role(*OFFICE):
        return None
    return _("Only the office can move an application.")


def complete(application, user):
    """Everything the program asks for is there (the problems, in the reader's language)."""
    problems = services.missing_for_submission(application)
    return " ".join(str(problem) for problem in problems) or None


def documents_verified(application, user):
    waiting = [
        str(doc_type)
        for doc_type, document in services.checklist(application)
        if document is None or document.status != Document.Status.VERIFIED
    ]
    if waiting:
        return _("Verify every required document before referring to the faculty: %(list)s.") % {
            "list": services.listed(waiting)
        }
    return None


def graduate(application, user):
    if application.program is not None and not application.program.interviews:
        return _("This program does not interview its applicants; they are decided on their file.")
    return None


def interviewed_if_graduate(application, user):
    if (
        application.stage == Stage.FACULTY_REVIEW
        and application.program is not None
        and application.program.interviews
    ):
        return _("This program interviews its applicants before the decision.")
    return None


def offer_open(application, user):
    """The offer can be accepted until its deadline, that day included."""
    if application.offer_deadline and application.offer_deadline < timezone.localdate():
        return _("The offer lapsed on %(date)s; write to the office if you still wish to come.") % {
            "date": jalali.format_date(application.offer_deadline)
        }
    return None


def offer_past_deadline(application, user):
    if application.offer_deadline is None or application.offer_deadline >= timezone.localdate():
        return _("The offer lapses only after its deadline.")
    return None


# --- What a move writes besides the stage, and its effects


def asked(application, change) -> None:
    """What the office asks of the applicant now: what this step says, or nothing."""
    application.request_to_applicant = change.data.get("request", "")


def submitted(application, change) -> None:
    application.reference = services.next_reference(timezone.localdate())
    application.submitted_at = timezone.now()
    application.request_to_applicant = ""


def offered(application, change) -> None:
    """The admission: what the office asks, and until when the offer stands."""
    asked(application, change)
    deadline = change.data.get("offer_deadline") or timezone.localdate() + timedelta(
        days=services.OFFER_DAYS
    )
    if deadline < timezone.localdate():
        raise ValidationError(_("The date to answer the offer by cannot be in the past."))
    application.offer_deadline = deadline
    change.data["offer_deadline"] = deadline


def dated(application, change) -> None:
    """`stage_since` is the time of the move's history row (a dated step keeps its date)."""
    application.stage_since = change.record.at
    Application.objects.filter(pk=application.pk).update(stage_since=change.record.at)


def reviews_requested(application, change) -> None:
    """The unit's reviewers each get a review to write, dated from the referral."""
    reviews.reviews_request(application=application, at=change.record.at)


def tell_applicant(application, change) -> None:
    services.tell_applicant(application, "stage_changed", note=change.note)


def tell_both_sides(application, change) -> None:
    services.tell_applicant(application, "submitted")
    services.tell_officers(application)


def tell_office_offer(application, change) -> None:
    """The officers hear how the offer ended: accepted, declined (with the reason) or lapsed."""
    services.tell_officers(application, "offer_answered", reason=change.note)


def log_decision(application, change) -> None:
    security.log(
        SecurityEvent.Kind.DECISION,
        user=change.by,
        application=application.reference,
        decision=change.transition.target,
    )


def letter_of_admission(application, change) -> None:
    """The letter is rendered by a task once the decision is committed (the e-mail links to
    the application's page, where it is listed)."""
    transaction.on_commit(lambda: tasks.admission_letter_issue.delay(application.pk))


MOVED = [dated, tell_applicant]
DECIDED = [dated, log_decision, messaging.step_message, tell_applicant]
ANSWERED = [dated, tell_applicant, tell_office_offer]
OFFICE_MOVED = [dated, messaging.step_message, tell_applicant]


# A step the office takes on an application: its message and request to the applicant, the
# date of the stage, the e-mail.
office_step = partial(
    Transition,
    roles=OFFICE,
    denied=OFFICE_STEP,
    needs=OFFICE_NEEDS,
    apply=asked,
    effects=OFFICE_MOVED,
)

APPLICATION = Workflow(
    Application,
    field="stage",
    transitions=[
        Transition(
            name="submit",
            label=_("Submit the application"),
            source=[Stage.DRAFT],
            target=Stage.SUBMITTED,
            who=[person_is("applicant_id", _("Only the applicant can submit an application."))],
            guards=[complete],
            apply=submitted,
            effects=[dated, tell_both_sides],
        ),
        office_step(
            name="start_check",
            label=_("Start the document check"),
            source=[Stage.SUBMITTED],
            target=Stage.DOCUMENT_CHECK,
        ),
        office_step(
            name="refer_to_faculty",
            label=_("Refer to the faculty"),
            source=[Stage.DOCUMENT_CHECK],
            target=Stage.FACULTY_REVIEW,
            guards=[documents_verified],
            effects=[*OFFICE_MOVED, reviews_requested],
        ),
        office_step(
            name="invite_to_interview",
            label=_("Invite to an interview"),
            source=[Stage.FACULTY_REVIEW],
            target=Stage.INTERVIEW,
            guards=[graduate],
        ),
        Transition(
            name="admit",
            label=_("Admit"),
            source=[Stage.FACULTY_REVIEW, Stage.INTERVIEW, Stage.WAITLISTED],
            target=Stage.ADMITTED,
            roles=MANAGERS,
            denied=DECISION,
            explain=[Role.OFFICER],
            guards=[interviewed_if_graduate],
            needs=[*OFFICE_NEEDS, OFFER_DEADLINE],
            apply=offered,
            effects=[*DECIDED, letter_of_admission],
            style="success",
        ),
        Transition(
            name="waitlist",
            label=_("Put on the waiting list"),
            source=[Stage.FACULTY_REVIEW, Stage.INTERVIEW],
            target=Stage.WAITLISTED,
            roles=MANAGERS,
            denied=DECISION,
            explain=[Role.OFFICER],
            guards=[interviewed_if_graduate],
            needs=OFFICE_NEEDS,
            apply=asked,
            effects=DECIDED,
            style="secondary",
        ),
        Transition(
            name="reject",
            label=_("Do not admit"),
            source=[Stage.DOCUMENT_CHECK, Stage.FACULTY_REVIEW, Stage.INTERVIEW, Stage.WAITLISTED],
            target=Stage.REJECTED,
            roles=MANAGERS,
            denied=DECISION,
            explain=[Role.OFFICER],
            needs=OFFICE_NEEDS,
            apply=asked,
            effects=DECIDED,
            style="danger",
        ),
        Transition(
            name="accept_offer",
            label=_("Accept the offer"),
            source=[Stage.ADMITTED],
            target=Stage.OFFER_ACCEPTED,
            who=[person_is("applicant_id", APPLICANTS_OWN)],
            guards=[offer_open],
            apply=asked,
            effects=ANSWERED,
            style="success",
        ),
        Transition(
            name="decline_offer",
            label=_("Decline the offer"),
            source=[Stage.ADMITTED],
            target=Stage.OFFER_DECLINED,
            who=[person_is("applicant_id", APPLICANTS_OWN)],
            needs=[
                Need(
                    "note",
                    _("why you decline"),
                    help_text=_("The office reads it; declining cannot be undone."),
                )
            ],
            apply=asked,
            effects=ANSWERED,
            style="danger",
        ),
        Transition(
            name="lapse_offer",
            label=_("The offer lapses"),
            source=[Stage.ADMITTED],
            target=Stage.OFFER_LAPSED,
            automatic=True,
            guards=[offer_past_deadline],
            apply=asked,
            effects=ANSWERED,
        ),
        office_step(
            name="receive_fees",
            label=_("Tuition and originals received"),
            source=[Stage.OFFER_ACCEPTED],
            target=Stage.FEES_RECEIVED,
            guards=[fees.tuition_settled],
        ),
        office_step(
            name="enroll",
            label=_("Enrol"),
            source=[Stage.FEES_RECEIVED],
            target=Stage.ENROLLED,
            guards=[fees.registration_code_entered],
            style="success",
        ),
        Transition(
            name="withdraw",
            label=_("Withdraw the application"),
            source=OPEN_STAGES,
            target=Stage.WITHDRAWN,
            who=[applicant_or_office],
            needs=[
                Need(
                    "note",
                    _("note"),
                    required=False,
                    help_text=_("Withdrawing cannot be undone."),
                )
            ],
            apply=asked,
            effects=MOVED,
            style="danger",
        ),
    ],
)


# --- Documents

Status = Document.Status


def not_replaced(document, user):
    if document.replaced:
        return _("This document has been replaced by a newer upload.")
    return None


def still_checking(document, user):
    """Once the application has left the document check, the referral to the faculty (and what
    followed) rests on this verification: it is no longer undone here."""
    if document.application.stage not in CHECKING_STAGES:
        return _(
            "The application has left the document check; its documents no longer go back "
            "to checking."
        )
    return None


def reviewed(document, change) -> None:
    document.reviewed_by = change.by
    document.reviewed_at = timezone.now()
    document.reason = change.note if change.transition.target == Status.REJECTED else ""


def unreviewed(document, change) -> None:
    document.reviewed_by = None
    document.reviewed_at = None
    document.reason = ""


def tell_rejected(document, change) -> None:
    services.tell_applicant(document.application, "document_rejected", document=document)


DOCUMENT = Workflow(
    Document,
    field="status",
    transitions=[
        Transition(
            name="verify",
            label=_("Verify"),
            # A rejected upload the applicant has not replaced yet can still be accepted.
            source=[Status.PENDING, Status.REJECTED],
            target=Status.VERIFIED,
            roles=OFFICE,
            guards=[not_replaced],
            apply=reviewed,
            style="success",
        ),
        Transition(
            name="reject",
            label=_("Reject"),
            source=[Status.PENDING, Status.REJECTED],
            target=Status.REJECTED,
            roles=OFFICE,
            guards=[not_replaced],
            needs=[
                Need(
                    "note",
                    _("reason for rejecting"),
                    help_text=_("Say why the document is rejected; the applicant will read it."),
                )
            ],
            apply=reviewed,
            effects=[tell_rejected],
            style="danger",
        ),
        Transition(
            name="back_to_check",
            label=_("Back to check"),
            source=[Status.VERIFIED],
            target=Status.PENDING,
            roles=OFFICE,
            guards=[not_replaced, still_checking],
            needs=[Need("note", _("why it goes back to checking"))],
            apply=unreviewed,
            style="secondary",
        ),
    ],
)


# --- Faculty reviews

Review = FacultyReview.Status
REVIEWERS_OWN = _("Only the reviewer it was asked of can write this review.")


def still_reviewer(review, user):
    """The reviewer is still one of the unit's (the administrator may have removed them)."""
    if not reviews.is_reviewer_of(user, review.application):
        return _("You are no longer a reviewer of this school or department.")
    return None


def file_at_faculty(review, user):
    if review.application.stage != Stage.FACULTY_REVIEW:
        return _("The application has left the faculty review; its reviews are closed.")
    return None


def review_complete(review, user):
    """A recommendation and a score on each of the program's criteria."""
    missing = reviews.missing_in(review)
    return " ".join(str(problem) for problem in missing) or None


def review_submitted(review, change) -> None:
    review.submitted_at = timezone.now()


def conflict_declared(review, change) -> None:
    """A conflict records the declaration and nothing of an opinion: no score, no
    recommendation."""
    review.conflict = change.note
    review.recommendation = ""
    review.comments = ""
    review.submitted_at = None
    review.scores.all().delete()


review_step = partial(
    Transition,
    roles=[Role.FACULTY],
    who=[person_is("reviewer_id", REVIEWERS_OWN), still_reviewer],
    denied=REVIEWERS_OWN,
)

REVIEW = Workflow(
    FacultyReview,
    field="status",
    transitions=[
        review_step(
            name="submit",
            label=_("Submit the review"),
            source=[Review.REQUESTED],
            target=Review.SUBMITTED,
            guards=[file_at_faculty, review_complete],
            apply=review_submitted,
            style="success",
        ),
        review_step(
            name="revise",
            label=_("Update the review"),
            source=[Review.SUBMITTED],
            target=Review.SUBMITTED,
            guards=[file_at_faculty, review_complete],
            apply=review_submitted,
        ),
        review_step(
            name="declare_conflict",
            label=_("Declare a conflict of interest"),
            source=[Review.REQUESTED, Review.SUBMITTED],
            target=Review.CONFLICT,
            guards=[file_at_faculty],
            needs=[
                Need(
                    "note",
                    _("the conflict of interest"),
                    help_text=_(
                        "Say what ties you to the applicant; the office reads it and your "
                        "review is withdrawn without scores."
                    ),
                )
            ],
            apply=conflict_declared,
            style="danger",
        ),
    ],
)


# --- Interview slots (students/interviews.py)
#
# offered → booked (the applicant chooses it) → held (the panel's report) / no-show; a booked
# slot is moved by the office (the invitation sent again), released by the applicant (back to
# offered, for another choice) or cancelled by the office, as an offered one can be.

Slot = InterviewSlot.State

INTERVIEW_SLOT = Workflow(
    InterviewSlot,
    field="state",
    transitions=[
        Transition(
            name="book",
            label=_("Choose this time"),
            source=[Slot.OFFERED],
            target=Slot.BOOKED,
            who=[interviews.the_applicant],
            guards=[interviews.at_interview_stage, interviews.ahead, interviews.none_booked],
            apply=interviews.booked,
            effects=[interviews.send_invitation],
            style="success",
        ),
        Transition(
            name="release",
            label=_("Give up this time"),
            source=[Slot.BOOKED],
            target=Slot.OFFERED,
            who=[interviews.the_applicant],
            guards=[interviews.at_interview_stage, interviews.ahead],
            needs=[
                Need(
                    "note",
                    _("note to the office"),
                    required=False,
                    help_text=_("You can then choose another of the times offered."),
                )
            ],
            apply=interviews.resent,
            effects=[interviews.send_release],
            style="secondary",
        ),
        Transition(
            name="reschedule",
            label=_("Send the changed interview"),
            source=[Slot.BOOKED],
            target=Slot.BOOKED,
            who=[interviews.an_arranger],
            guards=[interviews.at_interview_stage, interviews.ahead],
            needs=[MESSAGE],
            apply=interviews.resent,
            effects=[interviews.send_update],
        ),
        Transition(
            name="cancel",
            label=_("Cancel this interview time"),
            source=[Slot.OFFERED, Slot.BOOKED],
            target=Slot.CANCELLED,
            who=[interviews.an_arranger],
            guards=[interviews.ahead],
            needs=[MESSAGE],
            apply=interviews.resent_if_booked,
            effects=[interviews.send_cancellation],
            style="danger",
        ),
        Transition(
            name="report",
            label=_("Record the panel's report"),
            source=[Slot.BOOKED],
            target=Slot.HELD,
            who=[interviews.an_arranger],
            guards=[interviews.started, interviews.report_written],
            style="success",
        ),
        Transition(
            name="no_show",
            label=_("The applicant did not come"),
            source=[Slot.BOOKED],
            target=Slot.NO_SHOW,
            who=[interviews.an_arranger],
            guards=[interviews.started],
            needs=[Need("note", _("note"), required=False)],
            style="secondary",
        ),
    ],
)


# --- Invoices (students/fees.py): open → partly paid → paid, or waived or cancelled

Paid = Invoice.Status
STANDING = [Paid.OPEN, Paid.PARTLY_PAID]
MONEY = _("Only an office manager can waive or cancel what an applicant owes.")
AMOUNT = Need(
    "amount",
    _("amount received"),
    kind="amount",
    help_text=_("What reached the university's account, in the invoice's currency."),
)

WHOLE_BALANCE = Need(
    "amount",
    _("amount received"),
    kind="amount",
    required=False,
    help_text=_("Leave empty for the whole balance."),
)


def receipt_after_commit(invoice, change) -> None:
    """The receipt is rendered by a task once the payment is committed."""
    payment_id = change.data["payment"]
    transaction.on_commit(lambda: tasks.payment_receipt_issue.delay(payment_id))


PAID = [receipt_after_commit, fees.tell_paid]

INVOICE = Workflow(
    Invoice,
    field="status",
    transitions=[
        Transition(
            name="pay_part",
            label=_("Record a part payment"),
            source=STANDING,
            target=Paid.PARTLY_PAID,
            roles=OFFICE,
            needs=[AMOUNT],
            apply=fees.received,
            effects=PAID,
        ),
        Transition(
            name="pay_in_full",
            label=_("Record the payment in full"),
            source=STANDING,
            target=Paid.PAID,
            roles=OFFICE,
            needs=[WHOLE_BALANCE],
            apply=fees.received,
            effects=PAID,
            style="success",
        ),
        Transition(
            name="waive",
            label=_("Waive the rest"),
            source=STANDING,
            target=Paid.WAIVED,
            roles=MANAGERS,
            denied=MONEY,
            explain=[Role.OFFICER],
            needs=[Need("note", _("reason for the waiver"))],
            apply=fees.waived,
            style="secondary",
        ),
        Transition(
            name="cancel",
            label=_("Cancel the invoice"),
            source=[Paid.OPEN],
            target=Paid.CANCELLED,
            roles=MANAGERS,
            denied=MONEY,
            explain=[Role.OFFICER],
            needs=[Need("note", _("why it is cancelled"))],
            style="danger",
        ),
    ],
)
