from django.db import migrations

from casebook.roles import grant_permissions

GRANTS = {
    "Documentation officer": ["add_case", "change_case", "view_case", "share_case"],
    "Advocacy officer": ["view_case"],
    "Administrator": ["add_case", "change_case", "view_case", "share_case", "view_restricted_case"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "cases", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("casebook", "0001_roles"), ("cases", "0001_initial")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
