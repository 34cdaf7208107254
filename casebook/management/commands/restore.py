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
        parser.add_argument(
            "--secret-key-file",
            help="a copy of the backed-up installation's data/secret_key, kept apart from the backup; it signs "
            "the audit checkpoints (embedded default)",
        )

    def handle(self, *args, source, sample, secret_key_file=None, **options):
        try:
            backup.restore(source, sample=sample, secret_key_file=secret_key_file, log=self.stdout.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("restore verified"))
