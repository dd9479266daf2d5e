"""Apply the retention policy for applicants' personal data (see the README)."""

from django.core.management.base import BaseCommand

from students import services


class Command(BaseCommand):
    help = "Delete stale drafts and anonymize old rejected or withdrawn applications."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run: bool = False, **options):
        counts = services.personal_data_expire(dry_run=dry_run)
        prefix = "would be " if dry_run else ""
        self.stdout.write(
            f"{counts['drafts_deleted']} drafts {prefix}deleted, "
            f"{counts['applications_anonymized']} applications {prefix}anonymized"
        )
