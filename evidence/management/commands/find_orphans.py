"""Find what a crash could leave behind: files without a record, records without a file.

Reports both and exits non-zero when any is found. ``--delete`` removes the
unreferenced files (older than the grace period, so that an upload between
its write and its commit is left alone); records are never deleted: a record
whose file is missing is a matter for a person, with the backups.
"""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from evidence.fixity import find_orphans


class Command(BaseCommand):
    help = "Report stored evidence files without a record and records without their file."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove the files no record refers to.")
        parser.add_argument(
            "--grace-seconds",
            type=int,
            default=settings.EVIDENCE_ORPHAN_GRACE_SECONDS,
            help="Ignore unreferenced files younger than this (uploads in progress).",
        )

    def handle(self, *args, delete=False, grace_seconds=0, **options):
        unreferenced, missing = find_orphans(grace_seconds=grace_seconds)
        for name in unreferenced:
            self.stdout.write(f"file without a record: {name}")
            if delete:
                default_storage.delete(name)
                self.stdout.write(f"  removed {name}")
        for problem in missing:
            owner = f"item {problem.item.pk} of {problem.item.case.reference}" if problem.item else "working copy"
            self.stdout.write(f"record without its file: {owner}: {problem.name} ({problem.what})")
        self.stdout.write(f"{len(unreferenced)} files without a record, {len(missing)} records without their file.")
        if missing or (unreferenced and not delete):
            raise CommandError("Storage and records disagree; see above.", returncode=1)
