"""Plan-do-check-act review entries, shared by the recruitment procedures and the plan's goals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PdcaReview(models.Model):
    """One entry of a PDCA cycle; subclasses add what is reviewed (a procedure, a goal)."""

    class Phase(models.TextChoices):
        PLAN = "plan", _("Plan")
        DO = "do", _("Do")
        CHECK = "check", _("Check")
        ACT = "act", _("Act")

    phase = models.CharField(_("phase"), max_length=5, choices=Phase.choices)
    date = models.DateField(_("date"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    findings = models.TextField(_("findings"), max_length=4000)

    class Meta:
        abstract = True
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} {self.date}"
