"""Peer mentoring: local student mentors, international student mentees, their pairings,
meetings, issues raised, feedback and closing surveys."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.models import StateChange
from intlaffairs.visibility import OfficeQuerySet, sees_everything


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Language(models.TextChoices):
    PERSIAN = "fa", _("Persian")
    KURDISH = "ku", _("Kurdish")
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")
    TURKISH = "tr", _("Turkish")
    URDU = "ur", _("Urdu")
    AZERBAIJANI = "az", _("Azerbaijani")
    PASHTO = "ps", _("Pashto")
    FRENCH = "fr", _("French")


class Need(models.TextChoices):
    HOUSING = "housing", _("Housing")
    REGISTRATION = "registration", _("Registration at the university")
    LANGUAGE = "language", _("Language")
    INSURANCE = "insurance", _("Health insurance")
    RESIDENCE = "residence", _("Residence permit")
    ACADEMIC = "academic", _("Studies")


class Mentor(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        INACTIVE = "inactive", _("Inactive")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_profile"
    )
    program = models.ForeignKey(
        "students.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentors",
        verbose_name=_("program"),
    )
    unit = models.ForeignKey(
        "intlaffairs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    year_of_study = models.PositiveSmallIntegerField(_("year of study"))
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    capacity = models.PositiveSmallIntegerField(
        _("how many mentees"), default=2, help_text=_("From 1 to 5.")
    )
    availability = models.CharField(_("availability"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    bio = models.TextField(_("a few words about you"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    trained_on = models.DateField(_("training completed on"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moves = GenericRelation(StateChange)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["user__full_name", "pk"]

    def __str__(self) -> str:
        return str(self.user.display_name)

    def get_absolute_url(self) -> str:
        return reverse("mentoring:mentor_detail", args=[self.pk])

    @property
    def language_codes(self) -> set[str]:
        return {skill.language for skill in self.languages.all()}


class MentorLanguage(models.Model):
    class Level(models.TextChoices):
        NATIVE = "native", _("Native")
        FLUENT = "fluent", _("Fluent")
        GOOD = "good", _("Good")
        BASIC = "basic", _("Basic")

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["mentor", "language"], name="one_level_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_level_display()})"


class Mentee(models.Model):
    class Preference(models.TextChoices):
        NONE = "", _("No preference")
        FEMALE = "female", _("A woman")
        MALE = "male", _("A man")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentee_profile",
        verbose_name=_("portal account"),
    )
    application = models.OneToOneField(
        "students.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentee",
        verbose_name=_("application"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # What the mentee lets their mentor see; the office sees both whatever they chose.
    share_email = models.BooleanField(_("my mentor may see my e-mail"), default=True)
    share_phone = models.BooleanField(_("my mentor may see my phone"), default=False)
    program = models.ForeignKey(
        "students.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentees",
        verbose_name=_("program"),
    )
    unit = models.ForeignKey(
        "intlaffairs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    languages = models.JSONField(_("languages"), default=list)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    gender_preference = models.CharField(
        _("mentor preferred"), max_length=6, choices=Preference.choices, blank=True
    )
    arrival_date = models.DateField(_("arrival date"), null=True, blank=True)
    needs = models.JSONField(_("needs"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentoring:mentee_detail", args=[self.pk])

    def get_languages_display(self) -> list[str]:
        names = dict(Language.choices)
        return [str(names.get(code, code)) for code in self.languages]

    def get_needs_display(self) -> list[str]:
        names = dict(Need.choices)
        return [str(names.get(code, code)) for code in self.needs]

    @property
    def shared_email(self) -> str:
        """The e-mail the mentor may see ("" when the mentee keeps it to the office)."""
        return self.email if self.share_email else ""

    @property
    def shared_phone(self) -> str:
        """The phone the mentor may see ("" when the mentee keeps it to the office)."""
        return self.phone if self.share_phone else ""


class PairingQuerySet(models.QuerySet):
    def current(self) -> "PairingQuerySet":
        return self.exclude(status=Pairing.Status.ENDED)

    def visible_to(self, user) -> "PairingQuerySet":
        """Office staff see every pairing, a mentor and a mentee their own."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(mentor__user=user) | Q(mentee__user=user))


class Pairing(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="pairings")
    mentee = models.ForeignKey(
        Mentee, on_delete=models.PROTECT, related_name="pairings", verbose_name=_("mentee")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    score = models.IntegerField(_("score"), default=0)
    reasons = models.JSONField(default=list)  # why the score: ["same program", ...]
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=300, blank=True)
    moves = GenericRelation(StateChange)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-confirmed_at", "-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=~Q(status="ended"),
                name="one_current_pairing_per_mentee",
                violation_error_message=_("This mentee already has a mentor."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.mentee}"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:pairing_detail", args=[self.pk])

    @property
    def crosses_fields(self) -> bool:
        """The university pairs students of the same field: the same program, or failing a
        program on either side, the same school. Any other pair crosses fields, and the office
        confirms it only one by one, having read why (`cross_field_reason`)."""
        mentor, mentee = self.mentor, self.mentee
        if mentor.program_id is not None and mentor.program_id == mentee.program_id:
            return False
        return mentor.unit_id != mentee.unit_id

    @property
    def cross_field_reason(self) -> str:
        return _(
            "Different fields: the mentor and the mentee share neither a program nor a "
            "school. Confirm it only if no mentor of the same field can take this mentee."
        )


class Meeting(models.Model):
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("duration in minutes"))
    topics = models.TextField(_("topics"), max_length=2000)
    follow_up = models.TextField(_("follow-up"), blank=True, max_length=2000)
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.pairing} {self.date}"


class Issue(models.Model):
    class Category(models.TextChoices):
        HOUSING = "housing", _("Housing")
        REGISTRATION = "registration", _("Registration at the university")
        LANGUAGE = "language", _("Language")
        INSURANCE = "insurance", _("Health insurance")
        RESIDENCE = "residence", _("Residence permit")
        ACADEMIC = "academic", _("Studies")
        HEALTH = "health", _("Health")
        MONEY = "money", _("Money")
        OTHER = "other", _("Other")

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="issues")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="issues"
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    description = models.TextField(_("issue raised"), max_length=2000)
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("what the office did"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["resolved_at", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:50]}"


class Feedback(models.Model):
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.pairing}: {self.rating}"


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SurveyQuerySet":
        """A closing survey is its respondent's alone (the office reads the answers elsewhere)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(respondent=user)


class Survey(models.Model):
    """The short closing survey each side of an ended pairing is asked to fill in."""

    class Side(models.TextChoices):
        MENTOR = "mentor", _("Mentor")
        MENTEE = "mentee", _("Mentee")

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="surveys")
    side = models.CharField(max_length=6, choices=Side.choices)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(_("how useful was it"), null=True, blank=True)
    helped_with = models.TextField(_("what it helped with"), blank=True, max_length=2000)
    suggestion = models.TextField(_("what we should change"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pairing", "side"], name="one_survey_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.pairing} ({self.side})"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:survey", args=[self.pk])


class CheckInReminder(models.Model):
    """A check-in reminder sent to the mentor; one per pairing and last meeting (or start)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="reminders")
    since = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pairing", "since"], name="one_check_in_per_gap")
        ]

    def __str__(self) -> str:
        return f"{self.pairing_id} since {self.since}"
