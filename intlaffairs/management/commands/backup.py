"""manage.py backup [DIR]: the database, the uploaded files and a manifest, in DIR/<time>/."""

from pathlib import Path

from django.core.management.base import BaseCommand

from intlaffairs.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files, with a manifest to check a restore."

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", default="backups")

    def handle(self, *args, target: str, **options):
        folder = backup(Path(target))
        self.stdout.write(str(folder))
