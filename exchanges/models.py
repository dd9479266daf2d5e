"""Exchanges: mobilities of people in and out, short courses for foreign students with their
applications and certificates, and delegations with members and follow-up actions."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intlaffairs import codes
from intlaffairs.jalali import academic_year
from intlaffairs.models import Message, StateChange
from intlaffairs.normalize import Searchable, SearchTextField
from intlaffairs.translated import in_every_language
from intlaffairs.uploads import UploadField, upload_path
from intlaffairs.visibility import OfficeQuerySet, sees_everything


class Currency(models.TextChoices):
    IRR = "IRR", _("Iranian rials")
    USD = "USD", _("US dollars")
    EUR = "EUR", _("Euros")


# --- Mobilities


def mobility_report_path(instance: "Mobility", filename: str) -> str:
    return upload_path(f"mobilities/{instance.pk}", filename)


class Mobility(models.Model):
    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Outgoing")
        INCOMING = "incoming", _("Incoming")

    class PersonKind(models.TextChoices):
        FACULTY = "faculty", _("Faculty member")
        STAFF = "staff", _("Staff member")
        STUDENT = "student", _("Student")

    class Kind(models.TextChoices):
        STUDENT_EXCHANGE = "student_exchange", _("Student exchange")
        ELECTIVE = "elective", _("Clinical elective or observership")
        TEACHING = "teaching", _("Staff teaching")
        TRAINING = "training", _("Staff training")
        RESEARCH = "research", _("Research visit")
        SABBATICAL = "sabbatical", _("Sabbatical leave")
        FELLOWSHIP = "fellowship", _("Fellowship")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        APPROVED = "approved", _("Approved")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        REPORT_RECEIVED = "report_received", _("Report received")
        CANCELLED = "cancelled", _("Cancelled")

    person_name = models.CharField(_("name"), max_length=200)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mobilities",
        verbose_name=_("portal account"),
        help_text=_("For the university's own people who have an account."),
    )
    person_kind = models.CharField(_("who"), max_length=10, choices=PersonKind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    institution = models.ForeignKey(
        "agreements.Institution",
        on_delete=models.PROTECT,
        related_name="mobilities",
        verbose_name=_("partner institution"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mobilities",
        verbose_name=_("under the agreement"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.IRR
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    moves = GenericRelation(StateChange)
    report = UploadField(_("final report"), upload_to=mobility_report_path, blank=True)
    report_name = models.CharField(max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mobility")
        verbose_name_plural = _("mobilities")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="mobility_ends_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return reverse("exchanges:mobility_detail", args=[self.pk])

    @property
    def academic_year(self) -> int:
        return academic_year(self.starts_on)

    @property
    def quota_direction(self) -> str:
        """The agreements Quota.direction this mobility counts against."""
        who = "students" if self.person_kind == self.PersonKind.STUDENT else "staff"
        return f"{who}_{'in' if self.direction == self.Direction.INCOMING else 'out'}"


# --- Short courses


class ShortCourseQuerySet(models.QuerySet):
    def published(self) -> "ShortCourseQuerySet":
        return self.filter(is_published=True)

    def visible_to(self, user) -> "ShortCourseQuerySet":
        """Office staff see every course, drafts included; anyone else the published ones."""
        return self if sees_everything(user) else self.published()


class ShortCourse(Searchable):
    class Kind(models.TextChoices):
        FELLOWSHIP = "fellowship", _("Fellowship")
        SUMMER_SCHOOL = "summer_school", _("Summer school")
        WINTER_SCHOOL = "winter_school", _("Winter school")
        OBSERVERSHIP = "observership", _("Observership")
        ELECTIVE = "elective", _("Clinical elective")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Short training course")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        PERSIAN = "fa", _("Persian")

    title = models.CharField(_("title"), max_length=250)  # translated
    description = models.TextField(_("description"), blank=True, max_length=4000)  # translated
    eligibility = models.TextField(_("eligibility"), blank=True, max_length=2000)  # translated
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.ForeignKey(
        "intlaffairs.Unit",
        on_delete=models.PROTECT,
        related_name="short_courses",
        verbose_name=_("department"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    hours = models.PositiveSmallIntegerField(
        _("hours of teaching"),
        null=True,
        blank=True,
        help_text=_("Printed on the certificates of those who attended the whole course."),
    )
    fee = models.DecimalField(_("fee"), max_digits=12, decimal_places=0, default=0)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    deadline = models.DateField(_("application deadline"))
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices, default="en"
    )
    is_published = models.BooleanField(_("open to applicants"), default=True)

    # What the search box compares (intlaffairs/normalize.py), kept with the record.
    search_text = SearchTextField(sources=in_every_language("title"))
    objects = ShortCourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("short course")
        verbose_name_plural = _("short courses")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="course_ends_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchanges:course_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.is_published and self.deadline >= timezone.localdate()


class CourseApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CourseApplicationQuerySet":
        """Office staff see every course application, an applicant their own."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)


class CourseApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Attendance(models.TextChoices):
        # A record of what happened, kept beside the decision (status), not a step of it.
        ATTENDED = "attended", _("Attended")
        PARTLY = "partly", _("Attended in part")
        NO_SHOW = "no_show", _("Did not attend")

    course = models.ForeignKey(ShortCourse, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="course_applications"
    )
    name_latin = models.CharField(_("full name in Latin letters"), max_length=200)
    home_institution = models.CharField(_("your university or hospital"), max_length=250)
    country = CountryField(_("country"))
    field = models.CharField(_("field of study or specialty"), max_length=200)
    motivation = models.TextField(_("why this course"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    moves = GenericRelation(StateChange)
    # Its thread with the office (intlaffairs.messaging); deleted with it.
    thread = GenericRelation(Message)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("message to the applicant"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    attendance = models.CharField(
        _("attendance"), max_length=8, choices=Attendance.choices, blank=True
    )
    hours_attended = models.PositiveSmallIntegerField(_("hours attended"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = CourseApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("course application")
        verbose_name_plural = _("course applications")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "applicant"],
                name="one_application_per_course",
                violation_error_message=_("You have already applied to this course."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_latin} – {self.course}"

    def get_absolute_url(self) -> str:
        """The office's page of the course's applications (the applicant's is "my courses")."""
        return reverse("exchanges:course_applications", args=[self.course_id])

    @property
    def earns_certificate(self) -> bool:
        """Accepted and present for all or part of the course."""
        return self.status == self.Status.ACCEPTED and self.attendance in (
            self.Attendance.ATTENDED,
            self.Attendance.PARTLY,
        )


def course_document_path(instance: "CourseDocument", filename: str) -> str:
    return upload_path(f"courses/{instance.application_id}", filename)


class CourseDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CourseDocumentQuerySet":
        """Documents of the course applications `user` may see."""
        return self.filter(application__in=CourseApplication.objects.visible_to(user))


class CourseDocument(models.Model):
    application = models.ForeignKey(
        CourseApplication, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("document"), max_length=100)
    file = UploadField(upload_to=course_document_path)
    kind = models.CharField(max_length=4)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = CourseDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


def new_code() -> str:
    """Twelve characters a person can read out: no 0/O or 1/I/L."""
    return codes.new_code(12)


class AttendanceCertificateQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AttendanceCertificateQuerySet":
        """Certificates of the course applications `user` may see (the public check of a code
        is not this: it shows a few facts, never the file)."""
        return self.filter(application__in=CourseApplication.objects.visible_to(user))


class AttendanceCertificate(models.Model):
    """A participant's certificate of attendance; its code is checked on a public page."""

    application = models.OneToOneField(
        CourseApplication, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=12, unique=True, default=new_code)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_en = models.FileField(upload_to="certificates/", blank=True)
    file_fa = models.FileField(upload_to="certificates/", blank=True)

    objects = AttendanceCertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self) -> str:
        return self.code

    @property
    def formatted_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


# --- Delegations


class Delegation(models.Model):
    class Direction(models.TextChoices):
        INCOMING = "incoming", _("Incoming (we host)")
        OUTGOING = "outgoing", _("Outgoing (we visit)")

    title = models.CharField(_("title"), max_length=250)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    country = CountryField(_("country"))
    institutions = models.ManyToManyField(
        "agreements.Institution",
        related_name="delegations",
        blank=True,
        verbose_name=_("institutions"),
    )
    purpose = models.TextField(_("purpose"), max_length=2000)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    agenda = models.TextField(_("agenda"), blank=True, max_length=4000)
    outcomes = models.TextField(_("outcomes"), blank=True, max_length=4000)
    agreements = models.ManyToManyField(
        "agreements.Agreement",
        related_name="delegations",
        blank=True,
        verbose_name=_("agreements signed as a result"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="delegation_ends_after_it_starts",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchanges:delegation_detail", args=[self.pk])


class Member(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        MEMBER = "member", _("Member")
        HOST = "host", _("Host")
        INTERPRETER = "interpreter", _("Interpreter")
        COORDINATOR = "coordinator", _("Coordinator")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("a person of the university"),
    )
    name = models.CharField(_("or a guest's name"), max_length=200, blank=True)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="member_is_someone",
                violation_error_message=_("Choose a person of the university or type a name."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person.display_name if self.person else self.name)

    @property
    def is_external(self) -> bool:
        return self.person_id is None


class FollowUp(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    moves = GenericRelation(StateChange)
    # Set by the "done" step, cleared by "reopen".
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.action

    def get_absolute_url(self) -> str:
        return reverse("exchanges:delegation_detail", args=[self.delegation_id])

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()
