"""factory-boy factories shared by the tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from intlaffairs.models import User

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    full_name_native = factory.Faker("name", locale="fa_IR")
    preferred_language = "fa"
    password = factory.django.Password(PASSWORD)

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
