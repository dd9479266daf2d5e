"""The portal's roles. Each role is a Django group created by a data migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    MANAGER = "office_manager", _("Office manager")
    OFFICER = "office_officer", _("Office officer")
    FACULTY = "faculty_member", _("Faculty member")
    MENTOR = "student_mentor", _("Student mentor")
    APPLICANT = "applicant", _("Applicant")


# The office's own people: their sessions end after STAFF_IDLE_MINUTES idle.
STAFF_ROLES = frozenset({Role.ADMINISTRATOR, Role.MANAGER, Role.OFFICER})
