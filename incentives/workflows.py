"""The workflows of incentives, declared once (see intlaffairs/workflow.py).

A reimbursement claim: submitted → verified by the office → approved by a manager → paid, or
rejected before approval; a verification can be reversed while the manager has not decided.
Nobody takes a step on their own claim (four eyes), and the claimant hears of every step.

A language certificate: waiting for review → verified or rejected (with a reason its owner
reads), and back to review while no claim stands on it; nobody checks their own.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from intlaffairs.roles import Role
from intlaffairs.workflow import Need, Transition, Workflow, person_is_not

from . import services
from .models import Certificate, Claim

OFFICE = (Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER)
MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)
NOTE = Need("note", _("note"), required=False)
REASON = Need("note", _("reason"))

# --- Reimbursement claims

Status = Claim.Status
NOT_OWN_CLAIM = person_is_not("claimant_id", _("Nobody decides on their own claim."))


def claim_rules_hold(claim, user):
    """The reimbursement rules, checked again before approval (the certificate may have been
    sent back, the policy's cap lowered)."""
    try:
        services.check_claim_rules(claim)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def record_payment(claim, change):
    claim.paid_on = change.data["paid_on"]
    claim.payment_reference = change.data["payment_reference"]


def record_rejection(claim, change):
    claim.rejection_reason = change.note


def tell_claimant(claim, change):
    services.claim_tell_claimant(claim)


CLAIM = Workflow(
    Claim,
    field="status",
    transitions=[
        Transition(
            name="verify",
            label=_("Verify the claim"),
            source=[Status.SUBMITTED],
            target=Status.VERIFIED,
            roles=OFFICE,
            who=[NOT_OWN_CLAIM],
            needs=[NOTE],
            effects=[tell_claimant],
        ),
        Transition(
            name="unverify",
            label=_("Reverse the verification"),
            source=[Status.VERIFIED],
            target=Status.SUBMITTED,
            roles=OFFICE,
            who=[NOT_OWN_CLAIM],
            needs=[Need("note", _("why the verification is reversed"))],
            effects=[tell_claimant],
            style="secondary",
        ),
        Transition(
            name="approve",
            label=_("Approve the claim"),
            source=[Status.VERIFIED],
            target=Status.APPROVED,
            roles=MANAGERS,
            who=[NOT_OWN_CLAIM],
            denied=_("Only an office manager can approve a claim."),
            explain=[Role.OFFICER],
            guards=[claim_rules_hold],
            needs=[NOTE],
            effects=[tell_claimant],
            style="success",
        ),
        Transition(
            name="pay",
            label=_("Record the payment"),
            source=[Status.APPROVED],
            target=Status.PAID,
            roles=OFFICE,
            who=[NOT_OWN_CLAIM],
            needs=[
                Need("paid_on", _("payment date"), kind="date"),
                Need("payment_reference", _("payment reference"), kind="line"),
                NOTE,
            ],
            apply=record_payment,
            effects=[tell_claimant],
            style="success",
        ),
        Transition(
            name="reject",
            label=_("Reject the claim"),
            source=[Status.SUBMITTED, Status.VERIFIED],
            target=Status.REJECTED,
            roles=OFFICE,
            who=[NOT_OWN_CLAIM],
            needs=[REASON],
            apply=record_rejection,
            effects=[tell_claimant],
            style="danger",
        ),
    ],
)

# --- Language certificates

Checked = Certificate.Status
NOT_OWN_CERTIFICATE = person_is_not("person_id", _("Nobody verifies their own certificate."))


def no_claim_stands_on_it(certificate, user):
    if certificate.claims.exclude(status=Status.REJECTED).exists():
        return _("A claim rests on this certificate: reject the claim first.")
    return None


CERTIFICATE = Workflow(
    Certificate,
    field="status",
    transitions=[
        Transition(
            name="verify",
            label=_("Mark as verified"),
            source=[Checked.PENDING],
            target=Checked.VERIFIED,
            roles=OFFICE,
            who=[NOT_OWN_CERTIFICATE],
            needs=[NOTE],
            style="success",
        ),
        Transition(
            name="reject",
            label=_("Reject"),
            source=[Checked.PENDING],
            target=Checked.REJECTED,
            roles=OFFICE,
            who=[NOT_OWN_CERTIFICATE],
            needs=[Need("note", _("reason for rejecting"))],
            style="danger",
        ),
        Transition(
            name="back_to_review",
            label=_("Back to review"),
            source=[Checked.VERIFIED, Checked.REJECTED],
            target=Checked.PENDING,
            roles=OFFICE,
            who=[NOT_OWN_CERTIFICATE],
            guards=[no_claim_stands_on_it],
            needs=[Need("note", _("why it goes back"))],
            style="secondary",
        ),
    ],
)
