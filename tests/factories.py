"""factory-boy factories shared by the tests."""

import functools

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from intlaffairs.models import User
from intlaffairs.roles import STAFF_ROLES

PASSWORD = "correct-horse-battery-9"


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once for every user of the run: the production hasher takes a quarter of
    a second a hash, and signing in with PASSWORD still goes through it."""
    return make_password(PASSWORD)


def totp_code(secret: str) -> str:
    """The code an authenticator app holding `secret` shows now (allauth's own arithmetic)."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    full_name_native = factory.Faker("name", locale="fa_IR")
    preferred_language = "fa"
    password = factory.LazyFunction(password_hash)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """UserFactory(role=Role.OFFICER) puts the user in that role's group."""
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])
            if extracted == "administrator":
                self.is_staff = self.is_superuser = True
                self.save(update_fields=["is_staff", "is_superuser"])

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """allauth requires a confirmed address to sign in; tests get one unless they say no."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Office staff cannot use the portal without an authenticator app, so staff made here
        have one, with recovery codes, unless a test says totp=False. The secret is kept on
        `user.totp_secret` for tests that type a code (see `totp_code`)."""
        if not create or extracted is False:
            return
        staff = self.is_superuser or self.groups.filter(name__in=STAFF_ROLES).exists()
        if extracted is True or staff:
            self.totp_secret = generate_totp_secret()
            TOTP.activate(self, self.totp_secret)
            RecoveryCodes.activate(self)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Institution"

    name_fa = factory.Sequence(lambda n: f"دانشگاه شماره {n}")
    name_en = factory.Sequence(lambda n: f"University number {n}")
    name_ckb = factory.Sequence(lambda n: f"زانکۆی ژمارە {n}")
    country = "IQ"
    city = "Sulaymaniyah"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Agreement"
        skip_postgeneration_save = True

    title_fa = factory.Sequence(lambda n: f"تفاهم‌نامهٔ همکاری {n}")
    title_en = factory.Sequence(lambda n: f"Cooperation agreement {n}")
    title_ckb = factory.Sequence(lambda n: f"ڕێککەوتنی هاوکاری {n}")
    type = "mou"

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create:
            self.partners.set(extracted if extracted is not None else [InstitutionFactory()])
