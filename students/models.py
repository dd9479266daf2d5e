"""Student recruitment: programs, applications and their pipeline, documents, agents,
the office's procedures, and the register of recognition issues by country."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intlaffairs.jalali import to_ascii_digits, to_local_digits
from intlaffairs.models import Message, StateChange
from intlaffairs.normalize import Searchable, SearchTextField
from intlaffairs.pdca import PdcaReview
from intlaffairs.uploads import StoredPdf, UploadField, upload_path
from intlaffairs.visibility import OfficeQuerySet, sees_everything


class DocumentType(models.Model):
    """A kind of document applicants upload (passport, photo, diploma...), named in 3 languages."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)  # name_fa, name_en, name_ckb, name_ar
    is_photo = models.BooleanField(
        _("is the photo"), default=False, help_text=_("A JPEG or PNG portrait of set dimensions.")
    )
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class ProgramQuerySet(models.QuerySet):
    def published(self) -> "ProgramQuerySet":
        return self.filter(is_published=True)

    def visible_to(self, user) -> "ProgramQuerySet":
        """Office staff see every program, unpublished ones included; anyone else (visitors
        too) the published ones."""
        return self if sees_everything(user) else self.published()


class Program(models.Model):
    class Degree(models.TextChoices):
        MD = "md", _("Doctor of Medicine (MD)")
        DDS = "dds", _("Doctor of Dental Surgery (DDS)")
        PHARMD = "pharmd", _("Doctor of Pharmacy (PharmD)")
        BSC = "bsc", _("Bachelor of Science (BSc)")
        MSC = "msc", _("Master of Science (MSc)")
        PHD = "phd", _("Doctor of Philosophy (PhD)")
        RESIDENCY = "residency", _("Residency")
        FELLOWSHIP = "fellowship", _("Fellowship")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        PERSIAN = "fa", _("Persian")

    class Currency(models.TextChoices):
        USD = "USD", _("US dollars")
        EUR = "EUR", _("Euros")
        IRR = "IRR", _("Iranian rials")

    name = models.CharField(_("name"), max_length=200)  # translated
    description = models.TextField(_("description"), blank=True, max_length=4000)  # translated
    unit = models.ForeignKey(
        "intlaffairs.Unit",
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("school"),
    )
    degree = models.CharField(_("degree"), max_length=12, choices=Degree.choices)
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices, default="en"
    )
    duration_years = models.DecimalField(_("duration in years"), max_digits=3, decimal_places=1)
    tuition = models.DecimalField(_("tuition per year"), max_digits=14, decimal_places=0)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    intake = models.PositiveSmallIntegerField(
        _("intake"), help_text=_("The academic year (Solar Hijri) it starts, e.g. 1405.")
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    deadline = models.DateField(_("application deadline"))
    required_documents = models.ManyToManyField(
        DocumentType, related_name="programs", verbose_name=_("required documents")
    )
    is_published = models.BooleanField(_("open to applicants"), default=True)
    requires_interview = models.BooleanField(
        _("interviews its applicants"),
        default=False,
        help_text=_(
            "Applicants are interviewed before the decision. Graduate programs always interview."
        ),
    )

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-intake", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("students:program_detail", args=[self.pk])

    @property
    def is_graduate(self) -> bool:
        """Graduate applicants are interviewed before the decision."""
        return self.degree in {
            self.Degree.MSC,
            self.Degree.PHD,
            self.Degree.RESIDENCY,
            self.Degree.FELLOWSHIP,
        }

    @property
    def interviews(self) -> bool:
        """Whether its applicants are interviewed before the decision."""
        return self.requires_interview or self.is_graduate

    @property
    def is_open(self) -> bool:
        return self.is_published and self.deadline >= timezone.localdate()


class Agent(models.Model):
    """Someone who brings applicants: a recruitment agent (usually paid) or an introducer."""

    class Kind(models.TextChoices):
        AGENT = "agent", _("Agent")
        INTRODUCER = "introducer", _("Introducer")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.AGENT)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    country = CountryField(_("country"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contract_ends_on = models.DateField(_("contract ends on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("agent or introducer")
        verbose_name_plural = _("agents and introducers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("students:agent_detail", args=[self.pk])


class Stage(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    DOCUMENT_CHECK = "document_check", _("Document check")
    FACULTY_REVIEW = "faculty_review", _("Referred to the faculty")
    INTERVIEW = "interview", _("Interview")
    ADMITTED = "admitted", _("Admitted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Not admitted")
    OFFER_ACCEPTED = "offer_accepted", _("Offer accepted")
    OFFER_DECLINED = "offer_declined", _("Offer declined")
    OFFER_LAPSED = "offer_lapsed", _("Offer lapsed")
    FEES_RECEIVED = "fees_received", _("Tuition and originals received")
    ENROLLED = "enrolled", _("Enrolled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# While a file is with the faculty: its unit's reviewers review it, then may arrange its interview.
REVIEWER_STAGES = (Stage.FACULTY_REVIEW, Stage.INTERVIEW)

# How every application's reference begins (services.next_reference).
REFERENCE_PREFIX = "KUMS-"

# The parts of a person's name, as in the passport and in their own script.
LATIN_NAME_PARTS = ("given_name", "father_name", "grandfather_name", "family_name")
NATIVE_NAME_PARTS = (
    "native_given_name",
    "native_father_name",
    "native_grandfather_name",
    "native_family_name",
)
# The person's own data on an application: their next application starts from it.
PERSON_FIELDS = (
    *LATIN_NAME_PARTS,
    *NATIVE_NAME_PARTS,
    "native_name",
    "sex",
    "birth_date",
    "nationality",
    "passport_number",
    "passport_expires_on",
    "phone",
    "address",
)

REGISTRATION_CODE_DIGITS = 8


def registration_code_clean(text: str) -> str:
    """The ministry's registration code as stored: 8 digits, typed in any digit script."""
    code = to_ascii_digits("".join(str(text).split()))
    if len(code) != REGISTRATION_CODE_DIGITS or not (code.isascii() and code.isdigit()):
        raise ValidationError(
            _("The registration code is %(count)s digits, e.g. %(example)s.")
            % {
                "count": to_local_digits(REGISTRATION_CODE_DIGITS),
                "example": to_local_digits("14051234"),
            }
        )
    return code


def validate_registration_code(value: str) -> None:
    """The model's check (the admin's too): 8 digits in any script; forms store them ASCII."""
    registration_code_clean(value)


def reviewed_unit_ids(user) -> frozenset[int]:
    """The units `user` reviews for, read once per user object (a page asks for each slot)."""
    if not hasattr(user, "_reviewed_unit_ids"):
        user._reviewed_unit_ids = frozenset(
            UnitReviewer.objects.filter(user_id=user.pk).values_list("unit_id", flat=True)
        )
    return user._reviewed_unit_ids


class ApplicationQuerySet(models.QuerySet):
    def submitted(self) -> "ApplicationQuerySet":
        return self.exclude(stage=Stage.DRAFT)

    def visible_to(self, user) -> "ApplicationQuerySet":
        """What `user` may open: office staff the submitted applications (a draft is still the
        applicant's alone), anyone else their own, drafts included."""
        if sees_everything(user):
            return self.submitted()
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)

    def interviews_arranged_by(self, user, *, stage: str | None = None) -> "ApplicationQuerySet":
        """Whose interviews `user` may arrange: office staff every submitted application's; a
        faculty reviewer those of their units' files from the referral to the decision
        (REVIEWER_STAGES); anyone else none. With `stage`, only those at that stage: asked
        as one condition, not as a second one on top of REVIEWER_STAGES, which PostgreSQL
        took for independent and so expected a tenth of the rows (the reviewer's list then
        gathered all 24,286 files at the interview stage at ×100 to count a hundred)."""
        if sees_everything(user):
            return self.submitted() if stage is None else self.submitted().filter(stage=stage)
        if not user.is_authenticated:
            return self.none()
        stages = REVIEWER_STAGES if stage is None else [stage] if stage in REVIEWER_STAGES else []
        return self.filter(
            stage__in=stages,
            program__unit__in=UnitReviewer.objects.filter(user=user).values("unit_id"),
        )


class Application(Searchable):
    class Channel(models.TextChoices):
        WEBSITE = "website", _("The website")
        AGENT = "agent", _("An agent")
        INTRODUCER = "introducer", _("An introducer")

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    # Given on submission; NULL (not "") for drafts so that the unique constraint allows many.
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT, db_index=True
    )
    stage_since = models.DateTimeField(_("in this stage since"), default=timezone.now)
    # Step 1: the person. A name in four parts, as Arab applicants write it (first, father's,
    # grandfather's, family), twice: as in the passport (Latin) and in the person's own script.
    # native_name is the full name in that script: composed from its parts by the form, and
    # kept as typed for applications older than the parts, which no rule could split.
    given_name = models.CharField(_("given name (Latin letters)"), max_length=100, blank=True)
    father_name = models.CharField(_("father's name (Latin letters)"), max_length=100, blank=True)
    grandfather_name = models.CharField(
        _("grandfather's name (Latin letters)"), max_length=100, blank=True
    )
    family_name = models.CharField(_("family name (Latin letters)"), max_length=100, blank=True)
    native_given_name = models.CharField(
        _("first name in your own script"), max_length=100, blank=True
    )
    native_father_name = models.CharField(
        _("father's name in your own script"), max_length=100, blank=True
    )
    native_grandfather_name = models.CharField(
        _("grandfather's name in your own script"), max_length=100, blank=True
    )
    native_family_name = models.CharField(
        _("family name in your own script"), max_length=100, blank=True
    )
    native_name = models.CharField(_("full name in your own script"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    # Step 2: passport and contact
    passport_number = models.CharField(_("passport number"), max_length=30, blank=True)
    passport_expires_on = models.DateField(_("passport expiry date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("postal address"), blank=True, max_length=500)
    # Step 4: the program and the channel
    program = models.ForeignKey(
        Program,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("program"),
    )
    channel = models.CharField(
        _("how you heard of us"), max_length=12, choices=Channel.choices, blank=True
    )
    agent = models.ForeignKey(
        Agent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("agent or introducer"),
    )
    referrer_name = models.CharField(
        _("name of the agent or introducer"),
        max_length=200,
        blank=True,
        help_text=_("If they are not in the list."),
    )
    statement = models.TextField(_("personal statement"), blank=True, max_length=5000)
    # What the office asks of the applicant now (shown on the status page).
    request_to_applicant = models.TextField(
        _("what we ask of the applicant"), blank=True, max_length=2000
    )
    # Until when an admitted applicant may accept the offer (set by the admit step).
    offer_deadline = models.DateField(_("answer the offer by"), null=True, blank=True)
    # After admission (the dates and states are the ArrivalItem rows): the values some items
    # record, kept here where letters and reminders read them.
    registration_code = models.CharField(
        _("central registration code"),
        max_length=30,
        blank=True,
        help_text=_("The ministry's code for foreign students."),
        validators=[validate_registration_code],
    )
    residence_permit_number = models.CharField(
        _("residence permit number"), max_length=30, blank=True
    )
    residence_expires_on = models.DateField(
        _("residence permit expires on"), null=True, blank=True, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Its moves through the pipeline (students/workflows.py), oldest first.
    moves = GenericRelation(StateChange)
    # Its thread with the office (intlaffairs.messaging); deleted with it.
    thread = GenericRelation(Message)

    # What the search box compares (intlaffairs/normalize.py), kept with the record.
    search_text = SearchTextField(
        sources=(
            "reference",
            "given_name",
            "father_name",
            "grandfather_name",
            "family_name",
            "native_name",
            "passport_number",
        ),
        # "KUMS-1405-00042" (services.next_reference): a part of a reference that begins it
        # is looked up by the reference's index (application_reference_prefix).
        codes={"reference": REFERENCE_PREFIX},
    )
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        indexes = [
            # The pipeline list, all stages and one stage, newest first (its ORDER BY); drafts,
            # never submitted, would come first in it and are left out.
            models.Index(
                fields=["-submitted_at", "-id"],
                name="application_newest",
                condition=~models.Q(stage="draft"),
            ),
            models.Index(fields=["stage", "-submitted_at", "-id"], name="application_stage_newest"),
            # Applications waiting too long in a stage (dashboard, reminders).
            models.Index(fields=["stage", "stage_since"], name="application_stage_since"),
            # The version of the snapshot of pipeline figures (intlaffairs.snapshot).
            models.Index(fields=["updated_at"], name="application_updated"),
            # A search for the start of a reference (`reference LIKE 'KUMS-1405-000%'`), which
            # the unique index cannot serve in a collation other than C.
            models.Index(
                fields=["reference"],
                name="application_reference_prefix",
                opclasses=["varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        if self.reference:
            return self.reference
        return _("Draft application #%(id)s") % {"id": to_local_digits(self.pk)}

    def get_absolute_url(self) -> str:
        return reverse("students:application_detail", args=[self.pk])

    def interviews_arranged_by(self, user) -> bool:
        """Whether `user` may arrange this application's interviews: the row-level form of
        `Application.objects.interviews_arranged_by`."""
        if not user.is_authenticated:
            return False
        if sees_everything(user):
            return self.stage != Stage.DRAFT
        if self.stage not in REVIEWER_STAGES or self.program_id is None:
            return False
        return self.program.unit_id in reviewed_unit_ids(user)

    @property
    def name_latin(self) -> str:
        """The full name as in the passport: first, father's, grandfather's, family name (those
        given). Lists, search results and the official letters show it."""
        parts = (self.given_name, self.father_name, self.grandfather_name, self.family_name)
        return " ".join(part for part in parts if part)

    def native_name_from_parts(self) -> str:
        """The full name in the person's own script from its four parts ("" if none given)."""
        parts = (
            self.native_given_name,
            self.native_father_name,
            self.native_grandfather_name,
            self.native_family_name,
        )
        return " ".join(part for part in parts if part)

    @property
    def is_draft(self) -> bool:
        return self.stage == Stage.DRAFT

    @property
    def is_closed(self) -> bool:
        """Ended without a place: not admitted, withdrawn, the offer declined or lapsed."""
        return self.stage in (
            Stage.REJECTED,
            Stage.WITHDRAWN,
            Stage.OFFER_DECLINED,
            Stage.OFFER_LAPSED,
        )

    @property
    def is_admitted(self) -> bool:
        return self.stage in (
            Stage.ADMITTED,
            Stage.OFFER_ACCEPTED,
            Stage.FEES_RECEIVED,
            Stage.ENROLLED,
        )

    @property
    def letter_kinds(self) -> list[str]:
        """The letters the office may issue now: the admission letter once admitted, the
        International Affairs letter (for the visa) once the tuition is received."""
        kinds = ["admission_letter"] if self.is_admitted else []
        if self.stage in (Stage.FEES_RECEIVED, Stage.ENROLLED):
            kinds.append("ia_letter")
        return kinds


class ArrivalItem(models.Model):
    """One item of the checklist the office keeps after admission, which the student sees:
    its state, the date it was done or is due, and a note."""

    class Kind(models.TextChoices):
        VISA_LETTER = "visa_letter", _("Visa letter sent")
        VISA = "visa", _("Visa granted")
        REGISTRATION = "registration", _("Ministry registration code")
        ARRIVAL = "arrival", _("Arrival date")
        PICKUP = "pickup", _("Airport pick-up")
        ACCOMMODATION = "accommodation", _("Accommodation")
        INSURANCE = "insurance", _("Insurance")
        RESIDENCE = "residence", _("Residence permit")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        NOT_NEEDED = "not_needed", _("Not needed")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="arrival_items"
    )
    kind = models.CharField(_("item"), max_length=16, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PENDING
    )
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When it was done, or when it is due.")
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("after-admission item")
        verbose_name_plural = _("after-admission items")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_arrival_item_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_state_display()}"

    @property
    def order(self) -> int:
        return list(self.Kind).index(self.kind)


class ReferenceCounter(models.Model):
    """The last reference number given in a Solar Hijri year (KUMS-1405-00042)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Education(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="education")
    institution = models.CharField(_("school or university"), max_length=200)
    country = CountryField(_("country"))
    qualification = models.CharField(_("diploma or degree"), max_length=150)
    field = models.CharField(_("field of study"), max_length=150, blank=True)
    graduated_in = models.PositiveSmallIntegerField(_("year of graduation (Gregorian)"))
    grade = models.CharField(_("grade or GPA"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["graduated_in", "id"]

    def __str__(self) -> str:
        return f"{self.qualification}, {self.institution} ({self.graduated_in})"


def document_path(instance: "Document", filename: str) -> str:
    return upload_path(f"applications/{instance.application_id}", filename)


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DocumentQuerySet":
        """Documents of the applications `user` may open (`Application.objects.visible_to`),
        and, for a faculty reviewer, of the files they review now (read only)."""
        visible = models.Q(application__in=Application.objects.visible_to(user))
        if user.is_authenticated and not sees_everything(user):
            reviewing = FacultyReview.objects.assigned_to(user).values("application_id")
            visible |= models.Q(application__in=reviewing)
        return self.filter(visible)

    def current(self) -> "DocumentQuerySet":
        return self.filter(replaced=False)

    def earlier(self) -> "DocumentQuerySet":
        """Uploads a newer one replaced: shown only in the history of their document."""
        return self.filter(replaced=True)


class Document(models.Model):
    """One uploaded file. A replaced document stays (rejected), so nothing submitted is lost."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    file = UploadField(upload_to=document_path)
    kind = models.CharField(max_length=4)  # pdf, png or jpeg, judged by content
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    replaced = models.BooleanField(default=False)
    moves = GenericRelation(StateChange)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["type__order", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.type} ({self.original_name})"

    def get_absolute_url(self) -> str:
        """The office reviews a document on its application's page."""
        return reverse("students:application_detail", args=[self.application_id])

    @property
    def download_name(self) -> str:
        """The application's reference (or number, for a draft) and the document's code."""
        return f"{self.application.reference or self.application_id}-{self.type.code}"


class Note(models.Model):
    """An internal note of the office on an application; applicants never see these."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    text = models.TextField(_("note"), max_length=4000)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.text[:50]


class Reminder(models.Model):
    """A reminder sent; unique per subject and date, so a day's run sends each once."""

    class Kind(models.TextChoices):
        STALLED = "stalled", _("Waiting in one stage")
        RESIDENCE = "residence", _("Residence permit ending")
        ARRIVAL_ITEM = "arrival", _("After-admission item overdue")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The checklist item it is about (arrival reminders only): one reminder per item and date.
    item = models.ForeignKey(
        ArrivalItem, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    # The stage_since, the permit's expiry or the item's date it was sent for.
    about = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "about"],
                condition=models.Q(item__isnull=True),
                name="one_students_reminder",
            ),
            models.UniqueConstraint(
                fields=["item", "about"],
                condition=models.Q(item__isnull=False),
                name="one_arrival_item_reminder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.kind} {self.about:%Y-%m-%d}"


# --- Procedures (statutes, protocols, procedures) with PDCA reviews


class Procedure(models.Model):
    class Kind(models.TextChoices):
        STATUTE = "statute", _("Statute")
        PROTOCOL = "protocol", _("Protocol")
        PROCEDURE = "procedure", _("Procedure")

    title = models.CharField(_("title"), max_length=250)  # translated
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner in the office"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("students:procedure_detail", args=[self.pk])


def procedure_path(instance: "ProcedureVersion", filename: str) -> str:
    return upload_path(f"procedures/{instance.procedure_id}", filename)


class ProcedureVersion(StoredPdf):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    effective_from = models.DateField(_("in force from"))
    summary = models.TextField(_("what changed"), blank=True, max_length=2000)
    file = UploadField(_("file"), upload_to=procedure_path)

    objects = OfficeQuerySet.as_manager()

    class Meta(StoredPdf.Meta):
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="one_procedure_version")
        ]


class Review(PdcaReview):
    """One entry of the plan-do-check-act cycle of a procedure."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="reviews")


# --- Recognition issues by country, with the ministry's letters


class RecognitionIssue(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")

    country = CountryField(_("country"))
    issue = models.TextField(_("issue"), max_length=4000)
    since = models.DateField(_("since"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="open")
    actions = models.TextField(_("actions taken"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition issue")
        verbose_name_plural = _("recognition issues")
        ordering = ["status", "-since"]

    def __str__(self) -> str:
        return f"{self.country.name}: {self.issue[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("students:issue_detail", args=[self.pk])


def letter_path(instance: "MinistryLetter", filename: str) -> str:
    return upload_path(f"recognition/{instance.issue_id}", filename)


class MinistryLetter(StoredPdf):
    class Direction(models.TextChoices):
        SENT = "sent", _("Sent to the ministry")
        RECEIVED = "received", _("Received from the ministry")

    issue = models.ForeignKey(RecognitionIssue, on_delete=models.CASCADE, related_name="letters")
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    date = models.DateField(_("date"))
    number = models.CharField(_("reference number"), max_length=60)
    file = UploadField(_("file"), upload_to=letter_path)

    objects = OfficeQuerySet.as_manager()

    class Meta(StoredPdf.Meta):
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-date", "-id"]


# --- Faculty review: a unit's reviewers score the files referred to the faculty

SCORE_MIN, SCORE_MAX = 1, 5
# After how many days of waiting a reviewer is reminded (once each); past the first, the
# office sees the review as overdue.
REVIEW_REMINDER_DAYS = (7, 14)


class UnitReviewer(models.Model):
    """A faculty member who reviews the files referred to a unit (a school or department).
    An administrator names them (services in students/reviews.py)."""

    unit = models.ForeignKey(
        "intlaffairs.Unit",
        on_delete=models.CASCADE,
        related_name="reviewers",
        verbose_name=_("school or department"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_units",
        verbose_name=_("faculty member"),
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("faculty reviewer")
        verbose_name_plural = _("faculty reviewers")
        ordering = ["unit", "user"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="one_reviewer_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user.display_name} · {self.unit}"


class ReviewCriterion(models.Model):
    """One thing a program's reviewers score from SCORE_MIN to SCORE_MAX (academic record,
    statement, fit with the program), named in three languages."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=150)  # name_fa, name_en, name_ckb, name_ar
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class FacultyReviewQuerySet(models.QuerySet):
    def assigned_to(self, user) -> "FacultyReviewQuerySet":
        """`user`'s own reviews of files still referred to the faculty, while they are a
        reviewer of the program's unit (a reviewer removed from the unit sees none)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            reviewer=user,
            application__stage=Stage.FACULTY_REVIEW,
            application__program__unit__reviewers__user=user,
        )

    def visible_to(self, user) -> "FacultyReviewQuerySet":
        """Office staff see every review; a reviewer their own, while the file is theirs to
        review (`assigned_to`); anyone else none."""
        if sees_everything(user):
            return self
        return self.assigned_to(user)

    def late(self, *, now=None) -> "FacultyReviewQuerySet":
        """Requested more than REVIEW_REMINDER_DAYS[0] days ago and not in."""
        since = (now or timezone.now()) - timedelta(days=REVIEW_REMINDER_DAYS[0])
        return self.filter(status=FacultyReview.Status.REQUESTED, requested_at__lt=since)


class FacultyReview(models.Model):
    """One reviewer's opinion on one referred application: requested on referral, submitted
    (and revised until the file leaves the faculty review), or withdrawn for a conflict of
    interest (students/workflows.py)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        SUBMITTED = "submitted", _("Submitted")
        CONFLICT = "conflict", _("Withdrawn: conflict of interest")

    class Recommendation(models.TextChoices):
        ADMIT = "admit", _("Admit")
        ADMIT_WITH_CONDITIONS = "conditional", _("Admit with conditions")
        INTERVIEW = "interview", _("Interview first")
        NOT_ADMIT = "not_admit", _("Do not admit")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="faculty_reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="faculty_reviews",
        verbose_name=_("reviewer"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices, blank=True
    )
    comments = models.TextField(_("comments"), blank=True, max_length=4000)
    conflict = models.TextField(_("conflict of interest"), blank=True, max_length=2000)
    # Given with every submission: the reviewer's word that nothing ties them to the applicant.
    no_conflict_declared = models.BooleanField(_("declared no conflict of interest"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    moves = GenericRelation(StateChange)

    objects = FacultyReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("faculty review")
        verbose_name_plural = _("faculty reviews")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            )
        ]
        indexes = [
            models.Index(fields=["reviewer", "status"], name="review_reviewer_status"),
            # "To review" in its order: the first page is read off the index, not sorted from
            # every review the person was ever asked for (427 ms → 5 ms at ×100).
            models.Index(fields=["reviewer", "requested_at", "id"], name="review_reviewer_order"),
            models.Index(fields=["status", "requested_at"], name="review_status_requested"),
            # Whether a file has a review late (the office's queue): one look into the
            # requested reviews alone, answered by the index (2.9 → 1.3 ms at ×100).
            models.Index(
                fields=["application", "requested_at"],
                condition=models.Q(status="requested"),
                name="review_requested_by_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.reviewer.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("students:review_detail", args=[self.pk])

    @property
    def days_waiting(self) -> int:
        """Whole days since it was requested."""
        return (timezone.now() - self.requested_at).days

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.REQUESTED and self.days_waiting >= REVIEW_REMINDER_DAYS[0]


class ReviewScore(models.Model):
    review = models.ForeignKey(FacultyReview, on_delete=models.CASCADE, related_name="scores")
    # A criterion scored in a review stays: it cannot be deleted from the program.
    criterion = models.ForeignKey(ReviewCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ReviewReminder(models.Model):
    """A reminder sent to a reviewer: one per review and threshold, so a day's run sends each
    once."""

    review = models.ForeignKey(FacultyReview, on_delete=models.CASCADE, related_name="reminders")
    after_days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "after_days"], name="one_review_reminder")
        ]

    def __str__(self) -> str:
        return f"{self.review_id}: {self.after_days}"


# --- Interviews (students/interviews.py, the workflow in students/workflows.py)


class InterviewSlotQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InterviewSlotQuerySet":
        """The office sees every slot; an applicant the slots offered on their own submitted
        applications; a faculty reviewer those of the files whose interviews they arrange
        (`Application.objects.interviews_arranged_by`); anybody else none."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        own = models.Q(application__applicant=user) & ~models.Q(application__stage=Stage.DRAFT)
        arranged = Application.objects.interviews_arranged_by(user).values("pk")
        return self.filter(own | models.Q(application__in=arranged))

    def taken(self) -> "InterviewSlotQuerySet":
        """Slots an applicant has chosen (booked, then held or missed)."""
        return self.filter(
            state__in=[
                InterviewSlot.State.BOOKED,
                InterviewSlot.State.HELD,
                InterviewSlot.State.NO_SHOW,
            ]
        )


class InterviewSlot(models.Model):
    """A time the office offers one applicant for their interview. The applicant books one of
    the slots offered to them; the office may move it (the invitation is sent again, same UID,
    higher SEQUENCE) or cancel it, and the panel records the report or a no-show."""

    class State(models.TextChoices):
        OFFERED = "offered", _("Offered")
        BOOKED = "booked", _("Booked")
        HELD = "held", _("Held, report recorded")
        NO_SHOW = "no_show", _("The applicant did not come")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    class Recommendation(models.TextChoices):
        ADMIT = "admit", _("Admit")
        ADMIT_WITH_CONDITIONS = "conditions", _("Admit with conditions")
        NOT_ADMIT = "not_admit", _("Do not admit")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interview_slots"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OFFERED, db_index=True
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    link = models.URLField(
        _("meeting link"), blank=True, help_text=_("For an online interview: the video call.")
    )
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("For an interview in person: building and room."),
    )
    panel = models.CharField(
        _("panel members"),
        max_length=500,
        help_text=_("The names of the interviewers, as the applicant will read them."),
    )
    # RFC 5545: the version of the invitation the applicant's calendar holds; every change
    # sent to them after the first raises it, so the calendar replaces the event.
    sequence = models.PositiveIntegerField(default=0)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The panel's report (state HELD).
    score_knowledge = models.PositiveSmallIntegerField(
        _("knowledge of the field"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10)],
    )
    score_communication = models.PositiveSmallIntegerField(
        _("communication in the language of instruction"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10)],
    )
    score_motivation = models.PositiveSmallIntegerField(
        _("motivation and fit"), null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    report_notes = models.TextField(_("the panel's notes"), blank=True, max_length=4000)
    moves = GenericRelation(StateChange)

    objects = InterviewSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            # One interview per application at a time: a second booking is refused.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(state="booked"),
                name="interview_one_booking",
            ),
            models.CheckConstraint(
                condition=~models.Q(mode="online") | ~models.Q(link=""),
                name="interview_online_has_link",
            ),
            models.CheckConstraint(
                condition=~models.Q(mode="in_person") | ~models.Q(place=""),
                name="interview_in_person_has_place",
            ),
        ]

    def __str__(self) -> str:
        return _("Interview for %(application)s") % {"application": self.application}

    def get_absolute_url(self) -> str:
        return reverse("students:my_application", args=[self.application_id])

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def scores(self) -> list[tuple[str, int | None]]:
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name)) for name in SCORE_FIELDS
        ]

    def clean(self) -> None:
        if self.mode == self.Mode.ONLINE and not self.link:
            raise ValidationError({"link": _("An online interview needs the meeting link.")})
        if self.mode == self.Mode.IN_PERSON and not self.place:
            raise ValidationError({"place": _("An interview in person needs the place.")})


SCORE_FIELDS = ("score_knowledge", "score_communication", "score_motivation")
# --- Fees: the schedule per program and intake, invoices, transfers and payments


class Currency(models.TextChoices):
    """The currencies fees are asked in (ISO 4217): rials for local payments."""

    USD = "USD", _("US dollars")
    EUR = "EUR", _("Euros")
    IRR = "IRR", _("Iranian rials")


class FeeSchedule(models.Model):
    """What a program asks for one intake: the application fee, the deposit and the tuition
    (a year's or a semester's), in one currency. Managers keep it."""

    class Period(models.TextChoices):
        YEAR = "year", _("per year")
        SEMESTER = "semester", _("per semester")

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="fee_schedules", verbose_name=_("program")
    )
    intake = models.PositiveSmallIntegerField(
        _("intake"), help_text=_("The academic year (Solar Hijri) it starts, e.g. 1405.")
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    application_fee = models.DecimalField(
        _("application fee"), max_digits=14, decimal_places=2, default=0
    )
    deposit = models.DecimalField(_("deposit"), max_digits=14, decimal_places=2, default=0)
    tuition = models.DecimalField(_("tuition"), max_digits=14, decimal_places=2)
    tuition_period = models.CharField(
        _("tuition is"), max_length=8, choices=Period.choices, default=Period.YEAR
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        ordering = ["-intake", "program__name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "intake"], name="one_fee_schedule"),
            models.CheckConstraint(
                condition=models.Q(application_fee__gte=0, deposit__gte=0, tuition__gt=0),
                name="fee_schedule_amounts_positive",
                violation_error_message=_(
                    "No amount can be negative, and the tuition must be more than zero."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} ({to_local_digits(self.intake)})"

    def amount_for(self, kind: str):
        return {
            Invoice.Kind.APPLICATION_FEE: self.application_fee,
            Invoice.Kind.DEPOSIT: self.deposit,
            Invoice.Kind.TUITION: self.tuition,
        }[kind]


class InvoiceQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InvoiceQuerySet":
        """Invoices of the applications `user` may open (`Application.objects.visible_to`).
        The office opens every submitted application, and every invoice is one's (a fee is
        asked only after submission, `fees.INVOICING_STAGES`, and no step leads back to a
        draft): it sees every invoice without asking the applications, whose join made the
        finance list's count read 14,000 of them for 1,000 overdue invoices at ×100."""
        if sees_everything(user):
            return self
        return self.filter(application__in=Application.objects.visible_to(user))

    def with_balance(self) -> "InvoiceQuerySet":
        """Each invoice with `balance_due`: the amount less what was paid and granted."""
        return self.annotate(
            balance_due=models.ExpressionWrapper(
                models.F("amount") - models.F("paid") - models.F("granted"),
                output_field=models.DecimalField(max_digits=14, decimal_places=2),
            )
        )

    def overdue(self, today=None) -> "InvoiceQuerySet":
        return self.filter(
            status__in=[Invoice.Status.OPEN, Invoice.Status.PARTLY_PAID],
            due_on__lt=today or timezone.localdate(),
        )


class Invoice(models.Model):
    """What the office asks an applicant to pay, issued from the program's fee schedule. Its
    state moves through the workflow core (students/workflows.py): open → partly paid → paid,
    or waived or cancelled. `paid` and `granted` are the sums of its payments and allowances."""

    class Kind(models.TextChoices):
        APPLICATION_FEE = "application_fee", _("Application fee")
        DEPOSIT = "deposit", _("Deposit")
        TUITION = "tuition", _("Tuition")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PARTLY_PAID = "partly_paid", _("Partly paid")
        PAID = "paid", _("Paid")
        WAIVED = "waived", _("Waived")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="invoices",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("fee"), max_length=16, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    paid = models.DecimalField(_("paid"), max_digits=14, decimal_places=2, default=0)
    granted = models.DecimalField(
        _("waived or granted"), max_digits=14, decimal_places=2, default=0
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moves = GenericRelation(StateChange)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["due_on", "pk"]
        # The finance list's orders (by due date, and by balance, largest first): its page reads
        # 25 index entries instead of sorting every invoice.
        indexes = [
            models.Index(fields=["status", "due_on"], name="invoice_status_due"),
            models.Index(fields=["due_on", "id"], name="invoice_due"),
            models.Index(
                (models.F("amount") - models.F("paid") - models.F("granted")).desc(),
                models.F("id").desc(),
                name="invoice_balance",
            ),
        ]
        constraints = [
            # One standing invoice of each kind per application; a cancelled one may be issued
            # again.
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=~models.Q(status="cancelled"),
                name="one_standing_invoice_per_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="invoice_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.application}"

    def get_absolute_url(self) -> str:
        return reverse("students:invoice_detail", args=[self.pk])

    @property
    def balance(self):
        return self.amount - self.paid - self.granted

    @property
    def is_settled(self) -> bool:
        return self.status in (self.Status.PAID, self.Status.WAIVED)

    @property
    def is_standing(self) -> bool:
        """Still to be paid: open or partly paid."""
        return self.status in (self.Status.OPEN, self.Status.PARTLY_PAID)

    def is_overdue(self, today=None) -> bool:
        return self.is_standing and self.due_on < (today or timezone.localdate())


def transfer_path(instance: "Transfer", filename: str) -> str:
    return upload_path(f"invoices/{instance.invoice_id}", filename)


class TransferQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TransferQuerySet":
        return self.filter(invoice__in=Invoice.objects.visible_to(user))


class Transfer(models.Model):
    """A bank-transfer receipt the applicant uploaded for an invoice (checked by content). The
    office confirms what it received as a Payment."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="transfers")
    file = UploadField(upload_to=transfer_path)
    kind = models.CharField(max_length=4)  # pdf, png or jpeg, judged by content
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    note = models.CharField(_("note to the office"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Set with the Payment that confirms the transfer (`fees.payment_confirm`, the only one
    # that links them; a payment is never deleted), so that the desk's queue of transfers to
    # confirm reads the few unconfirmed ones through an index instead of asking every open
    # invoice whether a payment answers its transfer.
    confirmed = models.BooleanField(default=False, editable=False)

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [
            models.Index(
                fields=["invoice"], condition=models.Q(confirmed=False), name="transfer_to_confirm"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        application = self.invoice.application
        return f"{application.reference or application.pk}-transfer-{self.pk}"


class PaymentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PaymentQuerySet":
        return self.filter(invoice__in=Invoice.objects.visible_to(user))


class Payment(models.Model):
    """An amount the office confirmed as received on an invoice (from an uploaded transfer,
    or paid at the desk); each gets a numbered receipt, a document of record."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    transfer = models.OneToOneField(
        Transfer, on_delete=models.PROTECT, null=True, blank=True, related_name="payment"
    )
    amount = models.DecimalField(_("amount received"), max_digits=14, decimal_places=2)
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.invoice}: {self.amount} {self.invoice.currency}"


class Allowance(models.Model):
    """A waiver or scholarship a manager granted on an invoice, with the reason: the whole
    balance (the invoice is then waived) or a part of it."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="allowances")
    amount = models.DecimalField(_("amount granted"), max_digits=14, decimal_places=2)
    reason = models.CharField(_("reason"), max_length=500)
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("waiver or scholarship")
        verbose_name_plural = _("waivers and scholarships")
        ordering = ["granted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="allowance_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice}: {self.amount}"
