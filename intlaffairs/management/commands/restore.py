"""manage.py restore DIR: load a backup into an empty database and MEDIA_ROOT, and check it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intlaffairs.backup import RestoreError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database and check row counts and file checksums."

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, folder: str, **options):
        try:
            result = restore(Path(folder))
        except RestoreError as error:
            raise CommandError(f"The restored copy does not match its backup: {error}") from error
        self.stdout.write(
            f"Restored and checked: {result['tables']} tables, {result['rows']} rows, "
            f"{result['files']} files."
        )
