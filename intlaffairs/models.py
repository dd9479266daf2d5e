"""The user model of the portal: people log in with their e-mail address."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .normalize import Searchable, SearchTextField
from .roles import STAFF_ROLES, Role
from .threads import known_placeholders, unknown_placeholders, visible_records
from .timezones import validate_time_zone
from .uploads import UploadField, upload_path
from .visibility import OfficeQuerySet, sees_everything


class EmailUserManager(UserManager):
    """Users are identified by e-mail; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def visible_to(self, user) -> models.QuerySet:
        """Administrators see every account (they manage them); anyone else only their own."""
        if user.is_authenticated and user.has_role(Role.ADMINISTRATOR):
            return self.all()
        return self.filter(pk=user.pk) if user.is_authenticated else self.none()


class User(Searchable, AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # Personal names are not translated: the Latin form and the native-script form.
    full_name = models.CharField(_("full name (Latin script)"), max_length=150, blank=True)
    full_name_native = models.CharField(_("full name (native script)"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Pages open and e-mails are written in this language."),
    )
    # Blank: the university's (settings.TIME_ZONE); see intlaffairs/timezones.py.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Interview times and other appointments are shown in this time zone."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    # What the search box compares (intlaffairs/normalize.py), kept with the record.
    search_text = SearchTextField(sources=("email", "full_name", "full_name_native"))
    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the script of the page: Latin in English, the native script otherwise."""
        if translation.get_language() == "en":
            return self.full_name or self.full_name_native or self.email
        return self.full_name_native or self.full_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @cached_property
    def roles(self) -> frozenset[str]:
        """The names of the user's role groups; a superuser is always an administrator."""
        if not self.is_active:
            return frozenset()
        names = set(self.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if self.is_superuser:
            names.add(Role.ADMINISTRATOR)
        return frozenset(names)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_office_staff(self) -> bool:
        return self.has_role(*STAFF_ROLES)


def report_file_path(instance: "ReportRequest", filename: str) -> str:
    return f"reports/{instance.created_at:%Y/%m}/{instance.pk}-{instance.kind}.pdf"


class ReportRequest(models.Model):
    """A PDF report someone asked for: queued, rendered by a Celery task, kept for a while."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("report"), max_length=50)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    params = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=report_file_path, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    # Set for scheduled reports: one per person, kind and day, however often the job runs.
    scheduled_for = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "kind", "scheduled_for"],
                condition=models.Q(scheduled_for__isnull=False),
                name="one_scheduled_report_per_person_and_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def kind_title(self) -> str:
        from .reports import get_kind

        try:
            return str(get_kind(self.kind).title)
        except KeyError:
            return self.kind


class OutgoingMail(models.Model):
    """An e-mail written in the same transaction as the change that causes it; sent after commit.
    Its body is kept only until it is sent (it may hold a password-reset or confirmation link)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    language = models.CharField(max_length=8)
    attachment = models.FileField(upload_to="outbox/", blank=True)
    attachment_name = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class StateChange(models.Model):
    """One move of a record through its workflow: who, when, from which state to which, the
    note they left and the data the step took (a date, a reference). Written by
    `workflow.move()` only; `from_state` is empty for the row that records a new record."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(max_length=40, blank=True)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.from_state} → {self.to_state}"

    @property
    def at_iso(self) -> str:
        """The moment for a <time datetime>: to the second (HTML takes at most three decimals)."""
        return self.at.replace(microsecond=0).isoformat()

    @property
    def workflow(self):
        from .workflow import workflow_of

        # get_for_id is cached: a history of twenty rows costs no query for this
        return workflow_of(ContentType.objects.get_for_id(self.content_type_id).model_class())

    @property
    def from_label(self) -> str:
        return self.workflow.label(self.from_state)

    @property
    def to_label(self) -> str:
        return self.workflow.label(self.to_state)

    @property
    def transition_label(self) -> str:
        transition = self.workflow.transitions.get(self.transition)
        return str(transition.label) if transition else ""


class Unit(models.Model):
    """A school, department, hospital or office of the university (name in three languages).

    The units are the university's, so they live in the core: programs, short courses, mentors
    and faculty profiles all point here. The table keeps the name it was created with when the
    incentives app held the model, so that no database had to move its rows.
    """

    name = models.CharField(_("name"), max_length=200)  # name_fa, name_en, name_ckb, name_ar

    class Meta:
        db_table = "incentives_unit"
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TargetCountry(models.Model):
    """A country the internationalization plan targets; pages flag it (delegations, partners).

    It lives in the core because several apps flag target countries and the strategy app,
    which manages the plan, is the one that may import every other.
    """

    country = CountryField(_("country"), unique=True)
    priority = models.PositiveSmallIntegerField(_("priority"), default=1)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("target country")
        verbose_name_plural = _("target countries")
        ordering = ["priority", "country"]

    def __str__(self) -> str:
        return str(self.country.name)

    @classmethod
    def codes(cls) -> set[str]:
        return set(cls.objects.values_list("country", flat=True))


class SecurityEvent(models.Model):
    """The security log: sign-ins and failures, role changes, decisions, downloads of
    applicants' documents. Times are UTC (USE_TZ); rows are only ever added."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        ROLE_ADDED = "role_added", _("Role given")
        ROLE_REMOVED = "role_removed", _("Role taken away")
        DECISION = "decision", _("Decision")
        DOCUMENT_DOWNLOAD = "document_download", _("Applicant document opened")
        MFA_ACTIVATED = "mfa_activated", _("Two-step verification turned on")
        MFA_DEACTIVATED = "mfa_deactivated", _("Two-step verification turned off")
        MFA_FAILED = "mfa_failed", _("Wrong two-step verification code")
        RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
        RECOVERY_CODES_NEW = "recovery_codes_new", _("New recovery codes made")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("security event")
        verbose_name_plural = _("security log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.kind}"


# --- Documents of record: letters and statements the portal issues, which anyone can verify


def letterhead_path(instance: "Letterhead", filename: str) -> str:
    return upload_path("letterhead", filename)


class Letterhead(models.Model):
    """What every document of record carries besides its text: the university's logo and the
    signatory's name, title, signature and stamp. There is one, edited by a manager; documents
    already issued keep the letterhead they were printed with (their PDF is stored)."""

    logo = UploadField(_("logo"), upload_to=letterhead_path, blank=True)
    signatory_name = models.CharField(_("signatory's name"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    signature = UploadField(_("signature"), upload_to=letterhead_path, blank=True)
    stamp = UploadField(_("stamp"), upload_to=letterhead_path, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "Letterhead":
        """The letterhead (an empty one, unsaved, until a manager fills it in)."""
        return cls.objects.order_by("pk").first() or cls()


class DocumentCounter(models.Model):
    """The last number given to a kind of document in a Solar Hijri year."""

    kind = models.CharField(max_length=30)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="one_counter_per_kind_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class IssuedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "IssuedDocumentQuerySet":
        """Office staff see the whole register; anyone else the documents they hold (the
        public check of a code is not this: it shows what the document states, never the file)."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(holder=user)

    def about(self, record: models.Model) -> "IssuedDocumentQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )

    def valid(self) -> "IssuedDocumentQuerySet":
        return self.filter(revoked_at__isnull=True)


def issued_document_path(instance: "IssuedDocument", filename: str) -> str:
    return f"documents/{instance.year}/{instance.kind}/{instance.sequence:05d}.pdf"


class IssuedDocument(models.Model):
    """A document of record: a letter or statement as the portal issued it, with its office
    number, its stored PDF and the code that the public page verifies. Never changed once
    issued; it can only be revoked (and then issued again as a new document)."""

    class Kind(models.TextChoices):
        ADMISSION_LETTER = "admission_letter", _("Letter of admission")
        IA_LETTER = "ia_letter", _("International Affairs letter")
        ATTENDANCE_CERTIFICATE = "attendance_certificate", _("Certificate of attendance")
        POINTS_STATEMENT = "points_statement", _("Promotion points statement")
        PAYMENT_RECEIPT = "payment_receipt", _("Receipt of payment")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField(_("year (Solar Hijri)"))
    sequence = models.PositiveIntegerField()
    # The record the document is about (an application, a certificate, a person's statement);
    # `scope` tells apart documents of one kind about one record (the statement's year).
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    scope = models.CharField(max_length=30, blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents_held",
    )
    holder_name = models.CharField(_("holder (Latin script)"), max_length=200)
    holder_name_native = models.CharField(_("holder (own script)"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    file = models.FileField(upload_to=issued_document_path)
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revoking"), max_length=1000, blank=True)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"], name="one_number_per_kind_and_year"
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "scope"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_valid_document_per_record_and_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # The register's order: its first page reads 25 rows of this index instead of
            # sorting every document (238 ms → 0.1 ms at 141,000 documents).
            models.Index(fields=["-issued_at", "-id"], name="document_newest"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


# --- Messages between applicants and the office


def message_file_path(instance: "Message", filename: str) -> str:
    return upload_path("messages", filename)


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MessageQuerySet":
        """The messages of the threads whose record `user` may open (each record's own
        `visible_to`, for every model that has a thread: `intlaffairs.threads`)."""
        return self.filter(visible_records(user))

    def unread_by_applicant(self) -> "MessageQuerySet":
        return self.filter(from_office=True, read_at__isnull=True)

    def unread_by_office(self) -> "MessageQuerySet":
        return self.filter(from_office=False, read_at__isnull=True)


class Message(models.Model):
    """One message of the thread between an applicant and the office on a record (an
    application, a course application). Written by `intlaffairs.threads.message_post` only.
    `read_at` is when the other side first opened the thread after it was sent."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    # None: a visitor without an account, writing through the contact form (website).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    from_office = models.BooleanField(_("from the office"))
    body = models.TextField(_("message"), max_length=4000)
    attachment = UploadField(_("attachment"), upload_to=message_file_path, blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "sent_at"], name="message_thread"),
            # The unread counts of the menu read only these few rows.
            models.Index(
                fields=["from_office", "content_type", "object_id"],
                name="message_unread",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.body[:50]

    @property
    def sent_at_iso(self) -> str:
        return self.sent_at.replace(microsecond=0).isoformat()


class SavedReply(models.Model):
    """A reply the managers keep for the officers to start a message from. Its text may name
    the application's data in braces ({name}, {reference}, ...: `threads.PLACEHOLDERS`)."""

    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"), max_length=4000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        ordering = ["language", "title", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("saved_reply_list")

    def clean(self) -> None:
        unknown = unknown_placeholders(self.body)
        if unknown:
            raise ValidationError(
                {
                    "body": _("Unknown placeholder: %(names)s. Use only %(known)s.")
                    % {"names": ", ".join(unknown), "known": known_placeholders()}
                }
            )


# --- Calendar feeds


class CalendarToken(models.Model):
    """The secret in the address of a person's calendar feed. Resetting it gives the row a new
    token, so the old address stops working at once; a person without a row has no feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.user)
