"""Make the thumbnails and previews that are missing (after a failure, or for older items)."""

from django.core.management.base import BaseCommand

from evidence.derivatives import derivatives_make
from evidence.models import EvidenceItem


class Command(BaseCommand):
    help = "Make missing thumbnails and previews of evidence originals."

    def handle(self, *args, **options):
        made = 0
        for item in EvidenceItem.objects.exclude(sha256="").order_by("pk").iterator():
            made += bool(derivatives_make(item=item))
        self.stdout.write(f"{made} items have working copies.")
