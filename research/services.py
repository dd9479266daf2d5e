"""Writes on research cooperation: project status, and removing a person's data on request."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intlaffairs.models import User

from .models import Alumnus, Project, ProjectDocument, Removal, Scientist

Status = Project.Status
ALLOWED = {
    Status.PROPOSED: {Status.FUNDED, Status.CLOSED},
    Status.FUNDED: {Status.RUNNING, Status.CLOSED},
    Status.RUNNING: {Status.CLOSED},
    Status.CLOSED: set(),
}


def allowed_statuses(project: Project) -> list[str]:
    return [status for status in Status.values if status in ALLOWED[project.status]]


@transaction.atomic
def project_transition(*, project: Project, to_status: str) -> None:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if to_status not in ALLOWED[project.status]:
        raise ValidationError(
            _("A project cannot go from “%(from)s” to “%(to)s”.")
            % {"from": project.get_status_display(), "to": Status(to_status).label}
        )
    project.status = to_status
    project.save(update_fields=["status"])


@transaction.atomic
def person_remove(*, person: Scientist | Alumnus, reason: str, by: User) -> Removal:
    """Delete a scientist or alumnus and everything about them; keep only that it happened."""
    if not reason.strip():
        raise ValidationError(_("Say why the data is removed (e.g. the person's request)."))
    kind = "scientist" if isinstance(person, Scientist) else "alumnus"
    removal = Removal.objects.create(
        kind=kind, reference=f"{kind} #{person.pk}", reason=reason.strip(), removed_by=by
    )
    person.delete()  # engagements go with it (on_delete=CASCADE)
    return removal


@transaction.atomic
def document_add(*, project: Project, upload, title: str, by: User) -> ProjectDocument:
    """Attach a document to a project: a real PDF of at most 20 MB."""
    return ProjectDocument.store(upload=upload, title=title, by=by, project=project)
