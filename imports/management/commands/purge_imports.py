"""Delete what imports keep only for a while: refused rows past their days, uploads never imported."""

from django.core.management.base import BaseCommand

from imports.services.retention import imports_purge


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        done = imports_purge()
        self.stdout.write(
            f"Refused rows deleted from {done['refused']} import(s); "
            f"{done['uploads']} upload(s) never imported deleted."
        )
