from django.core.management.base import BaseCommand, CommandError

from casebook.audit.verify import verify_audit_log


class Command(BaseCommand):
    help = "Walk the audit log's hash chain and the signed checkpoints; report the first broken link."

    def handle(self, *args, **options):
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
