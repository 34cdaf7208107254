"""The import's pages: upload, mapping with suggestions, preview, import, progress and the refused rows."""

import pytest
from django.urls import reverse

from cases.models import Case
from imports.models import ImportMapping, ImportRun
from tests.imports.files import HEADER, ROWS, csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def mapping_post(run_columns: dict, **extra) -> dict:
    data = {f"column_{index}": key for index, key in run_columns.items()}
    data.update(
        {"default_sensitivity": "sensitive", "default_verification_level": "unverified", "source": "takedown log"}
    )
    data.update(extra)
    return data


COLUMNS = {
    0: "external_id",
    1: "title",
    2: "country",
    3: "start_date",
    4: "platform",
    5: "violation_type",
    6: "person_name",
    7: "content_concerned",
}


def uploaded(client, content=None, name="log.csv"):
    response = client.post(reverse("imports:index"), {"file": upload(name, content or csv_bytes())})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportRun.objects.latest("created_at")


def test_upload_then_mapping_page_suggests_fields_from_arabic_and_english_headers(client, officer):
    client.force_login(officer)
    run = uploaded(client)

    page = client.get(reverse("imports:map", args=[run.pk])).content.decode()

    # "العنوان" → title, "تاريخ الاعتقال" → start date, "المنصة" → platform, "Row id" → external id.
    for index, key in {1: "title", 3: "start_date", 4: "platform", 0: "external_id", 2: "country"}.items():
        select = page.split(f'name="column_{index}"', 1)[1].split("</select>", 1)[0]
        assert f'value="{key}" selected' in select, (index, key)


def test_preview_in_arabic_lists_problems_by_row_and_column_and_writes_nothing(client, officer):
    client.force_login(officer)
    rows = [*ROWS, ["4", "حجب", "أطلانطس", "2024-02-30", "FB", "حظر", "", ""]]
    run = uploaded(client, csv_bytes(rows))
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})

    response = client.post(reverse("imports:map", args=[run.pk]), mapping_post(COLUMNS, action="preview"))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="ar"' in page and 'dir="rtl"' in page
    assert "أطلانطس" in page and "معاينة" in page
    assert "<td>5</td><td><bdi>Country</bdi></td>" in page
    assert 'class="count-new">3<' in page and 'class="count-refused">1<' in page
    assert Case.objects.count() == 0


def test_import_runs_and_reports_counts_and_the_refused_rows(client, officer):
    client.force_login(officer)
    rows = [*ROWS, ["4", '=HYPERLINK("http://evil.example")', "Atlantis", "2024-01-01", "FB", "blocking", "", ""]]
    run = uploaded(client, csv_bytes(rows))

    response = client.post(
        reverse("imports:map", args=[run.pk]), mapping_post(COLUMNS, action="import", save_as="Takedown log")
    )

    assert response.status_code == 302 and response["Location"] == reverse("imports:detail", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'class="count-new">3<' in page and 'class="count-refused">1<' in page
    assert Case.objects.count() == 3
    assert ImportMapping.objects.get(name="Takedown log").columns["العنوان"] == "title"
    report = client.get(reverse("imports:refused", args=[run.pk]))
    assert report["Content-Disposition"].startswith("attachment")
    assert report["X-Content-Type-Options"] == "nosniff"
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].endswith("Reason refused")
    assert "'=HYPERLINK" in text and "not a country" in text


def test_a_saved_mapping_is_applied_to_next_months_file(client, officer):
    client.force_login(officer)
    saved = ImportMapping.objects.create(
        name="Monthly", columns={"العنوان": "narrative", "Country": "country"}, created_by=officer
    )
    run = uploaded(client)

    page = client.get(reverse("imports:map", args=[run.pk]), {"saved": saved.pk}).content.decode()

    select = page.split('name="column_1"', 1)[1].split("</select>", 1)[0]
    assert 'value="narrative" selected' in select


def test_missing_defaults_are_asked_for_not_guessed(client, officer):
    client.force_login(officer)
    run = uploaded(client)
    data = mapping_post(COLUMNS, action="import")
    data.pop("default_sensitivity")

    response = client.post(reverse("imports:map", args=[run.pk]), data)

    assert response.status_code == 400
    assert "choose the value new cases take" in response.content.decode()
    assert Case.objects.count() == 0


def test_unknown_values_are_offered_for_mapping_and_creation_only_to_administrators(client, officer, administrator):
    rows = [["1", "Removed", "EG", "2024-01-01", "Clubhouse", "removal", "", ""]]
    for user, may_create in ((officer, False), (administrator, True)):
        client.force_login(user)
        run = uploaded(client, csv_bytes(rows))
        page = client.post(reverse("imports:map", args=[run.pk]), mapping_post(COLUMNS, action="preview")).content
        page = page.decode()
        assert 'name="raw_platform_0" value="Clubhouse"' in page
        assert ('name="create_platform_0"' in page) is may_create


def test_choosing_another_sheet(client, officer):
    client.force_login(officer)
    run = uploaded(client, xlsx_bytes({"Notes": [["note"]], "Log": [HEADER, *ROWS]}), name="log.xlsx")

    client.post(reverse("imports:map", args=[run.pk]), {"action": "reread", "sheet": "Log"})

    run.refresh_from_db()
    assert run.sheet == "Log"
    assert "العنوان" in client.get(reverse("imports:map", args=[run.pk])).content.decode()


def test_a_refused_upload_says_why_and_keeps_nothing(client, officer):
    client.force_login(officer)
    response = client.post(reverse("imports:index"), {"file": upload("evil.csv", b"<html><script>x</script></html>")})
    assert response.status_code == 400
    assert "refused" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_running_import_shows_its_progress_and_reloads(client, officer):
    client.force_login(officer)
    run = ImportRun.objects.create(
        file_name="log.csv",
        sha256="0" * 64,
        file_format="csv",
        status="running",
        requested_by=officer,
        groups_total=200,
        groups_done=50,
    )
    response = client.get(reverse("imports:detail", args=[run.pk]))
    assert response["Refresh"] == "2"
    assert '<progress id="progress" max="100" value="25">' in response.content.decode()


def test_another_users_import_is_missing(client, officer, other_officer):
    run = ImportRun.objects.create(file_name="log.csv", sha256="0" * 64, file_format="csv", requested_by=officer)
    client.force_login(other_officer)
    for name in ("imports:detail", "imports:map", "imports:refused"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 404


def test_readers_may_not_import(client, advocacy, partner):
    for user in (advocacy, partner):
        client.force_login(user)
        assert client.get(reverse("imports:index")).status_code == 403
        assert client.post(reverse("imports:index"), {"file": upload("log.csv", csv_bytes())}).status_code == 403


def test_wrong_methods(client, officer):
    client.force_login(officer)
    run = ImportRun.objects.create(file_name="log.csv", sha256="0" * 64, file_format="csv", requested_by=officer)
    assert client.post(reverse("imports:detail", args=[run.pk])).status_code == 405
    assert client.put(reverse("imports:index")).status_code == 405
