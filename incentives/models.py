"""Faculty incentives: the university's people (in their units) and their English certificates.

The profile is shared by the other apps (agreement initiators, mobility participants,
delegation members); the registry of certificates answers "who is proficient in English".
"""

import re
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from intlaffairs.jalali import to_ascii_digits, to_local_digits
from intlaffairs.models import StateChange
from intlaffairs.uploads import UploadField, upload_path
from intlaffairs.visibility import sees_everything


class Profile(models.Model):
    class Kind(models.TextChoices):
        FACULTY = "faculty", _("Faculty member")
        STAFF = "staff", _("Staff member")

    class Rank(models.TextChoices):
        PROFESSOR = "professor", _("Professor")
        ASSOCIATE = "associate", _("Associate professor")
        ASSISTANT = "assistant", _("Assistant professor")
        INSTRUCTOR = "instructor", _("Instructor")
        NONE = "none", _("No academic rank")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FACULTY)
    unit = models.ForeignKey(
        "intlaffairs.Unit", on_delete=models.PROTECT, related_name="people", verbose_name=_("unit")
    )
    rank = models.CharField(_("academic rank"), max_length=12, choices=Rank.choices)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


def certificate_path(instance: "Certificate", filename: str) -> str:
    return upload_path(f"certificates/{instance.person_id}", filename)


HALF_BAND = Decimal("0.5")
TRF_NUMBER = re.compile(r"[0-9A-Z]{10,20}")


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CertificateQuerySet":
        """Office staff see every certificate (the registry), anyone else their own."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(person=user)


class Certificate(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    class Test(models.TextChoices):
        IELTS_ACADEMIC = "ielts_academic", _("IELTS Academic")
        IELTS_GENERAL = "ielts_general", _("IELTS General Training")
        TOEFL_IBT = "toefl_ibt", _("TOEFL iBT")
        OTHER = "other", _("Other test")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("person"),
    )
    test = models.CharField(_("test"), max_length=20, choices=Test.choices)
    overall = models.DecimalField(_("overall score"), max_digits=4, decimal_places=1)
    listening = models.DecimalField(
        _("listening"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    reading = models.DecimalField(
        _("reading"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    writing = models.DecimalField(
        _("writing"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    speaking = models.DecimalField(
        _("speaking"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    taken_on = models.DateField(_("test date"))
    # The IELTS Test Report Form number, printed on the form; the test centre verifies it,
    # and one form is one certificate.
    trf_number = models.CharField(
        _("Test Report Form number"),
        max_length=20,
        blank=True,
        help_text=_("On the IELTS Test Report Form, e.g. 23IR012345ABCD001A. Needed for IELTS."),
    )
    file = UploadField(_("certificate"), upload_to=certificate_path)
    # Checked by the office against the test centre's records (workflows.py); who and when
    # are in the history.
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    moves = GenericRelation(StateChange)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("language certificate")
        verbose_name_plural = _("language certificates")
        ordering = ["-taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["trf_number"],
                condition=~models.Q(trf_number=""),
                name="one_certificate_per_trf_number",
                violation_error_message=_(
                    "A certificate with this Test Report Form number is already recorded."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_test_display()} {to_local_digits(self.overall)}"

    def get_absolute_url(self) -> str:
        return reverse("incentives:certificate_detail", args=[self.pk])

    @property
    def is_ielts(self) -> bool:
        return self.test in (self.Test.IELTS_ACADEMIC, self.Test.IELTS_GENERAL)

    @property
    def scores(self) -> list[tuple[str, Decimal | None]]:
        return [
            (name, getattr(self, name)) for name in ("listening", "reading", "writing", "speaking")
        ]

    def clean(self) -> None:
        """IELTS: 0–9 in steps of 0.5; TOEFL iBT: whole numbers, 0–120 overall, 0–30 a skill."""
        errors = {}
        if self.is_ielts:
            for name, value in [("overall", self.overall), *self.scores]:
                if value is not None and (not 0 <= value <= 9 or value % HALF_BAND):
                    errors[name] = _("An IELTS band is between 0 and 9, in steps of 0.5.")
        elif self.test == self.Test.TOEFL_IBT:
            if self.overall is not None and (not 0 <= self.overall <= 120 or self.overall % 1):
                errors["overall"] = _("A TOEFL iBT total is a whole number from 0 to 120.")
            for name, value in self.scores:
                if value is not None and (not 0 <= value <= 30 or value % 1):
                    errors[name] = _("A TOEFL iBT section score is a whole number from 0 to 30.")
        if self.taken_on and self.taken_on > timezone.localdate():
            errors["taken_on"] = _("The test date cannot be in the future.")
        # Stored as printed: Latin digits and capitals, no spaces, whatever was typed.
        self.trf_number = to_ascii_digits("".join(self.trf_number.split())).upper()
        if self.is_ielts and not self.trf_number:
            errors["trf_number"] = _("Enter the Test Report Form number of the IELTS certificate.")
        elif self.trf_number and not TRF_NUMBER.fullmatch(self.trf_number):
            errors["trf_number"] = _(
                "A Test Report Form number has 10 to 20 Latin letters and digits."
            )
        if errors:
            raise ValidationError(errors)


class Policy(models.Model):
    """The reimbursement policy managers set; one row, its changes kept in history."""

    course_fee_cap = models.DecimalField(
        _("course fee cap (rials)"), max_digits=14, decimal_places=0, default=Decimal("150000000")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reimbursement policy")
        verbose_name_plural = _("reimbursement policies")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "Policy":
        return cls.objects.order_by("pk").first() or cls.objects.create()


MIN_EXAM_BAND = Decimal("5.0")  # the university pays for the exam of those scoring 5 or more


def receipt_path(instance: "Claim", filename: str) -> str:
    return upload_path(f"claims/{instance.claimant_id}", filename)


class ClaimQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ClaimQuerySet":
        """Office staff see every claim, a claimant their own."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(claimant=user)


