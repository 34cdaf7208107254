from django.core.management.base import BaseCommand, CommandError

from casebook import backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder into an empty database and store, then verify it: checksums, "
        "row counts, the audit chain (verify_audit, where present) and a re-hash of stored files."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a folder written by the backup command")
        parser.add_argument(
            "--sample", type=int, default=20, help="files of each kind to re-hash after the restore (default 20)"
        )

    def handle(self, *args, source, sample, **options):
        try:
            backup.restore(source, sample=sample, log=self.stdout.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("restore verified"))
