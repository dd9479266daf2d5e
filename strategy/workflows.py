"""The plan's actions, the education centers abroad and the outreach materials, declared once
(see intlaffairs/workflow.py). All three are the international office's to move, as their pages
are the office's.

An action: planned → in progress → done (on a date, today unless said), or cancelled; a done or
cancelled action can be reopened. A center abroad: proposed → approved (on the date of the
decision) → inaugurated (on the day it opened). An outreach material: planned → in production →
ready, back into production for a new edition, and retired when it is no longer handed out.

The web-presence checklist is not a workflow: its items are assessments of a website, set
together with a note and free to go either way, so their `progress` is a plain attribute.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.access import OFFICE_ROLES
from intlaffairs.workflow import Need, Transition, Workflow

from .models import Action, Center, Material

NOTE = Need("note", _("note"), required=False)


# --- Actions of the plan


def _done_on(action, change) -> None:
    action.done_on = change.data["done_on"] or timezone.localdate()


def _not_done(action, change) -> None:
    action.done_on = None


OPEN = [Action.Status.PLANNED, Action.Status.IN_PROGRESS]

ACTION = Workflow(
    Action,
    field="status",
    transitions=[
        Transition(
            name="start",
            label=_("Start the action"),
            source=[Action.Status.PLANNED],
            target=Action.Status.IN_PROGRESS,
            roles=OFFICE_ROLES,
        ),
        Transition(
            name="complete",
            label=_("Mark as done"),
            source=OPEN,
            target=Action.Status.DONE,
            roles=OFFICE_ROLES,
            needs=[
                Need("done_on", _("done on"), kind="date", required=False),
                NOTE,
            ],
            apply=_done_on,
            style="success",
        ),
        Transition(
            name="cancel",
            label=_("Cancel the action"),
            source=OPEN,
            target=Action.Status.CANCELLED,
            roles=OFFICE_ROLES,
            needs=[NOTE],
            style="danger",
        ),
        Transition(
            name="reopen",
            label=_("Reopen"),
            source=[Action.Status.DONE, Action.Status.CANCELLED],
            target=Action.Status.IN_PROGRESS,
            roles=OFFICE_ROLES,
            needs=[NOTE],
            apply=_not_done,
            style="secondary",
        ),
    ],
)


# --- Education centers abroad


def _approved_on(center, change) -> None:
    center.approved_on = change.data["approved_on"]


def _inaugurated_on(center, change) -> None:
    center.inaugurated_on = change.data["inaugurated_on"]


CENTER = Workflow(
    Center,
    field="status",
    transitions=[
        Transition(
            name="approve",
            label=_("Approve"),
            source=[Center.Status.PROPOSED],
            target=Center.Status.APPROVED,
            roles=OFFICE_ROLES,
            needs=[Need("approved_on", _("approved on"), kind="date"), NOTE],
            apply=_approved_on,
            style="success",
        ),
        Transition(
            name="inaugurate",
            label=_("Inaugurate"),
            source=[Center.Status.APPROVED],
            target=Center.Status.INAUGURATED,
            roles=OFFICE_ROLES,
            needs=[Need("inaugurated_on", _("inaugurated on"), kind="date"), NOTE],
            apply=_inaugurated_on,
            style="success",
        ),
    ],
)


# --- Outreach materials

MATERIAL = Workflow(
    Material,
    field="status",
    transitions=[
        Transition(
            name="produce",
            label=_("Start production"),
            source=[Material.Status.PLANNED],
            target=Material.Status.IN_PRODUCTION,
            roles=OFFICE_ROLES,
        ),
        Transition(
            name="ready",
            label=_("Mark as ready"),
            source=[Material.Status.PLANNED, Material.Status.IN_PRODUCTION],
            target=Material.Status.READY,
            roles=OFFICE_ROLES,
            style="success",
        ),
        Transition(
            name="new_edition",
            label=_("New edition"),
            source=[Material.Status.READY],
            target=Material.Status.IN_PRODUCTION,
            roles=OFFICE_ROLES,
            needs=[NOTE],
            style="secondary",
        ),
        Transition(
            name="retire",
            label=_("Retire"),
            source=[
                Material.Status.PLANNED,
                Material.Status.IN_PRODUCTION,
                Material.Status.READY,
            ],
            target=Material.Status.RETIRED,
            roles=OFFICE_ROLES,
            needs=[NOTE],
            style="danger",
        ),
    ],
)
