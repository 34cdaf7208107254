from django.core.management.base import BaseCommand

from casebook.audit.checkpoints import checkpoint_path, write_checkpoint
from casebook.models import AuditEvent


class Command(BaseCommand):
    help = "Write a signed checkpoint of the audit log's head outside the database (run it periodically)."

    def handle(self, *args, **options):
        head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
        if head is None:
            self.stdout.write("The audit log is empty: no checkpoint written.")
            return
        checkpoint = write_checkpoint(sequence=head[0], head_hash=head[1])
        self.stdout.write(f"Checkpoint of entry #{checkpoint.sequence} written to {checkpoint_path()}.")
