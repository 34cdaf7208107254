"""A new case that repeats a recorded one (same title, country and start date) is refused as its
likely duplicate, found through the title keys every service stores beside the case."""

import io
from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection

from cases import services as case_services
from cases.choices import DatePrecision
from cases.models import Case
from cases.search import title_key
from imports import plan, services
from tests.imports.conftest import sample_mapping
from tests.imports.files import csv_bytes, upload

pytestmark = pytest.mark.django_db


def preview(user, rows):
    run = services.import_upload(actor=user, uploaded=upload("log.csv", csv_bytes(rows)))
    return services.import_preview(actor=user, run=run, mapping=sample_mapping())


def duplicates(result) -> dict[int, str]:
    return {problem.row: problem.message for problem in result.problems if "duplicate" in problem.message}


def test_a_case_from_the_form_is_found_by_its_title_or_its_translation(officer):
    recorded = case_services.case_create(
        actor=officer,
        title="اعتقال المدوّنة ليلى",
        title_translation="Arrest of the blogger Leila",
        country="TN",
        start_date=date(2023, 11, 20),
        start_date_precision=DatePrecision.MONTH,
    )
    rows = [
        ["1", "اعتقال المدونة ليلى", "TN", "2023-11", "FB", "arrest", "", ""],  # without the shadda
        ["2", "ARREST of the blogger Leila!", "Tunisia", "2023-11", "FB", "arrest", "", ""],
        ["3", "Arrest of the blogger Leila", "TN", "2023-12", "FB", "arrest", "", ""],  # another month
        ["4", "Arrest of the blogger Leila", "EG", "2023-11", "FB", "arrest", "", ""],  # another country
        ["5", "Arrest of a blogger", "TN", "2023-11", "FB", "arrest", "", ""],  # other words
    ]

    found = duplicates(preview(officer, rows))

    assert sorted(found) == [2, 3]  # the first two rows; the header is row 1
    assert all(recorded.reference in message for message in found.values())


def test_a_case_the_importer_may_not_see_is_neither_named_nor_made_known(officer, other_officer):
    """A restricted case of another officer: the same title, date and country is not refused as
    its duplicate, and its reference appears nowhere in the preview."""
    hidden = case_services.case_create(
        actor=other_officer,
        title="Arrest of the source Karim",
        country="EG",
        start_date=date(2024, 3, 5),
        sensitivity="restricted",
    )
    rows = [["1", "Arrest of the source Karim", "EG", "2024-03-05", "FB", "arrest", "", ""]]

    result = preview(officer, rows)

    assert duplicates(result) == {}
    assert hidden.reference not in " ".join(problem.message for problem in result.problems)
    # Once assigned to it, the officer sees it, and the import says so.
    case_services.case_update(actor=other_officer, case=hidden, assigned_officers=[officer])
    assert hidden.reference in duplicates(preview(officer, rows))[2]


def test_a_changed_case_is_recognised_by_its_new_title_country_and_date_only(officer):
    case = case_services.case_create(actor=officer, title="Blocked site", country="EG", start_date=date(2024, 1, 1))
    case_services.case_update(actor=officer, case=case, title="Blocked news site")
    rows = [
        ["1", "Blocked site", "EG", "2024-01-01", "FB", "blocking", "", ""],
        ["2", "Blocked news site", "EG", "2024-01-01", "FB", "blocking", "", ""],
        ["3", "Blocked news site", "JO", "2024-02-01", "FB", "blocking", "", ""],
    ]
    assert sorted(duplicates(preview(officer, rows))) == [3]

    case_services.case_update(actor=officer, case=case, country="JO", start_date=date(2024, 2, 1))

    assert sorted(duplicates(preview(officer, rows))) == [4]


def test_a_title_of_many_cases_sharing_a_year_is_told_apart_by_its_key(officer):
    """Dates known only to their year are stored as 1 January: many recorded cases share the pair."""
    for number in range(30):
        case_services.case_create(
            actor=officer,
            title=f"Post {number} removed",
            country="JO",
            start_date=date(2022, 1, 1),
            start_date_precision=DatePrecision.YEAR,
        )
    rows = [
        ["1", "Post 7 removed", "Jordan", "2022", "FB", "removal", "", ""],
        ["2", "Post 70 removed", "Jordan", "2022", "FB", "removal", "", ""],
        # A recorded title, with another country or year of the same batch: not the same case.
        ["3", "Post 8 removed", "Egypt", "2022", "FB", "removal", "", ""],
        ["4", "Post 9 removed", "Jordan", "2023", "FB", "removal", "", ""],
    ]

    assert sorted(duplicates(preview(officer, rows))) == [2]


