"""Partner institutions, agreements with their lifecycle, signed files and quotas."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intlaffairs.models import StateChange
from intlaffairs.normalize import Searchable, SearchTextField
from intlaffairs.roles import Role
from intlaffairs.translated import in_every_language
from intlaffairs.uploads import StoredPdf, UploadField, upload_path
from intlaffairs.visibility import OfficeQuerySet, sees_everything

HOME_COUNTRY = "IR"


class Institution(Searchable):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        MEDICAL_SCHOOL = "medical_school", _("Medical school")
        HOSPITAL = "hospital", _("Hospital")
        RESEARCH_CENTER = "research_center", _("Research center")
        GOVERNMENT = "government", _("Ministry or government body")
        COMPANY = "company", _("Company")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("name"), max_length=255
    )  # translated: name_fa, name_en, name_ckb, name_ar
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNIVERSITY)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    # What the search box compares (intlaffairs/normalize.py), kept with the record.
    search_text = SearchTextField(sources=(*in_every_language("name"), "city"))
    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agreements:institution_detail", args=[self.pk])

    @property
    def is_international(self) -> bool:
        return self.country.code != HOME_COUNTRY


class Contact(models.Model):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("institution"),
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AgreementQuerySet":
        """The agreements a user may see: office staff all, faculty members those they initiated."""
        if sees_everything(user):
            return self
        if user.is_authenticated and user.has_role(Role.FACULTY):
            return self.filter(initiators=user)
        return self.none()

    def expiring_within(self, days: int, *, today: date | None = None) -> "AgreementQuerySet":
        today = today or timezone.localdate()
        return self.filter(
            status=Agreement.Status.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + timezone.timedelta(days=days),
        )


class Agreement(Searchable):
    class Type(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        MOA = "moa", _("Memorandum of agreement")
        STUDENT_EXCHANGE = "student_exchange", _("Student exchange")
        STAFF_EXCHANGE = "staff_exchange", _("Staff exchange")
        RESEARCH = "research", _("Research collaboration")
        JOINT_PROGRAM = "joint_program", _("Joint program")
        CLINICAL = "clinical", _("Clinical training")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NEGOTIATION = "negotiation", _("Under negotiation")
        AWAITING_SIGNATURE = "awaiting_signature", _("Awaiting signature")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    title = models.CharField(
        _("title"), max_length=300
    )  # translated: title_fa, title_en, title_ckb, title_ar
    partners = models.ManyToManyField(
        Institution, related_name="agreements", verbose_name=_("partner institutions")
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    scopes = models.ManyToManyField("Scope", blank=True, verbose_name=_("scope"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    moves = GenericRelation(StateChange)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True, db_index=True)
    auto_renewal = models.BooleanField(_("renews automatically"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_agreements",
        verbose_name=_("owner in the office"),
    )
    initiators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="initiated_agreements",
        verbose_name=_("faculty initiators"),
        help_text=_("Faculty members who concluded the agreement; they earn promotion points."),
    )
    signatories = models.TextField(
        _("signatories"),
        blank=True,
        help_text=_("One per line: name, position, institution."),
        max_length=1000,
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("renews"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What the search box compares (intlaffairs/normalize.py), kept with the record.
    search_text = SearchTextField(sources=in_every_language("title"))
    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["-created_at"], name="agreement_newest"),  # the list's order
            # The version of the snapshot of the charts (intlaffairs.snapshot).
            models.Index(fields=["updated_at"], name="agreement_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agreements:agreement_detail", args=[self.pk])

    @property
    def days_left(self) -> int | None:
        if self.ends_on is None:
            return None
        return (self.ends_on - timezone.localdate()).days


class Scope(models.Model):
    """Scope tags (education, research, ...), fixed rows created by a migration."""

    class Code(models.TextChoices):
        EDUCATION = "education", _("Education")
        RESEARCH = "research", _("Research")
        CLINICAL = "clinical", _("Clinical")
        STUDENT_MOBILITY = "student_mobility", _("Student mobility")
        STAFF_MOBILITY = "staff_mobility", _("Staff mobility")

    code = models.CharField(max_length=20, choices=Code.choices, unique=True)

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_code_display())


def signed_file_path(instance: "SignedFile", filename: str) -> str:
    return upload_path(f"agreements/{instance.agreement_id}", filename)


class SignedFile(StoredPdf):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="files")
    file = UploadField(_("file"), upload_to=signed_file_path)

    objects = OfficeQuerySet.as_manager()

    class Meta(StoredPdf.Meta):
        verbose_name = _("signed file")
        verbose_name_plural = _("signed files")


class Quota(models.Model):
    class Direction(models.TextChoices):
        STUDENTS_IN = "students_in", _("Students in")
        STUDENTS_OUT = "students_out", _("Students out")
        STAFF_IN = "staff_in", _("Staff in")
        STAFF_OUT = "staff_out", _("Staff out")

    class Unit(models.TextChoices):
        MONTHS = "months", _("months")
        DAYS = "days", _("days")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="quotas")
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), help_text=_("The Solar Hijri year in which it starts, e.g. 1405.")
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    people = models.PositiveSmallIntegerField(_("people"))
    duration = models.PositiveSmallIntegerField(_("duration each"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.MONTHS)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-academic_year", "direction"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "academic_year", "direction"],
                name="one_quota_per_agreement_year_direction",
                violation_error_message=_(
                    "This agreement already has a quota for that year and direction."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.academic_year} {self.get_direction_display()}: {self.people}"


class RenewalReminder(models.Model):
    """A reminder sent; the unique constraint makes each threshold go out once per end date."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    ends_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "days_before", "ends_on"], name="one_reminder_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.days_before} days before {self.ends_on}"
