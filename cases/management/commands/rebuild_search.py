"""Recompute every case's search columns with the current normalisation and stemming.

Run once after an upgrade that changes how the search columns are written
(the release notes say so); cases are otherwise kept up to date on every write.
"""

from django.core.management.base import BaseCommand

from cases.models import Case
from cases.services import case_refresh_search


class Command(BaseCommand):
    help = "Recompute the search columns of every case (archived ones included)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500, help="cases read at a time")

    def handle(self, *args, batch: int, **options):
        done = 0
        last = 0
        while True:
            cases = list(Case.objects.filter(pk__gt=last).order_by("pk")[:batch])
            if not cases:
                break
            for case in cases:
                case_refresh_search(case=case)
            done += len(cases)
            last = cases[-1].pk
            self.stdout.write(f"{done} cases")
        self.stdout.write(self.style.SUCCESS(f"Search columns rebuilt for {done} cases."))
