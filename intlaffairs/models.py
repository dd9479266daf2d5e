"""The user model of the portal: people log in with their e-mail address."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .roles import STAFF_ROLES, Role


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


class User(AbstractUser):
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

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

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
