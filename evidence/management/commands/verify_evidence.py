"""Re-hash every stored original; exit non-zero if any is missing or altered.

Each check is recorded in the item's chain of custody (fixity checked or
fixity check failed). Run it on a schedule (cron, systemd timer, Celery beat).
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from evidence.fixity import fixity_check
from evidence.models import EvidenceItem


class Command(BaseCommand):
    help = "Re-hash every stored evidence original and report missing or altered files."

    def add_arguments(self, parser):
        parser.add_argument("--case", help="Only the evidence of this case reference.")
        parser.add_argument("--user", help="The user recorded as running the check (default: the system).")

    def handle(self, *args, case=None, user=None, **options):
        actor = None
        if user:
            try:
                actor = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {user!r}.") from None
        items = EvidenceItem.objects.exclude(sha256="").select_related("case").order_by("pk")
        if case:
            items = items.filter(case__reference=case)
        checked = 0
        problems = []
        for item in items.iterator(chunk_size=500):
            checked += 1
            if problem := fixity_check(item=item, actor=actor):
                problems.append(problem)
                self.stderr.write(f"{item.case.reference} item {item.pk} {item.file.name}: {problem.what}")
        self.stdout.write(f"{checked} originals checked, {len(problems)} problems.")
        if problems:
            raise CommandError(f"{len(problems)} evidence files failed their fixity check.", returncode=1)
