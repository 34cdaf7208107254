from django.db import migrations

from casebook.audit import triggers
from casebook.roles import grant_permissions


def install_triggers(apps, schema_editor):
    triggers.install(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    triggers.remove(schema_editor.connection)


def grant(apps, schema_editor):
    """Administrators read the audit log, manage accounts and roles, and reset a lost authenticator."""
    grant_permissions(apps, "casebook", {"Administrator": ["view_auditevent"]})
    grant_permissions(apps, "auth", {"Administrator": ["view_user", "add_user", "change_user", "view_group"]})
    grant_permissions(apps, "otp_totp", {"Administrator": ["view_totpdevice", "delete_totpdevice"]})
    grant_permissions(apps, "otp_static", {"Administrator": ["view_staticdevice", "delete_staticdevice"]})


class Migration(migrations.Migration):
    dependencies = [
        ("casebook", "0002_audit_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("otp_totp", "0002_auto_20190420_0723"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [
        migrations.RunPython(install_triggers, remove_triggers),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
