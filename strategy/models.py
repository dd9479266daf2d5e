"""The internationalization plan, kept alive: goals, indicators (live or entered), targets,
actions and PDCA reviews; and around it, education centers abroad, outreach materials,
the web-presence checklist and good practices of other universities."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intlaffairs.models import StateChange
from intlaffairs.pdca import PdcaReview
from intlaffairs.uploads import UploadField, upload_path
from intlaffairs.visibility import OfficeQuerySet


def plan_path(instance: "Plan", filename: str) -> str:
    return upload_path("plans", filename)


class Plan(models.Model):
    """One version of the university's internationalization document."""

    title = models.CharField(_("title"), max_length=250)  # translated
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    first_year = models.PositiveSmallIntegerField(_("from (Solar Hijri year)"))
    last_year = models.PositiveSmallIntegerField(_("to (Solar Hijri year)"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    file = UploadField(_("the document (PDF)"), upload_to=plan_path, blank=True)
    is_current = models.BooleanField(_("in force"), default=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-is_current", "-version"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:register", args=["plans"])

    @property
    def file_url(self) -> str:
        """Where the document is downloaded, through a view that checks access ("" if none)."""
        return reverse("strategy:plan_file", args=[self.pk]) if self.pk and self.file else ""

    @property
    def download_name(self) -> str:
        """The document's name when downloaded (without the extension): version and years."""
        return f"internationalization-plan-v{self.version}-{self.first_year}-{self.last_year}"

    @classmethod
    def current(cls) -> "Plan | None":
        return cls.objects.filter(is_current=True).order_by("-version").first()


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("goal"), max_length=500)  # translated

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_goal_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:goal_detail", args=[self.pk])


class Indicator(models.Model):
    """A measure of a goal: computed live from the portal (`source`) or entered by hand."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=250)  # translated
    source = models.CharField(
        _("computed from"),
        max_length=40,
        blank=True,
        help_text=_("Empty: the value is entered by hand each year."),
    )
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    higher_is_better = models.BooleanField(
        _("higher is better"),
        default=True,
        help_text=_("Untick for a rank, where lower is better."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["goal__number", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_computed(self) -> bool:
        return bool(self.source)


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("academic year"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class ManualValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("academic year"))
    value = models.DecimalField(_("actual value"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_value_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    moves = GenericRelation(StateChange)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:goal_detail", args=[self.goal_id])

    @property
    def is_overdue(self) -> bool:
        open_ = self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)
        return open_ and self.due_on < timezone.localdate()


class Review(PdcaReview):
    """A PDCA review of a goal for an academic year."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("academic year"))

    def __str__(self) -> str:
        return f"{self.goal.number} {self.get_phase_display()} {self.year}"


# --- Around the plan


class Center(models.Model):
    """An education center of the university abroad."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        INAUGURATED = "inaugurated", _("Inaugurated")

    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120)
    partner = models.ForeignKey(
        "agreements.Institution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner institution"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_on = models.DateField(_("proposed on"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    inaugurated_on = models.DateField(_("inaugurated on"), null=True, blank=True)
    moves = GenericRelation(StateChange)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("education center abroad")
        verbose_name_plural = _("education centers abroad")
        ordering = ["status", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:register", args=["centers"])


class Material(models.Model):
    class Kind(models.TextChoices):
        CLIP = "clip", _("Introduction clip")
        BROCHURE = "brochure", _("Brochure")
        FACTBOOK = "factbook", _("Factbook")
        BANNER = "banner", _("Banner")
        STAND = "stand", _("Stand")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PRODUCTION = "in_production", _("In production")
        READY = "ready", _("Ready")
        RETIRED = "retired", _("Retired")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    languages = models.CharField(
        _("languages available"), max_length=100, help_text=_("For example: fa, en, ckb, ar")
    )
    link = models.URLField(_("file or link"), blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.PLANNED
    )
    moves = GenericRelation(StateChange)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach material")
        verbose_name_plural = _("outreach materials")
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategy:register", args=["materials"])


class WebCheck(models.Model):
    """One item of the web-presence checklist after webometric criteria. How far it is along
    is an assessment, set with its note and free to go either way: an attribute, not a
    workflow (see workflows.py)."""

    class Progress(models.TextChoices):
        TODO = "todo", _("To do")
        PARTIAL = "partial", _("Partly done")
        DONE = "done", _("Done")

    item = models.CharField(_("criterion"), max_length=250)
    progress = models.CharField(
        _("status"), max_length=8, choices=Progress.choices, default=Progress.TODO
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("web-presence item")
        verbose_name_plural = _("web-presence checklist")
        ordering = ["progress", "item"]

    def __str__(self) -> str:
        return self.item

    def get_absolute_url(self) -> str:
        return reverse("strategy:register", args=["web"])


class Practice(models.Model):
    """A good practice learned from another university."""

    source = models.CharField(_("from"), max_length=200)
    lesson = models.TextField(_("lesson"), max_length=4000)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("goal"),
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["source", "pk"]

    def __str__(self) -> str:
        return self.source

    def get_absolute_url(self) -> str:
        return reverse("strategy:register", args=["practices"])
