"""Write a case's evidence as a BagIt package into a new folder (for a court or a partner)."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.models import Case
from evidence.bags import BagRefused, bag_write


class Command(BaseCommand):
    help = "Export the evidence of one case as a BagIt package with a SHA-256 manifest."

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The case reference, e.g. DR-2026-0042.")
        parser.add_argument("folder", help="A folder that does not exist yet.")
        parser.add_argument("--user", required=True, help="Who exports (recorded in custody).")

    def handle(self, *args, reference, folder, user, **options):
        User = get_user_model()
        try:
            actor = User.objects.get_by_natural_key(user)
            case = Case.objects.get(reference=reference)
        except (User.DoesNotExist, Case.DoesNotExist) as error:
            raise CommandError(str(error)) from None
        if not actor.has_perm("evidence.export_evidence"):
            raise CommandError(f"{user} may not export evidence.")
        if os.path.exists(folder):
            raise CommandError(f"{folder} exists already; name a new folder.")
        os.makedirs(folder)
        try:
            bag = bag_write(actor=actor, case=case, folder=folder)
        except BagRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(f"Bag of {reference} written to {bag.path}")
