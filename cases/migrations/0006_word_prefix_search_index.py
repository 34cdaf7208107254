"""Search by word prefixes through a GIN index instead of trigrams (PostgreSQL).

A query word matches the start of a stored word (``cases.search``). The
trigram index answered that by intersecting the posting lists of every
trigram of the word, whose cost follows how common the word's letters are:
45 ms for one common Arabic word at a million cases. ``search_prefixes``
holds each stored word's prefixes (2 to 24 letters; those of personal data
marked with ``~``), so a query word is one exact lookup in a GIN index whose
cost follows the number of matching cases, with no recheck of the text.

The column is filled by ``Case.save()`` from now on; existing cases are
filled here, by SQL that repeats ``cases.search.word_prefixes``.

Long values (the prefixes, the narrative, the search columns) are moved out
of the table's rows (``toast_tuple_target``): the list reads a few short
columns of many rows, and rows of 2 KB made a filter that looks at ten
thousand cases read ten thousand pages.
"""

from django.db import migrations

import cases.search

PREFIXES = """
CREATE OR REPLACE FUNCTION pg_temp.casebook_word_prefixes(text, mark text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT mark || left(word, n)), '{}')
  FROM unnest(string_to_array(btrim($1), ' ')) AS word, generate_series(2, least(length(word), 24)) AS n
  WHERE word <> ''
$$
"""
FILL = """
UPDATE cases_case SET search_prefixes = ARRAY(
  SELECT DISTINCT prefix FROM unnest(
    pg_temp.casebook_word_prefixes(search_text, '') || pg_temp.casebook_word_prefixes(people_search_text, '~')
  ) AS prefix ORDER BY prefix
)
"""
SEARCH_INDEXES = ["CREATE INDEX IF NOT EXISTS case_search_prefix_idx ON cases_case USING gin (search_prefixes)"]
SEARCH_INDEX_NAMES = ["case_search_prefix_idx"]

TRIGRAM_INDEXES = [
    "CREATE INDEX IF NOT EXISTS case_search_trgm_idx ON cases_case USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS case_people_search_trgm_idx ON cases_case USING gin (people_search_text gin_trgm_ops)",
]


def to_prefixes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE cases_case SET (toast_tuple_target = 256)")
    schema_editor.execute(PREFIXES)
    schema_editor.execute(FILL)
    for statement in SEARCH_INDEXES:
        schema_editor.execute(statement)
    schema_editor.execute("DROP INDEX IF EXISTS case_search_trgm_idx")
    schema_editor.execute("DROP INDEX IF EXISTS case_people_search_trgm_idx")


def to_trigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in TRIGRAM_INDEXES:
        schema_editor.execute(statement)
    for name in SEARCH_INDEX_NAMES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("ALTER TABLE cases_case RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_remove_case_type_and_platform"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_prefixes",
            field=cases.search.WordPrefixesField(editable=False, null=True),
        ),
        migrations.RunPython(to_prefixes, to_trigrams),
    ]
