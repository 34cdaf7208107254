from django.db import migrations

from casebook.roles import grant_permissions

GRANTS = {
    "Documentation officer": ["add_evidenceitem", "view_evidenceitem", "view_custodyevent"],
    "Advocacy officer": ["view_evidenceitem", "view_custodyevent"],
    "Administrator": ["add_evidenceitem", "view_evidenceitem", "view_custodyevent"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "evidence", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("casebook", "0001_roles"), ("evidence", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
