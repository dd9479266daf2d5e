"""The public site the office writes without a developer: its own pages (why study here, fees,
life in Kermanshah...), news and events, and the messages visitors send through the contact
form, each a thread the office answers (intlaffairs.threads)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intlaffairs.visibility import OfficeQuerySet, sees_everything


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Office staff see every page and post, drafts included; anyone else the published."""
        return self if sees_everything(user) else self.published()


class Page(models.Model):
    """A page of the public site the office writes: its title and Markdown body are typed in
    each language (translation.py); the public menu lists the published ones by `order`."""

    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the page's address: Latin letters, digits and hyphens."),
    )
    title = models.CharField(_("title"), max_length=200)  # translated
    body = models.TextField(
        _("text"),
        max_length=20000,
        blank=True,
        help_text=_(
            "Markdown: # for a heading, ** around bold words, - for a list item, "
            "[text](https://...) for a link. HTML is shown as typed, not run."
        ),
    )  # translated
    order = models.PositiveSmallIntegerField(_("order in the menu"), default=100)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("website:page", args=[self.slug])


class Post(models.Model):
    """A news item or an event of the public site; an event has its dates and place."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        EVENT = "event", _("Event")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.NEWS)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the page's address: Latin letters, digits and hyphens."),
    )
    title = models.CharField(_("title"), max_length=200)  # translated
    summary = models.CharField(_("summary"), max_length=400, blank=True)  # translated
    body = models.TextField(
        _("text"), max_length=20000, blank=True, help_text=Page._meta.get_field("body").help_text
    )  # translated
    published_on = models.DateField(_("publication date"), default=timezone.localdate)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)  # translated
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item or event")
        verbose_name_plural = _("news and events")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=False, ends_on__gte=models.F("starts_on")),
                name="post_ends_after_it_starts",
                violation_error_message=_("An event ends on or after the day it starts."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="event") | models.Q(starts_on__isnull=False),
                name="event_has_a_start",
                violation_error_message=_("An event needs the day it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("website:post", args=[self.slug])


class InquiryQuerySet(OfficeQuerySet):
    def visible_to(self, user):
        """The office reads every message sent through the contact form; a signed-in sender
        reads their own."""
        if sees_everything(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)


class Inquiry(models.Model):
    """A message a visitor sent through the contact form: the start of a thread the office
    answers (intlaffairs.threads). The sender may have no account: the office's replies reach
    them by e-mail, in the language they wrote in."""

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    subject = models.CharField(_("subject"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # Set when the sender was signed in: they read the office's answers on the portal too.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("thread", args=["website.inquiry", self.pk])

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES)[self.language]
