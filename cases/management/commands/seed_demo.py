"""Creates the demo users and cases on the first run; does nothing afterwards."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from casebook.roles import Role
from cases import services
from cases.demo import demo_load

DEMO_USERS = [
    ("officer", Role.OFFICER),
    ("partner", Role.PARTNER),
    ("advocacy", Role.ADVOCACY),
    ("admin", Role.ADMINISTRATOR),
]


class Command(BaseCommand):
    help = "Create one demo user per role and a dozen demo cases, once."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=DEMO_USERS[0][0]).exists():
            self.stdout.write("Demo data already present.")
            return
        credentials = []
        with transaction.atomic():
            users = {}
            for username, role in DEMO_USERS:
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(
                    username=username, password=password, is_staff=role == Role.ADMINISTRATOR
                )
                user.groups.add(Group.objects.get(name=role))
                users[username] = user
                credentials.append((username, role.label, password))
            officer = User.objects.get(pk=users["officer"].pk)  # fresh object: permissions not cached
            created = demo_load(officer=officer)
            services.case_share(actor=officer, case=created[1], partner=users["partner"])
            services.case_share(actor=officer, case=created[0], partner=users["partner"])
        self.stdout.write(self.style.SUCCESS(f"Created {len(created)} demo cases and these demo users:"))
        for username, role, password in credentials:
            self.stdout.write(f"  {username:<10} {role!s:<24} {password}")
        self.stdout.write("Write the passwords down: they are shown only this once ")
        self.stdout.write("(reset one with: .venv/bin/python manage.py changepassword USERNAME).")
        self.stdout.write(f"The legal partner sees only {created[0].reference} and {created[1].reference}.")
