"""The research project's course, declared once (see intlaffairs/workflow.py).

proposed → funded → running, and closed from any of them. The office moves projects (as it
edits them); the investigators follow on the project's page.
"""

from django.utils.translation import gettext_lazy as _

from intlaffairs.roles import Role
from intlaffairs.workflow import Need, Transition, Workflow

from .models import Project

Status = Project.Status
OFFICE = (Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER)
NOTE = Need("note", _("note"), required=False)

PROJECT = Workflow(
    Project,
    field="status",
    transitions=[
        Transition(
            name="fund",
            label=_("Mark as funded"),
            source=[Status.PROPOSED],
            target=Status.FUNDED,
            roles=OFFICE,
            needs=[NOTE],
        ),
        Transition(
            name="start",
            label=_("Mark as running"),
            source=[Status.FUNDED],
            target=Status.RUNNING,
            roles=OFFICE,
            needs=[NOTE],
        ),
        Transition(
            name="close",
            label=_("Close the project"),
            source=[Status.PROPOSED, Status.FUNDED, Status.RUNNING],
            target=Status.CLOSED,
            roles=OFFICE,
            needs=[NOTE],
            style="secondary",
        ),
    ],
)
