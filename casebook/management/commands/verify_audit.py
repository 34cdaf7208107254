from django.core.management.base import BaseCommand, CommandError

from casebook.audit.checkpoints import write_checkpoint
from casebook.audit.verify import verify_audit_log


class Command(BaseCommand):
    help = (
        "Walk the audit log's hash chain, the signed checkpoints and the append-only triggers; report the "
        "first broken link. When all hold, sign a checkpoint of the head."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-checkpoint", action="store_true", help="only check; do not sign a checkpoint of the head"
        )

    def handle(self, *args, no_checkpoint=False, **options):
        result = verify_audit_log()
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(f"The audit log is NOT intact ({result.count} entries checked before the break).")
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit log is intact: {result.count} entries, head #{result.head_sequence} {result.head_hash}."
            )
        )
        self.stdout.write(
            f"{result.unprotected} entries after the last signed checkpoint (#{result.latest_checkpoint}) "
            "were not protected by one: they could have been cut from the end unseen."
        )
        if not no_checkpoint and result.head_sequence:
            write_checkpoint(sequence=result.head_sequence, head_hash=result.head_hash)
            self.stdout.write(f"Checkpoint of entry #{result.head_sequence} signed: none is unprotected now.")
