"""The case list's CSV imports back without loss: dates with precision, both languages, taxonomy, persons."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from cases.choices import DatePrecision
from cases.models import Case, Platform, Tag, ViolationType
from cases.services import case_refresh_search
from imports import services
from imports.models import ImportRun
from tests.factories import CaseFactory, PersonFactory
from tests.imports.files import upload

pytestmark = pytest.mark.django_db


def recorded_cases(officer):
    removal, arrest = ViolationType.objects.get(code="content_removal"), ViolationType.objects.get(code="arrest")
    facebook = Platform.objects.get(code="facebook")
    first = CaseFactory(
        created_by=officer,
        title="حذف منشورات المدوّن",
        title_translation="Blogger's posts removed",
        language="ar",
        country="EG",
        start_date=date(2024, 3, 1),
        start_date_precision=DatePrecision.MONTH,
        sensitivity="sensitive",
    )
    first.tags.add(Tag.objects.create(name="انتخابات 2024"))
    PersonFactory(case=first, name="سمير الحداد", name_latin="Samir al-Haddad")
    first.violations.create(violation_type=removal, platform=facebook)
    first.violations.create(violation_type=arrest)
    second = CaseFactory(
        created_by=officer,
        title="Website blocked",
        language="en",
        country="TN",
        start_date=date(2019, 1, 1),
        start_date_precision=DatePrecision.YEAR,
        sensitivity="normal",
    )
    return [first, second]


def export(client, language: str) -> bytes:
    with translation.override(language):
        client.post(reverse("set_language"), {"language": language, "next": "/"})
        response = client.get(reverse("cases:export"))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def rows_of(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def mapping_for(run, officer, *, with_reference: bool) -> dict:
    header, sample = services.run_sample(run)
    columns = services.suggest_mapping(header, sample)
    if not with_reference:
        columns = {index: key for index, key in columns.items() if key != "reference"}
    # The list does not carry the verification level: the import asks for it (the factory made them unverified).
    return {"columns": columns, "defaults": {"verification_level": "unverified"}}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_exported_list_imports_back_unchanged(client, officer, language):
    recorded_cases(officer)
    client.force_login(officer)
    content = export(client, language)

    run = services.import_upload(actor=officer, uploaded=upload("cases.csv", content))
    mapping = mapping_for(run, officer, with_reference=True)
    assert set(mapping["columns"].values()) >= {
        "reference",
        "title",
        "title_translation",
        "language",
        "country",
        "start_date",
        "start_date_precision",
        "status",
        "sensitivity",
        "violation_type",
        "platform",
        "tags",
        "person_name",
    }
    with translation.override(language):
        run = services.import_start(actor=officer, run=run, mapping=mapping)

    assert (run.status, run.unchanged, run.updated, run.created, run.refused) == (ImportRun.Status.DONE, 2, 0, 0, 0)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_exported_list_makes_the_same_cases_again(client, officer, language):
    originals = recorded_cases(officer)
    client.force_login(officer)
    before = rows_of(export(client, language))
    # Out of the way of the duplicate check: the cases are made anew from the file.
    Case.objects.filter(pk__in=[case.pk for case in originals]).update(country="FR")
    for case in Case.objects.filter(pk__in=[case.pk for case in originals]):
        case_refresh_search(case=case)  # the keys the check compares hold the country

    run = services.import_upload(actor=officer, uploaded=upload("cases.csv", export_bytes(before)))
    with translation.override(language):
        run = services.import_start(actor=officer, run=run, mapping=mapping_for(run, officer, with_reference=False))
    assert run.created == 2

    after = rows_of(export(client, language))
    made = {row[1]: row for row in after if row[4] != "FR"}
    for row in before[1:]:
        again = made[row[1]]
        # Everything but the reference and the creation time comes back the same.
        assert again[1:-2] == row[1:-2], (again, row)
        assert again[-1] == row[-1]  # persons


def export_bytes(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")
