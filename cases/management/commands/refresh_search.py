from django.core.management.base import BaseCommand

from cases.services.vocabulary import search_refresh_all


class Command(BaseCommand):
    help = (
        "Recompute the search columns and title keys of every case, archived ones too: after a change made "
        "outside Casebook's own pages (a database edit), so that cases are found by what they now hold."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="cases per transaction (default 500)")

    def handle(self, *args, batch_size, **options):
        count = search_refresh_all(batch_size=batch_size)
        self.stdout.write(self.style.SUCCESS(f"Search refreshed for {count} cases."))
