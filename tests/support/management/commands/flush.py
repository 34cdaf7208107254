"""flush for the test suite: lifts the audit table's append-only triggers while emptying it.

Transactional tests (live server, browser) end by flushing every table; the
triggers that refuse DELETE and TRUNCATE on the audit log would stop that.
This command exists only in the test settings.
"""

from django.core.management.commands import flush
from django.db import connections

from casebook.audit import triggers


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        triggers.remove(connection)
        try:
            return super().handle(**options)
        finally:
            triggers.install(connection)
