"""Whole words in the search index (PostgreSQL), so that a search is answered by the index alone.

``search_prefixes`` held each stored word's prefixes; whether a word was a whole
stored word (a stem, ``=arrest``) was then decided by reading the row's long
search columns, for every case the index had found. It now also holds every
word whole, marked with ``|`` (``cases.search.word_prefixes``). Existing cases
are filled here by SQL that repeats that function.
"""

from django.db import migrations

WHOLE_WORDS = """
CREATE OR REPLACE FUNCTION pg_temp.casebook_whole_words(text, mark text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT mark || word || '|'), '{}')
  FROM unnest(string_to_array(btrim($1), ' ')) AS word
  WHERE word <> ''
$$
"""
FILL = """
UPDATE cases_case SET search_prefixes = ARRAY(
  SELECT DISTINCT entry FROM unnest(
    coalesce(search_prefixes, '{}')
    || pg_temp.casebook_whole_words(search_text, '')
    || pg_temp.casebook_whole_words(people_search_text, '~')
  ) AS entry ORDER BY entry
)
"""


def add_whole_words(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(WHOLE_WORDS)
    schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_status_source_import"),
    ]

    operations = [
        migrations.RunPython(add_whole_words, migrations.RunPython.noop, elidable=True),
    ]
