"""The titles' keys for the import's duplicate check (``cases.search.title_key``), and their indexes.

An import refuses a new case whose title, country and start date are those of a
recorded case. Dates known only to their year or month are stored as the first
day of the period, so one (country, date) pair can hold thousands of cases;
with a key of the title, country and date stored and indexed, the check is one
lookup of exact keys instead of reading and normalising every title of the pair.

Existing cases are filled in chunks, by primary key, with the same function the
services use, on SQLite and PostgreSQL alike; the indexes are built afterwards.
"""

from django.db import migrations, models

CHUNK = 2000


def fill_title_keys(apps, schema_editor):
    from cases.search import title_key

    Case = apps.get_model("cases", "Case")
    cases = Case.objects.using(schema_editor.connection.alias)
    last = 0
    while True:
        fields = ("pk", "title", "title_translation", "country", "start_date")
        chunk = list(cases.filter(pk__gt=last).order_by("pk").only(*fields)[:CHUNK])
        if not chunk:
            return
        for case in chunk:
            case.title_key = title_key(case.title, case.country.code, case.start_date)
            case.title_translation_key = title_key(case.title_translation, case.country.code, case.start_date)
        cases.bulk_update(chunk, ["title_key", "title_translation_key"])
        last = chunk[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_search_whole_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="title_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="case",
            name="title_translation_key",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.RunPython(fill_title_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["title_key"], name="case_title_key_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["title_translation_key"], name="case_translation_key_idx"),
        ),
    ]
