from django.db import migrations

from casebook.roles import grant_permissions

# Exporting a submission records it as a draft intervention on each case; the
# advocacy officers who compose submissions must be able to record them.
GRANTS = {"Advocacy officer": ["add_intervention", "change_intervention"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "cases", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("casebook", "0001_roles"), ("cases", "0004_taxonomies_and_moved_fields"), ("reporting", "0003_report_documents")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
