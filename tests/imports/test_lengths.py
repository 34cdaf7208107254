"""A cell longer than the field it fills can hold is refused in the preview, on its row and column;
the rest of the file is written (a longer value would otherwise fail its whole batch when written)."""

import pytest
from django.utils import translation

from cases.models import Case
from imports import services
from tests.imports.conftest import sample_mapping
from tests.imports.files import HEADER, csv_bytes, upload

pytestmark = pytest.mark.django_db

LONG_TITLE = "حذف منشور " + "ا" * 291  # 301 characters; a case's title holds 300


def row(number, title="Blocked site", **cells):
    return [str(number), title, "EG", "2024-01-01", "FB", "blocking", cells.get("name", ""), ""]


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", ("Too long", "301", "300")), ("ar", ("أطول من المسموح", "301", "300"))],
)
def test_a_title_too_long_for_a_case_is_refused_in_the_preview_on_its_row_and_column(officer, language, words):
    rows = [row(1, "Blocked site"), row(2, LONG_TITLE), row(3, "Blocked news site")]
    run = services.import_upload(actor=officer, uploaded=upload("long.csv", csv_bytes(rows)))

    with translation.override(language):
        preview = services.import_preview(actor=officer, run=run, mapping=sample_mapping())

    assert preview.counts == {"new": 2, "updated": 0, "unchanged": 0, "refused": 1}
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (3, "العنوان")
    assert all(word in problem.message for word in words), problem.message
    assert "required" not in problem.message and "مطلوب" not in problem.message


def test_the_import_writes_the_other_rows_and_reports_the_long_one(officer):
    rows = [row(1, "Blocked site"), row(2, LONG_TITLE), row(3, "Blocked news site")]
    run = services.import_upload(actor=officer, uploaded=upload("long.csv", csv_bytes(rows)))

    run = services.import_start(actor=officer, run=run, mapping=sample_mapping())

    assert (run.status, run.created, run.refused) == ("done", 2, 1)
    assert sorted(Case.objects.values_list("title", flat=True)) == ["Blocked news site", "Blocked site"]
    refused = run.refused_rows.get()
    assert refused.row == 3 and refused.cells[1] == LONG_TITLE
    assert refused.reason.startswith("العنوان: Too long: 301 characters")


def test_every_column_is_held_to_the_length_of_the_field_it_fills(officer):
    header = [*HEADER, "Place", "Tags"]
    mapping = sample_mapping(columns={**sample_mapping()["columns"], "8": "place", "9": "tags"})

    def cells(number, *, external_id=None, title="Blocked site", name="", place="Cairo", tags="Elections"):
        return [external_id or str(number), title, "EG", "2024-01-01", "FB", "blocking", name, "", place, tags]

    rows = [
        cells(1, external_id="x" * 201),
        cells(2, place="p" * 201),
        cells(3, tags="Elections; " + "t" * 81),
        cells(4, name="n" * 201),
        # Each at its field's limit.
        cells(5, external_id="x" * 200, title="T" * 300, name="n" * 200, place="p" * 200, tags="t" * 80),
    ]
    run = services.import_upload(actor=officer, uploaded=upload("long.csv", csv_bytes(rows, header=header)))

    preview = services.import_preview(actor=officer, run=run, mapping=mapping)

    found = {(problem.row, problem.column): problem.message for problem in preview.problems}
    assert found == {
        (2, "Row id"): "Too long: 201 characters, where at most 200 fit.",
        (3, "Place"): "Too long: 201 characters, where at most 200 fit.",
        (4, "Tags"): "Too long: 81 characters, where at most 80 fit.",
        (5, "Name"): "Too long: 201 characters, where at most 200 fit.",
    }
    run = services.import_start(actor=officer, run=run, mapping=mapping)
    assert (run.created, run.refused) == (1, 4)
    case = Case.objects.get()
    assert (len(case.title), len(case.place), case.tags.get().name) == (300, 200, "t" * 80)
    assert case.persons.get().name == "n" * 200
