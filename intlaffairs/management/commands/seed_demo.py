"""Load the demo accounts and sample content. Never for production: it needs ALLOW_DEMO_DATA=1."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from intlaffairs import demo


class Command(BaseCommand):
    help = "Create the demo accounts and sample data (idempotent). Requires ALLOW_DEMO_DATA=1."

    def handle(self, *args, **options):
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "Refusing to load demo data: its accounts have a published password. "
                "Set ALLOW_DEMO_DATA=1 on a demo or development machine only."
            )
        autodiscover_modules("demo")
        with transaction.atomic():
            for label, seeder in demo.seeders():
                summary = seeder()
                self.stdout.write(f"{label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        for account in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<24} {account.role}")
        self.stdout.write(f"  password for all: {demo.DEMO_PASSWORD}")
        self.stdout.write(
            "  office staff (admin, manager, officer) set up an authenticator app at their "
            "first sign-in (README: Demo accounts)"
        )
