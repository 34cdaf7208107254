from django.db import migrations

from casebook.roles import grant_permissions

GRANTS = {
    "Documentation officer": ["add_report", "view_report"],
    "Advocacy officer": ["add_report", "view_report"],
    "Administrator": ["add_report", "view_report"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "reporting", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("casebook", "0001_roles"), ("reporting", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
