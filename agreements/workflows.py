"""The agreement's lifecycle, declared once (see intlaffairs/workflow.py).

draft ⇄ negotiation ⇄ awaiting signature → active → expired; terminated from any open state.
Activating and terminating bind the university: office managers only. Expiry is the portal's
own step, on the end date.
"""

from django.utils.translation import gettext_lazy as _

from intlaffairs.roles import Role
from intlaffairs.workflow import Need, Transition, Workflow

from .models import Agreement

Status = Agreement.Status
OFFICE = (Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER)
MANAGERS = (Role.MANAGER, Role.ADMINISTRATOR)
NOTE = Need("note", _("note"), required=False)


def dates_entered(agreement, user):
    if not (agreement.signed_on and agreement.ends_on):
        return _("Enter the signing date and the end date before activating the agreement.")
    return None


AGREEMENT = Workflow(
    Agreement,
    field="status",
    transitions=[
        Transition(
            name="negotiate",
            label=_("Start negotiation"),
            source=[Status.DRAFT],
            target=Status.NEGOTIATION,
            roles=OFFICE,
            needs=[NOTE],
        ),
        Transition(
            name="back_to_draft",
            label=_("Back to draft"),
            source=[Status.NEGOTIATION],
            target=Status.DRAFT,
            roles=OFFICE,
            needs=[NOTE],
            style="secondary",
        ),
        Transition(
            name="send_for_signature",
            label=_("Send for signature"),
            source=[Status.NEGOTIATION],
            target=Status.AWAITING_SIGNATURE,
            roles=OFFICE,
            needs=[NOTE],
        ),
        Transition(
            name="back_to_negotiation",
            label=_("Back to negotiation"),
            source=[Status.AWAITING_SIGNATURE],
            target=Status.NEGOTIATION,
            roles=OFFICE,
            needs=[Need("note", _("why it goes back"))],
            style="secondary",
        ),
        Transition(
            name="activate",
            label=_("Activate"),
            source=[Status.AWAITING_SIGNATURE],
            target=Status.ACTIVE,
            roles=MANAGERS,
            denied=_("Only an office manager can activate or terminate an agreement."),
            explain=[Role.OFFICER],
            guards=[dates_entered],
            needs=[NOTE],
            style="success",
        ),
        Transition(
            name="terminate",
            label=_("Terminate"),
            source=[Status.DRAFT, Status.NEGOTIATION, Status.AWAITING_SIGNATURE, Status.ACTIVE],
            target=Status.TERMINATED,
            roles=MANAGERS,
            denied=_("Only an office manager can activate or terminate an agreement."),
            needs=[Need("note", _("why it is terminated"))],
            style="danger",
        ),
        Transition(
            name="expire",
            label=_("Expire"),
            source=[Status.ACTIVE],
            target=Status.EXPIRED,
            automatic=True,
        ),
    ],
)
