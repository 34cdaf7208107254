"""The squashed cases migration gives a fresh database what the eight migrations it replaces gave."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from cases.models import ActorType, Outcome, Platform, Profession, ViolationType

SQUASH = ("cases", "0001_squashed_0008_content_items_and_escalations")
REPLACED = [
    "0001_initial",
    "0002_role_permissions",
    "0003_record",
    "0004_taxonomies_and_moved_fields",
    "0005_remove_case_type_and_platform",
    "0006_word_prefix_search_index",
    "0007_person_spellings_consent_status",
    "0008_content_items_and_escalations",
]


def old(name):
    return import_module(f"cases.migrations.{name}")


def test_the_squash_replaces_exactly_the_first_eight_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    assert loader.replacements[SQUASH].replaces == [("cases", name) for name in REPLACED]
    # Later migrations, written against 0008, resolve to the squash.
    (leaf,) = loader.graph.leaf_nodes("cases")
    assert leaf != SQUASH and SQUASH in loader.graph.forwards_plan(leaf)


@pytest.mark.django_db
def test_a_fresh_database_grants_each_role_what_the_old_migrations_granted():
    expected: dict[str, set[str]] = {}
    for name in ("0002_role_permissions", "0004_taxonomies_and_moved_fields", "0008_content_items_and_escalations"):
        for role, codenames in old(name).GRANTS.items():
            expected.setdefault(role, set()).update(codenames)
    for role, codenames in expected.items():
        granted = set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__app_label="cases")
            .values_list("codename", flat=True)
        )
        assert granted == codenames, role


@pytest.mark.django_db
def test_a_fresh_database_has_the_vocabularies_in_both_languages():
    vocabulary = old("0004_taxonomies_and_moved_fields")
    for model, rows in (
        (ViolationType, vocabulary.VIOLATION_TYPES),
        (ActorType, vocabulary.ACTOR_TYPES),
        (Profession, vocabulary.PROFESSIONS),
        (Outcome, vocabulary.OUTCOMES),
    ):
        assert set(model.objects.values_list("code", "label_en", "label_ar")) == set(rows), model.__name__
    assert set(Platform.objects.values_list("code", "label_en", "label_ar", "response_days")) == set(
        vocabulary.PLATFORMS
    )


@pytest.mark.django_db
def test_a_fresh_postgresql_database_has_the_word_prefix_index():
    if connection.vendor != "postgresql":
        pytest.skip("the prefix index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'case_search_prefix_idx'")
        (definition,) = cursor.fetchone()
    assert "gin (search_prefixes)" in definition
