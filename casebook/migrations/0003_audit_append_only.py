from django.db import migrations

from casebook.audit import triggers
from casebook.roles import grant_permissions


def install_triggers(apps, schema_editor):
    triggers.install(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    triggers.remove(schema_editor.connection)


def grant(apps, schema_editor):
    grant_permissions(apps, "casebook", {"Administrator": ["view_auditevent"]})


class Migration(migrations.Migration):
    dependencies = [("casebook", "0002_audit_log")]

    operations = [
        migrations.RunPython(install_triggers, remove_triggers),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
