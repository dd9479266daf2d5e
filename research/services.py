"""Writes on research cooperation: documents, and removing a person's data on request. A
project's status moves through its workflow (workflows.py) with `intlaffairs.workflow.move`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from intlaffairs.models import User

from .models import Alumnus, Project, ProjectDocument, Removal, Scientist


def person_remove(*, person: Scientist | Alumnus, reason: str, by: User) -> Removal:
    """Delete a scientist or alumnus and everything about them; keep only that it happened."""
    with transaction.atomic():
        if not reason.strip():
            raise ValidationError(_("Say why the data is removed (e.g. the person's request)."))
        kind = "scientist" if isinstance(person, Scientist) else "alumnus"
        removal = Removal.objects.create(
            kind=kind, reference=f"{kind} #{person.pk}", reason=reason.strip(), removed_by=by
        )
        person.delete()  # engagements go with it (on_delete=CASCADE)
        return removal


def document_add(*, project: Project, upload, title: str, by: User) -> ProjectDocument:
    """Attach a document to a project: a real PDF of at most 20 MB."""
    with transaction.atomic():
        return ProjectDocument.store(upload=upload, title=title, by=by, project=project)
