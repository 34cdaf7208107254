from django.db import migrations

from casebook.roles import grant_permissions

# Documentation officers and administrators import; the other roles do not.
GRANTS = {
    "Documentation officer": ["add_importrun", "view_importrun", "add_importmapping", "view_importmapping"],
    "Administrator": ["add_importrun", "view_importrun", "add_importmapping", "view_importmapping"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "imports", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("casebook", "0001_roles"), ("imports", "0001_import_runs_and_mappings")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