class Claim(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        VERIFIED = "verified", _("Verified by the office")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")
        REJECTED = "rejected", _("Rejected")

    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="claims",
        verbose_name=_("claimant"),
    )
    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("certificate"),
    )
    course_fee = models.DecimalField(
        _("IELTS course fee (rials)"), max_digits=14, decimal_places=0, default=0
    )
    exam_fee = models.DecimalField(
        _("IELTS exam fee (rials)"), max_digits=14, decimal_places=0, default=0
    )
    receipt = UploadField(_("receipts"), upload_to=receipt_path)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    moves = GenericRelation(StateChange)
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=60, blank=True)
    # Holds the reason of a rejection (a history note, up to its length).
    rejection_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = _("reimbursement claim")
        verbose_name_plural = _("reimbursement claims")
        ordering = ["-created_at"]
        constraints = [
            # An exam fee is reimbursed at most once per certificate (rejected claims aside).
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(exam_fee__gt=0) & ~models.Q(status="rejected"),
                name="one_exam_claim_per_certificate",
            ),
            models.CheckConstraint(
                condition=models.Q(course_fee__gte=0) & models.Q(exam_fee__gte=0),
                name="claim_fees_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.claimant}"

    def get_absolute_url(self) -> str:
        return reverse("incentives:claim_detail", args=[self.pk])

    @property
    def total(self) -> Decimal:
        return self.course_fee + self.exam_fee

    def payable_course_fee(self, cap: Decimal) -> Decimal:
        """The course fee is reimbursed up to the policy's cap."""
        return min(self.course_fee, cap)

    def payable(self, cap: Decimal) -> Decimal:
        """What the university pays: the course fee up to `cap`, and the exam fee."""
        return self.payable_course_fee(cap) + self.exam_fee


class PointWeight(models.Model):
    """Promotion points a faculty member earns for initiating one agreement of a type."""

    agreement_type = models.CharField(
        _("agreement type"), max_length=20, choices=Agreement.Type.choices, unique=True
    )
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("point weight")
        verbose_name_plural = _("point weights")
        ordering = ["agreement_type"]

    def __str__(self) -> str:
        return f"{self.get_agreement_type_display()}: {self.points}"


class PointAdjustment(models.Model):
    """A manager's manual change to a faculty member's points for a year, with its reason."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="point_adjustments"
    )
    academic_year = models.PositiveSmallIntegerField(_("academic year"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("point adjustment")
        verbose_name_plural = _("point adjustments")
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.person} {self.academic_year}: {self.points}"
