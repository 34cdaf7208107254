from django.core.management.base import BaseCommand, CommandError

from casebook import backup


class Command(BaseCommand):
    help = "Back up the database and every stored object into a new folder, with SHA-256 sums."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="a folder that does not exist yet, or is empty")

    def handle(self, *args, destination, **options):
        try:
            backup.backup(destination, log=self.stdout.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
