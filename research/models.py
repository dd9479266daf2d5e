"""International research cooperation (projects, outputs, grants) and the network of scientists
abroad and alumni. Personal data here is shown to office staff only and can be removed on request.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from agreements.models import Agreement, Institution
from intlaffairs.models import StateChange
from intlaffairs.normalize import Searchable, SearchTextField
from intlaffairs.translated import in_every_language
from intlaffairs.uploads import StoredPdf, UploadField, upload_path
from intlaffairs.visibility import OfficeQuerySet, sees_everything

CURRENCIES = [
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("IRR", _("Iranian rial (IRR)")),
    ("GBP", "GBP"),
    ("CNY", "CNY"),
    ("MYR", "MYR"),
    ("TRY", "TRY"),
    ("IQD", "IQD"),
]


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ProjectQuerySet":
        """Office staff see every project, a faculty member those they lead."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(investigators=user)


class Project(Searchable):
    class Kind(models.TextChoices):
        JOINT_PROJECT = "joint_project", _("Joint research project")
        JOINT_CENTER = "joint_center", _("Joint research center")
        KNOWLEDGE_COMPANY = "knowledge_company", _("Knowledge-based company")
        JOINT_JOURNAL = "joint_journal", _("Joint journal")
        JOINT_INVESTMENT = "joint_investment", _("Joint investment")
        GRANT = "grant", _("Grant")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        FUNDED = "funded", _("Funded")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=300)  # title_fa, title_en, title_ckb, title_ar
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    moves = GenericRelation(StateChange)
    partners = models.ManyToManyField(
        Institution, related_name="research_projects", verbose_name=_("partner institutions")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="research_projects",
        verbose_name=_("under the agreement"),
    )
    investigators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="research_projects",
        verbose_name=_("principal investigators"),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="EUR")
    created_at = models.DateTimeField(auto_now_add=True)

    # What the search box compares (intlaffairs/normalize.py), kept with the record.
    search_text = SearchTextField(sources=in_every_language("title"))
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("research:project_detail", args=[self.pk])


class Output(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("Joint publication")
        PATENT = "patent", _("Patent")
        PRODUCT = "product", _("Product")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^10\.\d{4,9}/\S+$", _("Enter a DOI such as 10.1000/xyz123."))],
    )

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class Grant(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        AWARDED = "awarded", _("Awarded")
        REJECTED = "rejected", _("Rejected")

    funder = models.CharField(_("funder"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("project"),
    )
    applied_on = models.DateField(_("applied on"))
    amount_requested = models.DecimalField(_("amount requested"), max_digits=16, decimal_places=2)
    amount_awarded = models.DecimalField(
        _("amount awarded"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="EUR")
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-applied_on"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="awarded") | models.Q(amount_awarded__isnull=False),
                name="awarded_grant_has_an_amount",
                violation_error_message=_("An awarded grant needs the amount awarded."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Scientist(Searchable):
    """A non-resident Iranian or foreign researcher who works with the university, or could."""

    class Link(models.TextChoices):
        ALUMNUS = "alumnus", _("Alumnus")
        COAUTHOR = "coauthor", _("Co-author")
        VISITING_LECTURER = "visiting_lecturer", _("Visiting lecturer")
        ADVISER = "adviser", _("Adviser")

    name_latin = models.CharField(_("name (Latin script)"), max_length=150)
    name_native = models.CharField(_("name (native script)"), max_length=150, blank=True)
    nonresident_iranian = models.BooleanField(_("non-resident Iranian"), default=False)
    country = CountryField(_("country"))
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    field = models.CharField(_("field"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    link = models.CharField(_("how they are linked"), max_length=20, choices=Link.choices)
    consent_to_contact = models.BooleanField(_("consents to be contacted"), default=False)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # What the search box compares (intlaffairs/normalize.py), kept with the record.
    search_text = SearchTextField(sources=("name_latin", "name_native", "institution", "field"))
    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("scientist")
        verbose_name_plural = _("scientists")
        ordering = ["name_latin"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_to_contact=False)
                | models.Q(consent_given_on__isnull=False),
                name="consent_has_a_date",
                violation_error_message=_("Enter the date the consent was given."),
            )
        ]

    def __str__(self) -> str:
        return self.name_latin

    def get_absolute_url(self) -> str:
        return reverse("research:scientist_detail", args=[self.pk])


class Engagement(models.Model):
    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Lecture given")
        VISIT = "visit", _("Visit")
        COSUPERVISION = "cosupervision", _("Co-supervision")
        JOINT_PAPER = "joint_paper", _("Joint paper")

    scientist = models.ForeignKey(Scientist, on_delete=models.CASCADE, related_name="engagements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class Alumnus(models.Model):
    """An international graduate of the university who agreed to stay in touch."""

    name_latin = models.CharField(_("name (Latin script)"), max_length=150)
    name_native = models.CharField(_("name (native script)"), max_length=150, blank=True)
    country = CountryField(_("country"))
    program = models.CharField(_("program"), max_length=200)
    graduated_in = models.PositiveSmallIntegerField(
        _("year of graduation"), help_text=_("Solar Hijri year, e.g. 1402.")
    )
    current_position = models.CharField(_("current position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    stays_in_touch = models.BooleanField(_("agreed to stay in touch"), default=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("alumnus")
        verbose_name_plural = _("alumni")
        ordering = ["name_latin"]

    def __str__(self) -> str:
        return self.name_latin


class Removal(models.Model):
    """That a person's data was removed on request: by whom, when, why. Holds no personal data."""

    kind = models.CharField(max_length=20)  # "scientist" or "alumnus"
    reference = models.CharField(max_length=40)  # e.g. "scientist #12"
    reason = models.CharField(_("reason"), max_length=300)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-removed_at"]

    def __str__(self) -> str:
        return self.reference


def document_path(instance: "ProjectDocument", filename: str) -> str:
    return upload_path(f"research/{instance.project_id}", filename)


class ProjectDocument(StoredPdf):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    file = UploadField(_("file"), upload_to=document_path)

    objects = OfficeQuerySet.as_manager()

    class Meta(StoredPdf.Meta):
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