def test_the_migration_fills_the_keys_of_existing_cases_chunk_by_chunk(officer, monkeypatch):
    migration = import_module("cases.migrations.0011_title_keys")
    for number in range(5):
        case_services.case_create(
            actor=officer, title=f"Arrest {number}", title_translation=f"اعتقال {number}", country="EG"
        )
    case_services.case_create(actor=officer, title="Without a translation", country="EG")
    Case.objects.update(title_key="", title_translation_key="")  # as before the migration
    monkeypatch.setattr(migration, "CHUNK", 2)

    migration.fill_title_keys(apps, type("SchemaEditor", (), {"connection": connection})())

    for title, key in Case.objects.values_list("title", "title_key"):
        assert key == title_key(title, "EG", None) == ""  # no start date: never taken for another case
    dated = Case.objects.filter(title__startswith="Arrest")
    dated.update(start_date=date(2024, 1, 1), title_key="", title_translation_key="")
    migration.fill_title_keys(apps, type("SchemaEditor", (), {"connection": connection})())
    for title, translation, key, translation_key in dated.values_list(
        "title", "title_translation", "title_key", "title_translation_key"
    ):
        assert key == title_key(title, "EG", date(2024, 1, 1)) != ""
        assert translation_key == title_key(translation, "EG", date(2024, 1, 1)) != ""
    assert Case.objects.get(title="Without a translation").title_translation_key == ""


def test_refresh_search_repairs_keys_written_otherwise(officer):
    from django.core.management import call_command

    case = case_services.case_create(actor=officer, title="Blocked site", country="EG", start_date=date(2024, 1, 1))
    Case.objects.filter(pk=case.pk).update(title_key="stale")

    call_command("refresh_search", stdout=io.StringIO())

    case.refresh_from_db()
    assert case.title_key == title_key("Blocked site", "EG", date(2024, 1, 1))


def test_the_keys_are_one_width_whatever_the_title():
    day = date(2024, 1, 1)
    assert len(title_key("ﷺ" * 300, "EG", day)) == len(title_key("a", "EG", day)) == 64
    assert title_key("—?!", "EG", day) == title_key("", "EG", day) == title_key("a", "", day) == ""
    assert title_key("Arrest, arrest of a BLOGGER", "EG", day) == title_key("arrest of a blogger", "EG", day)
    assert title_key("arrest of a blogger", "EG", day) != title_key("arrest of a blogger", "TN", day)
    assert title_key("arrest of a blogger", "EG", day) != title_key("arrest of a blogger", "EG", date(2024, 2, 1))


def test_on_postgresql_the_check_reads_the_title_key_indexes_not_the_cases_of_a_shared_date(officer):
    if connection.vendor != "postgresql":
        pytest.skip("an EXPLAIN of PostgreSQL's plan")
    # Cases of one country whose dates are known only to their year, as a large import makes them.
    year = date(2022, 1, 1)
    Case.objects.bulk_create(
        Case(
            reference=f"DR-2022-{number:05d}",
            title=f"Post {number} removed",
            title_translation=f"حذف المنشور {number}" if number % 2 else "",
            title_key=title_key(f"Post {number} removed", "JO", year),
            title_translation_key=title_key(f"حذف المنشور {number}", "JO", year) if number % 2 else "",
            country="JO",
            start_date=year,
            start_date_precision=DatePrecision.YEAR,
            created_by=officer,
        )
        for number in range(5000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")
    # Keys of new titles, and two recorded ones (its title, another's translation).
    keys = {title_key(f"Post {number} removed", "JO", year) for number in range(20000, 20010)}
    keys |= {title_key("Post 8 removed", "JO", year), title_key("حذف المنشور 9", "JO", year)}

    explained = plan.recorded_titles(keys).explain()

    assert "case_title_key_idx" in explained and "case_translation_key_idx" in explained, explained
    assert "Seq Scan" not in explained and "case_start_idx" not in explained, explained
    assert list(plan.recorded_titles(keys).values_list("reference", flat=True)) == ["DR-2022-00008", "DR-2022-00009"]
