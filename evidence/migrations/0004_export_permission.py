from django.db import migrations

from casebook.roles import grant_permissions

GRANTS = {
    "Documentation officer": ["export_evidence", "view_derivative"],
    "Advocacy officer": ["view_derivative"],
    "Administrator": ["export_evidence", "view_derivative"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "evidence", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0003_depth")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
