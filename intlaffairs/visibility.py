"""Who may see a record: each model that people list, open, download or search answers it once,
in a queryset method `visible_to(user)`, which its list, its page and its file download all use
(so they cannot disagree). An object outside a user's scope is a 404 (`get_object_or_404` over
`visible_to`), never a 403 that would tell it exists.

Records that only the office works with share `OfficeQuerySet`; a model with a finer rule (an
applicant's own applications, a faculty member's own claims) writes its own `visible_to`.
"""

from django.db import models


def sees_everything(user) -> bool:
    """Office staff (administrators, managers, officers) see every record of the portal."""
    return user.is_authenticated and user.is_office_staff


class OfficeQuerySet(models.QuerySet):
    """The records of the office's own work: office staff see them all, anyone else none."""

    def visible_to(self, user) -> "OfficeQuerySet":
        return self if sees_everything(user) else self.none()
